// Loads or updates a programme year from its file (`kenshu load-program`, and at start for configured files).
#pragma once
#include <string>

#include "app/config.hpp"
#include "app/program_file.hpp"
#include "store/db.hpp"

namespace kenshu::app {

struct LoadResult {
  std::string key;
  bool created = false;
  int sessions_added = 0;
  int sessions_changed = 0;  // date or venue changed: recorded with its time so that pages can mark it
};

// `track_changes` is false for the demo year, whose dates move on purpose when it is refreshed.
LoadResult load_program(store::Db& db, const ProgramSpec& spec, const std::string& now_utc, bool track_changes = true);

// Loads the configured programme files that are not in the database yet, and the demo year when enabled (again
// when its first session has closed, so that a newcomer always finds open windows).
void load_configured_programs(store::Db& db, const Config& config, time::Instant now);

}  // namespace kenshu::app
