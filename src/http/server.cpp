// listen → connection → dispatch: the life of a connection reads top to bottom in connection().
#include "http/server.hpp"

#include <boost/url/parse.hpp>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>
#include <set>
#include <thread>

#include "http/dispatch.hpp"
#include "http/pch.hpp"

namespace kenshu::http {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using net::awaitable;
constexpr auto as_tuple = net::experimental::as_tuple(net::use_awaitable);

// What shutdown needs to know of each connection: its executor, its stream, and whether it waits for a request.
// The executor is its I/O thread's context: run by that thread alone, it orders the connection's handlers without a
// strand (a strand's wrapping and reference counts were a few percent of bench program).
struct Connection {
  net::io_context::executor_type executor;
  beast::tcp_stream* stream = nullptr;
  bool idle = true;
};

struct Server::Impl {
  ServerOptions options;
  Dispatcher dispatcher;
  // One io_context per I/O thread, each run by that thread alone: a connection stays on one thread, so its
  // handlers never wake another (with one shared context, thread hand-offs were a sixth of bench program's time).
  // `ioc` also accepts, takes the signals and drains; the others keep running while `io_guards` hold them.
  net::io_context ioc;
  std::vector<std::unique_ptr<net::io_context>> io_others;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> io_guards;
  std::size_t next_io = 0;
  net::thread_pool workers;
  tcp::acceptor acceptor{ioc};
  // Registered when the server is made, before "listening on" is printed: a SIGTERM that comes at once is queued
  // for run() instead of killing the process with the default action.
  net::signal_set signals{ioc, SIGINT, SIGTERM};
  std::atomic<bool> stopping{false};
  std::atomic<int> open_connections{0};
  std::mutex connections_mutex;
  std::set<std::shared_ptr<Connection>> connections;

  Impl(ServerOptions o, api::Router& router)
      : options(std::move(o)),
        dispatcher(router, options),
        ioc(1),
        workers(static_cast<std::size_t>(options.workers)) {
    for (int i = 1; i < options.io_threads; ++i) {
      io_others.push_back(std::make_unique<net::io_context>(1));
      io_guards.push_back(net::make_work_guard(*io_others.back()));
    }
  }

  // The context of the next connection, in turn.
  net::io_context& next_context() {
    const std::size_t i = next_io++ % (io_others.size() + 1);
    return i == 0 ? ioc : *io_others[i - 1];
  }

  awaitable<void> accept_loop();
  awaitable<void> connection(tcp::socket socket, std::shared_ptr<Connection> conn);
  awaitable<void> drain();
  void begin_shutdown();
};

namespace {

template <class Body>
awaitable<bool> write(beast::tcp_stream& stream, bhttp::response<Body>& res, int timeout_s) {
  stream.expires_after(std::chrono::seconds(timeout_s));
  auto [ec, n] = co_await bhttp::async_write(stream, res, as_tuple);
  co_return !ec;
}

// A request that cannot be parsed still gets an answer with a code before the connection closes.
awaitable<void> reject(beast::tcp_stream& stream, Dispatcher& d, const char* code, int timeout_s) {
  auto res = d.error(code);
  res.keep_alive(false);
  co_await write(stream, res, timeout_s);
}

}  // namespace

awaitable<void> Server::Impl::connection(tcp::socket socket, std::shared_ptr<Connection> conn) {
  beast::tcp_stream stream(std::move(socket));
  conn->stream = &stream;
  const std::string remote = [&] {
    beast::error_code ec;
    auto ep = stream.socket().remote_endpoint(ec);
    return ec ? std::string("?") : ep.address().to_string();
  }();
  beast::flat_buffer buffer;
  bool first = true;
  while (!stopping) {
    bhttp::request_parser<bhttp::string_body> parser;  // a fresh parser per message
    parser.header_limit(static_cast<std::uint32_t>(options.header_limit_bytes));
    // No limit while the header is read: the route's own limit is checked against Content-Length below (Beast's
    // default of 1 MiB would refuse a lecture file before its route is known).
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    stream.expires_after(std::chrono::seconds(first ? options.read_timeout_s : options.idle_timeout_s));
    conn->idle = true;
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, as_tuple);
    conn->idle = false;
    if (ec == bhttp::error::header_limit) {
      co_await reject(stream, dispatcher, "request.header_too_large", options.read_timeout_s);
      break;
    }
    if (ec == bhttp::error::body_limit) {  // a Content-Length over the parser's default limit
      co_await reject(stream, dispatcher, "request.too_large", options.read_timeout_s);
      break;
    }
    if (ec) {
      if (ec != bhttp::error::end_of_stream && ec != net::error::operation_aborted && ec != beast::error::timeout &&
          ec != net::error::eof && ec != net::error::connection_reset && buffer.size() > 0)
        co_await reject(stream, dispatcher, "request.malformed", options.read_timeout_s);
      break;
    }
    first = false;
    const std::string target(parser.get().target());
    const std::string method(parser.get().method_string());
    const std::size_t body_limit = dispatcher.body_limit(method, target);
    // Beast checks a Content-Length against the limit only while it parses the header, i.e. against the default
    // limit: the route's own limit must be checked here, and set for chunked bodies.
    if (const auto length = parser.content_length(); length && *length > body_limit) {
      co_await reject(stream, dispatcher, "request.too_large", options.read_timeout_s);
      break;
    }
    parser.body_limit(body_limit);
    stream.expires_after(std::chrono::seconds(options.read_timeout_s));  // the body must arrive in time too
    auto [ec2, n2] = co_await bhttp::async_read(stream, buffer, parser, as_tuple);
    if (ec2 == bhttp::error::body_limit) {
      co_await reject(stream, dispatcher, "request.too_large", options.read_timeout_s);
      break;
    }
    if (ec2) {
      if (ec2 != beast::error::timeout && ec2 != net::error::eof && ec2 != bhttp::error::end_of_stream)
        co_await reject(stream, dispatcher, "request.malformed", options.read_timeout_s);
      break;
    }
    auto req = parser.release();
    auto res = co_await dispatcher.handle(std::move(req), remote, workers);
    res.keep_alive(res.keep_alive() && !stopping);
    const bool keep = res.keep_alive();
    if (!co_await write(stream, res, options.read_timeout_s) || !keep) break;
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  conn->stream = nullptr;
}

awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    auto executor = next_context().get_executor();
    auto [ec, socket] = co_await acceptor.async_accept(executor, as_tuple);
    if (ec) {
      if (stopping || ec == net::error::operation_aborted) co_return;
      spdlog::warn("accept: {}", ec.message());
      continue;
    }
    if (open_connections.load() >= options.max_connections) {
      beast::error_code ignored;
      socket.close(ignored);  // over the limit: refuse rather than queue without bound
      continue;
    }
    auto conn = std::make_shared<Connection>(Connection{executor});
    {
      std::lock_guard lock(connections_mutex);
      connections.insert(conn);
    }
    ++open_connections;
    net::co_spawn(conn->executor, connection(std::move(socket), conn), [this, conn](std::exception_ptr e) {
      if (e) {
        try {
          std::rethrow_exception(e);
        } catch (const std::exception& ex) {
          spdlog::error("connection ended by exception: {}", ex.what());
        }
      }
      std::lock_guard lock(connections_mutex);
      connections.erase(conn);
      --open_connections;
    });
  }
}

// Stop accepting, wake idle keep-alive connections so they close, and let in-flight requests finish.
void Server::Impl::begin_shutdown() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: finishing {} open connection(s)", open_connections.load());
  beast::error_code ignored;
  acceptor.close(ignored);
  net::co_spawn(ioc, drain(), net::detached);  // drain wakes idle connections, then waits for the busy ones
}

awaitable<void> Server::Impl::drain() {
  net::steady_timer timer(ioc);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.read_timeout_s + 5);
  while (open_connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard lock(connections_mutex);
      for (const auto& c : connections)
        net::post(c->executor, [c] {
          if (c->idle && c->stream) c->stream->cancel();
        });
    }
    timer.expires_after(std::chrono::milliseconds(50));
    co_await timer.async_wait(net::use_awaitable);
  }
  {
    std::lock_guard lock(connections_mutex);
    for (const auto& c : connections)
      net::post(c->executor, [c] {
        if (c->stream) c->stream->cancel();
      });
  }
  for (auto& g : io_guards) g.reset();  // the other contexts end once their connections have
}

Server::Server(ServerOptions options, api::Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() = default;

unsigned short Server::listen() {
  auto& a = impl_->acceptor;
  const tcp::endpoint ep{net::ip::make_address(impl_->options.host), impl_->options.port};
  a.open(ep.protocol());
  a.set_option(net::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(net::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void Server::run() {
  auto& impl = *impl_;
  impl.signals.async_wait([&](const beast::error_code& ec, int) {
    if (!ec) impl.begin_shutdown();
  });
  net::co_spawn(impl.ioc, impl.accept_loop(), net::detached);
  std::vector<std::thread> threads;
  for (auto& other : impl.io_others) {
    threads.emplace_back([&ctx = *other] {
      pthread_setname_np(pthread_self(), "kenshu-io");
      ctx.run();
    });
  }
  impl.ioc.run();
  for (auto& t : threads) t.join();
  impl.workers.join();
}

}  // namespace kenshu::http
