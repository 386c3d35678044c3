// The time the use cases see. Tests may set KENSHU_CLOCK_FILE to a file holding an ISO 8601 instant, so that a
// running server can be moved through deadlines and windows; without it, this is the system clock.
#pragma once
#include <string>

#include "domain/time.hpp"

namespace kenshu::app {

class Clock {
 public:
  Clock();
  time::Instant now() const;
  std::string now_utc() const { return time::to_utc_string(now()); }

 private:
  std::string file_;
};

}  // namespace kenshu::app
