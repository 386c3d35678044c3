#include "app/clock.hpp"

#include <cstdlib>
#include <fstream>

namespace kenshu::app {

Clock::Clock() {
  if (const char* f = std::getenv("KENSHU_CLOCK_FILE")) file_ = f;
}

time::Instant Clock::now() const {
  if (!file_.empty()) {
    std::ifstream in(file_);
    std::string line;
    if (in && std::getline(in, line))
      if (auto t = time::parse_instant(line)) return *t;
  }
  return std::chrono::time_point_cast<std::chrono::milliseconds>(time::Clock::now());
}

}  // namespace kenshu::app
