// Routes: method + path pattern ({name} matches one segment) → handler, with the route's own body limit.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/request.hpp"

namespace kenshu::api {

using Handler = std::function<Response(Request&)>;
// Answers without blocking (e.g. from a cache) on the I/O thread, or nullopt to send the request to a worker.
using FastHandler = std::function<std::optional<Response>(const Request&)>;

struct Route {
  std::string method;
  std::string pattern;
  std::size_t body_limit = 0;
  Handler handler;
  FastHandler fast;
};

class Router {
 public:
  void add(Route r);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::string allow;  // set when the path exists with other methods → 405
  };
  Match match(const std::string& method, const std::string& path) const;

  // The largest body the route of this request may have (small for unknown routes: they are answered 404 anyway).
  std::size_t body_limit(const std::string& method, const std::string& path) const;

  bool is_api_path(const std::string& path) const;

 private:
  std::vector<Route> routes_;
};

constexpr std::size_t kSmallBody = 4 * 1024;

}  // namespace kenshu::api
