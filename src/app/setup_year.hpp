// Setting up a year in the back office: copy last year's set-up (courses, sessions moved 52 weeks on, so each stays
// on the same weekday; rules, privacy notice, contact) into a new year, and add a session to a year.
#pragma once
#include <string>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "domain/l10n.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {

struct NewYear {
  std::string key;               // e.g. "2026"
  int fiscal_year = 0;           // 2026
  L10n label;                    // 令和8年度 / FY2026
  std::string reference_prefix;  // R8
};

// The new year, or throws program.year_exists / program.year_not_found / field.* naming the field.
store::ProgramYearRow copy_year(App& app, const Principal& p, const std::string& from_key, const NewYear& to);

struct NewSession {
  int number = 0;
  std::string date;  // YYYY-MM-DD
  L10n region;
  int prefecture_code = 0;
  L10n venue;
  int capacity_teams = 8;
  int capacity_people = 32;
};

store::SessionRow add_session(App& app, const Principal& p, const std::string& year_key, const NewSession& s);

}  // namespace kenshu::app
