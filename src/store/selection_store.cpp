#include "store/selection_store.hpp"

#include <soci/soci.h>

#include "store/row.hpp"

namespace kenshu::store {
namespace {

int changed(soci::statement& st) {
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

constexpr const char* kRunColumns =
    "id, program_year_id, status, seed, session_ids_json, capacity_overrides_json, rules_json, input_hash, "
    "result_json, created_by, created_by_label, created_at, published_by, published_at";

SelectionRunRow run_from(const soci::row& r) {
  return {text(r, 0),  text(r, 1),          text(r, 2),  text(r, 3),          text(r, 4),
          text(r, 5),  text(r, 6),          text(r, 7),  text(r, 8),          optional_text(r, 9),
          text(r, 10), text(r, 11),         optional_text(r, 12), optional_text(r, 13)};
}

constexpr const char* kPlacementColumns =
    "application_id, program_year_id, run_id, outcome, session_id, people, prefecture_code, tier, rank, "
    "explanation_ja, explanation_en, later_session_ids_json, promoted, confirm_by, confirmed_at, declined_at, "
    "released_at, created_at, updated_at";

PlacementRow placement_from(const soci::row& r) {
  PlacementRow p;
  p.application_id = text(r, 0);
  p.program_year_id = text(r, 1);
  p.run_id = text(r, 2);
  p.outcome = text(r, 3);
  p.session_id = optional_text(r, 4);
  p.people = static_cast<int>(integer(r, 5));
  p.prefecture_code = static_cast<int>(integer(r, 6));
  p.tier = static_cast<int>(integer(r, 7));
  p.rank = static_cast<int>(integer(r, 8));
  p.explanation = {text(r, 9), text(r, 10)};
  p.later_session_ids_json = text(r, 11);
  p.promoted = boolean(r, 12);
  p.confirm_by = optional_text(r, 13);
  p.confirmed_at = optional_text(r, 14);
  p.declined_at = optional_text(r, 15);
  p.released_at = optional_text(r, 16);
  p.created_at = text(r, 17);
  p.updated_at = text(r, 18);
  return p;
}

PinRow pin_from(const soci::row& r) { return {text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4)}; }

WaitlistRow waitlist_from(const soci::row& r) {
  return {text(r, 0), text(r, 1), static_cast<int>(integer(r, 2)), text(r, 3)};
}

template <class Row, class Make>
std::vector<Row> all(soci::rowset<soci::row>&& rs, Make make) {
  std::vector<Row> out;
  for (const auto& r : rs) out.push_back(make(r));
  return out;
}

}  // namespace

std::optional<std::string> selection_settings_json(soci::session& s, const std::string& year_id) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT rules_json FROM selection_settings WHERE program_year_id = :y", soci::use(year_id));
  for (const auto& r : rs) return text(r, 0);
  return std::nullopt;
}

void save_selection_settings(soci::session& s, const std::string& year_id, const std::string& json,
                             const std::string& now) {
  s << "INSERT INTO selection_settings (program_year_id, rules_json, updated_at) VALUES (:y, :j, :n) "
       "ON CONFLICT (program_year_id) DO UPDATE SET rules_json = excluded.rules_json, updated_at = excluded.updated_at",
      soci::use(year_id), soci::use(json), soci::use(now);
}

void insert_run(soci::session& s, const SelectionRunRow& r) {
  Opt by(r.created_by);
  s << "INSERT INTO selection_runs (id, program_year_id, status, seed, session_ids_json, capacity_overrides_json, "
       "rules_json, input_hash, result_json, created_by, created_by_label, created_at) "
       "VALUES (:id, :y, :st, :seed, :ss, :co, :ru, :h, :res, :by, :byl, :at)",
      soci::use(r.id), soci::use(r.program_year_id), soci::use(r.status), soci::use(r.seed),
      soci::use(r.session_ids_json), soci::use(r.capacity_overrides_json), soci::use(r.rules_json),
      soci::use(r.input_hash), soci::use(r.result_json), soci::use(by.value, by.ind), soci::use(r.created_by_label),
      soci::use(r.created_at);
}

std::optional<SelectionRunRow> find_run(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rs = (s.prepare << "SELECT " << kRunColumns << " FROM selection_runs WHERE id = :i", soci::use(id));
  for (const auto& r : rs) return run_from(r);
  return std::nullopt;
}

std::vector<SelectionRunRow> runs_of(soci::session& s, const std::string& year_id) {
  return all<SelectionRunRow>((s.prepare << "SELECT " << kRunColumns
                                          << " FROM selection_runs WHERE program_year_id = :y ORDER BY created_at DESC, id",
                               soci::use(year_id)),
                              run_from);
}

std::vector<SelectionRunRow> published_runs_of(soci::session& s, const std::string& year_id) {
  return all<SelectionRunRow>((s.prepare << "SELECT " << kRunColumns
                                          << " FROM selection_runs WHERE program_year_id = :y AND status = 'published' "
                                             "ORDER BY published_at DESC, id",
                               soci::use(year_id)),
                              run_from);
}

bool mark_run_published(soci::session& s, const std::string& id, const std::optional<std::string>& user_id,
                        const std::string& now) {
  Opt by(user_id);
  soci::statement st = (s.prepare << "UPDATE selection_runs SET status = 'published', published_by = :b, "
                                     "published_at = :n WHERE id = :i AND status = 'draft'",
                        soci::use(by.value, by.ind), soci::use(now), soci::use(id));
  return changed(st) == 1;
}

std::vector<PinRow> pins_of(soci::session& s, const std::string& year_id) {
  return all<PinRow>((s.prepare << "SELECT p.application_id, p.session_id, p.reason, p.by_label, p.at FROM selection_pins p "
                                   "JOIN applications a ON a.id = p.application_id WHERE a.program_year_id = :y "
                                   "ORDER BY p.at, p.application_id",
                      soci::use(year_id)),
                     pin_from);
}

std::vector<PinRow> excludes_of(soci::session& s, const std::string& year_id) {
  return all<PinRow>((s.prepare << "SELECT e.application_id, '', e.reason, e.by_label, e.at FROM selection_excludes e "
                                   "JOIN applications a ON a.id = e.application_id WHERE a.program_year_id = :y "
                                   "ORDER BY e.at, e.application_id",
                      soci::use(year_id)),
                     pin_from);
}

std::optional<PinRow> find_pin(soci::session& s, const std::string& application_id) {
  soci::rowset<soci::row> rs = (s.prepare << "SELECT application_id, session_id, reason, by_label, at FROM selection_pins "
                                             "WHERE application_id = :a",
                                soci::use(application_id));
  for (const auto& r : rs) return pin_from(r);
  return std::nullopt;
}

std::optional<PinRow> find_exclude(soci::session& s, const std::string& application_id) {
  soci::rowset<soci::row> rs = (s.prepare << "SELECT application_id, '', reason, by_label, at FROM selection_excludes "
                                             "WHERE application_id = :a",
                                soci::use(application_id));
  for (const auto& r : rs) return pin_from(r);
  return std::nullopt;
}

void save_pin(soci::session& s, const PinRow& p, const std::optional<std::string>& user_id) {
  Opt by(user_id);
  s << "INSERT INTO selection_pins (application_id, session_id, reason, by_user_id, by_label, at) "
       "VALUES (:a, :s, :r, :u, :l, :t) ON CONFLICT (application_id) DO UPDATE SET session_id = excluded.session_id, "
       "reason = excluded.reason, by_user_id = excluded.by_user_id, by_label = excluded.by_label, at = excluded.at",
      soci::use(p.application_id), soci::use(p.session_id), soci::use(p.reason), soci::use(by.value, by.ind),
      soci::use(p.by_label), soci::use(p.at);
}

void save_exclude(soci::session& s, const PinRow& p, const std::optional<std::string>& user_id) {
  Opt by(user_id);
  s << "INSERT INTO selection_excludes (application_id, reason, by_user_id, by_label, at) "
       "VALUES (:a, :r, :u, :l, :t) ON CONFLICT (application_id) DO UPDATE SET "
       "reason = excluded.reason, by_user_id = excluded.by_user_id, by_label = excluded.by_label, at = excluded.at",
      soci::use(p.application_id), soci::use(p.reason), soci::use(by.value, by.ind), soci::use(p.by_label),
      soci::use(p.at);
}

bool delete_pin(soci::session& s, const std::string& application_id) {
  soci::statement st = (s.prepare << "DELETE FROM selection_pins WHERE application_id = :a", soci::use(application_id));
  return changed(st) == 1;
}

bool delete_exclude(soci::session& s, const std::string& application_id) {
  soci::statement st =
      (s.prepare << "DELETE FROM selection_excludes WHERE application_id = :a", soci::use(application_id));
  return changed(st) == 1;
}

std::optional<PlacementRow> find_placement(soci::session& s, const std::string& application_id) {
  soci::rowset<soci::row> rs = (s.prepare << "SELECT " << kPlacementColumns
                                          << " FROM placements WHERE application_id = :a",
                                soci::use(application_id));
  for (const auto& r : rs) return placement_from(r);
  return std::nullopt;
}

std::vector<PlacementRow> placements_of_year(soci::session& s, const std::string& year_id) {
  return all<PlacementRow>((s.prepare << "SELECT " << kPlacementColumns
                                      << " FROM placements WHERE program_year_id = :y ORDER BY application_id",
                            soci::use(year_id)),
                           placement_from);
}

std::vector<PlacementRow> placements_in_session(soci::session& s, const std::string& session_id) {
  return all<PlacementRow>((s.prepare << "SELECT " << kPlacementColumns
                                      << " FROM placements WHERE session_id = :s ORDER BY application_id",
                            soci::use(session_id)),
                           placement_from);
}

void upsert_placement(soci::session& s, const PlacementRow& p) {
  Opt session(p.session_id), confirm_by(p.confirm_by), confirmed(p.confirmed_at), declined(p.declined_at),
      released(p.released_at);
  const int promoted = p.promoted ? 1 : 0;
  s << "INSERT INTO placements (" << kPlacementColumns
    << ") VALUES (:a, :y, :run, :o, :s, :pe, :pr, :t, :rk, :ej, :ee, :l, :pm, :cb, :ca, :da, :ra, :c, :u) "
       "ON CONFLICT (application_id) DO UPDATE SET run_id = excluded.run_id, outcome = excluded.outcome, "
       "session_id = excluded.session_id, people = excluded.people, prefecture_code = excluded.prefecture_code, "
       "tier = excluded.tier, rank = excluded.rank, explanation_ja = excluded.explanation_ja, "
       "explanation_en = excluded.explanation_en, later_session_ids_json = excluded.later_session_ids_json, "
       "promoted = excluded.promoted, confirm_by = excluded.confirm_by, confirmed_at = excluded.confirmed_at, "
       "declined_at = excluded.declined_at, released_at = excluded.released_at, updated_at = excluded.updated_at",
      soci::use(p.application_id), soci::use(p.program_year_id), soci::use(p.run_id), soci::use(p.outcome),
      soci::use(session.value, session.ind), soci::use(p.people), soci::use(p.prefecture_code), soci::use(p.tier),
      soci::use(p.rank), soci::use(p.explanation.ja), soci::use(p.explanation.en), soci::use(p.later_session_ids_json),
      soci::use(promoted), soci::use(confirm_by.value, confirm_by.ind), soci::use(confirmed.value, confirmed.ind),
      soci::use(declined.value, declined.ind), soci::use(released.value, released.ind), soci::use(p.created_at),
      soci::use(p.updated_at);
}

int confirm_place(soci::session& s, const std::string& application_id, const std::string& now) {
  soci::statement st = (s.prepare << "UPDATE placements SET confirmed_at = :n, updated_at = :n2 "
                                     "WHERE application_id = :a AND outcome = 'accepted' AND confirmed_at IS NULL",
                        soci::use(now), soci::use(now), soci::use(application_id));
  return changed(st);
}

std::vector<std::string> ask_to_reconfirm(soci::session& s, const std::string& session_id,
                                          const std::string& confirm_by, const std::string& now) {
  std::vector<std::string> ids;
  soci::rowset<soci::row> rs = (s.prepare << "SELECT application_id FROM placements WHERE session_id = :s "
                                             "AND outcome = 'accepted' ORDER BY application_id",
                                soci::use(session_id));
  for (const auto& r : rs) ids.push_back(text(r, 0));
  s << "UPDATE placements SET confirmed_at = NULL, confirm_by = :b, updated_at = :n "
       "WHERE session_id = :s AND outcome = 'accepted'",
      soci::use(confirm_by), soci::use(now), soci::use(session_id);
  return ids;
}

int give_up_place(soci::session& s, const std::string& application_id, const std::string& to, const std::string& now) {
  const std::string declined = to == "declined" ? now : "";
  const std::string released = to == "released" ? now : "";
  soci::indicator di = declined.empty() ? soci::i_null : soci::i_ok;
  soci::indicator ri = released.empty() ? soci::i_null : soci::i_ok;
  soci::statement st = (s.prepare << "UPDATE placements SET outcome = :o, declined_at = :d, released_at = :r, "
                                     "updated_at = :n WHERE application_id = :a AND outcome = 'accepted'",
                        soci::use(to), soci::use(declined, di), soci::use(released, ri), soci::use(now),
                        soci::use(application_id));
  return changed(st);
}

int promote_to_place(soci::session& s, const std::string& application_id, const std::string& session_id,
                     const std::string& confirm_by, const std::string& now) {
  soci::statement st = (s.prepare << "UPDATE placements SET outcome = 'accepted', session_id = :s, promoted = 1, "
                                     "confirm_by = :c, confirmed_at = NULL, rank = COALESCE((SELECT p.rank FROM "
                                     "preferences p WHERE p.application_id = :a1 AND p.session_id = :s1), 0), "
                                     "updated_at = :n WHERE application_id = :a AND outcome = 'waitlisted'",
                        soci::use(session_id), soci::use(confirm_by), soci::use(application_id), soci::use(session_id),
                        soci::use(now), soci::use(application_id));
  return changed(st);
}

int leave_waitlist(soci::session& s, const std::string& application_id, const std::string& to, const std::string& now) {
  const std::string declined = to == "declined" ? now : "";
  soci::indicator di = declined.empty() ? soci::i_null : soci::i_ok;
  soci::statement st = (s.prepare << "UPDATE placements SET outcome = :o, declined_at = :d, updated_at = :n "
                                     "WHERE application_id = :a AND outcome = 'waitlisted'",
                        soci::use(to), soci::use(declined, di), soci::use(now), soci::use(application_id));
  return changed(st);
}

SessionLoad session_load(soci::session& s, const std::string& session_id) {
  SessionLoad load;
  soci::rowset<soci::row> rs = (s.prepare << "SELECT prefecture_code, COUNT(*), SUM(people) FROM placements "
                                             "WHERE session_id = :s AND outcome = 'accepted' GROUP BY prefecture_code",
                                soci::use(session_id));
  for (const auto& r : rs) {
    const int teams = static_cast<int>(integer(r, 1));
    load.teams += teams;
    load.people += static_cast<int>(integer(r, 2));
    load.teams_by_prefecture[static_cast<int>(integer(r, 0))] += teams;
  }
  return load;
}

void lock_session(soci::session& s, const std::string& session_id) {
  s << "UPDATE sessions SET updated_at = updated_at WHERE id = :s", soci::use(session_id);
}

std::vector<WaitlistRow> waitlist_of_application(soci::session& s, const std::string& application_id) {
  return all<WaitlistRow>((s.prepare << "SELECT application_id, session_id, position, status FROM waitlist_entries "
                                        "WHERE application_id = :a ORDER BY session_id",
                           soci::use(application_id)),
                          waitlist_from);
}

std::vector<WaitlistRow> waiting_in_session(soci::session& s, const std::string& session_id) {
  return all<WaitlistRow>((s.prepare << "SELECT application_id, session_id, position, status FROM waitlist_entries "
                                        "WHERE session_id = :s AND status = 'waiting' ORDER BY position",
                           soci::use(session_id)),
                          waitlist_from);
}

void clear_waitlist(soci::session& s, const std::string& session_id, const std::string& now) {
  s << "UPDATE waitlist_entries SET status = 'removed', updated_at = :n WHERE session_id = :s AND status = 'waiting'",
      soci::use(now), soci::use(session_id);
}

void put_on_waitlist(soci::session& s, const WaitlistRow& w, const std::string& run_id, const std::string& now) {
  s << "INSERT INTO waitlist_entries (application_id, session_id, position, run_id, status, updated_at) "
       "VALUES (:a, :s, :p, :r, 'waiting', :n) ON CONFLICT (application_id, session_id) DO UPDATE SET "
       "position = excluded.position, run_id = excluded.run_id, status = 'waiting', updated_at = excluded.updated_at",
      soci::use(w.application_id), soci::use(w.session_id), soci::use(w.position), soci::use(run_id), soci::use(now);
}

void remove_from_waitlists(soci::session& s, const std::string& application_id, const std::string& now) {
  s << "UPDATE waitlist_entries SET status = 'removed', updated_at = :n WHERE application_id = :a AND status = 'waiting'",
      soci::use(now), soci::use(application_id);
}

int mark_promoted(soci::session& s, const std::string& application_id, const std::string& session_id,
                  const std::string& now) {
  soci::statement st = (s.prepare << "UPDATE waitlist_entries SET status = 'promoted', updated_at = :n "
                                     "WHERE application_id = :a AND session_id = :s AND status = 'waiting'",
                        soci::use(now), soci::use(application_id), soci::use(session_id));
  return changed(st);
}

}  // namespace kenshu::store
