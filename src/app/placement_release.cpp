// Staff release places that were not confirmed in time (or one named place); each freed place goes to the next
// waitlisted team of its session in the same transaction. Also: a session's places and waitlist for the back office.
#include <soci/soci.h>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/selection_internal.hpp"
#include "app/staff_reason.hpp"
#include "domain/api_error.hpp"
#include "store/application_store.hpp"

namespace kenshu::app {

ReleaseResult release_places(App& app, const Principal& p, const std::string& session_id,
                             const std::string& application_id, const std::string& reason) {
  require(p, domain::Capability::manage_sessions);
  const std::string why = staff_reason(reason, /*required=*/false);
  if (session_id.empty() == application_id.empty()) throw ApiError("selection.release_target", "session_id");
  const time::Instant now = app.clock.now();
  const std::string now_utc = time::to_utc_string(now);
  return app.db.write([&](soci::session& s) {
    std::vector<std::string> ids;
    if (!application_id.empty()) {
      auto pl = store::find_placement(s, application_id);
      if (!store::find_application(s, application_id)) throw ApiError("application.not_found", "application_id");
      if (!pl || pl->outcome != "accepted") throw ApiError("placement.not_offered", "application_id");
      if (pl->confirmed_at) throw ApiError("placement.already_confirmed", "application_id");
      ids.push_back(application_id);
    } else {
      if (!store::find_session(s, session_id)) throw ApiError("session.not_found", "session_id");
      store::lock_session(s, session_id);
      for (const auto& pl : store::placements_in_session(s, session_id))
        if (pl.outcome == "accepted" && !pl.confirmed_at && pl.confirm_by && *pl.confirm_by < now_utc)
          ids.push_back(pl.application_id);
    }
    ReleaseResult out;
    for (const auto& id : ids) {
      auto pl = store::find_placement(s, id);
      if (!pl || pl->outcome != "accepted") continue;
      auto promoted = give_up(app, s, id, "released", now);
      store::add_application_event(s, id, {now_utc, "placement_released", "staff:" + p.user_id,
                                           boost::json::serialize(boost::json::object{{"reason", why}})});
      enqueue_selection_mail(app, s, "selection_released", id, now);
      audit_change(app, s, Actor::of(p), "placement", id, {{"outcome", "accepted"}, {"session_id", pl->session_id.value_or("")}},
                   {{"outcome", "released"}, {"reason", why}});
      out.released.push_back(id);
      out.promoted.insert(out.promoted.end(), promoted.begin(), promoted.end());
    }
    return out;
  });
}

SessionPlacements session_placements(App& app, const Principal& p, const std::string& session_id) {
  require_session(p, domain::Capability::review_applications, session_id);
  return app.db.write([&](soci::session& s) {
    auto session = store::find_session(s, session_id);
    if (!session) throw ApiError("session.not_found");
    SessionPlacements out{*session, store::placements_in_session(s, session_id), store::waiting_in_session(s, session_id), {}};
    auto name = [&](const std::string& id) {
      if (out.teams.count(id)) return;
      if (auto a = store::find_application(s, id)) out.teams[id] = {a->reference, a->hospital.name};
    };
    for (const auto& pl : out.placements) name(pl.application_id);
    for (const auto& w : out.waitlist) name(w.application_id);
    audit_read(app, s, Actor::of(p), "session_placements", session_id);
    return out;
  });
}

}  // namespace kenshu::app
