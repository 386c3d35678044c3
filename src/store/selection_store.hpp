// Selection: the year's rules, runs, pins and exclusions, placements and waitlists (db/migrations/0005).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/l10n.hpp"

namespace soci {
class session;
}

namespace kenshu::store {

std::optional<std::string> selection_settings_json(soci::session& s, const std::string& year_id);
void save_selection_settings(soci::session& s, const std::string& year_id, const std::string& json,
                             const std::string& now);

struct SelectionRunRow {
  std::string id;
  std::string program_year_id;
  std::string status;  // draft | published
  std::string seed;    // decimal uint64
  std::string session_ids_json;
  std::string capacity_overrides_json = "[]";
  std::string rules_json;
  std::string input_hash;
  std::string result_json;
  std::optional<std::string> created_by;
  std::string created_by_label;
  std::string created_at;
  std::optional<std::string> published_by;
  std::optional<std::string> published_at;
};

void insert_run(soci::session& s, const SelectionRunRow& r);
std::optional<SelectionRunRow> find_run(soci::session& s, const std::string& id);
std::vector<SelectionRunRow> runs_of(soci::session& s, const std::string& year_id);  // newest first
std::vector<SelectionRunRow> published_runs_of(soci::session& s, const std::string& year_id);  // latest published first
// draft → published; false when it was not a draft any more (another publish won).
bool mark_run_published(soci::session& s, const std::string& id, const std::optional<std::string>& user_id,
                        const std::string& now);

struct PinRow {
  std::string application_id;
  std::string session_id;  // empty for an exclusion
  std::string reason;
  std::string by_label;
  std::string at;
};

std::vector<PinRow> pins_of(soci::session& s, const std::string& year_id);
std::vector<PinRow> excludes_of(soci::session& s, const std::string& year_id);
std::optional<PinRow> find_pin(soci::session& s, const std::string& application_id);
std::optional<PinRow> find_exclude(soci::session& s, const std::string& application_id);
void save_pin(soci::session& s, const PinRow& p, const std::optional<std::string>& user_id);
void save_exclude(soci::session& s, const PinRow& p, const std::optional<std::string>& user_id);
bool delete_pin(soci::session& s, const std::string& application_id);
bool delete_exclude(soci::session& s, const std::string& application_id);

struct PlacementRow {
  std::string application_id;
  std::string program_year_id;
  std::string run_id;
  std::string outcome;  // accepted | waitlisted | not_selected | declined | released | withdrawn
  std::optional<std::string> session_id;
  int people = 0;
  int prefecture_code = 0;
  int tier = 0;
  int rank = 0;
  L10n explanation;
  std::string later_session_ids_json = "[]";
  bool promoted = false;
  std::optional<std::string> confirm_by;
  std::optional<std::string> confirmed_at;
  std::optional<std::string> declined_at;
  std::optional<std::string> released_at;
  std::string created_at;
  std::string updated_at;
};

std::optional<PlacementRow> find_placement(soci::session& s, const std::string& application_id);
std::vector<PlacementRow> placements_of_year(soci::session& s, const std::string& year_id);
std::vector<PlacementRow> placements_in_session(soci::session& s, const std::string& session_id);
void upsert_placement(soci::session& s, const PlacementRow& p);

// Conditional changes: each answers how many rows changed (0 when another request got there first).
int confirm_place(soci::session& s, const std::string& application_id, const std::string& now);
// The session's accepted places must be confirmed again (its date or venue changed): confirmed_at cleared, a new
// confirm_by. Returns the application ids.
std::vector<std::string> ask_to_reconfirm(soci::session& s, const std::string& session_id,
                                          const std::string& confirm_by, const std::string& now);
// accepted → to (declined | released | withdrawn), stamping declined_at / released_at.
int give_up_place(soci::session& s, const std::string& application_id, const std::string& to, const std::string& now);
// waitlisted → accepted in session, with a new confirm_by.
int promote_to_place(soci::session& s, const std::string& application_id, const std::string& session_id,
                     const std::string& confirm_by, const std::string& now);
// waitlisted → to (declined | withdrawn).
int leave_waitlist(soci::session& s, const std::string& application_id, const std::string& to, const std::string& now);

struct SessionLoad {
  int teams = 0;
  int people = 0;
  std::map<int, int> teams_by_prefecture;
};
SessionLoad session_load(soci::session& s, const std::string& session_id);

// Touches the session's row: on PostgreSQL the row lock serialises every change of that session's places.
void lock_session(soci::session& s, const std::string& session_id);

struct WaitlistRow {
  std::string application_id;
  std::string session_id;
  int position = 0;
  std::string status;
};
std::vector<WaitlistRow> waitlist_of_application(soci::session& s, const std::string& application_id);
std::vector<WaitlistRow> waiting_in_session(soci::session& s, const std::string& session_id);  // by position
// Ends the session's current waitlist (a new run of the session replaces it).
void clear_waitlist(soci::session& s, const std::string& session_id, const std::string& now);
void put_on_waitlist(soci::session& s, const WaitlistRow& w, const std::string& run_id, const std::string& now);
void remove_from_waitlists(soci::session& s, const std::string& application_id, const std::string& now);
int mark_promoted(soci::session& s, const std::string& application_id, const std::string& session_id,
                  const std::string& now);

}  // namespace kenshu::store
