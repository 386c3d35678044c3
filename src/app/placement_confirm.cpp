// The contact confirms or declines the team's place from the management link. A decline frees the place for the
// next waitlisted team in the same transaction; a waitlisted team may also decline, leaving every waitlist.
#include <soci/soci.h>

#include "app/secrets.hpp"
#include "app/selection_internal.hpp"
#include "domain/api_error.hpp"
#include "store/application_store.hpp"

namespace kenshu::app {
namespace {

store::ApplicationRecord by_token(soci::session& s, const std::string& token) {
  if (token.empty() || token.size() > 128) throw ApiError("application.not_found");
  auto a = store::find_application_by_token_hash(s, hash_token(token));
  if (!a) throw ApiError("application.not_found");
  return *a;
}

}  // namespace

std::optional<PlacementView> placement_view(App& app, soci::session& s, const std::string& application_id,
                                            time::Instant now) {
  (void)app;
  auto pl = store::find_placement(s, application_id);
  if (!pl) return std::nullopt;
  PlacementView v;
  for (auto& w : store::waitlist_of_application(s, application_id))
    if (w.status == "waiting") v.waitlist.push_back(std::move(w));
  const bool accepted = pl->outcome == "accepted";
  v.can_confirm = accepted && !pl->confirmed_at && pl->confirm_by &&
                  now <= time::parse_instant(*pl->confirm_by).value_or(time::Instant{});
  v.can_decline = accepted || pl->outcome == "waitlisted";
  v.row = std::move(*pl);
  return v;
}

ApplicationView confirm_placement(App& app, const std::string& token) {
  const time::Instant now = app.clock.now();
  const std::string now_utc = time::to_utc_string(now);
  app.db.write([&](soci::session& s) {
    const auto a = by_token(s, token);
    const auto pl = store::find_placement(s, a.id);
    if (!pl || pl->outcome != "accepted" || !pl->session_id) throw ApiError("placement.not_offered");
    if (pl->confirmed_at) return;  // confirming twice is confirming once
    if (pl->confirm_by && now > time::parse_instant(*pl->confirm_by).value_or(time::Instant{}))
      throw ApiError("placement.confirm_expired");
    store::lock_session(s, *pl->session_id);
    if (store::confirm_place(s, a.id, now_utc) != 1) throw ApiError("placement.not_offered");
    store::add_application_event(s, a.id, {now_utc, "placement_confirmed", "contact", "{}"});
    enqueue_selection_mail(app, s, "placement_confirmed", a.id, now);
  });
  return view_application(app, token);
}

ApplicationView decline_placement(App& app, const std::string& token) {
  const time::Instant now = app.clock.now();
  const std::string now_utc = time::to_utc_string(now);
  app.db.write([&](soci::session& s) {
    const auto a = by_token(s, token);
    const auto pl = store::find_placement(s, a.id);
    if (pl && pl->outcome == "declined") return;  // declining twice is declining once
    if (!pl || (pl->outcome != "accepted" && pl->outcome != "waitlisted")) throw ApiError("placement.not_offered");
    give_up(app, s, a.id, "declined", now);
    const auto after = store::find_placement(s, a.id);
    if (!after || after->outcome != "declined") throw ApiError("placement.not_offered");
    store::add_application_event(s, a.id, {now_utc, "placement_declined", "contact",
                                           boost::json::serialize(boost::json::object{{"was", pl->outcome}})});
    enqueue_selection_mail(app, s, "placement_declined", a.id, now);
  });
  return view_application(app, token);
}

}  // namespace kenshu::app
