// Promotion from the waitlist: a place freed by a decline, a withdrawal or a release goes to the next waitlisted
// team of that session, in the same transaction, and that team is mailed. Every step is a conditional UPDATE after
// the session's row is touched, so exactly one team gets a freed place however many requests race for it (SQLite:
// the single writer with BEGIN IMMEDIATE; PostgreSQL: the session row's lock).
#include <soci/soci.h>

#include "app/selection_internal.hpp"
#include "store/application_store.hpp"

namespace kenshu::app {

std::vector<std::string> promote_waitlisted(App& app, soci::session& s, const std::string& session_id,
                                            time::Instant now) {
  std::vector<std::string> promoted;
  auto session = store::find_session(s, session_id);
  if (!session) return promoted;
  const SelectionSettings settings = selection_settings_of(s, session->program_year_id);
  if (!promotion_open(*session, settings, now)) return promoted;
  store::lock_session(s, session_id);
  const std::string now_utc = time::to_utc_string(now);
  store::SessionLoad load = store::session_load(s, session_id);
  const auto k = settings.rules.max_teams_per_prefecture_per_session;
  for (const auto& entry : store::waiting_in_session(s, session_id)) {
    if (load.teams >= session->capacity_teams) break;
    auto pl = store::find_placement(s, entry.application_id);
    if (!pl || pl->outcome != "waitlisted") continue;
    if (load.people + pl->people > session->capacity_people) continue;  // a smaller team further down may fit
    if (k && load.teams_by_prefecture[pl->prefecture_code] >= *k) continue;
    if (store::promote_to_place(s, pl->application_id, session_id, confirm_by_for(*session, settings, now), now_utc) != 1)
      continue;
    store::mark_promoted(s, pl->application_id, session_id, now_utc);
    store::remove_from_waitlists(s, pl->application_id, now_utc);
    load.teams += 1;
    load.people += pl->people;
    load.teams_by_prefecture[pl->prefecture_code] += 1;
    store::add_application_event(s, pl->application_id,
                                 {now_utc, "selection_promoted", "system",
                                  boost::json::serialize(boost::json::object{{"session_id", session_id},
                                                                             {"position", entry.position}})});
    enqueue_selection_mail(app, s, "selection_promoted", pl->application_id, now);
    promoted.push_back(pl->application_id);
  }
  return promoted;
}

std::vector<std::string> give_up(App& app, soci::session& s, const std::string& application_id, const std::string& to,
                                 time::Instant now) {
  const std::string now_utc = time::to_utc_string(now);
  auto pl = store::find_placement(s, application_id);
  if (!pl) return {};
  if (pl->outcome == "accepted" && pl->session_id) {
    store::lock_session(s, *pl->session_id);
    if (store::give_up_place(s, application_id, to, now_utc) != 1) return {};
    return promote_waitlisted(app, s, *pl->session_id, now);
  }
  if (pl->outcome == "waitlisted" && to != "released") {
    store::leave_waitlist(s, application_id, to, now_utc);
    store::remove_from_waitlists(s, application_id, now_utc);
  }
  return {};
}

}  // namespace kenshu::app
