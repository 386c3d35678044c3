// GET /api/program[?year=2025] and GET /api/sessions/{id}/calendar.ics.
// The programme is read by every visitor and changes rarely: it is answered from memory for at most a second
// (or until the next window opens or closes), on the I/O thread, with an ETag for revalidation.
#include <boost/json.hpp>

#include "api/application_json.hpp"
#include "api/routes.hpp"
#include "app/program_view.hpp"
#include "app/secrets.hpp"
#include "app/session_calendar.hpp"
#include "app/versioned_cache.hpp"
#include "domain/prefectures.hpp"
#include "domain/selection.hpp"

namespace kenshu::api {
namespace {

boost::json::object year_json(const store::ProgramYearRow& y) {
  return {{"key", y.key}, {"fiscal_year", y.fiscal_year}, {"label", l10n_json(y.label)}, {"is_demo", y.is_demo}};
}

boost::json::object session_json(const app::SessionView& sv) {
  const auto& s = sv.row;
  const auto* pref = domain::prefecture(s.prefecture_code);
  boost::json::array changes;
  for (const auto& c : sv.changes)
    changes.push_back({{"field", c.field},
                       {"old", l10n_json(c.old_value)},
                       {"new", l10n_json(c.new_value)},
                       {"changed_at", jst_text(c.changed_at)}});
  return {{"id", s.id},
          {"number", s.number},
          {"date", s.date},
          {"region", l10n_json(s.region)},
          {"prefecture_code", s.prefecture_code},
          {"prefecture", pref ? l10n_json({std::string(pref->ja), std::string(pref->en)}) : boost::json::object{}},
          {"venue", l10n_json(s.venue)},
          {"capacity_teams", s.capacity_teams},
          {"capacity_people", s.capacity_people},
          {"places_open", sv.places_open},
          {"applications_close_at", jst_text(s.applications_close_at)},
          {"is_open", sv.is_open},
          {"changed_at", s.changed_at ? boost::json::value(jst_text(*s.changed_at)) : boost::json::value(nullptr)},
          {"changes", changes}};
}

// The rules of selection as teams read them: the priority tiers in order, and the time to confirm a place.
boost::json::object selection_json(const app::SelectionSettings& sel) {
  boost::json::array tiers;
  const int n = static_cast<int>(sel.rules.tiers.size()) + 1;
  for (int tier = 1; tier <= n; ++tier)
    tiers.push_back({{"tier", tier},
                     {"name", l10n_json(domain::tier_name(tier))},
                     {"description", l10n_json(domain::describe_tier(tier, sel.rules))}});
  const auto& k = sel.rules.max_teams_per_prefecture_per_session;
  return {{"tiers", tiers},
          {"max_teams_per_prefecture_per_session", k ? boost::json::value(*k) : boost::json::value(nullptr)},
          {"confirm_days", sel.confirm_days},
          {"promotion_stops_days_before", sel.promotion_stops_days_before}};
}

std::string program_json(const app::ProgramView& v, time::Instant now) {
  const auto& y = v.year;
  boost::json::object year = year_json(y);
  year["title"] = l10n_json(y.title);
  year["applications_open_at"] = jst_text(y.applications_open_at);
  year["applications_close_at"] =
      y.applications_close_at ? boost::json::value(jst_text(*y.applications_close_at)) : boost::json::value(nullptr);
  boost::json::array years, courses, sessions;
  for (const auto& other : v.years) years.push_back(year_json(other));
  for (const auto& c : v.courses)
    courses.push_back({{"code", c.code}, {"name", l10n_json(c.name)}, {"starts", c.starts_local}, {"ends", c.ends_local}});
  for (const auto& s : v.sessions) sessions.push_back(session_json(s));
  boost::json::object out{
      {"year", year},
      {"years", years},
      {"courses", courses},
      {"sessions", sessions},
      {"team_rules",
       {{"min_size", y.team_min_size},
        {"max_size", y.team_max_size},
        {"required_professions", {"doctor", "nurse"}},
        {"professions", {"doctor", "nurse", "clinical_engineer", "other"}}}},
      {"privacy_notice", {{"version", y.privacy_version}, {"text", l10n_json(y.privacy_text)}}},
      {"secretariat", {{"name", l10n_json(y.secretariat_name)}, {"email", y.secretariat_email}}},
      {"notes", boost::json::parse(y.notes_json)},
      {"selection", selection_json(v.selection)},
      {"now", time::to_jst_string(now)}};
  return boost::json::serialize(out);
}

struct ProgramAnswer {
  std::string body;
  std::string etag;
};
using ProgramCache = app::VersionedCache<ProgramAnswer, time::Instant>;

Response answer(const Request& req, const ProgramAnswer& e) {
  Response r;
  r.headers.push_back({"ETag", e.etag});
  r.headers.push_back({"Cache-Control", "no-cache"});
  if (req.header("if-none-match") == e.etag) {
    r.status = 304;
    return r;
  }
  r.body = e.body;
  return r;
}

// Keys of the cache: what the client asked for, so "current" and "2025" are cached separately.
std::string cache_key(const Request& req) { return req.query_or("year", "(current)"); }

}  // namespace

void add_program_routes(Router& r, app::App& app) {
  auto cache = std::make_shared<ProgramCache>();
  r.add({"GET", "/api/program", kSmallBody,
         [&app, cache](Request& req) {
           const auto now = app.clock.now();
           const std::string year = req.query_or("year");
           if (year.size() > 32) throw ApiError("program.year_not_found", "year");
           const std::uint64_t version = app.program_version.load();  // before reading: a later change drops it
           const app::ProgramView view = app::get_program(app, year);
           ProgramAnswer e;
           e.body = program_json(view, now);
           e.etag = "\"" + app::sha256_hex(e.body).substr(0, 32) + "\"";
           const auto kept =
               cache->put(cache_key(req), std::move(e), std::min(view.valid_until, now + std::chrono::seconds(1)), version);
           return answer(req, *kept);
         },
         [&app, cache](const Request& req) -> std::optional<Response> {
           if (auto e = cache->get(cache_key(req), app.clock.now(), app.program_version.load())) return answer(req, *e);
           return std::nullopt;
         }});
  r.add({"GET", "/api/sessions/{id}/calendar.ics", kSmallBody,
         [&app](Request& req) {
           Response res;
           res.content_type = "text/calendar; charset=utf-8";
           res.body = app::session_calendar(app, req.params["id"], req.lang);
           res.headers.push_back({"Content-Disposition", "attachment; filename=\"kenshu-session.ics\""});
           return res;
         },
         {}});
}

}  // namespace kenshu::api
