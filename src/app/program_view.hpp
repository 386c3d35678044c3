// The programme as the public pages show it, and the year context the application use cases check against.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/selection_settings.hpp"
#include "domain/application_rules.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {

struct SessionView {
  store::SessionRow row;
  int places_open = 0;
  bool is_open = false;
  std::vector<store::SessionChangeRow> changes;
};

struct ProgramView {
  store::ProgramYearRow year;
  std::vector<store::ProgramYearRow> years;
  std::vector<store::CourseRow> courses;
  std::vector<SessionView> sessions;
  SelectionSettings selection;  // the year's selection rules, shown to teams
  time::Instant valid_until;  // the next opening or closing instant: a cached view expires then
};

// The named year, or the current one when `key` is empty; throws program.year_not_found.
ProgramView get_program(App& app, const std::string& key);

// Which year is shown when none is named: the configured one, else the demo year if loaded, else the latest.
std::string current_year_key(App& app, soci::session& s);

struct YearContext {
  store::ProgramYearRow year;
  std::vector<store::SessionRow> sessions;
  domain::ApplicationContext rules;  // sessions with their open state at `now`
};

YearContext year_context(App& app, soci::session& s, const std::string& key, time::Instant now);

// The same from the year cache (app/year_cache.hpp): for checks before a write, which rechecks what must be exact.
YearContext cached_year_context(App& app, const std::string& key, time::Instant now);

bool session_is_open(const store::ProgramYearRow& year, const store::SessionRow& session, time::Instant now);

}  // namespace kenshu::app
