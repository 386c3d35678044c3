// /api/admin/users*: staff accounts (admins only; anyone else gets 404) and /api/admin/audit, the audit log
// (searched as JSON, exported as CSV or XLSX).
#include <boost/json.hpp>

#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "api/spreadsheet_response.hpp"
#include "app/accounts.hpp"
#include "app/audit_log.hpp"

namespace kenshu::api {
namespace {

namespace json = boost::json;

json::value optional_text(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object user_json(const app::UserView& v) {
  json::array ids;
  for (const auto& s : v.session_ids) ids.push_back(json::value(s));
  const auto& u = v.user;
  return {{"id", u.id},
          {"email", u.email},
          {"display_name", u.display_name},
          {"role", u.role},
          {"disabled", u.disabled},
          {"password_set", u.password_hash.has_value()},
          {"second_factor", u.totp_confirmed},
          {"recovery_codes_left", v.recovery_codes_left},
          {"session_ids", ids},
          {"created_at", u.created_at},
          {"last_sign_in_at", optional_text(u.last_sign_in_at)},
          {"disabled_at", optional_text(u.disabled_at)}};
}

app::NewUser decode_new_user(const Request& req) {
  const json::value doc = parse_json_body(req);
  Problems p;
  Fields f(&doc, "", p);
  app::NewUser u;
  u.email = f.str("email");
  u.role = f.str("role");
  if (const json::value* name = f.value("display_name", false)) {
    if (name->is_string()) u.display_name = std::string(name->get_string());
    else p.add("request.wrong_type", "display_name");
  }
  if (f.has("session_ids")) {
    if (const json::array* ids = f.array("session_ids"))
      for (std::size_t i = 0; i < ids->size(); ++i) {
        if ((*ids)[i].is_string()) u.session_ids.push_back(std::string((*ids)[i].get_string()));
        else p.add("request.wrong_type", "session_ids." + std::to_string(i));
      }
  }
  u.lang = req.lang;
  if (const json::value* locale = f.value("locale", false)) {
    if (locale->is_string() && (locale->get_string() == "ja" || locale->get_string() == "en"))
      u.lang = locale->get_string() == "en" ? Lang::en : Lang::ja;
    else p.add("field.bad_enum", "locale");
  }
  f.finish();
  p.throw_if_any();
  return u;
}

Response user_response(int status, const app::UserView& v) {
  return Response::json(status, json::serialize(json::object{{"user", user_json(v)}}), true);
}

app::AuditSearch audit_search_of(const Request& req, bool allow_lang) {
  app::AuditSearch q;
  for (const auto& [k, v] : req.query) {
    if (allow_lang && k == "lang") continue;
    if (k == "entity") q.entity = v;
    else if (k == "entity_id") q.entity_id = v;
    else if (k == "actor_user_id") q.actor_user_id = v;
    else if (k == "action") q.action = v;
    else if (k == "from") q.from = v;
    else if (k == "to") q.to = v;
    else if (k == "limit") q.limit = v;
    else if (k == "offset") q.offset = v;
    else throw ApiError("request.unknown_field", k);
  }
  return q;
}

// Every entry matching the filters, a page of the search at a time (the search caps a page at 1,000).
docs::Table audit_table(app::App& app, const app::Principal& p, app::AuditSearch q, Lang lang) {
  constexpr int kPage = 1000;
  constexpr int kMaxRows = 200000;
  const bool en = lang == Lang::en;
  docs::Table t;
  t.name = en ? "Audit log" : "監査ログ";
  t.headers = {en ? "At (UTC)" : "日時(UTC)", en ? "Actor" : "操作者", en ? "Actor id" : "操作者ID", "IP",
               en ? "Action" : "種別", en ? "Record kind" : "対象", en ? "Record id" : "対象ID",
               en ? "Before" : "変更前", en ? "After" : "変更後"};
  q.limit = std::to_string(kPage);
  for (int offset = 0; offset < kMaxRows; offset += kPage) {
    q.offset = std::to_string(offset);
    const auto page = app::search_audit_log(app, p, q);
    for (const auto& a : page)
      t.rows.push_back({a.at, a.actor_label, a.actor_user_id.value_or(""), a.ip, a.action, a.entity, a.entity_id,
                        a.before_json.value_or(""), a.after_json.value_or("")});
    if (page.size() < static_cast<std::size_t>(kPage)) break;
  }
  return t;
}

Response audit_response(app::App& app, Request& req) {
  const app::Principal p = require_staff(app, req);
  const app::AuditSearch q = audit_search_of(req, false);
  json::array rows;
  for (const auto& a : app::search_audit_log(app, p, q))
    rows.push_back(json::object{{"id", a.id},
                                {"at", a.at},
                                {"actor_user_id", optional_text(a.actor_user_id)},
                                {"actor", a.actor_label},
                                {"ip", a.ip},
                                {"action", a.action},
                                {"entity", a.entity},
                                {"entity_id", a.entity_id},
                                {"before", a.before_json ? json::parse(*a.before_json) : json::value(nullptr)},
                                {"after", a.after_json ? json::parse(*a.after_json) : json::value(nullptr)}});
  return Response::json(200, json::serialize(json::object{{"entries", rows}}), true);
}

}  // namespace

void add_user_routes(Router& r, app::App& app) {
  r.add({"GET", "/api/admin/users", kSmallBody,
         [&app](Request& req) {
           json::array users;
           for (const auto& v : app::list_users(app, require_staff(app, req))) users.push_back(user_json(v));
           return Response::json(200, json::serialize(json::object{{"users", users}}), true);
         },
         {}});
  r.add({"POST", "/api/admin/users", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           return user_response(201, app::invite_user(app, p, decode_new_user(req)));
         },
         {}});
  r.add({"GET", "/api/admin/users/{id}", kSmallBody,
         [&app](Request& req) {
           return user_response(200, app::get_user(app, require_staff(app, req), req.params.at("id")));
         },
         {}});
  for (const bool disable : {true, false})
    r.add({"POST", disable ? "/api/admin/users/{id}/disable" : "/api/admin/users/{id}/enable", kSmallBody,
           [&app, disable](Request& req) {
             const app::Principal p = require_staff(app, req);
             if (!req.body.empty()) throw ApiError("request.unknown_field");
             return user_response(200, app::set_user_disabled(app, p, req.params.at("id"), disable));
           },
           {}});
  r.add({"GET", "/api/admin/audit", kSmallBody, [&app](Request& req) { return audit_response(app, req); }, {}});
  for (const bool xlsx : {false, true})
    r.add({"GET", xlsx ? "/api/admin/audit.xlsx" : "/api/admin/audit.csv", kSmallBody,
           [&app, xlsx](Request& req) {
             const app::Principal p = require_staff(app, req);
             const docs::Table t = audit_table(app, p, audit_search_of(req, true), export_lang(req));
             return spreadsheet_response({t}, "kenshu-audit", xlsx);
           },
           {}});
}

}  // namespace kenshu::api
