// /api/admin/privacy/*: retention purge (with dry run) and a person's export or erasure (admins only; else 404).
#include <boost/json.hpp>

#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/retention.hpp"

namespace kenshu::api {
namespace {

namespace json = boost::json;

std::string email_of(const Request& req, bool need_confirm) {
  const json::value doc = parse_json_body(req);
  Problems p;
  Fields f(&doc, "", p);
  std::string email = f.str("email");
  if (need_confirm && !f.boolean("confirm")) p.add("field.required", "confirm");
  f.finish();
  p.throw_if_any();
  return email;
}

}  // namespace

void add_privacy_routes(Router& r, app::App& app) {
  r.add({"POST", "/api/admin/privacy/purge", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const json::value doc = parse_json_body(req);
           Problems pr;
           Fields f(&doc, "", pr);
           const bool dry_run = f.has("dry_run") ? f.boolean("dry_run") : true;
           f.finish();
           pr.throw_if_any();
           const app::PurgeReport rep = app::purge_as(app, p, dry_run);
           return Response::json(200, json::serialize(json::object{{"dry_run", rep.dry_run},
                                                                    {"applications", rep.applications},
                                                                    {"sent_mail_bodies", rep.sent_mail_bodies},
                                                                    {"idempotency_keys", rep.idempotency_keys},
                                                                    {"sign_in_rows", rep.sign_in_rows}}));
         },
         {}});
  r.add({"POST", "/api/admin/privacy/export", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           return Response::json(200, json::serialize(app::export_person_as(app, p, email_of(req, false))), true);
         },
         {}});
  r.add({"POST", "/api/admin/privacy/erase", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const int n = app::erase_person_as(app, p, email_of(req, true));
           return Response::json(200, json::serialize(json::object{{"erased_records", n}}));
         },
         {}});
}

}  // namespace kenshu::api
