// The year and its sessions as the application use cases check them, kept for a second: reading them for every
// submitted application was a fifth of the server's time under load (bench apply). A change of the programme through
// the server drops them at once (App::program_version); a change by `kenshu load-program` within a second.
#pragma once
#include <chrono>
#include <vector>

#include "app/versioned_cache.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {

struct YearRows {
  store::ProgramYearRow year;
  std::vector<store::SessionRow> sessions;
};

// Steady time: the lifetime is real time even when tests set the application's clock.
using YearCache = VersionedCache<YearRows, std::chrono::steady_clock::time_point>;

}  // namespace kenshu::app
