#include "app/manage_application.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include "app/application_mail.hpp"
#include "app/secrets.hpp"
#include "app/selection_internal.hpp"
#include "domain/api_error.hpp"
#include "domain/application_rules.hpp"

namespace kenshu::app {
namespace {

store::ApplicationRecord find_or_404(soci::session& s, const std::string& token) {
  if (token.empty() || token.size() > 128) throw ApiError("application.not_found");
  auto a = store::find_application_by_token_hash(s, hash_token(token));
  if (!a) throw ApiError("application.not_found");
  return *a;
}

YearContext context_of(App& app, soci::session& s, const store::ApplicationRecord& a, time::Instant now) {
  auto year = store::find_year_by_id(s, a.program_year_id);
  if (!year) throw ApiError("application.not_found");
  return year_context(app, s, year->key, now);
}

ApplicationView view_of(App& app, soci::session& s, store::ApplicationRecord a, const YearContext& ctx,
                        time::Instant now) {
  ApplicationView v;
  v.placement = placement_view(app, s, a.id, now);
  // The secretariat's internal review steps are not the team's history; a correction request is.
  for (auto& e : store::application_events(s, a.id))
    if (e.event != "review_status") v.history.push_back(std::move(e));
  v.sessions = ctx.sessions;
  v.year_key = ctx.year.key;
  v.editable_until = editable_until(a, ctx);
  v.editable = a.status == "submitted" && now <= v.editable_until;
  v.record = std::move(a);
  return v;
}

// Changes are refused once withdrawn or past the deadline: the application may already be in a selection.
void require_editable(const store::ApplicationRecord& a, const YearContext& ctx, time::Instant now) {
  if (a.status == "withdrawn") throw ApiError("application.already_withdrawn");
  if (now > editable_until(a, ctx)) throw ApiError("application.deadline_passed");
}

domain::ApplicationDraft draft_of(const store::ApplicationRecord& a) {
  return {a.hospital, a.contact, a.members, a.preferences, {a.privacy_version, a.consent_no_recording}};
}

std::string changed_parts(const ApplicationPatch& p) {
  boost::json::array parts;
  if (p.hospital) parts.push_back("hospital");
  if (p.contact) parts.push_back("contact");
  if (p.members) parts.push_back("members");
  if (p.preferences) parts.push_back("preferences");
  return boost::json::serialize(boost::json::object{{"changed", parts}});
}

}  // namespace

ApplicationView view_application(App& app, const std::string& token) {
  const auto now = app.clock.now();
  return app.db.read([&](soci::session& s) {
    auto a = find_or_404(s, token);
    return view_of(app, s, a, context_of(app, s, a, now), now);
  });
}

ApplicationView update_application(App& app, const std::string& token, const ApplicationPatch& patch) {
  const auto now_t = app.clock.now();
  const std::string now = time::to_utc_string(now_t);
  return app.db.write([&](soci::session& s) {
    auto a = find_or_404(s, token);
    const YearContext ctx = context_of(app, s, a, now_t);
    require_editable(a, ctx, now_t);
    domain::ApplicationDraft draft = draft_of(a);
    if (patch.hospital) draft.hospital = *patch.hospital;
    if (patch.contact) draft.contact = *patch.contact;
    if (patch.members) draft.members = *patch.members;
    if (patch.preferences) draft.preferences = *patch.preferences;
    draft = domain::normalise_and_check(draft, ctx.rules, /*check_consents=*/false);
    a.hospital = draft.hospital;
    a.hospital_key = domain::hospital_key(draft.hospital);
    if (store::hospital_has_active_application(s, ctx.year.id, a.hospital_key, a.id))
      throw ApiError("application.duplicate_hospital", "hospital.name");
    a.contact = draft.contact;
    a.members = draft.members;
    a.preferences = draft.preferences;
    a.updated_at = now;
    store::update_application_details(s, a);
    store::add_application_event(s, a.id, {now, "updated", "contact", changed_parts(patch)});
    enqueue_updated_mail(app, s, a, ctx, now);
    auto fresh = store::find_application(s, a.id);
    return view_of(app, s, *fresh, ctx, now_t);
  });
}

ApplicationView withdraw_application(App& app, const std::string& token) {
  const auto now_t = app.clock.now();
  const std::string now = time::to_utc_string(now_t);
  return app.db.write([&](soci::session& s) {
    auto a = find_or_404(s, token);
    const YearContext ctx = context_of(app, s, a, now_t);
    require_editable(a, ctx, now_t);
    store::set_application_status(s, a.id, "withdrawn", now);
    store::add_application_event(s, a.id, {now, "withdrawn", "contact", "{}"});
    give_up(app, s, a.id, "withdrawn", now_t);  // a place held goes to the next waitlisted team
    enqueue_withdrawn_mail(app, s, a, ctx, now);
    auto fresh = store::find_application(s, a.id);
    return view_of(app, s, *fresh, ctx, now_t);
  });
}

}  // namespace kenshu::app
