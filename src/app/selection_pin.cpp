// Staff adjust a selection by hand: pin a team to a session, or exclude it, each with a reason, in the audit log.
// Runs respect them (a pin to a later session waits for that session's run).
#include <soci/soci.h>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/selection_internal.hpp"
#include "app/staff_reason.hpp"
#include "domain/api_error.hpp"
#include "store/application_store.hpp"

namespace kenshu::app {
namespace {

// The application, if the person may adjust it (a coordinator: one that may be placed in an assigned session).
store::ApplicationRecord adjustable(soci::session& s, const Principal& p, const std::string& id) {
  const domain::Scope scope = require(p, domain::Capability::review_applications);
  auto a = store::find_application(s, id);
  if (!a) throw ApiError("application.not_found");
  if (scope == domain::Scope::assigned_sessions && !a->preferences.any_session &&
      std::none_of(a->preferences.session_ids.begin(), a->preferences.session_ids.end(), [&](const std::string& sid) {
        return std::find(p.session_ids.begin(), p.session_ids.end(), sid) != p.session_ids.end();
      }))
    throw ApiError("application.not_found");
  if (a->status == "withdrawn") throw ApiError("application.already_withdrawn");
  return *a;
}

PinsView pins_view(App& app, soci::session& s, const std::string& year_id) {
  auto year = store::find_year_by_id(s, year_id);
  (void)app;
  return {year ? year->key : "", store::pins_of(s, year_id), store::excludes_of(s, year_id)};
}

boost::json::value pin_json(const std::optional<store::PinRow>& p) {
  if (!p) return nullptr;
  return {{"session_id", p->session_id}, {"reason", p->reason}};
}

}  // namespace

PinsView selection_pins(App& app, const Principal& p, const std::string& year_key) {
  require(p, domain::Capability::review_applications);
  return app.db.write([&](soci::session& s) {
    auto year = store::find_year(s, year_key.empty() ? current_year_key(app, s) : year_key);
    if (!year) throw ApiError("program.year_not_found", "year");
    audit_read(app, s, Actor::of(p), "selection_pins", year->key);
    return pins_view(app, s, year->id);
  });
}

PinsView pin_application(App& app, const Principal& p, const std::string& application_id,
                         const std::string& session_id, const std::string& reason) {
  const std::string why = staff_reason(reason, true);
  require_session(p, domain::Capability::review_applications, session_id);
  return app.db.write([&](soci::session& s) {
    auto a = adjustable(s, p, application_id);
    auto session = store::find_session(s, session_id);
    if (!session || session->program_year_id != a.program_year_id) throw ApiError("session.not_found", "session_id");
    if (store::find_exclude(s, application_id)) throw ApiError("selection.pin_conflict", "application_id");
    auto before = store::find_pin(s, application_id);
    store::save_pin(s, {application_id, session_id, why, p.email, app.clock.now_utc()}, p.user_id);
    audit_change(app, s, Actor::of(p), "selection_pin", application_id, pin_json(before),
                 {{"session_id", session_id}, {"reason", why}});
    return pins_view(app, s, a.program_year_id);
  });
}

PinsView unpin_application(App& app, const Principal& p, const std::string& application_id, const std::string& reason) {
  const std::string why = staff_reason(reason, false);
  return app.db.write([&](soci::session& s) {
    auto a = store::find_application(s, application_id);
    if (!a) throw ApiError("application.not_found");
    auto before = store::find_pin(s, application_id);
    if (!before) throw ApiError("selection.pin_not_found");
    require_session(p, domain::Capability::review_applications, before->session_id);
    store::delete_pin(s, application_id);
    audit_change(app, s, Actor::of(p), "selection_pin", application_id, pin_json(before), {{"removed", true}, {"reason", why}});
    return pins_view(app, s, a->program_year_id);
  });
}

PinsView exclude_application(App& app, const Principal& p, const std::string& application_id,
                             const std::string& reason) {
  const std::string why = staff_reason(reason, true);
  return app.db.write([&](soci::session& s) {
    auto a = adjustable(s, p, application_id);
    if (store::find_pin(s, application_id)) throw ApiError("selection.pin_conflict", "application_id");
    auto before = store::find_exclude(s, application_id);
    store::save_exclude(s, {application_id, "", why, p.email, app.clock.now_utc()}, p.user_id);
    audit_change(app, s, Actor::of(p), "selection_exclude", application_id,
                 before ? boost::json::value{{"reason", before->reason}} : boost::json::value(nullptr), {{"reason", why}});
    return pins_view(app, s, a.program_year_id);
  });
}

PinsView unexclude_application(App& app, const Principal& p, const std::string& application_id,
                               const std::string& reason) {
  const std::string why = staff_reason(reason, false);
  return app.db.write([&](soci::session& s) {
    auto a = adjustable(s, p, application_id);
    auto before = store::find_exclude(s, application_id);
    if (!before) throw ApiError("selection.pin_not_found");
    store::delete_exclude(s, application_id);
    audit_change(app, s, Actor::of(p), "selection_exclude", application_id, {{"reason", before->reason}},
                 {{"removed", true}, {"reason", why}});
    return pins_view(app, s, a.program_year_id);
  });
}

}  // namespace kenshu::app
