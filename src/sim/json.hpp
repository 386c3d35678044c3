#pragma once
// A small JSON reader and writer for scenario and validation files, so that the engine stays free of
// dependencies (it is also compiled to WebAssembly). Numbers are doubles; objects keep their key order.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kenshu::sim::json {

struct Value;
using Array = std::vector<Value>;
using Object = std::vector<std::pair<std::string, Value>>;

struct Value {
  std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<Array>, std::shared_ptr<Object>> data;

  bool is_null() const { return std::holds_alternative<std::nullptr_t>(data); }
  bool is_bool() const { return std::holds_alternative<bool>(data); }
  bool is_number() const { return std::holds_alternative<double>(data); }
  bool is_string() const { return std::holds_alternative<std::string>(data); }
  bool is_array() const { return std::holds_alternative<std::shared_ptr<Array>>(data); }
  bool is_object() const { return std::holds_alternative<std::shared_ptr<Object>>(data); }

  bool as_bool(bool fallback = false) const { return is_bool() ? std::get<bool>(data) : fallback; }
  double as_number(double fallback = 0.0) const { return is_number() ? std::get<double>(data) : fallback; }
  std::string as_string(std::string fallback = {}) const { return is_string() ? std::get<std::string>(data) : fallback; }
  const Array& as_array() const;
  const Object& as_object() const;

  // Member of an object, or nullptr when absent (or this is not an object).
  const Value* find(std::string_view key) const;
};

struct ParseResult {
  Value value;
  std::string error;  // empty when the text parsed; else "line:column: what"
};

ParseResult parse(std::string_view text);

// Reads a JSON number (-?digits[.digits][e[+-]digits]) at the start of text: its value and how many characters it
// took, or false. Used instead of std::from_chars for doubles, which Emscripten's libc++ lacks.
bool read_number(std::string_view text, double& value, std::size_t& used);

// Writing: a string with JSON escapes, and a number that reads back the same.
std::string quote(std::string_view text);
std::string number(double value);

}  // namespace kenshu::sim::json
