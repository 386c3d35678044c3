// The second factor: TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) through liboath, as the standard
// authenticator apps expect, with the otpauth:// URI they scan.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/time.hpp"

namespace kenshu::app {

std::string new_totp_secret();  // 160 random bits, base32 without padding
std::string totp_uri(std::string_view issuer, std::string_view account, std::string_view secret_base32);

// The time step of the code when it matches at `now` (±1 step for clock drift) and comes after `last_counter`
// (each code is accepted once); nullopt otherwise.
std::optional<long long> verify_totp(std::string_view secret_base32, std::string_view code, time::Instant now,
                                     long long last_counter);

// For tests and tools: the code of the step containing `now`.
std::string totp_code(std::string_view secret_base32, time::Instant now);

}  // namespace kenshu::app
