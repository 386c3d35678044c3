// The HTTP server: Beast + Asio C++20 coroutines on a few I/O threads; handlers that touch the database run on a
// worker pool. This header is free of Beast so that the rest of the program compiles fast.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "api/router.hpp"

namespace kenshu::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  int io_threads = 2;
  int workers = 48;
  int max_connections = 2048;
  int header_limit_bytes = 16384;
  int read_timeout_s = 15;
  int idle_timeout_s = 30;
  std::string web_root;
  bool hsts = false;
  bool access_log = true;
};

class Server {
 public:
  Server(ServerOptions options, api::Router& router);
  ~Server();

  // Binds and listens; returns the bound port (useful with port 0).
  unsigned short listen();
  // Serves until SIGTERM or SIGINT, then stops accepting, finishes in-flight requests and returns.
  void run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kenshu::http
