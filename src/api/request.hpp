// HTTP as the api layer sees it: plain structs, no Beast (its headers stay in src/http/).
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error_catalog.hpp"

namespace kenshu::api {

struct Request {
  std::string method;
  std::string path;                                  // decoded, without the query
  std::map<std::string, std::string> query;         // decoded
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote;
  std::string request_id;
  Lang lang = Lang::ja;
  std::map<std::string, std::string> params;        // from {name} segments of the route

  std::string_view header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return {};
  }
  std::string query_or(const std::string& key, std::string fallback = {}) const {
    auto it = query.find(key);
    return it == query.end() ? fallback : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool personal_data = false;  // → Cache-Control: no-store

  static Response json(int status, std::string body, bool personal = false) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.personal_data = personal;
    return r;
  }
};

}  // namespace kenshu::api
