// The participant portal: lectures with status, tests taken and graded server-side, pre/post questionnaires in
// their windows. A participant is a member of a team with an accepted place (or, in the demo year, any submitted
// team), signed in by e-mail link with that member's address; anyone else gets request.not_found.
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace json = boost::json;

Who who(soci::session& s, const Principal& pr) {
  if (pr.is_staff() || pr.email.empty()) throw ApiError("request.not_found");
  auto rows = store::participants_by_email(s, pr.email);
  if (rows.empty()) throw ApiError("request.not_found");
  Who w{rows.front(), session_times(s, rows.front().session_id)};
  return w;
}

std::string jst(time::Instant t) { return time::to_jst_string(t); }

Window window_of(const Who& w, const store::QuestionnaireRow& q, domain::FormPhase phase) {
  if (phase == domain::FormPhase::pre)
    return {time::parse_instant(w.p.accepted_at).value_or(time::Instant{}), w.times.starts};
  return {w.times.ends, w.times.ends + std::chrono::days(q.post_close_days)};
}

namespace {

// Lectures are open from acceptance until the end of the session day (Japan time); afterwards they are shown
// as closed and can no longer be marked studied.
Window lecture_window(const Who& w) {
  const auto day = time::parse_date(w.times.session.date).value_or(std::chrono::year_month_day{});
  return {time::parse_instant(w.p.accepted_at).value_or(time::Instant{}),
          time::jst_at(day, 0, 0) + std::chrono::days(1)};
}

bool lecture_open(const Who& w, time::Instant now) {
  const Window win = lecture_window(w);
  return now >= win.opens && now < win.closes;
}

}  // namespace

// ---- portal ----

json::value portal_overview(App& app, const Principal& pr) {
  const time::Instant now = app.clock.now();
  return app.db.read([&](soci::session& s) -> json::value {
    const Who w = who(s, pr);
    const YearContent c = year_content(s, w.p.program_year_id);
    const auto studied = store::studied_lectures(s, w.p.member_id);
    const Window lw = lecture_window(w);
    const bool lectures_open = now >= lw.opens && now < lw.closes;
    json::array lectures, quizzes;
    for (const auto& l : c.lectures) {
      const bool done = std::find(studied.begin(), studied.end(), l.id) != studied.end();
      json::array lq;
      if (auto it = c.quizzes.find(l.id); it != c.quizzes.end())
        for (const auto& q : it->second) {
          json::object qo = quiz_settings_json(q);
          qo["lecture_id"] = l.id;
          for (auto& [k, v] : standing_json(store::attempts_of(s, w.p.member_id, q.row.id), q.settings)) qo[k] = v;
          lq.push_back(qo.at("id"));
          quizzes.push_back(qo);
        }
      lectures.push_back({{"id", l.id},
                          {"course", l.course_code},
                          {"position", l.position},
                          {"title", l.title_ja},
                          {"title_en", l.title_en},
                          {"summary", l.summary_ja},
                          {"estimated_minutes", l.estimated_minutes},
                          {"required", l.required},
                          {"studied", done},
                          {"open", lectures_open},
                          {"opens_at", jst(lw.opens)},
                          {"closes_at", jst(lw.closes)},
                          {"quiz_ids", lq}});
    }
    json::array questionnaires;
    if (c.questionnaire)
      for (const auto phase : {domain::FormPhase::pre, domain::FormPhase::post}) {
        const Window win = window_of(w, *c.questionnaire, phase);
        const bool done = store::find_response(s, c.questionnaire->id, domain::to_string(phase), w.p.member_id)
                              .has_value();
        questionnaires.push_back({{"phase", domain::to_string(phase)},
                                  {"title", phase == domain::FormPhase::pre ? c.forms->pre.title : c.forms->post.title},
                                  {"opens_at", jst(win.opens)},
                                  {"closes_at", jst(win.closes)},
                                  {"open", now >= win.opens && now < win.closes},
                                  {"answered", done}});
      }
    // The team's readiness: how many of its members are done (no names of others: a count per member position).
    json::array team;
    int ready = 0, members = 0;
    for (const auto& m : store::participants_of_year(s, w.p.program_year_id)) {
      if (m.application_id != w.p.application_id) continue;
      const auto st = status_of(s, m, c);
      ++members;
      if (st.ready()) ++ready;
      team.push_back({{"name", m.name}, {"profession", m.profession}, {"ready", st.ready()},
                      {"lectures_studied", st.lectures_studied}, {"quizzes_passed", st.quizzes_passed},
                      {"pre_done", st.pre_done}, {"me", m.member_id == w.p.member_id}});
    }
    const auto& se = w.times.session;
    return json::object{
        {"participant", {{"name", w.p.name}, {"profession", w.p.profession}, {"hospital", w.p.hospital},
                         {"reference", w.p.reference}}},
        {"session", {{"id", se.id}, {"number", se.number}, {"date", se.date}, {"venue", se.venue.ja},
                     {"venue_en", se.venue.en}, {"region", se.region.ja}, {"starts_at", jst(w.times.starts)},
                     {"ends_at", jst(w.times.ends)}}},
        {"lectures", lectures},
        {"quizzes", quizzes},
        {"questionnaires", questionnaires},
        {"team", {{"members", members}, {"ready", ready}, {"list", team}}}};
  });
}

json::value portal_lecture(App& app, const Principal& pr, const std::string& lecture_id) {
  const time::Instant now = app.clock.now();
  return app.db.read([&](soci::session& s) -> json::value {
    const Who w = who(s, pr);
    const auto l = store::find_lecture(s, lecture_id);
    if (!l || l->program_year_id != w.p.program_year_id) throw ApiError("request.not_found");
    const auto studied = store::studied_lectures(s, w.p.member_id);
    json::array quiz_ids, files;
    for (const auto& q : store::quizzes_of_lecture(s, l->id)) quiz_ids.push_back(json::value(q.id));
    for (const auto& a : store::attachments_of(s, l->id))
      files.push_back({{"id", a.id}, {"file_name", a.file_name}, {"content_type", a.content_type},
                       {"size_bytes", a.size_bytes}, {"url", "/api/portal/attachments/" + a.id}});
    return json::object{{"id", l->id},
                        {"course", l->course_code},
                        {"title", l->title_ja},
                        {"title_en", l->title_en},
                        {"summary", l->summary_ja},
                        {"body_md", l->body_md},
                        {"body_format", "markdown"},
                        {"video_url", l->video_url},
                        {"estimated_minutes", l->estimated_minutes},
                        {"required", l->required},
                        {"studied", std::find(studied.begin(), studied.end(), l->id) != studied.end()},
                        {"open", lecture_open(w, now)},
                        {"closes_at", jst(lecture_window(w).closes)},
                        {"quiz_ids", quiz_ids},
                        {"attachments", files}};
  });
}

json::value mark_lecture_studied(App& app, const Principal& pr, const std::string& lecture_id) {
  const time::Instant at = app.clock.now();
  const std::string now = time::to_utc_string(at);
  app.db.write([&](soci::session& s) {
    const Who w = who(s, pr);
    const auto l = store::find_lecture(s, lecture_id);
    if (!l || l->program_year_id != w.p.program_year_id) throw ApiError("request.not_found");
    if (!lecture_open(w, at)) throw ApiError("lecture.closed");
    store::mark_studied(s, w.p.member_id, l->id, now);
  });
  return json::object{{"studied", true}};
}

}  // namespace kenshu::app
