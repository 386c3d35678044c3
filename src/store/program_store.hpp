// Programme years, courses, sessions and session changes.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/l10n.hpp"

namespace soci {
class session;
}

namespace kenshu::store {

struct ProgramYearRow {
  std::string id;
  std::string key;
  int fiscal_year = 0;
  bool is_demo = false;
  L10n label;
  L10n title;
  std::string reference_prefix;
  std::string applications_open_at;  // UTC text
  std::optional<std::string> applications_close_at;
  int close_days_before = 42;
  int team_min_size = 2;
  int team_max_size = 8;
  std::string privacy_version;
  L10n privacy_text;
  L10n secretariat_name;
  std::string secretariat_email;
  std::string notes_json = "[]";
};

struct CourseRow {
  std::string id;
  std::string code;
  L10n name;
  std::string starts_local;
  std::string ends_local;
  int position = 0;
};

struct SessionRow {
  std::string id;
  std::string program_year_id;
  int number = 0;
  std::string date;  // YYYY-MM-DD, Japan
  L10n region;
  int prefecture_code = 0;
  L10n venue;
  int capacity_teams = 0;
  int capacity_people = 0;
  std::string applications_close_at;  // UTC text
  std::optional<std::string> changed_at;
};

struct SessionChangeRow {
  std::string session_id;
  std::string field;  // date | venue
  L10n old_value;
  L10n new_value;
  std::string changed_at;
};

std::optional<ProgramYearRow> find_year(soci::session& s, const std::string& key);
std::optional<ProgramYearRow> find_year_by_id(soci::session& s, const std::string& id);
std::vector<ProgramYearRow> list_years(soci::session& s);
std::vector<CourseRow> courses_of(soci::session& s, const std::string& year_id);
std::vector<SessionRow> sessions_of(soci::session& s, const std::string& year_id);
std::optional<SessionRow> find_session(soci::session& s, const std::string& id);
std::vector<SessionChangeRow> session_changes_of(soci::session& s, const std::string& year_id);

void insert_year(soci::session& s, const ProgramYearRow& y, const std::string& now);
void update_year(soci::session& s, const ProgramYearRow& y, const std::string& now);
void upsert_course(soci::session& s, const std::string& year_id, const CourseRow& c);
void insert_session(soci::session& s, const SessionRow& r, const std::string& now);
void update_session(soci::session& s, const SessionRow& r, const std::string& now);
void insert_session_change(soci::session& s, const SessionChangeRow& c, const std::string& id);

}  // namespace kenshu::store
