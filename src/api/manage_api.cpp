// The management link's API: the token comes as `Authorization: Bearer …` (it lives in the link's fragment, so it
// never appears in a URL the server or a proxy logs).
#include <boost/json.hpp>

#include "api/application_json.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/selection.hpp"

namespace kenshu::api {
namespace {

std::string bearer(const Request& req) {
  const auto h = req.header("authorization");
  if (h.substr(0, 7) != "Bearer ") throw ApiError("application.not_found");
  return std::string(h.substr(7));
}

Response view_response(const app::ApplicationView& v) {
  return Response::json(200, boost::json::serialize(encode_view(v)), true);
}

}  // namespace

void add_manage_routes(Router& r, app::App& app) {
  r.add({"GET", "/api/manage/application", kSmallBody,
         [&app](Request& req) { return view_response(app::view_application(app, bearer(req))); }, {}});
  r.add({"PATCH", "/api/manage/application", 64 * 1024,
         [&app](Request& req) {
           const std::string token = bearer(req);
           auto patch = decode_patch(parse_json_body(req));
           return view_response(app::update_application(app, token, patch));
         },
         {}});
  r.add({"POST", "/api/manage/application/withdraw", kSmallBody,
         [&app](Request& req) { return view_response(app::withdraw_application(app, bearer(req))); }, {}});
  // After selection: the contact confirms the team's place, or declines it (or leaves the waitlist).
  r.add({"POST", "/api/manage/application/confirm", kSmallBody,
         [&app](Request& req) { return view_response(app::confirm_placement(app, bearer(req))); }, {}});
  r.add({"POST", "/api/manage/application/decline", kSmallBody,
         [&app](Request& req) { return view_response(app::decline_placement(app, bearer(req))); }, {}});
}

}  // namespace kenshu::api
