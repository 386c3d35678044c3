// One request in, one response out: routing, the worker pool, static files, headers, errors and the access log.
#pragma once
#include <string>

#include "api/router.hpp"
#include "http/pch.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"

namespace kenshu::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

class Dispatcher {
 public:
  Dispatcher(api::Router& router, const ServerOptions& options);

  std::size_t body_limit(const std::string& method, const std::string& target) const;
  boost::asio::awaitable<BeastResponse> handle(BeastRequest req, const std::string& remote,
                                               boost::asio::thread_pool& workers);
  // An answer for a request that could not even be parsed.
  BeastResponse error(const char* code) const;

 private:
  api::Response serve_static(const api::Request& req) const;
  BeastResponse to_beast(const api::Request& req, api::Response res, unsigned version, bool keep_alive) const;

  api::Router& router_;
  const ServerOptions& options_;
  StaticFiles static_files_;
};

}  // namespace kenshu::http
