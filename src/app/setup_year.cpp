#include "app/setup_year.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <chrono>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/program_file.hpp"
#include "domain/api_error.hpp"
#include "domain/prefectures.hpp"
#include "domain/text.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace {

constexpr int kWeeksOn = 52;  // 364 days: the same weekday a year later (the notice holds sessions on Sundays)

std::string shifted_date(const std::string& date) {
  const auto d = time::parse_date(date);
  if (!d) return date;
  return time::to_date_string(std::chrono::year_month_day{std::chrono::sys_days(*d) + std::chrono::weeks(kWeeksOn)});
}

std::string shifted_instant(const std::string& utc) {
  const auto t = time::parse_instant(utc);
  if (!t) return utc;
  return time::to_utc_string(*t + std::chrono::weeks(kWeeksOn));
}

std::string short_text(const std::string& raw, const char* field, std::size_t max_bytes, bool required = true) {
  auto t = text::normalize(raw);
  if (!t) throw ApiError("field.bad_text", field);
  if (t->find_first_of("\r\n") != std::string::npos) throw ApiError("field.line_break", field);
  if (required && t->empty()) throw ApiError("field.required", field);
  if (t->size() > max_bytes) throw ApiError("field.too_long", field);
  return *t;
}

void check_key(const std::string& key, const char* field) {
  if (key.empty()) throw ApiError("field.required", field);
  if (key.size() > 16 || key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    throw ApiError("field.bad_text", field);
}

}  // namespace

store::ProgramYearRow copy_year(App& app, const Principal& p, const std::string& from_key, const NewYear& to) {
  check_key(to.key, "key");
  if (to.fiscal_year < 2000 || to.fiscal_year > 2100) throw ApiError("field.out_of_range", "fiscal_year");
  const L10n label{short_text(to.label.ja, "label.ja", 100), short_text(to.label.en, "label.en", 100, false)};
  const std::string prefix = short_text(to.reference_prefix, "reference_prefix", 8);
  auto result = app.db.write([&](soci::session& s) {
    require(p, domain::Capability::setup_programme);
    auto from = store::find_year(s, from_key);
    if (!from) throw ApiError("program.year_not_found", "from");
    if (store::find_year(s, to.key)) throw ApiError("program.year_exists", "key");
    const std::string now = app.clock.now_utc();
    store::ProgramYearRow y = *from;
    y.id = store::new_id();
    y.key = to.key;
    y.fiscal_year = to.fiscal_year;
    y.is_demo = false;
    y.label = label;
    y.reference_prefix = prefix;
    y.applications_open_at = shifted_instant(from->applications_open_at);
    if (from->applications_close_at) y.applications_close_at = shifted_instant(*from->applications_close_at);
    store::insert_year(s, y, now);
    for (auto c : store::courses_of(s, from->id)) {
      c.id = store::new_id();
      store::upsert_course(s, y.id, c);
    }
    for (auto session : store::sessions_of(s, from->id)) {
      session.id = store::new_id();
      session.program_year_id = y.id;
      session.date = shifted_date(session.date);
      session.applications_close_at = default_close_at(session.date, y.close_days_before);
      session.changed_at.reset();
      store::insert_session(s, session, now);
    }
    audit_change(app, s, Actor::of(p), "program_year", y.id, nullptr,
                 {{"copied_from", from->key}, {"key", y.key}, {"fiscal_year", y.fiscal_year}});
    return y;
  });
  ++app.program_version;  // after the commit: cached programme answers are stale now
  return result;
}

store::SessionRow add_session(App& app, const Principal& p, const std::string& year_key, const NewSession& in) {
  if (in.number < 1 || in.number > 99) throw ApiError("field.out_of_range", "number");
  if (!time::parse_date(in.date)) throw ApiError("field.bad_date", "date");
  if (!domain::prefecture(in.prefecture_code)) throw ApiError("field.bad_prefecture", "prefecture_code");
  if (in.capacity_teams < 1 || in.capacity_teams > 100) throw ApiError("field.out_of_range", "capacity_teams");
  if (in.capacity_people < 1 || in.capacity_people > 800) throw ApiError("field.out_of_range", "capacity_people");
  store::SessionRow row;
  row.number = in.number;
  row.date = in.date;
  row.region = {short_text(in.region.ja, "region.ja", 100), short_text(in.region.en, "region.en", 100, false)};
  row.prefecture_code = in.prefecture_code;
  row.venue = {short_text(in.venue.ja, "venue.ja", 300), short_text(in.venue.en, "venue.en", 300, false)};
  row.capacity_teams = in.capacity_teams;
  row.capacity_people = in.capacity_people;
  auto result = app.db.write([&](soci::session& s) {
    require(p, domain::Capability::manage_sessions);
    auto year = store::find_year(s, year_key);
    if (!year) throw ApiError("program.year_not_found", "year");
    for (const auto& other : store::sessions_of(s, year->id))
      if (other.number == row.number) throw ApiError("session.number_taken", "number");
    row.id = store::new_id();
    row.program_year_id = year->id;
    row.applications_close_at = default_close_at(row.date, year->close_days_before);
    store::insert_session(s, row, app.clock.now_utc());
    audit_change(app, s, Actor::of(p), "session", row.id, nullptr,
                 {{"number", row.number}, {"date", row.date}, {"venue", row.venue.ja}});
    return row;
  });
  ++app.program_version;  // after the commit: cached programme answers are stale now
  return result;
}

}  // namespace kenshu::app
