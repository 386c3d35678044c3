// Dry run: the engine on the chosen sessions (their windows closed), with what-if capacities; the result is stored
// as a draft run and nothing else changes. Also: a run, and the runs of a year.
#include <sodium.h>
#include <soci/soci.h>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/hospital_lists.hpp"
#include "app/selection_internal.hpp"
#include "domain/api_error.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace json = boost::json;

namespace {

std::uint64_t draw_seed() {
  std::uint64_t seed = 0;
  randombytes_buf(&seed, sizeof seed);
  return seed;
}

// A coordinator reaches a run only when every session of it is assigned to them.
void require_run_sessions(const Principal& p, const std::vector<std::string>& session_ids) {
  for (const auto& id : session_ids) require_session(p, domain::Capability::review_applications, id);
}

}  // namespace

RunView selection_dry_run(App& app, const Principal& p, const DryRunRequest& request) {
  require(p, domain::Capability::review_applications);
  require_run_sessions(p, request.session_ids);
  const std::uint64_t seed = request.seed.value_or(draw_seed());
  RunInput in = app.db.read([&](soci::session& s) {
    return build_run_input(app, s, request.year_key, request.session_ids, request.capacity_overrides, seed);
  });
  domain::SelectionResult result;
  try {
    result = domain::select_teams(in.input);
  } catch (const std::invalid_argument&) {
    throw ApiError("selection.bad_input");
  }
  json::array ids;
  for (const auto& id : request.session_ids) ids.push_back(json::value(id));
  store::SelectionRunRow run;
  run.id = store::new_id();
  run.program_year_id = in.year.id;
  run.status = "draft";
  run.seed = std::to_string(seed);
  run.session_ids_json = json::serialize(ids);
  run.capacity_overrides_json = json::serialize(overrides_json(request.capacity_overrides));
  run.rules_json = json::serialize(to_json(in.settings));
  run.input_hash = in.hash;
  json::object res = result_json(in, result);
  // Applications of the run that disagree with the official hospital lists and are not reviewed yet: publishing
  // waits for them.
  std::set<std::string> team_ids;
  for (const auto& [id, team] : in.teams) team_ids.insert(id);
  res["unresolved_flags"] = app.db.read([&](soci::session& s) { return unresolved_flags(flags_of_year(s, in.year.id, &team_ids)); });
  run.result_json = json::serialize(res);
  run.created_by = p.user_id;
  run.created_by_label = p.email;
  run.created_at = app.clock.now_utc();
  app.db.write([&](soci::session& s) {
    store::insert_run(s, run);
    audit_change(app, s, Actor::of(p), "selection_run", run.id, nullptr,
                 {{"status", "draft"}, {"seed", run.seed}, {"session_ids", ids},
                  {"capacity_overrides", overrides_json(request.capacity_overrides)}});
  });
  return {std::move(run), std::move(res)};
}

RunView selection_run(App& app, const Principal& p, const std::string& run_id) {
  require(p, domain::Capability::review_applications);
  return app.db.write([&](soci::session& s) {
    auto run = store::find_run(s, run_id);
    if (!run) throw ApiError("selection.run_not_found");
    try {
      require_run_sessions(p, session_ids_from(run->session_ids_json));
    } catch (const ApiError&) {
      throw ApiError("selection.run_not_found");
    }
    audit_read(app, s, Actor::of(p), "selection_run", run_id);
    json::value result = json::parse(run->result_json);
    return RunView{std::move(*run), std::move(result)};
  });
}

std::vector<store::SelectionRunRow> selection_runs(App& app, const Principal& p, const std::string& year_key) {
  const domain::Scope scope = require(p, domain::Capability::review_applications);
  return app.db.read([&](soci::session& s) {
    auto year = store::find_year(s, year_key.empty() ? current_year_key(app, s) : year_key);
    if (!year) throw ApiError("program.year_not_found", "year");
    std::vector<store::SelectionRunRow> out;
    for (auto& r : store::runs_of(s, year->id)) {
      if (scope == domain::Scope::assigned_sessions) {
        const auto ids = session_ids_from(r.session_ids_json);
        if (!std::all_of(ids.begin(), ids.end(), [&](const std::string& id) {
              return std::find(p.session_ids.begin(), p.session_ids.end(), id) != p.session_ids.end();
            }))
          continue;
      }
      r.result_json.clear();  // the list shows the runs, not their teams
      out.push_back(std::move(r));
    }
    return out;
  });
}

}  // namespace kenshu::app
