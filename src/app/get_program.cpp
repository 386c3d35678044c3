#include "app/program_view.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "app/selection.hpp"
#include "domain/api_error.hpp"

namespace kenshu::app {
namespace {

time::Instant parse(const std::string& utc) { return time::parse_instant(utc).value_or(time::Instant{}); }

}  // namespace

bool session_is_open(const store::ProgramYearRow& year, const store::SessionRow& session, time::Instant now) {
  if (now < parse(year.applications_open_at)) return false;
  if (year.applications_close_at && now > parse(*year.applications_close_at)) return false;
  return now <= parse(session.applications_close_at);
}

std::string current_year_key(App& app, soci::session& s) {
  if (!app.config.program.current.empty()) return app.config.program.current;
  const auto years = store::list_years(s);  // non-demo first, newest first
  if (app.config.program.demo)
    for (const auto& y : years)
      if (y.is_demo) return y.key;
  return years.empty() ? std::string{} : years.front().key;
}

namespace {

YearContext context_of(YearRows rows, time::Instant now) {
  YearContext ctx{std::move(rows.year), std::move(rows.sessions), {}};
  ctx.rules.team = {ctx.year.team_min_size, ctx.year.team_max_size};
  ctx.rules.privacy_notice_version = ctx.year.privacy_version;
  for (const auto& session : ctx.sessions)
    ctx.rules.sessions.push_back({session.id, session_is_open(ctx.year, session, now)});
  return ctx;
}

YearRows rows_of(App& app, soci::session& s, const std::string& key) {
  const std::string k = key.empty() ? current_year_key(app, s) : key;
  auto year = store::find_year(s, k);
  if (!year) throw ApiError("program.year_not_found", "program_year");
  auto sessions = store::sessions_of(s, year->id);
  return {std::move(*year), std::move(sessions)};
}

}  // namespace

YearContext year_context(App& app, soci::session& s, const std::string& key, time::Instant now) {
  return context_of(rows_of(app, s, key), now);
}

YearContext cached_year_context(App& app, const std::string& key, time::Instant now) {
  const std::uint64_t version = app.program_version.load();  // before reading: a later change drops the entry
  const auto steady_now = std::chrono::steady_clock::now();
  auto rows = app.years.get(key, steady_now, version);
  if (!rows) {
    rows = app.years.put(key, app.db.read([&](soci::session& s) { return rows_of(app, s, key); }),
                         steady_now + std::chrono::seconds(1), version);
  }
  return context_of(*rows, now);
}

ProgramView get_program(App& app, const std::string& key) {
  const time::Instant now = app.clock.now();
  return app.db.read([&](soci::session& s) {
    YearContext ctx = year_context(app, s, key, now);
    ProgramView view;
    view.year = ctx.year;
    view.years = store::list_years(s);
    view.courses = store::courses_of(s, ctx.year.id);
    view.selection = selection_settings_of(s, ctx.year.id);
    const auto changes = store::session_changes_of(s, ctx.year.id);
    view.valid_until = now + std::chrono::hours(24 * 365);
    auto consider = [&](const std::string& utc) {
      const auto t = parse(utc);
      if (t > now) view.valid_until = std::min(view.valid_until, t);
    };
    consider(ctx.year.applications_open_at);
    if (ctx.year.applications_close_at) consider(*ctx.year.applications_close_at);
    for (const auto& row : ctx.sessions) {
      SessionView sv{row, row.capacity_teams, session_is_open(ctx.year, row, now), {}};
      for (const auto& c : changes)
        if (c.session_id == row.id) sv.changes.push_back(c);
      consider(row.applications_close_at);
      view.sessions.push_back(std::move(sv));
    }
    return view;
  });
}

}  // namespace kenshu::app
