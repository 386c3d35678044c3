// Pre-learning routes. /api/portal/*: the participant (signed in by e-mail link). /api/admin/learning/*: staff
// (progress with CSV/XLSX, results with XLSX, lectures, GIFT import) and the Ministry role (results, suppressed).
#include <boost/json.hpp>

#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "api/spreadsheet_response.hpp"
#include "app/learning.hpp"

namespace kenshu::api {
namespace {
namespace json = boost::json;

constexpr std::size_t kAnswersBody = 64 * 1024;      // a questionnaire's answers, free text included
constexpr std::size_t kLectureBody = 256 * 1024;     // a lecture's Markdown body
constexpr std::size_t kGiftBody = 1024 * 1024;       // a GIFT file of a question bank
constexpr std::size_t kAttachmentBody = 64 * 1024 * 1024;  // a lecture file; [learning] max_attachment_mb decides

Response ok(const json::value& v) { return Response::json(200, json::serialize(v), true); }

json::value body_of(const Request& req) { return req.body.empty() ? json::value(json::object{}) : parse_json_body(req); }

}  // namespace

void add_learning_routes(Router& r, app::App& app) {
  r.add({"GET", "/api/portal", kSmallBody,
         [&app](Request& req) { return ok(app::portal_overview(app, require_signed_in(app, req))); }, {}});
  r.add({"GET", "/api/portal/lectures/{id}", kSmallBody,
         [&app](Request& req) {
           return ok(app::portal_lecture(app, require_signed_in(app, req), req.params.at("id")));
         },
         {}});
  r.add({"POST", "/api/portal/lectures/{id}/studied", kSmallBody,
         [&app](Request& req) {
           return ok(app::mark_lecture_studied(app, require_signed_in(app, req), req.params.at("id")));
         },
         {}});
  r.add({"GET", "/api/portal/quizzes/{id}", kSmallBody,
         [&app](Request& req) { return ok(app::portal_quiz(app, require_signed_in(app, req), req.params.at("id"))); },
         {}});
  r.add({"POST", "/api/portal/quizzes/{id}/attempts", kSmallBody,
         [&app](Request& req) {
           return ok(app::start_attempt(app, require_signed_in(app, req), req.params.at("id")));
         },
         {}});
  r.add({"POST", "/api/portal/attempts/{id}", kAnswersBody,
         [&app](Request& req) {
           const auto p = require_signed_in(app, req);
           return ok(app::submit_attempt(app, p, req.params.at("id"), body_of(req)));
         },
         {}});
  r.add({"GET", "/api/portal/questionnaires/{phase}", kSmallBody,
         [&app](Request& req) {
           return ok(app::portal_questionnaire(app, require_signed_in(app, req), req.params.at("phase")));
         },
         {}});
  r.add({"POST", "/api/portal/questionnaires/{phase}", kAnswersBody,
         [&app](Request& req) {
           const auto p = require_signed_in(app, req);
           return ok(app::answer_questionnaire(app, p, req.params.at("phase"), body_of(req)));
         },
         {}});

  r.add({"GET", "/api/portal/attachments/{id}", kSmallBody,
         [&app](Request& req) {
           const auto f = app::read_attachment(app, require_signed_in(app, req), req.params.at("id"));
           Response res;
           res.content_type = f.content_type;
           res.body = f.bytes;
           res.headers.push_back({"Content-Disposition", "attachment; filename=\"" + f.file_name + "\""});
           res.headers.push_back({"X-Content-Type-Options", "nosniff"});
           return res;
         },
         {}});
  r.add({"POST", "/api/admin/learning/lectures/{id}/attachments", kAttachmentBody,
         [&app](Request& req) {
           const auto p = require_staff(app, req);
           return Response::json(201, json::serialize(app::add_attachment(app, p, req.params.at("id"),
                                                                          req.query_or("name"),
                                                                          std::string(req.header("content-type")),
                                                                          req.body)));
         },
         {}});
  r.add({"GET", "/api/admin/learning/{year}/progress", kSmallBody,
         [&app](Request& req) {
           return ok(app::progress(app, require_staff(app, req), req.params.at("year"), req.query_or("session")));
         },
         {}});
  for (const bool xlsx : {false, true}) {
    r.add({"GET", std::string("/api/admin/learning/{year}/progress.") + (xlsx ? "xlsx" : "csv"), kSmallBody,
           [&app, xlsx](Request& req) {
             const auto t = app::progress_table(app, require_staff(app, req), req.params.at("year"),
                                                req.query_or("session"), req.lang);
             return spreadsheet_response({t}, "kenshu-learning-progress", xlsx);
           },
           {}});
  }
  r.add({"POST", "/api/admin/learning/reminders/run", kSmallBody,
         [&app](Request& req) {
           const auto rep = app::send_reminders_as(app, require_staff(app, req));
           return ok(json::object{{"participants", rep.participants}, {"contacts", rep.contacts}, {"post", rep.post}});
         },
         {}});
  r.add({"GET", "/api/admin/learning/{year}/results", kSmallBody,
         [&app](Request& req) { return ok(app::learning_results(app, require_staff(app, req), req.params.at("year"))); },
         {}});
  r.add({"GET", "/api/admin/learning/{year}/results.xlsx", kSmallBody,
         [&app](Request& req) {
           const auto sheets = app::results_workbook(app, require_staff(app, req), req.params.at("year"));
           return spreadsheet_response(sheets, "kenshu-learning-results", true);
         },
         {}});
  r.add({"GET", "/api/admin/learning/{year}/lectures", kSmallBody,
         [&app](Request& req) { return ok(app::list_lectures(app, require_staff(app, req), req.params.at("year"))); },
         {}});
  r.add({"POST", "/api/admin/learning/{year}/lectures", kLectureBody,
         [&app](Request& req) {
           const auto p = require_staff(app, req);
           return ok(app::save_lecture(app, p, req.params.at("year"), "", body_of(req)));
         },
         {}});
  r.add({"PUT", "/api/admin/learning/{year}/lectures/{id}", kLectureBody,
         [&app](Request& req) {
           const auto p = require_staff(app, req);
           return ok(app::save_lecture(app, p, req.params.at("year"), req.params.at("id"), body_of(req)));
         },
         {}});
  r.add({"POST", "/api/admin/learning/{year}/copy-from/{from_year}", kSmallBody,
         [&app](Request& req) {
           const auto p = require_staff(app, req);
           return Response::json(201, json::serialize(app::copy_lectures(app, p, req.params.at("year"),
                                                                         req.params.at("from_year"))));
         },
         {}});
  r.add({"PUT", "/api/admin/learning/quizzes/{id}", kSmallBody,
         [&app](Request& req) {
           const auto p = require_staff(app, req);
           return ok(app::save_quiz_settings(app, p, req.params.at("id"), body_of(req)));
         },
         {}});
  r.add({"GET", "/api/admin/learning/quizzes/{id}/gift", kSmallBody,
         [&app](Request& req) {
           const auto file = app::export_quiz_gift(app, require_staff(app, req), req.params.at("id"));
           Response r;
           r.content_type = "text/plain; charset=utf-8";
           r.body = file.text;
           r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + file.name + ".gift\""});
           return r;
         },
         {}});
  r.add({"POST", "/api/admin/learning/quizzes/{id}/gift", kGiftBody,
         [&app](Request& req) {
           const auto p = require_staff(app, req);
           const json::value doc = parse_json_body(req);
           const auto* g = doc.is_object() ? doc.as_object().if_contains("gift") : nullptr;
           const std::string gift = g && g->is_string() ? std::string(g->as_string()) : "";
           const json::value out = app::import_quiz_gift(app, p, req.params.at("id"), gift);
           const bool bad = !out.at("errors").as_array().empty();
           if (!bad) return ok(out);
           json::object body{{"error", {{"code", "quiz.gift_invalid"}, {"errors", out.at("errors")}}}};
           return Response::json(422, json::serialize(body));
         },
         {}});
}

}  // namespace kenshu::api
