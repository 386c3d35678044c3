// Strict reading of JSON request bodies: wrong types, missing and unknown fields become field-level problems.
#pragma once
#include <boost/json.hpp>

#include <set>
#include <string>

#include "api/request.hpp"
#include "domain/api_error.hpp"

namespace kenshu::api {

// Checks Content-Type, UTF-8 and syntax (depth-limited); throws request.bad_content_type / bad_utf8 / bad_json.
boost::json::value parse_json_body(const Request& req);

// Reads one JSON object; every key read is "known", and finish() reports the rest as request.unknown_field.
class Fields {
 public:
  Fields(const boost::json::value* v, std::string path, Problems& problems);
  bool valid() const { return obj_ != nullptr; }

  std::string str(const char* key);
  int integer(const char* key);
  bool boolean(const char* key);
  const boost::json::value* value(const char* key, bool required = true);
  const boost::json::array* array(const char* key);
  bool has(const char* key) const;
  void finish();

  std::string path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

 private:
  const boost::json::value* take(const char* key, bool required);

  const boost::json::object* obj_ = nullptr;
  std::string path_;
  Problems& problems_;
  std::set<std::string> known_;
};

}  // namespace kenshu::api
