// A programme year as a TOML file (data/programs/*.toml): the courses, sessions, window, rules and texts.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/selection_settings.hpp"
#include "domain/l10n.hpp"
#include "domain/time.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {

struct SessionSpec {
  int number = 0;
  std::string date;  // YYYY-MM-DD (for a demo: computed from date_offset_days)
  L10n region;
  int prefecture_code = 0;
  L10n venue;
  int capacity_teams = 0;
  int capacity_people = 0;
  std::optional<std::string> applications_close_at;  // UTC; default: close_days_before the date
};

struct ProgramSpec {
  store::ProgramYearRow year;  // id empty
  std::vector<store::CourseRow> courses;
  std::vector<SessionSpec> sessions;
  SelectionSettings selection;  // [selection]; every key optional
};

// Reads and checks the file; relative dates of a demo year are computed from `today` (a Japan date).
// Throws std::runtime_error naming the file and the problem.
ProgramSpec read_program_file(const std::string& path, std::chrono::year_month_day today);

// The session's closing instant: the end of the day `close_days_before` days before its date (Japan time).
std::string default_close_at(const std::string& date, int close_days_before);

}  // namespace kenshu::app
