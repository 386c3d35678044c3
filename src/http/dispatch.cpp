#include "http/dispatch.hpp"

#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <random>

#include "domain/api_error.hpp"
#include "http/error_body.hpp"

namespace kenshu::http {

namespace bhttp = boost::beast::http;
namespace net = boost::asio;

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string new_request_id() {
  static const std::uint64_t prefix = std::random_device{}();
  static std::atomic<std::uint64_t> counter{0};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%llx", static_cast<unsigned long long>(prefix & 0xffffffffu),
                static_cast<unsigned long long>(++counter));
  return buf;
}

// A client's id is kept only when it is short and plain, so that it cannot forge log lines.
std::string request_id_of(std::string_view given) {
  const bool ok = !given.empty() && given.size() <= 64 && std::all_of(given.begin(), given.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
  return ok ? std::string(given) : new_request_id();
}

Lang lang_of(std::string_view accept_language) {
  // The first language the client names decides; Japanese unless it is English.
  const auto first = accept_language.substr(0, accept_language.find_first_of(",;"));
  return first.substr(0, 2) == "en" ? Lang::en : Lang::ja;
}

std::string http_date() {
  // Formatting a date per response is wasted work: once per second is enough.
  thread_local std::time_t last = 0;
  thread_local std::string text;
  const std::time_t now = std::time(nullptr);
  if (now != last) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    text = buf;
    last = now;
  }
  return text;
}

api::Response invoke(const api::Route& route, api::Request& req) {
  try {
    return route.handler(req);
  } catch (const ApiError& e) {
    return error_response(e, req.request_id, req.lang);
  } catch (const std::exception& e) {
    spdlog::error("request {} {} {} failed: {}", req.request_id, req.method, req.path, e.what());
    return error_response(ApiError("server.internal"), req.request_id, req.lang);
  }
}

bool parse_target(const std::string& target, api::Request& out) {
  auto url = boost::urls::parse_origin_form(target);
  if (!url) return false;
  out.path = url->path();
  if (out.path.empty()) out.path = "/";
  for (const auto& p : url->params()) out.query.emplace(p.key, p.value);
  return true;
}

}  // namespace

Dispatcher::Dispatcher(api::Router& router, const ServerOptions& options)
    : router_(router), options_(options), static_files_(options.web_root) {
  if (static_files_.empty()) spdlog::warn("no web files under '{}': only the API is served", options.web_root);
}

std::size_t Dispatcher::body_limit(const std::string& method, const std::string& target) const {
  api::Request r;
  if (!parse_target(target, r)) return api::kSmallBody;
  return router_.body_limit(method, r.path);
}

BeastResponse Dispatcher::error(const char* code) const {
  api::Request r;
  r.request_id = new_request_id();
  return to_beast(r, error_response(ApiError(code), r.request_id, Lang::ja), 11, false);
}

net::awaitable<BeastResponse> Dispatcher::handle(BeastRequest breq, const std::string& remote,
                                                 net::thread_pool& workers) {
  const auto started = std::chrono::steady_clock::now();
  api::Request req;
  req.method = std::string(breq.method_string());
  req.remote = remote;
  for (const auto& f : breq) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  req.request_id = request_id_of(req.header("x-request-id"));
  req.lang = lang_of(req.header("accept-language"));
  req.body = std::move(breq.body());

  api::Response res;
  if (!parse_target(std::string(breq.target()), req)) {
    req.path = "?";
    res = error_response(ApiError("request.malformed"), req.request_id, req.lang);
  } else if (router_.is_api_path(req.path)) {
    auto m = router_.match(req.method, req.path);
    if (!m.route) {
      res = error_response(ApiError(m.allow.empty() ? "request.not_found" : "request.method_not_allowed"),
                           req.request_id, req.lang);
      if (!m.allow.empty()) res.headers.push_back({"Allow", m.allow});
    } else {
      req.params = std::move(m.params);
      std::optional<api::Response> fast;
      if (m.route->fast) fast = m.route->fast(req);
      if (fast) res = std::move(*fast);
      else
        res = co_await net::co_spawn(
            workers, [&]() -> net::awaitable<api::Response> { co_return invoke(*m.route, req); }, net::use_awaitable);
    }
  } else {
    res = serve_static(req);
  }

  auto out = to_beast(req, std::move(res), breq.version(), breq.keep_alive());
  if (options_.access_log) {
    const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    spdlog::info("{} {} {} {} {}B {:.1f}ms id={}", req.remote, req.method, req.path, out.result_int(),
                 out.body().size(), ms, req.request_id);
  }
  co_return out;
}

api::Response Dispatcher::serve_static(const api::Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") {
    api::Response r = error_response(ApiError("request.method_not_allowed"), req.request_id, req.lang);
    r.headers.push_back({"Allow", "GET, HEAD"});
    return r;
  }
  const StaticFile* f = static_files_.find(req.path);
  if (!f) return error_response(ApiError("request.not_found"), req.request_id, req.lang);
  api::Response r;
  r.content_type = f->content_type;
  r.headers.push_back({"ETag", f->etag});
  r.headers.push_back({"Cache-Control", f->immutable ? "public, max-age=31536000, immutable" : "no-cache"});
  r.headers.push_back({"Vary", "Accept-Encoding"});
  if (req.header("if-none-match") == f->etag) {
    r.status = 304;
    return r;
  }
  const auto accept = req.header("accept-encoding");
  if (!f->brotli.empty() && accept.find("br") != std::string_view::npos) {
    r.body = f->brotli;
    r.headers.push_back({"Content-Encoding", "br"});
  } else if (!f->gzip.empty() && accept.find("gzip") != std::string_view::npos) {
    r.body = f->gzip;
    r.headers.push_back({"Content-Encoding", "gzip"});
  } else {
    r.body = f->body;
  }
  return r;
}

BeastResponse Dispatcher::to_beast(const api::Request& req, api::Response res, unsigned version,
                                   bool keep_alive) const {
  BeastResponse out{static_cast<bhttp::status>(res.status), version};
  out.set(bhttp::field::content_type, res.content_type);
  out.set(bhttp::field::date, http_date());
  out.set("X-Request-Id", req.request_id);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Content-Security-Policy", kContentSecurityPolicy);
  out.set("X-Frame-Options", "DENY");
  out.set("Referrer-Policy", "no-referrer");
  out.set("Cross-Origin-Opener-Policy", "same-origin");
  out.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (options_.hsts) out.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  bool cache_set = false;
  for (auto& [k, v] : res.headers) {
    out.set(k, v);
    cache_set = cache_set || k == "Cache-Control";
  }
  if (res.personal_data) out.set(bhttp::field::cache_control, "no-store");
  else if (!cache_set) out.set(bhttp::field::cache_control, "no-cache");
  const std::size_t size = res.body.size();
  out.body() = req.method == "HEAD" ? std::string() : std::move(res.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  if (req.method == "HEAD") out.content_length(size);
  return out;
}

}  // namespace kenshu::http
