// The numbers of sign-in, in one place: session lifetimes, link lifetimes, throttling.
#pragma once
#include <chrono>

namespace kenshu::app::auth_policy {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr minutes kIdleTimeout{30};        // a session unused this long is over
constexpr hours kAbsoluteTimeout{12};      // a session is over this long after sign-in, used or not
constexpr minutes kSecondFactorWindow{5};  // between the password and the code
constexpr seconds kTouchEvery{60};         // last_seen_at is written at most this often
constexpr hours kSetupLinkLifetime{72};
constexpr minutes kEmailLinkLifetime{15};
constexpr int kEmailLinksPerQuarterHour = 3;  // more requests for one address send nothing (same answer)
constexpr int kRecoveryCodes = 10;

// Sign-in failures: after `free` failures a key waits 2^(n - free) seconds (n = failures so far), at most `cap`;
// failures older than `forget` no longer count.
struct ThrottleRule {
  int free;
  seconds cap;
};
constexpr ThrottleRule kPerAccount{5, minutes(15)};
constexpr ThrottleRule kPerAddress{20, minutes(15)};
constexpr hours kForgetFailuresAfter{24};

}  // namespace kenshu::app::auth_policy
