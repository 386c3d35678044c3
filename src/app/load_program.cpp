#include "app/load_program.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "app/config.hpp"
#include "app/session_changes.hpp"
#include "store/ids.hpp"
#include "store/program_store.hpp"
#include "store/selection_store.hpp"

namespace kenshu::app {
namespace {

store::SessionRow row_of(const SessionSpec& spec, const std::string& year_id, int close_days_before) {
  store::SessionRow row;
  row.program_year_id = year_id;
  row.number = spec.number;
  row.date = spec.date;
  row.region = spec.region;
  row.prefecture_code = spec.prefecture_code;
  row.venue = spec.venue;
  row.capacity_teams = spec.capacity_teams;
  row.capacity_people = spec.capacity_people;
  row.applications_close_at = spec.applications_close_at.value_or(default_close_at(spec.date, close_days_before));
  return row;
}

}  // namespace

LoadResult load_program(store::Db& db, const ProgramSpec& spec, const std::string& now, bool track_changes) {
  return db.write([&](soci::session& s) {
    LoadResult result{spec.year.key};
    store::ProgramYearRow year = spec.year;
    if (auto existing = store::find_year(s, year.key)) {
      year.id = existing->id;
      store::update_year(s, year, now);
    } else {
      year.id = store::new_id();
      store::insert_year(s, year, now);
      result.created = true;
    }
    store::save_selection_settings(s, year.id, boost::json::serialize(to_json(spec.selection)), now);
    for (auto course : spec.courses) {
      course.id = store::new_id();
      store::upsert_course(s, year.id, course);
    }
    const auto existing = store::sessions_of(s, year.id);
    for (const auto& session_spec : spec.sessions) {
      store::SessionRow row = row_of(session_spec, year.id, year.close_days_before);
      auto old = std::find_if(existing.begin(), existing.end(),
                              [&](const store::SessionRow& e) { return e.number == row.number; });
      if (old == existing.end()) {
        row.id = store::new_id();
        store::insert_session(s, row, now);
        ++result.sessions_added;
        continue;
      }
      row.id = old->id;
      row.changed_at = old->changed_at;
      const bool moved = old->date != row.date || old->venue.ja != row.venue.ja || old->venue.en != row.venue.en;
      if (moved && track_changes) {
        record_session_changes(s, *old, row, now);
        row.changed_at = now;
        ++result.sessions_changed;
      }
      store::update_session(s, row, now);
    }
    return result;
  });
}

void load_configured_programs(store::Db& db, const Config& config, time::Instant now) {
  const auto today = time::jst_date_of(now);
  const std::string now_utc = time::to_utc_string(now);
  for (const auto& name : config.program.files) {
    const std::string file = config.data_path(name);
    const ProgramSpec spec = read_program_file(file, today);
    const bool present = db.read([&](soci::session& s) { return store::find_year(s, spec.year.key).has_value(); });
    if (present) continue;  // an operator updates a loaded year explicitly, with `kenshu load-program`
    load_program(db, spec, now_utc);
    spdlog::info("loaded programme year {} from {}", spec.year.key, file);
  }
  const std::string demo_file = config.data_path(config.program.demo_file);
  if (!config.program.demo || !std::filesystem::exists(demo_file)) return;
  const ProgramSpec demo = read_program_file(demo_file, today);
  const bool fresh = db.read([&](soci::session& s) {
    auto year = store::find_year(s, demo.year.key);
    if (!year) return false;
    auto sessions = store::sessions_of(s, year->id);
    return !sessions.empty() && sessions.front().applications_close_at > now_utc;
  });
  if (fresh) return;
  load_program(db, demo, now_utc, /*track_changes=*/false);
  spdlog::info("loaded the demo year on dates from {}", demo.sessions.front().date);
}

}  // namespace kenshu::app
