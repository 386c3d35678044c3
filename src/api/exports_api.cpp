// /api/admin/exports/{applications,members}.{csv,xlsx} (with the list's filters) and
// /api/admin/sessions/{id}/roster.{csv,xlsx}. Headings in the language of `lang` or Accept-Language.
#include "api/admin_query.hpp"
#include "api/auth_context.hpp"
#include "api/routes.hpp"
#include "api/spreadsheet_response.hpp"
#include "app/exports.hpp"

namespace kenshu::api {

void add_export_routes(Router& r, app::App& app) {
  for (const bool xlsx : {false, true}) {
    const std::string ext = xlsx ? ".xlsx" : ".csv";
    r.add({"GET", "/api/admin/exports/applications" + ext, kSmallBody,
           [&app, xlsx](Request& req) {
             const app::Principal p = require_staff(app, req);
             const auto q = application_query(req);
             return spreadsheet_response({app::applications_table(app, p, q, export_lang(req))}, "kenshu-applications", xlsx);
           },
           {}});
    r.add({"GET", "/api/admin/exports/members" + ext, kSmallBody,
           [&app, xlsx](Request& req) {
             const app::Principal p = require_staff(app, req);
             const auto q = application_query(req);
             return spreadsheet_response({app::members_table(app, p, q, export_lang(req))}, "kenshu-members", xlsx);
           },
           {}});
    r.add({"GET", "/api/admin/sessions/{id}/roster" + ext, kSmallBody,
           [&app, xlsx](Request& req) {
             only_known_params(req, {"lang"});
             const app::Principal p = require_staff(app, req);
             return spreadsheet_response({app::roster_table(app, p, req.params.at("id"), export_lang(req))}, "kenshu-roster",
                                         xlsx);
           },
           {}});
  }
}

}  // namespace kenshu::api
