// Member replacements after acceptance: the team asks from its management link (Bearer token),
// /api/manage/application/member-replacements; staff list, approve or refuse,
// /api/admin/applications/{id}/member-replacements[/{rid}/approve|refuse].
#include <boost/json.hpp>

#include "api/application_json.hpp"
#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/member_replacement.hpp"
#include "domain/time.hpp"

namespace kenshu::api {
namespace {

namespace json = boost::json;

std::string bearer(const Request& req) {
  const auto h = req.header("authorization");
  if (h.substr(0, 7) != "Bearer ") throw ApiError("application.not_found");
  return std::string(h.substr(7));
}

json::value jst(const std::optional<std::string>& utc) {
  if (!utc) return nullptr;
  return json::value(time::to_jst_string(time::parse_instant(*utc).value_or(time::Instant{})));
}

json::object replacement_json(const store::ReplacementRow& r) {
  return {{"id", r.id},
          {"application_id", r.application_id},
          {"member_id", r.member_id},
          {"old_member_name", r.old_member_name},
          {"new_member", json::parse(r.new_member_json)},
          {"status", r.status},
          {"reason", r.decision_reason ? json::value(*r.decision_reason) : json::value(nullptr)},
          {"decided_by", r.decided_by_label ? json::value(*r.decided_by_label) : json::value(nullptr)},
          {"requested_at", jst(r.requested_at)},
          {"decided_at", jst(r.decided_at)}};
}

Response list_response(const std::vector<store::ReplacementRow>& rows) {
  json::array arr;
  for (const auto& r : rows) arr.push_back(replacement_json(r));
  return Response::json(200, json::serialize(json::object{{"replacements", arr}}), true);
}

std::string reason_of(const Request& req) {
  if (req.body.empty()) return {};
  const json::value doc = parse_json_body(req);
  Problems p;
  Fields f(&doc, "", p);
  std::string reason = f.has("reason") ? f.str("reason") : std::string{};
  f.finish();
  p.throw_if_any();
  return reason;
}

}  // namespace

void add_member_replacement_routes(Router& r, app::App& app) {
  r.add({"POST", "/api/manage/application/member-replacements", 16 * 1024,
         [&app](Request& req) {
           const std::string token = bearer(req);
           const json::value doc = parse_json_body(req);
           Problems p;
           Fields f(&doc, "", p);
           const std::string member_id = f.str("member_id");
           domain::Member m;
           if (const json::value* v = f.value("member")) m = read_member(*v, "member", p);
           f.finish();
           p.throw_if_any();
           const auto row = app::request_member_replacement(app, token, member_id, m);
           return Response::json(201, json::serialize(json::object{{"replacement", replacement_json(row)}}), true);
         },
         {}});
  r.add({"GET", "/api/manage/application/member-replacements", kSmallBody,
         [&app](Request& req) { return list_response(app::member_replacements_of_team(app, bearer(req))); }, {}});
  r.add({"GET", "/api/admin/applications/{id}/member-replacements", kSmallBody,
         [&app](Request& req) {
           return list_response(app::member_replacements(app, require_staff(app, req), req.params.at("id")));
         },
         {}});
  for (const bool approve : {true, false})
    r.add({"POST", std::string("/api/admin/applications/{id}/member-replacements/{rid}/") + (approve ? "approve" : "refuse"),
           kSmallBody * 4,
           [&app, approve](Request& req) {
             const app::Principal p = require_staff(app, req);
             const auto row = app::decide_member_replacement(app, p, req.params.at("id"), req.params.at("rid"), approve,
                                                             reason_of(req));
             return Response::json(200, json::serialize(json::object{{"replacement", replacement_json(row)}}), true);
           },
           {}});
}

}  // namespace kenshu::api
