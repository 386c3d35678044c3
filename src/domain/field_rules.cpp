#include "domain/field_rules.hpp"

#include <algorithm>
#include <cctype>

#include "domain/text.hpp"

namespace kenshu::domain {

std::string check_text(Problems& p, const std::string& field, const std::string& value, TextLimits limits) {
  if (!limits.multi_line && text::has_line_break(value)) {
    p.add("field.line_break", field);
    return {};
  }
  if (text::has_control_char(value)) {
    p.add("field.bad_text", field);
    return {};
  }
  auto normalised = text::normalize(value);
  if (!normalised) {
    p.add("field.bad_text", field);
    return {};
  }
  if (limits.required && normalised->empty()) p.add("field.required", field);
  else if (text::length_in_chars(*normalised) > limits.max_chars) p.add("field.too_long", field);
  return *normalised;
}

std::string check_kana(Problems& p, const std::string& field, const std::string& value, std::size_t max_chars) {
  const std::size_t before = p.list().size();
  std::string v = check_text(p, field, value, {.max_chars = max_chars});
  if (p.list().size() != before) return v;
  v = text::hiragana_to_katakana(v);
  if (!text::is_katakana_reading(v)) p.add("field.not_katakana", field);
  return v;
}

namespace {

bool is_local_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) != std::string_view::npos;
}

bool is_domain_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; });
}

bool is_email(std::string_view e) {
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view local = e.substr(0, at), domain = e.substr(at + 1);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return false;
  if (!std::all_of(local.begin(), local.end(), is_local_char)) return false;
  if (domain.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto dot = domain.find('.', start);
    const auto label = domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!is_domain_label(label)) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

}  // namespace

std::string check_email(Problems& p, const std::string& field, const std::string& value) {
  const std::size_t before = p.list().size();
  std::string v = check_text(p, field, value, {.max_chars = 254});
  if (p.list().size() != before) return v;
  // Domains are case-insensitive; the local part is kept as typed (RFC 5321), except that we compare lower-cased.
  const auto at = v.find('@');
  if (at != std::string::npos) v = v.substr(0, at) + text::to_lower_ascii(v.substr(at));
  if (!is_email(v)) p.add("field.bad_email", field);
  return v;
}

std::string check_phone(Problems& p, const std::string& field, const std::string& value) {
  const std::size_t before = p.list().size();
  std::string v = check_text(p, field, value, {.max_chars = 20});
  if (p.list().size() != before) return v;
  std::size_t digits = 0;
  bool ok = !v.empty() && v.front() == '0';
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
    else if (c != '-') ok = false;
  }
  if (!ok || digits < 10 || digits > 11 || v.find("--") != std::string::npos || v.back() == '-')
    p.add("field.bad_phone", field);
  return v;
}

std::string check_postal_code(Problems& p, const std::string& field, const std::string& value) {
  const std::size_t before = p.list().size();
  std::string v = check_text(p, field, value, {.max_chars = 8});
  if (p.list().size() != before) return v;
  std::string digits;
  for (char c : v)
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  const bool shape_ok = (v.size() == 7 && digits.size() == 7) || (v.size() == 8 && v[3] == '-' && digits.size() == 7);
  if (!shape_ok) {
    p.add("field.bad_postal_code", field);
    return v;
  }
  return digits.substr(0, 3) + "-" + digits.substr(3);
}

void check_prefecture(Problems& p, const std::string& field, int code) {
  if (code < 1 || code > 47) p.add("field.bad_prefecture", field);
}

void check_range(Problems& p, const std::string& field, int value, int min, int max) {
  if (value < min || value > max) p.add("field.out_of_range", field);
}

}  // namespace kenshu::domain
