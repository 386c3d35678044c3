// What a staff password must be: long (13 characters or more), not too long for hashing, not one of the common
// passwords shipped in data/common-passwords.txt (nor such a word with digits or symbols appended), not made of
// one or two repeated characters, and not the person's own e-mail address or name.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

namespace kenshu::domain {

constexpr std::size_t kPasswordMinChars = 13;
constexpr std::size_t kPasswordMaxChars = 256;

class CommonPasswords {
 public:
  CommonPasswords() = default;
  // One password per line; blank lines and lines starting with '#' are skipped; compared in lower case.
  static CommonPasswords from_text(std::string_view text);
  bool contains(std::string_view lower) const { return set_.count(std::string(lower)) > 0; }
  std::size_t size() const { return set_.size(); }

 private:
  std::unordered_set<std::string> set_;
};

// The error code of the first rule broken (password.too_short, password.too_long, password.too_common,
// password.personal, field.bad_text), or nullopt when the password is acceptable.
std::optional<std::string> password_problem(std::string_view password, const CommonPasswords& common,
                                            std::string_view email = {}, std::string_view display_name = {});

}  // namespace kenshu::domain
