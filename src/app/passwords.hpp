// Staff passwords: argon2id through libsodium, with the rules of domain/password_rules.hpp and the common-password
// list of data/common-passwords.txt.
#pragma once
#include <string>
#include <string_view>

#include "app/app.hpp"
#include "domain/password_rules.hpp"

namespace kenshu::app {

// Throws ApiError(password.*) with field "password" when the password breaks a rule.
void check_password(const App& app, std::string_view password, std::string_view email, std::string_view name);

std::string hash_password(std::string_view password);
bool verify_password(const std::string& stored_hash, std::string_view password);
// Spends the time of one verification, so that an unknown account answers as slowly as a known one.
void verify_dummy_password(std::string_view password);

const domain::CommonPasswords& common_passwords(const App& app);

}  // namespace kenshu::app
