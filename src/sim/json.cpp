#include "sim/json.hpp"

#include <cstdlib>
#include <cmath>
#include <cstdio>

namespace kenshu::sim::json {

namespace {

const Array empty_array;
const Object empty_object;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  ParseResult run() {
    ParseResult result;
    skip_space();
    result.value = value(0);
    skip_space();
    if (error_.empty() && pos_ != text_.size()) fail("unexpected text after the value");
    result.error = error_;
    return result;
  }

 private:
  static constexpr int deepest = 64;

  void fail(const std::string& what) {
    if (!error_.empty()) return;
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    error_ = std::to_string(line) + ":" + std::to_string(column) + ": " + what;
  }

  bool failed() const { return !error_.empty(); }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t')) ++pos_;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Value value(int depth) {
    if (depth > deepest) {
      fail("nested too deeply");
      return {};
    }
    const char c = peek();
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') return Value{string()};
    if (c == '-' || (c >= '0' && c <= '9')) return Value{number_value()};
    if (literal("true")) return Value{true};
    if (literal("false")) return Value{false};
    if (literal("null")) return Value{nullptr};
    fail(at_end() ? "unexpected end of text" : "unexpected character");
    return {};
  }

  Value object(int depth) {
    auto members = std::make_shared<Object>();
    ++pos_;
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return Value{members};
    }
    while (!failed()) {
      skip_space();
      if (peek() != '"') {
        fail("expected a key in quotes");
        break;
      }
      std::string key = string();
      skip_space();
      if (peek() != ':') {
        fail("expected ':'");
        break;
      }
      ++pos_;
      skip_space();
      members->emplace_back(std::move(key), value(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        break;
      }
      fail("expected ',' or '}'");
    }
    return Value{members};
  }

  Value array(int depth) {
    auto items = std::make_shared<Array>();
    ++pos_;
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return Value{items};
    }
    while (!failed()) {
      skip_space();
      items->push_back(value(depth + 1));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        break;
      }
      fail("expected ',' or ']'");
    }
    return Value{items};
  }

  double number_value() {
    const char* begin = text_.data() + pos_;
    double result = 0.0;
    std::size_t used = 0;
    if (!read_number(std::string_view(begin, text_.size() - pos_), result, used)) {
      fail("not a number");
      return 0.0;
    }
    pos_ += used;
    return result;
  }

  unsigned hex4() {
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = peek();
      ++pos_;
      code <<= 4;
      if (c >= '0' && c <= '9') code |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') code |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') code |= static_cast<unsigned>(c - 'A' + 10);
      else fail("bad \\u escape");
    }
    return code;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  void escape(std::string& out) {
    const char c = peek();
    ++pos_;
    switch (c) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned code = hex4();
        // A surrogate pair encodes one code point beyond the basic plane.
        if (code >= 0xD800 && code < 0xDC00 && literal("\\u")) {
          const unsigned low = hex4();
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, code);
        break;
      }
      default: fail("bad escape");
    }
  }

  std::string string() {
    std::string out;
    ++pos_;
    while (!failed()) {
      if (at_end()) {
        fail("unterminated string");
        break;
      }
      const char c = peek();
      if (c == '"') {
        ++pos_;
        break;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        fail("control character in string");
        break;
      }
      ++pos_;
      if (c == '\\') escape(out);
      else out += c;
    }
    return out;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

const Array& Value::as_array() const { return is_array() ? *std::get<std::shared_ptr<Array>>(data) : empty_array; }

const Object& Value::as_object() const {
  return is_object() ? *std::get<std::shared_ptr<Object>>(data) : empty_object;
}

const Value* Value::find(std::string_view key) const {
  for (const auto& [name, member] : as_object()) {
    if (name == key) return &member;
  }
  return nullptr;
}

ParseResult parse(std::string_view text) { return Parser(text).run(); }

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

bool read_number(std::string_view text, double& value, std::size_t& used) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (!digits()) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  // The grammar above admits only what strtod reads the same in the "C" locale, which the engine never changes.
  const std::string copy(text.substr(0, i));
  value = std::strtod(copy.c_str(), nullptr);
  used = i;
  return true;
}

}  // namespace kenshu::sim::json
