#include "api/router.hpp"

namespace kenshu::api {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    out.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

bool matches(const std::string& pattern, const std::string& path, std::map<std::string, std::string>& params) {
  const auto want = segments(pattern), have = segments(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      if (have[i].empty()) return false;
      found.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::string(have[i]));
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

}  // namespace

void Router::add(Route r) { routes_.push_back(std::move(r)); }

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  for (const auto& r : routes_) {
    std::map<std::string, std::string> params;
    if (!matches(r.pattern, path, params)) continue;
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      m.route = &r;
      m.params = std::move(params);
      return m;
    }
    m.allow += (m.allow.empty() ? "" : ", ") + r.method;
  }
  return m;
}

std::size_t Router::body_limit(const std::string& method, const std::string& path) const {
  auto m = match(method, path);
  return m.route ? m.route->body_limit : kSmallBody;
}

bool Router::is_api_path(const std::string& path) const {
  return path.rfind("/api/", 0) == 0 || path == "/api" || path == "/healthz" || path == "/readyz";
}

}  // namespace kenshu::api
