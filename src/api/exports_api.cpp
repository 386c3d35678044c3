// /api/admin/exports/{applications,members}.{csv,xlsx} (with the list's filters) and
// /api/admin/sessions/{id}/roster.{csv,xlsx}. Headings in the language of `lang` or Accept-Language.
#include "api/admin_query.hpp"
#include "api/auth_context.hpp"
#include "api/routes.hpp"
#include "app/exports.hpp"
#include "docs/csv.hpp"
#include "docs/xlsx.hpp"

namespace kenshu::api {
namespace {

Lang lang_of(const Request& req) {
  const std::string l = req.query_or("lang");
  if (l == "en") return Lang::en;
  if (l == "ja") return Lang::ja;
  return req.lang;
}

Response file_response(const docs::Table& t, const std::string& base, bool xlsx) {
  Response r;
  r.personal_data = true;
  if (xlsx) {
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = docs::to_xlsx({t});
  } else {
    r.content_type = "text/csv; charset=utf-8";
    r.body = docs::to_csv(t);
  }
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + base + (xlsx ? ".xlsx\"" : ".csv\"")});
  return r;
}

}  // namespace

void add_export_routes(Router& r, app::App& app) {
  for (const bool xlsx : {false, true}) {
    const std::string ext = xlsx ? ".xlsx" : ".csv";
    r.add({"GET", "/api/admin/exports/applications" + ext, kSmallBody,
           [&app, xlsx](Request& req) {
             const app::Principal p = require_staff(app, req);
             const auto q = application_query(req);
             return file_response(app::applications_table(app, p, q, lang_of(req)), "kenshu-applications", xlsx);
           },
           {}});
    r.add({"GET", "/api/admin/exports/members" + ext, kSmallBody,
           [&app, xlsx](Request& req) {
             const app::Principal p = require_staff(app, req);
             const auto q = application_query(req);
             return file_response(app::members_table(app, p, q, lang_of(req)), "kenshu-members", xlsx);
           },
           {}});
    r.add({"GET", "/api/admin/sessions/{id}/roster" + ext, kSmallBody,
           [&app, xlsx](Request& req) {
             only_known_params(req, {"lang"});
             const app::Principal p = require_staff(app, req);
             return file_response(app::roster_table(app, p, req.params.at("id"), lang_of(req)), "kenshu-roster", xlsx);
           },
           {}});
  }
}

}  // namespace kenshu::api
