// /api/admin/selection/*: dry runs, runs, pins and exclusions, publishing, releasing unconfirmed places, and a
// session's places and waitlist; and, public, the lottery of every published run (GET /api/selection/draws). Bodies
// are read strictly; roles are checked in app/ (app/selection.hpp).
#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <memory>

#include "api/admin_query.hpp"
#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/hospital_lists.hpp"
#include "app/selection.hpp"
#include "app/versioned_cache.hpp"
#include "domain/time.hpp"

namespace kenshu::api {
namespace {

namespace json = boost::json;

constexpr std::size_t kSelectionBody = 64 * 1024;

json::value jst(const std::optional<std::string>& utc) {
  if (!utc) return nullptr;
  return json::value(time::to_jst_string(time::parse_instant(*utc).value_or(time::Instant{})));
}

json::object run_json(const store::SelectionRunRow& r) {
  return {{"id", r.id},
          {"status", r.status},
          {"seed", r.seed},
          {"session_ids", json::parse(r.session_ids_json)},
          {"capacity_overrides", json::parse(r.capacity_overrides_json)},
          {"rules", json::parse(r.rules_json)},
          {"created_by", r.created_by_label},
          {"created_at", jst(r.created_at)},
          {"published_at", jst(r.published_at)}};
}

Response run_response(int status, const app::RunView& v) {
  json::object run = run_json(v.run);
  run["result"] = v.result;
  return Response::json(status, json::serialize(json::object{{"run", run}}), true);
}

json::object pin_json(const store::PinRow& p) {
  json::object o{{"application_id", p.application_id}, {"reason", p.reason}, {"by", p.by_label}, {"at", jst(p.at)}};
  if (!p.session_id.empty()) o["session_id"] = p.session_id;
  return o;
}

Response pins_response(const app::PinsView& v) {
  json::array pins, excludes;
  for (const auto& p : v.pins) pins.push_back(pin_json(p));
  for (const auto& e : v.excludes) excludes.push_back(pin_json(e));
  return Response::json(200, json::serialize(json::object{{"year", v.year_key}, {"pins", pins}, {"excludes", excludes}}),
                        true);
}

std::vector<std::string> string_list(const json::array* arr, const std::string& field, Problems& p) {
  std::vector<std::string> out;
  if (!arr) return out;
  if (arr->size() > 100) {
    p.add("field.out_of_range", field);
    return out;
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    if ((*arr)[i].is_string()) out.emplace_back((*arr)[i].get_string());
    else p.add("request.wrong_type", field + "[" + std::to_string(i) + "]");
  }
  return out;
}

app::DryRunRequest decode_dry_run(const Request& req) {
  const json::value doc = parse_json_body(req);
  Problems p;
  Fields f(&doc, "", p);
  app::DryRunRequest r;
  if (f.has("year")) r.year_key = f.str("year");
  r.session_ids = string_list(f.array("session_ids"), "session_ids", p);
  if (f.has("capacity_overrides"))
    if (const auto* arr = f.array("capacity_overrides")) {
      if (arr->size() > 100) p.add("field.out_of_range", "capacity_overrides");
      else
        for (std::size_t i = 0; i < arr->size(); ++i) {
          Fields o(&(*arr)[i], "capacity_overrides[" + std::to_string(i) + "]", p);
          app::CapacityOverride c;
          c.session_id = o.str("session_id");
          c.capacity_teams = o.integer("capacity_teams");
          c.capacity_people = o.integer("capacity_people");
          o.finish();
          r.capacity_overrides.push_back(c);
        }
    }
  if (f.has("seed")) {
    // A decimal string: a uint64 is beyond what every JSON reader keeps exactly as a number.
    const std::string seed = f.str("seed");
    std::uint64_t v = 0;
    auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), v);
    if (seed.empty() || ec != std::errc{} || end != seed.data() + seed.size()) p.add("field.out_of_range", "seed");
    else r.seed = v;
  }
  f.finish();
  p.throw_if_any();
  return r;
}

// {"reason": …} (optional when `required` is false; an empty body is then allowed).
std::string reason_of(const Request& req, bool required) {
  if (!required && req.body.empty()) return {};
  const json::value doc = parse_json_body(req);
  Problems p;
  Fields f(&doc, "", p);
  std::string reason = (required || f.has("reason")) ? f.str("reason") : std::string{};
  f.finish();
  p.throw_if_any();
  return reason;
}

json::object placement_json(const store::PlacementRow& pl, const app::SessionPlacements& v) {
  auto team = v.teams.find(pl.application_id);
  return {{"application_id", pl.application_id},
          {"reference", team == v.teams.end() ? "" : team->second.first},
          {"hospital_name", team == v.teams.end() ? "" : team->second.second},
          {"outcome", pl.outcome},
          {"people", pl.people},
          {"tier", pl.tier},
          {"rank", pl.rank},
          {"promoted", pl.promoted},
          {"confirm_by", jst(pl.confirm_by)},
          {"confirmed_at", jst(pl.confirmed_at)},
          {"declined_at", jst(pl.declined_at)},
          {"released_at", jst(pl.released_at)}};
}

json::object flag_json(const app::SelectionFlag& f) {
  json::object o{{"application_id", f.application_id},
                 {"reference", f.reference},
                 {"hospital_name", f.hospital_name},
                 {"prefecture_code", f.prefecture_code},
                 {"reason", f.reason},
                 {"detail", f.detail},
                 {"reviewed", f.review.has_value()}};
  if (f.review)
    o["review"] = {{"reason", f.review->review_reason}, {"by", f.review->by_label}, {"at", jst(f.review->at)}};
  return o;
}

Response flags_response(const std::vector<app::SelectionFlag>& flags) {
  json::array arr;
  for (const auto& f : flags) arr.push_back(flag_json(f));
  return Response::json(200,
                        json::serialize(json::object{{"flags", arr}, {"unresolved", app::unresolved_flags(flags)}}),
                        true);
}

constexpr std::size_t kHospitalListBody = 4 * 1024 * 1024;

// The official hospital lists, and the applications they flag.
void add_hospital_list_routes(Router& r, app::App& app) {
  r.add({"POST", "/api/admin/selection/hospital-lists/{kind}", kHospitalListBody,
         [&app](Request& req) {
           only_known_params(req, {"year"});
           const app::Principal p = require_staff(app, req);
           const auto out =
               app::import_hospital_list(app, p, req.query_or("year"), req.params.at("kind"), req.body);
           return Response::json(201, json::serialize(json::object{{"year", out.year_key},
                                                                   {"kind", out.kind},
                                                                   {"entries", out.entries},
                                                                   {"unresolved_flags", out.flags}}));
         },
         {}});
  r.add({"GET", "/api/admin/selection/hospital-lists", kSmallBody,
         [&app](Request& req) {
           only_known_params(req, {"year"});
           json::array lists;
           for (const auto& l : app::hospital_lists(app, require_staff(app, req), req.query_or("year")))
             lists.push_back({{"kind", l.kind},
                              {"entries", l.entries},
                              {"imported_by", l.imported_by_label},
                              {"imported_at", jst(l.imported_at)}});
           return Response::json(200, json::serialize(json::object{{"lists", lists}}));
         },
         {}});
  r.add({"GET", "/api/admin/selection/flags", kSmallBody,
         [&app](Request& req) {
           only_known_params(req, {"year"});
           return flags_response(app::selection_flags(app, require_staff(app, req), req.query_or("year")));
         },
         {}});
  r.add({"POST", "/api/admin/selection/flags/{application_id}/review", kSmallBody * 4,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           return flags_response(app::review_flags(app, p, req.params.at("application_id"), reason_of(req, true)));
         },
         {}});
}

// Public: a published run's seed and the references in the order drawn (no personal data).
json::object draw_json(const app::PublishedDraw& d) {
  json::array sessions, order;
  for (const auto& id : d.session_ids) sessions.push_back(json::value(id));
  for (const auto& reference : d.order) order.push_back(json::value(reference));
  return {{"run_id", d.run_id},
          {"published_at", jst(d.published_at)},
          {"session_ids", sessions},
          {"seed", d.seed},
          {"method", d.method ? json::value(*d.method) : json::value(nullptr)},
          {"order", order}};
}

// The answer is built from the published runs' stored results, which are large (every team's explanation), so it is
// kept per year until the next publish or programme change (App::program_version), as the programme's answer is.
using DrawsCache = app::VersionedCache<std::string, std::chrono::steady_clock::time_point>;

void add_draw_routes(Router& r, app::App& app) {
  auto cache = std::make_shared<DrawsCache>();
  r.add({"GET", "/api/selection/draws", kSmallBody,
         [&app, cache](Request& req) {
           only_known_params(req, {"year"});
           const std::string year = req.query_or("year");
           if (year.size() > 32) throw ApiError("program.year_not_found", "year");
           const auto now = std::chrono::steady_clock::now();
           const std::uint64_t version = app.program_version.load();  // before reading: a later publish drops it
           auto body = cache->get(year, now, version);
           if (!body) {
             json::array draws;
             for (const auto& d : app::published_draws(app, year)) draws.push_back(draw_json(d));
             body = cache->put(year, json::serialize(json::object{{"draws", draws}}), now + std::chrono::hours(1),
                               version);
           }
           return Response::json(200, *body);
         },
         {}});
}

}  // namespace

void add_selection_routes(Router& r, app::App& app) {
  add_hospital_list_routes(r, app);
  add_draw_routes(r, app);
  r.add({"POST", "/api/admin/selection/dry-run", kSelectionBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           return run_response(201, app::selection_dry_run(app, p, decode_dry_run(req)));
         },
         {}});
  r.add({"GET", "/api/admin/selection/runs", kSmallBody,
         [&app](Request& req) {
           only_known_params(req, {"year"});
           const app::Principal p = require_staff(app, req);
           json::array runs;
           for (const auto& run : app::selection_runs(app, p, req.query_or("year"))) runs.push_back(run_json(run));
           return Response::json(200, json::serialize(json::object{{"runs", runs}}), true);
         },
         {}});
  r.add({"GET", "/api/admin/selection/runs/{id}", kSmallBody,
         [&app](Request& req) {
           return run_response(200, app::selection_run(app, require_staff(app, req), req.params.at("id")));
         },
         {}});
  r.add({"POST", "/api/admin/selection/runs/{id}/publish", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           if (!req.body.empty()) {  // no options: an empty object at most
             const json::value doc = parse_json_body(req);
             Problems pr;
             Fields f(&doc, "", pr);
             f.finish();
             pr.throw_if_any();
           }
           const app::PublishResult out = app::selection_publish(app, p, req.params.at("id"));
           json::object run = run_json(out.run.run);
           run["result"] = out.run.result;
           return Response::json(200,
                                 json::serialize(json::object{{"run", run},
                                                              {"accepted", out.accepted},
                                                              {"waitlisted", out.waitlisted},
                                                              {"not_selected", out.not_selected},
                                                              {"mails", out.mails}}),
                                 true);
         },
         {}});
  r.add({"GET", "/api/admin/selection/pins", kSmallBody,
         [&app](Request& req) {
           only_known_params(req, {"year"});
           return pins_response(app::selection_pins(app, require_staff(app, req), req.query_or("year")));
         },
         {}});
  r.add({"POST", "/api/admin/selection/pins", kSmallBody * 4,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const json::value doc = parse_json_body(req);
           Problems pr;
           Fields f(&doc, "", pr);
           const std::string application_id = f.str("application_id");
           const std::string session_id = f.str("session_id");
           const std::string reason = f.str("reason");
           f.finish();
           pr.throw_if_any();
           return pins_response(app::pin_application(app, p, application_id, session_id, reason));
         },
         {}});
  r.add({"DELETE", "/api/admin/selection/pins/{application_id}", kSmallBody * 4,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           return pins_response(app::unpin_application(app, p, req.params.at("application_id"), reason_of(req, false)));
         },
         {}});
  r.add({"POST", "/api/admin/selection/excludes", kSmallBody * 4,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const json::value doc = parse_json_body(req);
           Problems pr;
           Fields f(&doc, "", pr);
           const std::string application_id = f.str("application_id");
           const std::string reason = f.str("reason");
           f.finish();
           pr.throw_if_any();
           return pins_response(app::exclude_application(app, p, application_id, reason));
         },
         {}});
  r.add({"DELETE", "/api/admin/selection/excludes/{application_id}", kSmallBody * 4,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           return pins_response(
               app::unexclude_application(app, p, req.params.at("application_id"), reason_of(req, false)));
         },
         {}});
  r.add({"POST", "/api/admin/selection/release", kSmallBody * 4,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const json::value doc = parse_json_body(req);
           Problems pr;
           Fields f(&doc, "", pr);
           const std::string session_id = f.has("session_id") ? f.str("session_id") : std::string{};
           const std::string application_id = f.has("application_id") ? f.str("application_id") : std::string{};
           const std::string reason = f.str("reason");
           f.finish();
           pr.throw_if_any();
           const app::ReleaseResult out = app::release_places(app, p, session_id, application_id, reason);
           json::array released, promoted;
           for (const auto& id : out.released) released.push_back(json::value(id));
           for (const auto& id : out.promoted) promoted.push_back(json::value(id));
           return Response::json(200, json::serialize(json::object{{"released", released}, {"promoted", promoted}}), true);
         },
         {}});
  r.add({"GET", "/api/admin/selection/sessions/{id}/placements", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const app::SessionPlacements v = app::session_placements(app, p, req.params.at("id"));
           json::array placements, waitlist;
           int accepted = 0, people = 0;
           for (const auto& pl : v.placements) {
             if (pl.outcome == "accepted") {
               ++accepted;
               people += pl.people;
             }
             placements.push_back(placement_json(pl, v));
           }
           for (const auto& w : v.waitlist) {
             auto team = v.teams.find(w.application_id);
             waitlist.push_back({{"application_id", w.application_id},
                                 {"reference", team == v.teams.end() ? "" : team->second.first},
                                 {"position", w.position}});
           }
           return Response::json(200,
                                 json::serialize(json::object{{"session_id", v.session.id},
                                                              {"capacity_teams", v.session.capacity_teams},
                                                              {"capacity_people", v.session.capacity_people},
                                                              {"accepted_teams", accepted},
                                                              {"accepted_people", people},
                                                              {"placements", placements},
                                                              {"waitlist", waitlist}}),
                                 true);
         },
         {}});
}

}  // namespace kenshu::api
