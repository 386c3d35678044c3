// /api/admin/sessions/{id} (PATCH: capacity, date, venue, closing time) and /api/admin/dashboard (figures).
#include <boost/json.hpp>

#include "api/admin_query.hpp"
#include "api/application_json.hpp"
#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/dashboard.hpp"
#include "app/manage_sessions.hpp"
#include "app/setup_year.hpp"
#include "domain/time.hpp"

namespace kenshu::api {
namespace {

namespace json = boost::json;

app::SessionPatch decode_session_patch(const Request& req) {
  const json::value doc = parse_json_body(req);
  Problems p;
  Fields f(&doc, "", p);
  app::SessionPatch patch;
  if (f.has("date")) patch.date = f.str("date");
  if (f.has("venue")) {
    Fields v(f.value("venue"), "venue", p);
    patch.venue = L10n{v.str("ja"), v.has("en") ? v.str("en") : std::string()};
    v.finish();
  }
  if (f.has("capacity_teams")) patch.capacity_teams = f.integer("capacity_teams");
  if (f.has("capacity_people")) patch.capacity_people = f.integer("capacity_people");
  if (f.has("applications_close_at")) patch.applications_close_at = f.str("applications_close_at");
  f.finish();
  p.throw_if_any();
  return patch;
}

L10n l10n_field(Fields& f, const char* key, Problems& p) {
  Fields t(f.value(key), f.path(key), p);
  L10n out{t.str("ja"), t.has("en") ? t.str("en") : std::string()};
  t.finish();
  return out;
}

json::object session_row_json(const store::SessionRow& s);

json::value count_json(const app::Count& c) { return c ? json::value(*c) : json::value(nullptr); }

template <class M>
json::object counts_json(const M& m) {
  json::object o;
  for (const auto& [k, v] : m) {
    if constexpr (std::is_same_v<std::decay_t<decltype(k)>, int>) o[std::to_string(k)] = count_json(v);
    else o[k] = count_json(v);
  }
  return o;
}

json::object dashboard_json(const app::Dashboard& d) {
  json::array sessions;
  for (const auto& s : d.sessions) {
    json::array ranks;
    for (const auto& c : s.by_rank) ranks.push_back(count_json(c));
    sessions.push_back({{"id", s.session.id},
                        {"number", s.session.number},
                        {"date", s.session.date},
                        {"venue", l10n_json(s.session.venue)},
                        {"region", l10n_json(s.session.region)},
                        {"capacity_teams", s.session.capacity_teams},
                        {"applications_close_at", jst_text(s.session.applications_close_at)},
                        {"by_rank", ranks},
                        {"any_session", count_json(s.any_session)}});
  }
  return {{"year", d.year_key},
          {"suppressed", d.suppressed},
          {"applications", count_json(d.applications)},
          {"withdrawn", count_json(d.withdrawn)},
          {"people", count_json(d.people)},
          {"sessions", sessions},
          {"by_profession", counts_json(d.by_profession)},
          {"by_prefecture", counts_json(d.by_prefecture)},
          {"by_hospital_type", counts_json(d.by_hospital_type)},
          {"next_close_at", d.next_close_at ? json::value(jst_text(*d.next_close_at)) : json::value(nullptr)},
          {"next_close_session_number",
           d.next_close_session_number ? json::value(*d.next_close_session_number) : json::value(nullptr)}};
}

json::object session_row_json(const store::SessionRow& s) {
  return {{"id", s.id},
          {"number", s.number},
          {"date", s.date},
          {"region", l10n_json(s.region)},
          {"prefecture_code", s.prefecture_code},
          {"venue", l10n_json(s.venue)},
          {"capacity_teams", s.capacity_teams},
          {"capacity_people", s.capacity_people},
          {"applications_close_at", jst_text(s.applications_close_at)}};
}

}  // namespace

void add_admin_session_routes(Router& r, app::App& app) {
  r.add({"PATCH", "/api/admin/sessions/{id}", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const app::SessionUpdate u = app::update_session(app, p, req.params.at("id"), decode_session_patch(req));
           json::array changes;
           for (const auto& c : u.changes)
             changes.push_back({{"field", c.field}, {"old", l10n_json(c.old_value)}, {"new", l10n_json(c.new_value)}});
           json::object session{{"id", u.session.id},
                                {"number", u.session.number},
                                {"date", u.session.date},
                                {"venue", l10n_json(u.session.venue)},
                                {"capacity_teams", u.session.capacity_teams},
                                {"capacity_people", u.session.capacity_people},
                                {"applications_close_at", jst_text(u.session.applications_close_at)}};
           return Response::json(
               200, json::serialize(json::object{{"session", session}, {"changes", changes}, {"teams_notified", u.teams_notified}}));
         },
         {}});
  r.add({"POST", "/api/admin/years/{key}/copy", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const json::value doc = parse_json_body(req);
           Problems pr;
           Fields f(&doc, "", pr);
           app::NewYear y;
           y.key = f.str("key");
           y.fiscal_year = f.integer("fiscal_year");
           y.label = l10n_field(f, "label", pr);
           y.reference_prefix = f.str("reference_prefix");
           f.finish();
           pr.throw_if_any();
           const store::ProgramYearRow row = app::copy_year(app, p, req.params.at("key"), y);
           return Response::json(201, json::serialize(json::object{
                                          {"year", {{"key", row.key}, {"fiscal_year", row.fiscal_year},
                                                    {"label", l10n_json(row.label)}}}}));
         },
         {}});
  r.add({"POST", "/api/admin/years/{key}/sessions", kSmallBody,
         [&app](Request& req) {
           const app::Principal p = require_staff(app, req);
           const json::value doc = parse_json_body(req);
           Problems pr;
           Fields f(&doc, "", pr);
           app::NewSession n;
           n.number = f.integer("number");
           n.date = f.str("date");
           n.region = l10n_field(f, "region", pr);
           n.prefecture_code = f.integer("prefecture_code");
           n.venue = l10n_field(f, "venue", pr);
           if (f.has("capacity_teams")) n.capacity_teams = f.integer("capacity_teams");
           if (f.has("capacity_people")) n.capacity_people = f.integer("capacity_people");
           f.finish();
           pr.throw_if_any();
           const store::SessionRow row = app::add_session(app, p, req.params.at("key"), n);
           return Response::json(201, json::serialize(json::object{{"session", session_row_json(row)}}));
         },
         {}});
  r.add({"GET", "/api/admin/dashboard", kSmallBody,
         [&app](Request& req) {
           only_known_params(req, {"year"});
           const app::Principal p = require_staff(app, req);
           return Response::json(200, json::serialize(dashboard_json(app::dashboard(app, p, req.query_or("year")))));
         },
         {}});
}

}  // namespace kenshu::api
