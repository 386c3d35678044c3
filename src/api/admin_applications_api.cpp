// /api/admin/applications*: the secretariat's list, detail, notes, review state and correction requests.
#include <boost/json.hpp>

#include "api/admin_query.hpp"
#include "api/application_json.hpp"
#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/review_applications.hpp"
#include "domain/time.hpp"

namespace kenshu::api {
namespace {

namespace json = boost::json;

constexpr std::size_t kNoteBody = 16 * 1024;  // a note or a message of up to 4,000 bytes, JSON-escaped

json::object summary_json(const store::ApplicationSummary& a) {
  json::object professions{{"doctor", 0}, {"nurse", 0}, {"clinical_engineer", 0}, {"other", 0}};
  for (const auto& m : a.members) professions[domain::to_string(m.profession)] = professions[domain::to_string(m.profession)].as_int64() + 1;
  json::array sessions;
  for (const auto& id : a.session_ids) sessions.push_back(json::value(id));
  return {{"id", a.id},
          {"reference", a.reference},
          {"status", a.status},
          {"review_status", a.review_status},
          {"hospital",
           {{"name", a.hospital.name},
            {"name_kana", a.hospital.name_kana},
            {"prefecture_code", a.hospital.prefecture_code},
            {"critical_care_center", domain::to_string(a.hospital.critical_care_center)},
            {"advanced_treatment_hospital", a.hospital.advanced_treatment_hospital},
            {"ecmo_cases_last_year", {{"vv", a.hospital.ecmo_cases_last_year.vv}, {"va", a.hospital.ecmo_cases_last_year.va}}}}},
          {"contact", {{"name", a.contact_name}, {"name_kana", a.contact_name_kana}}},
          {"people", a.members.size()},
          {"professions", professions},
          {"session_ids", sessions},
          {"any_session", a.any_session},
          {"created_at", jst_text(a.created_at)},
          {"updated_at", jst_text(a.updated_at)}};
}

json::object session_brief(const store::SessionRow& s) {
  return {{"id", s.id}, {"number", s.number}, {"date", s.date}, {"venue", l10n_json(s.venue)}, {"region", l10n_json(s.region)}};
}

Response detail_response(const app::StaffApplicationView& v) {
  json::object a = encode_view(v.view);
  a["review_status"] = v.review_status;
  json::array notes;
  for (const auto& n : v.notes)
    notes.push_back({{"id", n.id}, {"author", n.author_label}, {"body", n.body}, {"created_at", jst_text(n.created_at)}});
  a["notes"] = notes;
  json::array history;
  for (const auto& e : v.view.history) {
    json::value detail = json::parse(e.detail_json.empty() ? "{}" : e.detail_json);
    history.push_back({{"at", jst_text(e.at)}, {"event", e.event}, {"actor", e.actor}, {"detail", detail}});
  }
  a["history"] = history;
  return Response::json(200, json::serialize(json::object{{"application", a}}), true);
}

std::string body_text(const Request& req, const char* key) {
  const json::value doc = parse_json_body(req);
  Problems p;
  Fields f(&doc, "", p);
  std::string v = f.str(key);
  f.finish();
  p.throw_if_any();
  return v;
}

}  // namespace

void add_admin_application_routes(Router& r, app::App& app) {
  r.add({"GET", "/api/admin/applications", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const app::ApplicationPage page = app::list_applications(app, p, application_query(req));
           json::array items, sessions;
           for (const auto& a : page.items) items.push_back(summary_json(a));
           for (const auto& s : page.sessions) sessions.push_back(session_brief(s));
           return Response::json(200,
                                 json::serialize(json::object{{"year", page.year_key},
                                                              {"total", page.total},
                                                              {"page", page.page},
                                                              {"per_page", page.per_page},
                                                              {"items", items},
                                                              {"sessions", sessions}}),
                                 true);
         },
         {}});
  r.add({"GET", "/api/admin/applications/{id}", kSmallBody,
         [&app](Request& req) {
           return detail_response(app::staff_view_application(app, require_staff(app, req), req.params.at("id")));
         },
         {}});
  r.add({"POST", "/api/admin/applications/{id}/notes", kNoteBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           return detail_response(app::add_note(app, p, req.params.at("id"), body_text(req, "body")));
         },
         {}});
  r.add({"POST", "/api/admin/applications/{id}/review-status", kNoteBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const json::value doc = parse_json_body(req);
           Problems pr;
           Fields f(&doc, "", pr);
           const std::string status = f.str("review_status");
           const std::string reason = f.str("reason");
           f.finish();
           pr.throw_if_any();
           return detail_response(app::change_review_status(app, p, req.params.at("id"), status, reason));
         },
         {}});
  r.add({"POST", "/api/admin/applications/{id}/request-correction", kNoteBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           return detail_response(app::request_correction(app, p, req.params.at("id"), body_text(req, "message")));
         },
         {}});
}

}  // namespace kenshu::api
