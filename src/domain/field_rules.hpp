// Checks and normal forms of single fields: free text, フリガナ, e-mail, phone, postal code, prefecture.
// Each returns the normalised value and adds a problem (code + field path) when the value is not acceptable.
#pragma once
#include <string>

#include "domain/api_error.hpp"

namespace kenshu::domain {

struct TextLimits {
  std::size_t max_chars = 100;
  bool required = true;
  bool multi_line = false;
};

std::string check_text(Problems& p, const std::string& field, const std::string& value, TextLimits limits);
std::string check_kana(Problems& p, const std::string& field, const std::string& value, std::size_t max_chars = 100);
std::string check_email(Problems& p, const std::string& field, const std::string& value);
std::string check_phone(Problems& p, const std::string& field, const std::string& value);
std::string check_postal_code(Problems& p, const std::string& field, const std::string& value);
void check_prefecture(Problems& p, const std::string& field, int code);
void check_range(Problems& p, const std::string& field, int value, int min, int max);

}  // namespace kenshu::domain
