// /api/auth/*: set-up links, sign-in (password, then second factor), e-mail link sign-in, sign-out, who am I.
// Every answer carrying a session or a secret is personal (Cache-Control: no-store).
#include <boost/json.hpp>

#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/accounts.hpp"
#include "app/email_sign_in.hpp"

namespace kenshu::api {
namespace {

namespace json = boost::json;

// Reads the listed string fields of a JSON object body; `optional` ones may be missing. Unknown fields are refused.
struct Body {
  json::value doc;
  Problems problems;
  std::unique_ptr<Fields> fields;

  explicit Body(const Request& req) : doc(parse_json_body(req)) {
    fields = std::make_unique<Fields>(&doc, "", problems);
  }
  std::string str(const char* key) { return fields->str(key); }
  std::string optional_str(const char* key) {
    const json::value* v = fields->value(key, false);
    if (!v) return {};
    if (!v->is_string()) {
      problems.add("request.wrong_type", key);
      return {};
    }
    return std::string(v->get_string());
  }
  void done() {
    fields->finish();
    problems.throw_if_any();
  }
};

json::object me_json(const app::Principal& p) {
  json::object o{{"kind", p.is_staff() ? "staff" : "person"}, {"email", p.email}, {"csrf_token", p.csrf_token}};
  if (p.is_staff()) {
    json::array ids;
    for (const auto& s : p.session_ids) ids.push_back(json::value(s));
    o["user_id"] = p.user_id;
    o["display_name"] = p.display_name;
    o["role"] = std::string(domain::to_string(p.role));
    o["session_ids"] = std::move(ids);
  }
  return o;
}

Response signed_in_response(app::App& app, const app::SignInResult& r) {
  json::object body{{"stage", r.second_factor_required ? "second_factor" : "signed_in"}};
  if (r.principal) body["me"] = me_json(*r.principal);
  Response res = Response::json(200, json::serialize(body), true);
  set_session_cookie(app, res, r.ticket.token);
  return res;
}

Response sign_in(app::App& app, Request& req) {
  require_same_origin(app, req);
  Body b(req);
  const std::string email = b.str("email"), password = b.str("password");
  b.done();
  return signed_in_response(app, app::sign_in_with_password(app, email, password, client_of(app, req),
                                                            session_token(app, req)));
}

Response second_factor(app::App& app, Request& req) {
  require_same_origin(app, req);
  Body b(req);
  const std::string code = b.optional_str("code"), recovery = b.optional_str("recovery_code");
  if (code.empty() == recovery.empty()) b.problems.add("request.missing_field", code.empty() ? "code" : "recovery_code");
  b.done();
  const std::string token = session_token(app, req);
  if (token.empty()) throw ApiError("auth.required");
  return signed_in_response(app, app::sign_in_second_factor(app, token, code, recovery, client_of(app, req)));
}

Response sign_out(app::App& app, Request& req) {
  require_same_origin(app, req);
  const std::string token = session_token(app, req);
  // A forged request must not end someone's session: a live session needs its CSRF token.
  if (!token.empty() && app::resolve_session(app, token, client_of(app, req))) require_signed_in(app, req);
  app::sign_out(app, token);
  Response res = Response::json(204, "", true);
  clear_session_cookie(app, res);
  return res;
}

Response sign_out_everywhere(app::App& app, Request& req) {
  const app::Principal p = require_signed_in(app, req);
  app::sign_out_everywhere(app, p);
  Response res = Response::json(204, "", true);
  clear_session_cookie(app, res);
  return res;
}

Response setup_start(app::App& app, Request& req) {
  require_same_origin(app, req);
  Body b(req);
  const std::string token = b.str("token");
  b.done();
  const app::SetupStart s = app::start_setup(app, token);
  return Response::json(200,
                        json::serialize(json::object{{"email", s.email},
                                                     {"display_name", s.display_name},
                                                     {"role", s.role},
                                                     {"second_factor_required", s.second_factor_required},
                                                     {"totp_secret", s.totp_secret},
                                                     {"otpauth_uri", s.otpauth_uri},
                                                     {"qr_svg", s.qr_svg}}),
                        true);
}

Response setup_complete(app::App& app, Request& req) {
  require_same_origin(app, req);
  Body b(req);
  const std::string token = b.str("token"), password = b.str("password"), code = b.optional_str("totp_code");
  b.done();
  json::array codes;
  for (const auto& c : app::complete_setup(app, token, password, code)) codes.push_back(json::value(c));
  return Response::json(200, json::serialize(json::object{{"recovery_codes", codes}}), true);
}

Response email_link(app::App& app, Request& req) {
  require_same_origin(app, req);
  Body b(req);
  const std::string email = b.str("email");
  b.done();
  app::request_email_link(app, email, req.lang, client_of(app, req));
  return Response::json(202, json::serialize(json::object{{"sent", true}}), true);
}

Response email_link_confirm(app::App& app, Request& req) {
  require_same_origin(app, req);
  Body b(req);
  const std::string token = b.str("token");
  b.done();
  const app::SessionTicket t = app::confirm_email_link(app, token, client_of(app, req), session_token(app, req));
  auto p = app::resolve_session(app, t.token, client_of(app, req));
  json::object body{{"stage", "signed_in"}};
  if (p) body["me"] = me_json(*p);
  Response res = Response::json(200, json::serialize(body), true);
  set_session_cookie(app, res, t.token);
  return res;
}

}  // namespace

void add_auth_routes(Router& r, app::App& app) {
  auto bind = [&app](Response (*f)(app::App&, Request&)) { return [&app, f](Request& req) { return f(app, req); }; };
  r.add({"GET", "/api/auth/me", kSmallBody,
         [&app](Request& req) { return Response::json(200, json::serialize(me_json(require_signed_in(app, req))), true); },
         {}});
  r.add({"POST", "/api/auth/sign-in", kSmallBody, bind(sign_in), {}});
  r.add({"POST", "/api/auth/sign-in/second-factor", kSmallBody, bind(second_factor), {}});
  r.add({"POST", "/api/auth/sign-out", kSmallBody, bind(sign_out), {}});
  r.add({"POST", "/api/auth/sign-out-everywhere", kSmallBody, bind(sign_out_everywhere), {}});
  r.add({"POST", "/api/auth/setup/start", kSmallBody, bind(setup_start), {}});
  r.add({"POST", "/api/auth/setup/complete", kSmallBody, bind(setup_complete), {}});
  r.add({"POST", "/api/auth/email-link", kSmallBody, bind(email_link), {}});
  r.add({"POST", "/api/auth/email-link/confirm", kSmallBody, bind(email_link_confirm), {}});
}

}  // namespace kenshu::api
