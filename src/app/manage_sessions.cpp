#include "app/manage_sessions.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/application_mail.hpp"
#include "app/audit.hpp"
#include "app/program_view.hpp"
#include "app/selection_internal.hpp"
#include "app/session_changes.hpp"
#include "domain/api_error.hpp"
#include "domain/text.hpp"
#include "store/application_store.hpp"
#include "store/review_store.hpp"

namespace kenshu::app {
namespace {

constexpr std::size_t kMaxVenueBytes = 300;

std::string venue_text(const std::string& raw, const char* field, bool required) {
  auto t = text::normalize(raw);
  if (!t) throw ApiError("field.bad_text", field);
  if (t->find_first_of("\r\n") != std::string::npos) throw ApiError("field.line_break", field);
  if (required && t->empty()) throw ApiError("field.required", field);
  if (t->size() > kMaxVenueBytes) throw ApiError("field.too_long", field);
  return *t;
}

SessionPatch checked(const SessionPatch& in) {
  SessionPatch out = in;
  if (in.date && !time::parse_date(*in.date)) throw ApiError("field.bad_date", "date");
  if (in.venue) out.venue = L10n{venue_text(in.venue->ja, "venue.ja", true), venue_text(in.venue->en, "venue.en", false)};
  if (in.capacity_teams && (*in.capacity_teams < 1 || *in.capacity_teams > 100))
    throw ApiError("field.out_of_range", "capacity_teams");
  if (in.capacity_people && (*in.capacity_people < 1 || *in.capacity_people > 800))
    throw ApiError("field.out_of_range", "capacity_people");
  if (in.applications_close_at) {
    auto t = time::parse_instant(*in.applications_close_at);
    if (!t) throw ApiError("field.bad_date", "applications_close_at");
    out.applications_close_at = time::to_utc_string(*t);
  }
  return out;
}

boost::json::object session_json(const store::SessionRow& r) {
  return {{"date", r.date},
          {"venue_ja", r.venue.ja},
          {"venue_en", r.venue.en},
          {"capacity_teams", r.capacity_teams},
          {"capacity_people", r.capacity_people},
          {"applications_close_at", r.applications_close_at}};
}

// Every active application that may be placed in the session hears of the change; a team holding a place in it
// (after selection) must confirm again, by a new confirm-by date.
int notify_teams(App& app, soci::session& s, const store::SessionRow& session,
                 const std::vector<store::SessionChangeRow>& changes, const std::string& now) {
  auto year = store::find_year_by_id(s, session.program_year_id);
  if (!year) return 0;
  const time::Instant at = app.clock.now();
  const YearContext ctx = year_context(app, s, year->key, at);
  const std::string confirm_by = confirm_by_for(session, selection_settings_of(s, year->id), at);
  const std::vector<std::string> placed = store::ask_to_reconfirm(s, session.id, confirm_by, now);
  int n = 0;
  for (const auto& summary : store::application_summaries(s, year->id)) {
    if (summary.status != "submitted") continue;
    const bool holds_place = std::find(placed.begin(), placed.end(), summary.id) != placed.end();
    const bool reaches = holds_place || summary.any_session ||
                         std::find(summary.session_ids.begin(), summary.session_ids.end(), session.id) !=
                             summary.session_ids.end();
    if (!reaches) continue;
    auto a = store::find_application(s, summary.id);
    if (!a) continue;
    SessionChangeNotice notice{session.number, changes, {}};
    if (holds_place) {
      notice.reconfirm_by = shown_time(time::parse_instant(confirm_by).value_or(at), a->locale == "en" ? Lang::en : Lang::ja);
      store::add_application_event(s, a->id, {now, "placement_reconfirm_requested", "system",
                                              boost::json::serialize(boost::json::object{
                                                  {"session_id", session.id}, {"confirm_by", confirm_by}})});
    }
    enqueue_session_changed_mail(app, s, *a, ctx, notice, now);
    store::add_application_event(s, a->id, {now, "session_changed", "system",
                                            boost::json::serialize(boost::json::object{{"session_id", session.id}})});
    ++n;
  }
  return n;
}

}  // namespace

SessionUpdate update_session(App& app, const Principal& p, const std::string& session_id, const SessionPatch& raw) {
  const SessionPatch patch = checked(raw);
  auto result = app.db.write([&](soci::session& s) {
    require_session(p, domain::Capability::manage_sessions, session_id);
    auto before = store::find_session(s, session_id);
    if (!before) throw ApiError("session.not_found");
    store::SessionRow after = *before;
    if (patch.date) after.date = *patch.date;
    if (patch.venue) after.venue = *patch.venue;
    if (patch.capacity_teams) after.capacity_teams = *patch.capacity_teams;
    if (patch.capacity_people) after.capacity_people = *patch.capacity_people;
    if (patch.applications_close_at) after.applications_close_at = *patch.applications_close_at;
    const std::string now = app.clock.now_utc();
    SessionUpdate out;
    out.changes = record_session_changes(s, *before, after, now);
    if (!out.changes.empty()) after.changed_at = now;
    store::update_session(s, after, now);
    audit_change(app, s, Actor::of(p), "session", session_id, session_json(*before), session_json(after));
    if (!out.changes.empty()) out.teams_notified = notify_teams(app, s, after, out.changes, now);
    out.session = after;
    return out;
  });
  ++app.program_version;  // after the commit: cached programme answers are stale now
  return result;
}

}  // namespace kenshu::app
