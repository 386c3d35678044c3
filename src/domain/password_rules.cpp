#include "domain/password_rules.hpp"

#include <set>

#include "domain/text.hpp"

namespace kenshu::domain {
namespace {

bool is_suffix_char(char c) {
  return (c >= '0' && c <= '9') || std::string_view("!@#$%^&*()-_=+.,?~ ").find(c) != std::string_view::npos;
}

// "Password12345!" → "password": a common word with digits or symbols appended is still a common password.
std::string_view without_suffix(std::string_view s) {
  while (!s.empty() && is_suffix_char(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view without_prefix(std::string_view s) {
  while (!s.empty() && is_suffix_char(s.front())) s.remove_prefix(1);
  return s;
}

}  // namespace

CommonPasswords CommonPasswords::from_text(std::string_view text) {
  CommonPasswords out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') out.set_.insert(text::to_lower_ascii(line));
    start = end + 1;
  }
  return out;
}

std::optional<std::string> password_problem(std::string_view password, const CommonPasswords& common,
                                            std::string_view email, std::string_view display_name) {
  if (!text::is_valid_utf8(password) || text::has_control_char(password) || text::has_line_break(password))
    return "field.bad_text";
  const std::size_t chars = text::length_in_chars(password);
  if (chars < kPasswordMinChars) return "password.too_short";
  if (chars > kPasswordMaxChars) return "password.too_long";

  const std::string lower = text::to_lower_ascii(password);
  const std::set<char> distinct(lower.begin(), lower.end());
  if (distinct.size() <= 2) return "password.too_common";
  const std::string_view core = without_prefix(without_suffix(lower));
  if (common.contains(lower) || common.contains(without_suffix(lower)) || common.contains(core))
    return "password.too_common";

  const std::string mail = text::to_lower_ascii(email);
  const std::string_view local = std::string_view(mail).substr(0, mail.find('@'));
  if (!mail.empty() && (lower == mail || core == local || (local.size() >= 6 && lower.find(local) != std::string::npos)))
    return "password.personal";
  const auto squeezed = [](std::string_view s) {
    std::string out;
    for (char c : s)
      if (c != ' ' && c != '-' && c != '_' && c != '.') out += c;
    return out;
  };
  const std::string name = squeezed(text::to_lower_ascii(display_name));
  if (name.size() >= 6 && squeezed(lower).find(name) != std::string::npos) return "password.personal";
  return std::nullopt;
}

}  // namespace kenshu::domain
