// Publishing a run: in one transaction, every team of the run gets its outcome (accepted with its session and a
// confirm-by date, waitlisted with its position per session, or not selected — still in the pool for the later
// sessions it ranked), is mailed with its explanation, and the run with its seed becomes public. A run whose input
// changed since its dry run is refused; nothing is sent for a run that is not published.
#include <soci/soci.h>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/hospital_lists.hpp"
#include "app/selection_internal.hpp"
#include "domain/api_error.hpp"
#include "store/application_store.hpp"

namespace kenshu::app {
namespace json = boost::json;

PublishResult selection_publish(App& app, const Principal& p, const std::string& run_id) {
  require(p, domain::Capability::manage_sessions);
  const time::Instant now = app.clock.now();
  const std::string now_utc = time::to_utc_string(now);
  PublishResult published = app.db.write([&](soci::session& s) {
    auto run = store::find_run(s, run_id);
    if (!run) throw ApiError("selection.run_not_found");
    if (run->status != "draft") throw ApiError("selection.run_published");
    auto year = store::find_year_by_id(s, run->program_year_id);
    if (!year) throw ApiError("selection.run_not_found");
    const auto session_ids = session_ids_from(run->session_ids_json);
    const auto overrides = overrides_from(run->capacity_overrides_json);
    for (const auto& id : session_ids) store::lock_session(s, id);
    const RunInput in = build_run_input(app, s, year->key, session_ids, overrides, std::stoull(run->seed));
    if (in.hash != run->input_hash) throw ApiError("selection.run_stale");
    std::set<std::string> team_ids;
    for (const auto& [id, team] : in.teams) team_ids.insert(id);
    if (unresolved_flags(flags_of_year(s, year->id, &team_ids)) > 0) throw ApiError("selection.flags_unresolved");
    if (!store::mark_run_published(s, run_id, p.user_id, now_utc)) throw ApiError("selection.run_published");

    // What-if capacities become the sessions' capacities.
    for (const auto& o : overrides) {
      auto before = store::find_session(s, o.session_id);
      auto after = std::find_if(in.sessions.begin(), in.sessions.end(), [&](const store::SessionRow& r) { return r.id == o.session_id; });
      if (!before || after == in.sessions.end()) continue;
      store::update_session(s, *after, now_utc);
      audit_change(app, s, Actor::of(p), "session", o.session_id,
                   {{"capacity_teams", before->capacity_teams}, {"capacity_people", before->capacity_people}},
                   {{"capacity_teams", o.capacity_teams}, {"capacity_people", o.capacity_people}, {"selection_run", run_id}});
    }
    for (const auto& id : session_ids) store::clear_waitlist(s, id, now_utc);

    PublishResult out;
    const json::value result = json::parse(run->result_json);
    for (const auto& tv : result.at("teams").as_array()) {
      const json::object& t = tv.as_object();
      const std::string id(t.at("application_id").as_string());
      const auto team = in.teams.find(id);
      if (team == in.teams.end()) throw ApiError("selection.run_stale");
      const auto existing = store::find_placement(s, id);
      store::PlacementRow row;
      row.application_id = id;
      row.program_year_id = year->id;
      row.run_id = run_id;
      row.people = static_cast<int>(team->second.members.size());
      row.prefecture_code = team->second.hospital.prefecture_code;
      row.tier = static_cast<int>(t.at("tier").to_number<std::int64_t>());
      row.rank = static_cast<int>(t.at("rank").to_number<std::int64_t>());
      row.explanation = {std::string(t.at("explanation").at("ja").as_string()),
                         std::string(t.at("explanation").at("en").as_string())};
      row.later_session_ids_json = json::serialize(t.at("later_session_ids"));
      row.created_at = existing ? existing->created_at : now_utc;
      row.updated_at = now_utc;
      if (t.at("outcome").as_string() == "accepted") {
        const std::string session_id(t.at("session_id").as_string());
        auto session = std::find_if(in.sessions.begin(), in.sessions.end(),
                                    [&](const store::SessionRow& r) { return r.id == session_id; });
        row.outcome = "accepted";
        row.session_id = session_id;
        row.confirm_by = confirm_by_for(*session, in.settings, now);
        store::remove_from_waitlists(s, id, now_utc);
        ++out.accepted;
      } else {
        for (const auto& w : t.at("waitlist").as_array())
          store::put_on_waitlist(s, {id, std::string(w.at("session_id").as_string()),
                                     static_cast<int>(w.at("position").to_number<std::int64_t>()), "waiting"},
                                 run_id, now_utc);
        const auto entries = store::waitlist_of_application(s, id);
        const bool waiting = std::any_of(entries.begin(), entries.end(), [](const store::WaitlistRow& w) { return w.status == "waiting"; });
        row.outcome = waiting ? "waitlisted" : "not_selected";
        (waiting ? out.waitlisted : out.not_selected) += 1;
      }
      store::upsert_placement(s, row);
      store::add_application_event(s, id, {now_utc, "selection_" + row.outcome, "staff:" + p.user_id,
                                           json::serialize(json::object{{"run_id", run_id}})});
      enqueue_selection_mail(app, s, "selection_" + row.outcome, id, now);
      ++out.mails;
    }
    audit_change(app, s, Actor::of(p), "selection_run", run_id, {{"status", "draft"}},
                 {{"status", "published"}, {"seed", run->seed}, {"accepted", out.accepted},
                  {"waitlisted", out.waitlisted}, {"not_selected", out.not_selected}});
    auto fresh = store::find_run(s, run_id);
    out.run = {std::move(*fresh), result};
    return out;
  });
  ++app.program_version;  // after the commit: the cached public answers (the published draws) are stale now
  return published;
}

}  // namespace kenshu::app
