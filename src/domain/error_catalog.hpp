// Every error code the API can answer, with its HTTP status and messages: declared once, listed in docs/errors.md.
#pragma once
#include <span>
#include <string_view>

namespace kenshu {

enum class Lang { ja, en };

struct ErrorInfo {
  std::string_view code;
  int status;
  std::string_view message_ja;
  std::string_view message_en;
};

// nullptr for an unknown code (a programming error: tests check every code used is declared).
const ErrorInfo* find_error(std::string_view code);
std::span<const ErrorInfo> all_errors();
std::string_view error_message(std::string_view code, Lang lang);

}  // namespace kenshu
