// Growing delays after failed sign-ins, per account and per address. The key of an account is its e-mail as typed
// (lower case), whether or not an account has it, so that the answers are the same for unknown addresses.
#pragma once
#include <string>
#include <vector>

#include "app/auth_policy.hpp"
#include "domain/time.hpp"

namespace soci {
class session;
}

namespace kenshu::app {

std::string account_throttle_key(const std::string& lower_email);
std::string address_throttle_key(const std::string& ip);

// Throws ApiError("auth.throttled") while one of the keys waits.
void check_throttle(soci::session& s, const std::vector<std::string>& keys, time::Instant now);
void record_failure(soci::session& s, const std::string& key, auth_policy::ThrottleRule rule, time::Instant now);
void clear_failures(soci::session& s, const std::string& key);

}  // namespace kenshu::app
