#include "api/json_reader.hpp"

#include "domain/text.hpp"

namespace kenshu::api {

boost::json::value parse_json_body(const Request& req) {
  const auto type = req.header("content-type");
  if (type.substr(0, 16) != "application/json") throw ApiError("request.bad_content_type", "Content-Type");
  if (!text::is_valid_utf8(req.body)) throw ApiError("request.bad_utf8");
  boost::json::parse_options opt;
  opt.max_depth = 16;  // our bodies are shallow; deep nesting is an attack, not a form
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(req.body, ec, {}, opt);
  if (ec) throw ApiError("request.bad_json");
  return v;
}

Fields::Fields(const boost::json::value* v, std::string path, Problems& problems)
    : path_(std::move(path)), problems_(problems) {
  if (v && v->is_object()) obj_ = &v->get_object();
  else problems_.add(v ? "request.wrong_type" : "request.missing_field", path_);
}

const boost::json::value* Fields::take(const char* key, bool required) {
  if (!obj_) return nullptr;
  known_.insert(key);
  auto it = obj_->find(key);
  if (it == obj_->end() || it->value().is_null()) {
    if (required) problems_.add("request.missing_field", path(key));
    return nullptr;
  }
  return &it->value();
}

std::string Fields::str(const char* key) {
  const auto* v = take(key, true);
  if (!v) return {};
  if (!v->is_string()) {
    problems_.add("request.wrong_type", path(key));
    return {};
  }
  return std::string(v->get_string());
}

int Fields::integer(const char* key) {
  const auto* v = take(key, true);
  if (!v) return 0;
  if (v->is_int64() && v->get_int64() >= INT32_MIN && v->get_int64() <= INT32_MAX)
    return static_cast<int>(v->get_int64());
  if (v->is_uint64() && v->get_uint64() <= INT32_MAX) return static_cast<int>(v->get_uint64());
  problems_.add(v->is_number() ? "field.out_of_range" : "request.wrong_type", path(key));
  return 0;
}

bool Fields::boolean(const char* key) {
  const auto* v = take(key, true);
  if (!v) return false;
  if (!v->is_bool()) {
    problems_.add("request.wrong_type", path(key));
    return false;
  }
  return v->get_bool();
}

const boost::json::value* Fields::value(const char* key, bool required) { return take(key, required); }

const boost::json::array* Fields::array(const char* key) {
  const auto* v = take(key, true);
  if (!v) return nullptr;
  if (!v->is_array()) {
    problems_.add("request.wrong_type", path(key));
    return nullptr;
  }
  return &v->get_array();
}

bool Fields::has(const char* key) const { return obj_ && obj_->contains(key); }

void Fields::finish() {
  if (!obj_) return;
  for (const auto& kv : *obj_)
    if (!known_.count(std::string(kv.key()))) problems_.add("request.unknown_field", path(std::string(kv.key())));
}

}  // namespace kenshu::api
