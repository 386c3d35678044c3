// The one error type of the request path: thrown by domain/ and app/ checks, rendered once in http/.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace kenshu {

// One problem with one field; `code` is an `area.reason` declared in error_catalog.cpp.
struct FieldError {
  std::string code;
  std::string field;
};

class ApiError : public std::runtime_error {
 public:
  // Status comes from the catalogue, so a code always answers the same status.
  ApiError(std::string code, std::string field = {});
  ApiError(std::vector<FieldError> details);  // several validation problems; the first one leads

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::vector<FieldError>& details() const { return details_; }

 private:
  int status_;
  std::string code_;
  std::string field_;
  std::vector<FieldError> details_;
};

// Collects every problem of a request so that a form can mark every field at once.
class Problems {
 public:
  void add(std::string code, std::string field) { list_.push_back({std::move(code), std::move(field)}); }
  bool empty() const { return list_.empty(); }
  void throw_if_any() const {
    if (!list_.empty()) throw ApiError(list_);
  }
  const std::vector<FieldError>& list() const { return list_; }

 private:
  std::vector<FieldError> list_;
};

}  // namespace kenshu
