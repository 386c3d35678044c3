// Simulator practice attempts of a participant (issue 5): POST /api/portal/sim-attempts saves a finished scenario
// run from the practice page, GET lists the signed-in participant's own; staff see them per session with
// GET /api/admin/learning/{year}/sim-attempts?session=ID.
#include <boost/json.hpp>

#include <regex>

#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/sim_attempts.hpp"

namespace kenshu::api {
namespace {
namespace json = boost::json;

constexpr std::size_t kAttemptBody = 48 * 1024;  // the debrief (at most 32 KiB) and a few numbers

app::SimAttemptInput read_attempt(const Request& req) {
  const json::value doc = parse_json_body(req);
  Problems p;
  Fields f(&doc, "", p);
  app::SimAttemptInput in;
  if (!f.valid()) {
    p.add("request.wrong_type", "");
    p.throw_if_any();
  }
  in.scenario_id = f.str("scenario_id");
  in.started_at = f.str("started_at");
  in.duration_s = f.integer("duration_s");
  in.score = f.integer("score");
  in.max_score = f.integer("max_score");
  const json::value* debrief = f.value("debrief");
  f.finish();
  static const std::regex scenario_re("[a-z0-9_]{1,64}");
  static const std::regex time_re(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z)");
  if (f.has("scenario_id") && !std::regex_match(in.scenario_id, scenario_re)) p.add("field.bad_text", "scenario_id");
  if (f.has("started_at") && !std::regex_match(in.started_at, time_re)) p.add("field.bad_date", "started_at");
  if (in.duration_s < 0 || in.duration_s > app::kSimMaxDurationS) p.add("field.out_of_range", "duration_s");
  if (in.max_score < 0 || in.max_score > app::kSimMaxScore) p.add("field.out_of_range", "max_score");
  if (in.score < 0 || in.score > in.max_score) p.add("field.out_of_range", "score");
  if (debrief && !debrief->is_object()) p.add("request.wrong_type", "debrief");
  p.throw_if_any();
  in.debrief = json::serialize(*debrief);
  if (in.debrief.size() > app::kSimDebriefMaxBytes) throw ApiError("sim.debrief_too_large", "debrief");
  return in;
}

}  // namespace

void add_sim_attempt_routes(Router& r, app::App& app) {
  r.add({"GET", "/api/portal/sim-attempts", kSmallBody,
         [&app](Request& req) {
           return Response::json(200, json::serialize(app::list_sim_attempts(app, require_signed_in(app, req))), true);
         },
         {}});
  r.add({"POST", "/api/portal/sim-attempts", kAttemptBody,
         [&app](Request& req) {
           const auto p = require_signed_in(app, req);
           return Response::json(201, json::serialize(app::save_sim_attempt(app, p, read_attempt(req))), true);
         },
         {}});
  r.add({"GET", "/api/admin/learning/{year}/sim-attempts", kSmallBody,
         [&app](Request& req) {
           const auto v = app::sim_attempts_for_staff(app, require_staff(app, req), req.params.at("year"),
                                                      req.query_or("session"));
           return Response::json(200, json::serialize(v), true);
         },
         {}});
}

}  // namespace kenshu::api
