#include "store/program_store.hpp"

#include <soci/soci.h>

#include "store/row.hpp"

namespace kenshu::store {
namespace {

constexpr const char* kYearColumns =
    "id, key, fiscal_year, is_demo, label_ja, label_en, title_ja, title_en, reference_prefix, applications_open_at, "
    "applications_close_at, close_days_before, team_min_size, team_max_size, privacy_version, privacy_text_ja, "
    "privacy_text_en, secretariat_name_ja, secretariat_name_en, secretariat_email, notes_json";

ProgramYearRow year_from(const soci::row& r) {
  ProgramYearRow y;
  y.id = text(r, 0);
  y.key = text(r, 1);
  y.fiscal_year = static_cast<int>(integer(r, 2));
  y.is_demo = boolean(r, 3);
  y.label = {text(r, 4), text(r, 5)};
  y.title = {text(r, 6), text(r, 7)};
  y.reference_prefix = text(r, 8);
  y.applications_open_at = text(r, 9);
  y.applications_close_at = optional_text(r, 10);
  y.close_days_before = static_cast<int>(integer(r, 11));
  y.team_min_size = static_cast<int>(integer(r, 12));
  y.team_max_size = static_cast<int>(integer(r, 13));
  y.privacy_version = text(r, 14);
  y.privacy_text = {text(r, 15), text(r, 16)};
  y.secretariat_name = {text(r, 17), text(r, 18)};
  y.secretariat_email = text(r, 19);
  y.notes_json = text(r, 20);
  return y;
}

constexpr const char* kSessionColumns =
    "id, program_year_id, number, date, region_ja, region_en, prefecture_code, venue_ja, venue_en, capacity_teams, "
    "capacity_people, applications_close_at, changed_at";

SessionRow session_from(const soci::row& r) {
  SessionRow s;
  s.id = text(r, 0);
  s.program_year_id = text(r, 1);
  s.number = static_cast<int>(integer(r, 2));
  s.date = text(r, 3);
  s.region = {text(r, 4), text(r, 5)};
  s.prefecture_code = static_cast<int>(integer(r, 6));
  s.venue = {text(r, 7), text(r, 8)};
  s.capacity_teams = static_cast<int>(integer(r, 9));
  s.capacity_people = static_cast<int>(integer(r, 10));
  s.applications_close_at = text(r, 11);
  s.changed_at = optional_text(r, 12);
  return s;
}

template <class Row, class Make>
std::vector<Row> rows(soci::rowset<soci::row>&& rs, Make make) {
  std::vector<Row> out;
  for (const auto& r : rs) out.push_back(make(r));
  return out;
}

}  // namespace

std::optional<ProgramYearRow> find_year(soci::session& s, const std::string& key) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT " << kYearColumns << " FROM program_years WHERE key = :k", soci::use(key));
  for (const auto& r : rs) return year_from(r);
  return std::nullopt;
}

std::optional<ProgramYearRow> find_year_by_id(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT " << kYearColumns << " FROM program_years WHERE id = :i", soci::use(id));
  for (const auto& r : rs) return year_from(r);
  return std::nullopt;
}

std::vector<ProgramYearRow> list_years(soci::session& s) {
  return rows<ProgramYearRow>(
      (s.prepare << "SELECT " << kYearColumns << " FROM program_years ORDER BY is_demo, fiscal_year DESC"), year_from);
}

std::vector<CourseRow> courses_of(soci::session& s, const std::string& year_id) {
  return rows<CourseRow>((s.prepare << "SELECT id, code, name_ja, name_en, starts_local, ends_local, position "
                                       "FROM courses WHERE program_year_id = :y ORDER BY position",
                          soci::use(year_id)),
                         [](const soci::row& r) {
                           return CourseRow{text(r, 0), text(r, 1), {text(r, 2), text(r, 3)},
                                            text(r, 4), text(r, 5), static_cast<int>(integer(r, 6))};
                         });
}

std::vector<SessionRow> sessions_of(soci::session& s, const std::string& year_id) {
  return rows<SessionRow>(
      (s.prepare << "SELECT " << kSessionColumns << " FROM sessions WHERE program_year_id = :y ORDER BY number",
       soci::use(year_id)),
      session_from);
}

std::optional<SessionRow> find_session(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT " << kSessionColumns << " FROM sessions WHERE id = :i", soci::use(id));
  for (const auto& r : rs) return session_from(r);
  return std::nullopt;
}

std::vector<SessionChangeRow> session_changes_of(soci::session& s, const std::string& year_id) {
  return rows<SessionChangeRow>(
      (s.prepare << "SELECT c.session_id, c.field, c.old_ja, c.old_en, c.new_ja, c.new_en, c.changed_at "
                    "FROM session_changes c JOIN sessions s ON s.id = c.session_id "
                    "WHERE s.program_year_id = :y ORDER BY c.changed_at",
       soci::use(year_id)),
      [](const soci::row& r) {
        return SessionChangeRow{text(r, 0), text(r, 1), {text(r, 2), text(r, 3)}, {text(r, 4), text(r, 5)},
                                text(r, 6)};
      });
}

void insert_year(soci::session& s, const ProgramYearRow& y, const std::string& now) {
  soci::indicator close_ind = y.applications_close_at ? soci::i_ok : soci::i_null;
  std::string close = y.applications_close_at.value_or("");
  int demo = y.is_demo ? 1 : 0;
  s << "INSERT INTO program_years (" << kYearColumns
    << ", created_at, updated_at) VALUES (:id, :key, :fy, :demo, :lja, :len, :tja, :ten, :pfx, :open, :close, :cdb, "
       ":tmin, :tmax, :pv, :pja, :pen, :sja, :sen, :smail, :notes, :now, :now2)",
      soci::use(y.id), soci::use(y.key), soci::use(y.fiscal_year), soci::use(demo), soci::use(y.label.ja),
      soci::use(y.label.en), soci::use(y.title.ja), soci::use(y.title.en), soci::use(y.reference_prefix),
      soci::use(y.applications_open_at), soci::use(close, close_ind), soci::use(y.close_days_before),
      soci::use(y.team_min_size), soci::use(y.team_max_size), soci::use(y.privacy_version),
      soci::use(y.privacy_text.ja), soci::use(y.privacy_text.en), soci::use(y.secretariat_name.ja),
      soci::use(y.secretariat_name.en), soci::use(y.secretariat_email), soci::use(y.notes_json), soci::use(now),
      soci::use(now);
}

void update_year(soci::session& s, const ProgramYearRow& y, const std::string& now) {
  soci::indicator close_ind = y.applications_close_at ? soci::i_ok : soci::i_null;
  std::string close = y.applications_close_at.value_or("");
  int demo = y.is_demo ? 1 : 0;
  s << "UPDATE program_years SET fiscal_year = :fy, is_demo = :demo, label_ja = :lja, label_en = :len, "
       "title_ja = :tja, title_en = :ten, reference_prefix = :pfx, applications_open_at = :open, "
       "applications_close_at = :close, close_days_before = :cdb, team_min_size = :tmin, team_max_size = :tmax, "
       "privacy_version = :pv, privacy_text_ja = :pja, privacy_text_en = :pen, secretariat_name_ja = :sja, "
       "secretariat_name_en = :sen, secretariat_email = :smail, notes_json = :notes, updated_at = :now "
       "WHERE id = :id",
      soci::use(y.fiscal_year), soci::use(demo), soci::use(y.label.ja), soci::use(y.label.en), soci::use(y.title.ja),
      soci::use(y.title.en), soci::use(y.reference_prefix), soci::use(y.applications_open_at),
      soci::use(close, close_ind), soci::use(y.close_days_before), soci::use(y.team_min_size),
      soci::use(y.team_max_size), soci::use(y.privacy_version), soci::use(y.privacy_text.ja),
      soci::use(y.privacy_text.en), soci::use(y.secretariat_name.ja), soci::use(y.secretariat_name.en),
      soci::use(y.secretariat_email), soci::use(y.notes_json), soci::use(now), soci::use(y.id);
}

void upsert_course(soci::session& s, const std::string& year_id, const CourseRow& c) {
  int n = 0;
  s << "SELECT COUNT(*) FROM courses WHERE program_year_id = :y AND code = :c", soci::use(year_id), soci::use(c.code),
      soci::into(n);
  if (n == 0) {
    s << "INSERT INTO courses (id, program_year_id, code, name_ja, name_en, starts_local, ends_local, position) "
         "VALUES (:id, :y, :c, :nja, :nen, :st, :en, :pos)",
        soci::use(c.id), soci::use(year_id), soci::use(c.code), soci::use(c.name.ja), soci::use(c.name.en),
        soci::use(c.starts_local), soci::use(c.ends_local), soci::use(c.position);
  } else {
    s << "UPDATE courses SET name_ja = :nja, name_en = :nen, starts_local = :st, ends_local = :en, position = :pos "
         "WHERE program_year_id = :y AND code = :c",
        soci::use(c.name.ja), soci::use(c.name.en), soci::use(c.starts_local), soci::use(c.ends_local),
        soci::use(c.position), soci::use(year_id), soci::use(c.code);
  }
}

void insert_session(soci::session& s, const SessionRow& r, const std::string& now) {
  s << "INSERT INTO sessions (" << kSessionColumns
    << ", created_at, updated_at) VALUES (:id, :y, :n, :d, :rja, :ren, :pc, :vja, :ven, :ct, :cp, :close, NULL, "
       ":now, :now2)",
      soci::use(r.id), soci::use(r.program_year_id), soci::use(r.number), soci::use(r.date), soci::use(r.region.ja),
      soci::use(r.region.en), soci::use(r.prefecture_code), soci::use(r.venue.ja), soci::use(r.venue.en),
      soci::use(r.capacity_teams), soci::use(r.capacity_people), soci::use(r.applications_close_at), soci::use(now),
      soci::use(now);
}

void update_session(soci::session& s, const SessionRow& r, const std::string& now) {
  soci::indicator changed_ind = r.changed_at ? soci::i_ok : soci::i_null;
  std::string changed = r.changed_at.value_or("");
  s << "UPDATE sessions SET date = :d, region_ja = :rja, region_en = :ren, prefecture_code = :pc, venue_ja = :vja, "
       "venue_en = :ven, capacity_teams = :ct, capacity_people = :cp, applications_close_at = :close, "
       "changed_at = :changed, updated_at = :now WHERE id = :id",
      soci::use(r.date), soci::use(r.region.ja), soci::use(r.region.en), soci::use(r.prefecture_code),
      soci::use(r.venue.ja), soci::use(r.venue.en), soci::use(r.capacity_teams), soci::use(r.capacity_people),
      soci::use(r.applications_close_at), soci::use(changed, changed_ind), soci::use(now), soci::use(r.id);
}

void insert_session_change(soci::session& s, const SessionChangeRow& c, const std::string& id) {
  s << "INSERT INTO session_changes (id, session_id, field, old_ja, old_en, new_ja, new_en, changed_at) "
       "VALUES (:id, :s, :f, :oja, :oen, :nja, :nen, :at)",
      soci::use(id), soci::use(c.session_id), soci::use(c.field), soci::use(c.old_value.ja),
      soci::use(c.old_value.en), soci::use(c.new_value.ja), soci::use(c.new_value.en), soci::use(c.changed_at);
}

}  // namespace kenshu::store
