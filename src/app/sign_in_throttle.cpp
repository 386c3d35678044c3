#include "app/sign_in_throttle.hpp"

#include <algorithm>

#include "domain/api_error.hpp"
#include "store/auth_store.hpp"

namespace kenshu::app {

std::string account_throttle_key(const std::string& lower_email) { return "account:" + lower_email; }
std::string address_throttle_key(const std::string& ip) { return "ip:" + ip; }

void check_throttle(soci::session& s, const std::vector<std::string>& keys, time::Instant now) {
  for (const auto& key : keys) {
    auto row = store::find_throttle(s, key);
    if (!row || !row->locked_until) continue;
    const auto until = time::parse_instant(*row->locked_until);
    if (until && now < *until) throw ApiError("auth.throttled");
  }
}

void record_failure(soci::session& s, const std::string& key, auth_policy::ThrottleRule rule, time::Instant now) {
  store::ThrottleRow row = store::find_throttle(s, key).value_or(store::ThrottleRow{key, 0, {}, std::nullopt});
  if (const auto last = time::parse_instant(row.last_failure_at);
      !last || now - *last > auth_policy::kForgetFailuresAfter)
    row.failures = 0;
  row.failures += 1;
  row.last_failure_at = time::to_utc_string(now);
  row.locked_until.reset();
  if (row.failures >= rule.free) {
    const int doublings = std::min(row.failures - rule.free, 20);
    const auto wait = std::min<std::chrono::seconds>(std::chrono::seconds(1LL << doublings), rule.cap);
    row.locked_until = time::to_utc_string(now + wait);
  }
  store::save_throttle(s, row);
}

void clear_failures(soci::session& s, const std::string& key) { store::clear_throttle(s, key); }

}  // namespace kenshu::app
