// The participant portal: lectures with status, tests taken and graded server-side, pre/post questionnaires in
// their windows. A participant is a member of a team with an accepted place (or, in the demo year, any submitted
// team), signed in by e-mail link with that member's address; anyone else gets request.not_found.
#include <boost/json.hpp>
#include <sodium.h>

#include <algorithm>
#include <chrono>

#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace json = boost::json;

namespace {

struct Who {
  store::ParticipantRow p;
  SessionTimes times;
};

Who who(soci::session& s, const Principal& pr) {
  if (pr.is_staff() || pr.email.empty()) throw ApiError("request.not_found");
  auto rows = store::participants_by_email(s, pr.email);
  if (rows.empty()) throw ApiError("request.not_found");
  Who w{rows.front(), session_times(s, rows.front().session_id)};
  return w;
}

std::uint64_t parse_seed(const std::string& s) { return s.empty() ? 0 : std::stoull(s); }

std::uint64_t new_seed() {
  std::uint64_t v = 0;
  randombytes_buf(&v, sizeof v);
  return v;
}

// The display order of the questions and, per question, of its choices.
struct Order {
  std::vector<std::size_t> questions;
  std::vector<std::vector<std::size_t>> choices;
};

Order order_of(const QuizContent& q, std::uint64_t seed) {
  Order o;
  const std::size_t n = q.questions.size();
  if (q.settings.shuffle_questions) o.questions = domain::shuffle_order(n, seed);
  else
    for (std::size_t i = 0; i < n; ++i) o.questions.push_back(i);
  o.choices.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    if (q.settings.shuffle_choices && !q.questions[i].choices.empty())
      o.choices[i] = domain::shuffle_order(q.questions[i].choices.size(), seed ^ (0x9E3779B97F4A7C15ull * (i + 1)));
  return o;
}

json::array public_questions(const QuizContent& q, std::uint64_t seed) {
  const Order o = order_of(q, seed);
  json::array out;
  for (const std::size_t i : o.questions) {
    const auto pq = domain::to_public(q.questions[i], o.choices[i]);
    json::array choices;
    for (const auto& c : pq.choices) choices.push_back({{"index", c.index}, {"text", c.text}});
    out.push_back({{"position", i},
                   {"title", pq.title},
                   {"text", pq.text},
                   {"format", domain::to_string(pq.format)},
                   {"type", domain::to_string(pq.type)},
                   {"points", pq.points},
                   {"choices", choices}});
  }
  return out;
}

json::object standing_json(const std::vector<store::AttemptRow>& attempts, const domain::QuizSettings& settings) {
  std::vector<double> percents;
  for (const auto& a : attempts)
    if (a.submitted_at) percents.push_back(a.percent);
  const auto st = domain::quiz_standing(percents, settings);
  json::object o{{"attempts_used", st.attempts_used}, {"passed", st.passed}, {"may_attempt", st.may_attempt}};
  o["attempts_left"] = st.attempts_left ? json::value(*st.attempts_left) : json::value(nullptr);
  o["score_percent"] = st.counted_percent ? json::value(*st.counted_percent) : json::value(nullptr);
  double best = -1;
  for (double v : percents) best = std::max(best, v);
  o["best_percent"] = best >= 0 ? json::value(best) : json::value(nullptr);
  return o;
}

json::object quiz_settings_json(const QuizContent& q) {
  json::object o{{"id", q.row.id},
                 {"title", q.row.title_ja},
                 {"questions", q.questions.size()},
                 {"pass_percent", q.settings.pass_percent},
                 {"attempts_allowed", q.settings.attempts_allowed},
                 {"policy", domain::to_string(q.settings.policy)},
                 {"feedback", domain::to_string(q.settings.feedback)}};
  o["time_limit_minutes"] =
      q.settings.time_limit_minutes ? json::value(*q.settings.time_limit_minutes) : json::value(nullptr);
  return o;
}

std::string jst(time::Instant t) { return time::to_jst_string(t); }

struct Window {
  time::Instant opens{}, closes{};
};

Window window_of(const Who& w, const store::QuestionnaireRow& q, domain::FormPhase phase) {
  if (phase == domain::FormPhase::pre)
    return {time::parse_instant(w.p.accepted_at).value_or(time::Instant{}), w.times.starts};
  return {w.times.ends, w.times.ends + std::chrono::days(q.post_close_days)};
}

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

json::value item_answer_json(const domain::ItemAnswer& a) {
  json::object o;
  if (a.scale) o["scale"] = *a.scale;
  if (!a.choices.empty()) {
    json::array c;
    for (auto i : a.choices) c.push_back(i);
    o["choices"] = c;
  }
  if (a.number) o["number"] = *a.number;
  if (!a.text.empty()) o["text"] = a.text;
  return o;
}

}  // namespace

// ---- shared ----

SessionTimes session_times(soci::session& s, const std::string& session_id) {
  SessionTimes t;
  const auto session = store::find_session(s, session_id);
  if (!session) throw ApiError("request.not_found");
  t.session = *session;
  const auto day = time::parse_date(session->date).value_or(std::chrono::year_month_day{});
  std::string first = "23:59", last = "00:00";
  for (const auto& c : store::courses_of(s, session->program_year_id)) {
    first = std::min(first, c.starts_local);
    last = std::max(last, c.ends_local);
  }
  if (first > last) first = last = "09:00";
  auto at = [&](const std::string& hm) { return time::jst_at(day, std::stoi(hm.substr(0, 2)), std::stoi(hm.substr(3, 2))); };
  t.starts = at(first);
  t.ends = at(last);
  return t;
}

QuizContent quiz_content(soci::session& s, const store::QuizRow& q) {
  QuizContent c;
  c.row = q;
  c.settings.pass_percent = q.pass_percent;
  c.settings.attempts_allowed = q.attempts_allowed;
  c.settings.policy = domain::attempt_policy_from(q.policy).value_or(domain::AttemptPolicy::best);
  c.settings.shuffle_questions = q.shuffle_questions;
  c.settings.shuffle_choices = q.shuffle_choices;
  c.settings.time_limit_minutes = q.time_limit_minutes;
  c.settings.feedback = domain::feedback_level_from(q.feedback).value_or(domain::FeedbackLevel::full);
  for (const auto& g : store::quiz_question_gifts(s, q.id)) {
    auto imported = domain::import_gift(g);
    for (auto& question : imported.questions) c.questions.push_back(std::move(question));
  }
  return c;
}

YearContent year_content(soci::session& s, const std::string& year_id) {
  YearContent c;
  c.lectures = store::lectures_of_year(s, year_id);
  for (const auto& l : c.lectures)
    for (const auto& q : store::quizzes_of_lecture(s, l.id)) c.quizzes[l.id].push_back(quiz_content(s, q));
  c.questionnaire = store::questionnaire_of_year(s, year_id);
  if (c.questionnaire) c.forms = parse_questionnaire(c.questionnaire->definition_toml);
  return c;
}

ParticipantStatus status_of(soci::session& s, const store::ParticipantRow& p, const YearContent& c) {
  ParticipantStatus st;
  const auto studied = store::studied_lectures(s, p.member_id);
  for (const auto& l : c.lectures) {
    const bool done = std::find(studied.begin(), studied.end(), l.id) != studied.end();
    if (l.required) {
      ++st.lectures_required;
      if (done) ++st.lectures_studied;
    }
    if (auto it = c.quizzes.find(l.id); it != c.quizzes.end())
      for (const auto& q : it->second) {
        if (!l.required) continue;
        ++st.quizzes;
        std::vector<double> percents;
        for (const auto& a : store::attempts_of(s, p.member_id, q.row.id))
          if (a.submitted_at) percents.push_back(a.percent);
        if (domain::quiz_standing(percents, q.settings).passed) ++st.quizzes_passed;
      }
  }
  if (c.questionnaire) {
    st.pre_done = store::find_response(s, c.questionnaire->id, "pre", p.member_id).has_value();
    st.post_done = store::find_response(s, c.questionnaire->id, "post", p.member_id).has_value();
  }
  return st;
}

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

json::value portal_quiz(App& app, const Principal& pr, const std::string& quiz_id) {
  return app.db.read([&](soci::session& s) -> json::value {
    const Who w = who(s, pr);
    const auto row = store::find_quiz(s, quiz_id);
    if (!row) throw ApiError("request.not_found");
    const auto l = store::find_lecture(s, row->lecture_id);
    if (!l || l->program_year_id != w.p.program_year_id) throw ApiError("request.not_found");
    const QuizContent q = quiz_content(s, *row);
    const auto attempts = store::attempts_of(s, w.p.member_id, q.row.id);
    json::object o = quiz_settings_json(q);
    o["lecture_id"] = l->id;
    o["standing"] = standing_json(attempts, q.settings);
    json::array past;
    for (const auto& a : attempts)
      if (a.submitted_at)
        past.push_back({{"id", a.id}, {"submitted_at", *a.submitted_at}, {"percent", a.percent}, {"passed", a.passed}});
    o["attempts"] = past;
    o["open_attempt"] = nullptr;
    for (const auto& a : attempts)
      if (!a.submitted_at)
        o["open_attempt"] = {{"id", a.id}, {"started_at", a.started_at},
                             {"questions", public_questions(q, parse_seed(a.seed))}};
    return o;
  });
}

json::value start_attempt(App& app, const Principal& pr, const std::string& quiz_id) {
  const std::string now = app.clock.now_utc();
  return app.db.write([&](soci::session& s) -> json::value {
    const Who w = who(s, pr);
    const auto row = store::find_quiz(s, quiz_id);
    if (!row) throw ApiError("request.not_found");
    const auto l = store::find_lecture(s, row->lecture_id);
    if (!l || l->program_year_id != w.p.program_year_id) throw ApiError("request.not_found");
    const QuizContent q = quiz_content(s, *row);
    const auto attempts = store::attempts_of(s, w.p.member_id, q.row.id);
    for (const auto& a : attempts)
      if (!a.submitted_at)
        return json::object{{"id", a.id}, {"started_at", a.started_at},
                            {"questions", public_questions(q, parse_seed(a.seed))}};
    std::vector<double> percents;
    for (const auto& a : attempts) percents.push_back(a.percent);
    if (!domain::quiz_standing(percents, q.settings).may_attempt) throw ApiError("quiz.no_attempts_left");
    store::AttemptRow a;
    a.id = store::new_id();
    a.quiz_id = q.row.id;
    a.member_id = w.p.member_id;
    a.seed = std::to_string(new_seed());
    a.started_at = now;
    store::insert_attempt(s, a);
    return json::object{{"id", a.id}, {"started_at", a.started_at},
                        {"questions", public_questions(q, parse_seed(a.seed))}};
  });
}

json::value submit_attempt(App& app, const Principal& pr, const std::string& attempt_id, const json::value& body) {
  const time::Instant now = app.clock.now();
  bool late = false;
  json::value out = app.db.write([&](soci::session& s) -> json::value {
    const Who w = who(s, pr);
    auto a = store::find_attempt(s, attempt_id);
    if (!a || a->member_id != w.p.member_id) throw ApiError("request.not_found");
    if (a->submitted_at) throw ApiError("quiz.attempt_closed");
    const auto row = store::find_quiz(s, a->quiz_id);
    if (!row) throw ApiError("request.not_found");
    const QuizContent q = quiz_content(s, *row);

    // Answers by question position; a missing one is unanswered.
    std::vector<domain::QuizAnswer> answers(q.questions.size());
    const json::array* list = body.is_object() && body.as_object().contains("answers") &&
                                      body.as_object().at("answers").is_array()
                                  ? &body.as_object().at("answers").as_array()
                                  : nullptr;
    if (!list) throw ApiError("field.required", "answers");
    Problems problems;
    for (std::size_t k = 0; k < list->size(); ++k) {
      const std::string f = "answers[" + std::to_string(k) + "]";
      const auto* o = (*list)[k].if_object();
      if (!o || !o->contains("question") || !o->at("question").is_int64()) {
        problems.add("field.required", f + ".question");
        continue;
      }
      const auto pos = o->at("question").as_int64();
      if (pos < 0 || static_cast<std::size_t>(pos) >= answers.size()) {
        problems.add("quiz.unknown_question", f + ".question");
        continue;
      }
      auto& ans = answers[static_cast<std::size_t>(pos)];
      if (const auto* c = o->if_contains("choices"); c && c->is_array())
        for (const auto& v : c->as_array()) {
          if (!v.is_int64() || v.as_int64() < 0) {
            problems.add("quiz.choice_out_of_range", f + ".choices");
            break;
          }
          ans.choices.push_back(static_cast<std::size_t>(v.as_int64()));
        }
      if (const auto* t = o->if_contains("truth"); t && t->is_bool()) ans.truth = t->as_bool();
      if (const auto* n = o->if_contains("number"); n && n->is_number()) ans.number = n->to_number<double>();
      if (const auto* t = o->if_contains("text"); t && t->is_string()) ans.text = std::string(t->as_string());
    }
    problems.throw_if_any();
    const auto bad = domain::check_answers(q.questions, answers);
    if (!bad.empty()) {
      std::vector<FieldError> details;
      for (const auto& b : bad) details.push_back({b.code, "answers.question." + std::to_string(b.question)});
      throw ApiError(details);
    }
    domain::AttemptGrade grade = domain::grade_attempt(q.questions, answers, q.settings);
    const auto started = time::parse_instant(a->started_at).value_or(now);
    if (!domain::submitted_in_time(std::chrono::duration_cast<std::chrono::seconds>(now - started), q.settings)) {
      late = true;  // stored as taken, with no credit
      for (auto& g : grade.questions) g.score = g.fraction = 0, g.correct = false;
      grade.score = grade.percent = 0;
      grade.passed = false;
    }
    json::array ans_json, grade_json;
    for (std::size_t i = 0; i < answers.size(); ++i) {
      json::array ch;
      for (auto c : answers[i].choices) ch.push_back(c);
      json::object ao{{"question", i}, {"choices", ch}, {"text", answers[i].text}};
      ao["truth"] = answers[i].truth ? json::value(*answers[i].truth) : json::value(nullptr);
      ao["number"] = answers[i].number ? json::value(*answers[i].number) : json::value(nullptr);
      ans_json.push_back(ao);
      const auto& g = grade.questions[i];
      grade_json.push_back({{"question", i}, {"answered", g.answered}, {"correct", g.correct},
                            {"score", g.score}, {"max_score", g.max_score}});
    }
    a->submitted_at = time::to_utc_string(now);
    a->answers_json = json::serialize(ans_json);
    a->grade_json = json::serialize(grade_json);
    a->score = grade.score;
    a->max_score = grade.max_score;
    a->percent = grade.percent;
    a->passed = grade.passed;
    if (store::submit_attempt(s, *a) != 1) throw ApiError("quiz.attempt_closed");

    const domain::AttemptGrade shown = domain::visible_to_participant(grade, q.settings.feedback);
    json::array per;
    const Order o = order_of(q, parse_seed(a->seed));
    for (const std::size_t i : o.questions) {
      const auto& g = shown.questions[i];
      json::object qo{{"position", i}};
      if (q.settings.feedback != domain::FeedbackLevel::score_only) {
        qo["correct"] = g.correct;
        qo["score"] = g.score;
        qo["max_score"] = g.max_score;
      }
      if (q.settings.feedback == domain::FeedbackLevel::full) {
        json::array fb;
        for (const auto& f : g.feedback) fb.push_back(json::value(f));
        qo["feedback"] = fb;
      }
      per.push_back(qo);
    }
    std::vector<double> percents;
    for (const auto& x : store::attempts_of(s, w.p.member_id, q.row.id))
      if (x.submitted_at) percents.push_back(x.percent);
    const auto st = domain::quiz_standing(percents, q.settings);
    json::object standing{{"attempts_used", st.attempts_used}, {"passed", st.passed}, {"may_attempt", st.may_attempt}};
    standing["attempts_left"] = st.attempts_left ? json::value(*st.attempts_left) : json::value(nullptr);
    return json::object{{"id", a->id},      {"score", shown.score},   {"max_score", shown.max_score},
                        {"percent", shown.percent}, {"passed", shown.passed}, {"questions", per},
                        {"standing", standing}};
  });
  if (late) throw ApiError("quiz.time_expired");
  return out;
}

json::value portal_questionnaire(App& app, const Principal& pr, const std::string& phase_text) {
  const auto phase = domain::form_phase_from(phase_text);
  if (!phase) throw ApiError("request.not_found");
  const time::Instant now = app.clock.now();
  return app.db.read([&](soci::session& s) -> json::value {
    const Who w = who(s, pr);
    const auto q = store::questionnaire_of_year(s, w.p.program_year_id);
    if (!q) throw ApiError("request.not_found");
    const QuestionnaireDef def = parse_questionnaire(q->definition_toml);
    const auto& form = *phase == domain::FormPhase::pre ? def.pre : def.post;
    const Window win = window_of(w, *q, *phase);
    json::array sections;
    for (const auto& sec : form.sections) {
      json::array items;
      for (const auto& it : sec.items) {
        json::object io{{"id", it.id}, {"kind", domain::to_string(it.kind)}, {"text", it.text},
                        {"text_en", it.text_en}, {"required", it.required}};
        auto arr = [](const std::vector<std::string>& v) {
          json::array a;
          for (const auto& x : v) a.push_back(json::value(x));
          return a;
        };
        if (it.kind == domain::ItemKind::likert) {
          io["scale_min"] = it.scale_min;
          io["scale_max"] = it.scale_max;
          io["labels"] = arr(it.labels);
          io["labels_en"] = arr(it.labels_en);
        }
        if (!it.options.empty()) {
          io["options"] = arr(it.options);
          io["options_en"] = arr(it.options_en);
        }
        if (it.kind == domain::ItemKind::multiple_choice) io["max_choices"] = it.max_choices;
        if (it.min) io["min"] = *it.min;
        if (it.max) io["max"] = *it.max;
        if (it.kind == domain::ItemKind::numeric) io["integer"] = it.integer;
        if (it.kind == domain::ItemKind::free_text) io["max_length"] = it.max_length;
        items.push_back(io);  // a knowledge item's right option is never sent
      }
      sections.push_back({{"id", sec.id}, {"title", sec.title}, {"title_en", sec.title_en}, {"items", items}});
    }
    const auto resp = store::find_response(s, q->id, phase_text, w.p.member_id);
    return json::object{{"phase", phase_text},         {"title", form.title},
                        {"title_en", form.title_en},   {"opens_at", jst(win.opens)},
                        {"closes_at", jst(win.closes)}, {"open", now >= win.opens && now < win.closes},
                        {"answered", resp.has_value()}, {"sections", sections}};
  });
}

json::value answer_questionnaire(App& app, const Principal& pr, const std::string& phase_text,
                                 const json::value& body) {
  const auto phase = domain::form_phase_from(phase_text);
  if (!phase) throw ApiError("request.not_found");
  const time::Instant now = app.clock.now();
  app.db.write([&](soci::session& s) {
    const Who w = who(s, pr);
    const auto q = store::questionnaire_of_year(s, w.p.program_year_id);
    if (!q) throw ApiError("request.not_found");
    const Window win = window_of(w, *q, *phase);
    if (now < win.opens) throw ApiError("questionnaire.not_open");
    if (now >= win.closes) throw ApiError("questionnaire.closed");
    if (store::find_response(s, q->id, phase_text, w.p.member_id)) throw ApiError("questionnaire.already_answered");
    const QuestionnaireDef def = parse_questionnaire(q->definition_toml);
    const auto& form = *phase == domain::FormPhase::pre ? def.pre : def.post;
    domain::FormResponse response;
    const json::object* answers = body.is_object() && body.as_object().contains("answers")
                                      ? body.as_object().at("answers").if_object()
                                      : nullptr;
    if (!answers) throw ApiError("field.required", "answers");
    for (const auto& [key, v] : *answers) {
      domain::ItemAnswer a;
      const auto* o = v.if_object();
      if (!o) throw ApiError("questionnaire.wrong_kind", std::string(key));
      if (const auto* x = o->if_contains("scale"); x && x->is_int64()) a.scale = static_cast<int>(x->as_int64());
      if (const auto* x = o->if_contains("choices"); x && x->is_array())
        for (const auto& c : x->as_array()) {
          if (!c.is_int64() || c.as_int64() < 0) throw ApiError("questionnaire.choice_out_of_range", std::string(key));
          a.choices.push_back(static_cast<std::size_t>(c.as_int64()));
        }
      if (const auto* x = o->if_contains("number"); x && x->is_number()) a.number = x->to_number<double>();
      if (const auto* x = o->if_contains("text"); x && x->is_string()) a.text = std::string(x->as_string());
      response.emplace(std::string(key), std::move(a));
    }
    const auto problems = domain::validate_response(form, response);
    if (!problems.empty()) {
      std::vector<FieldError> details;
      for (const auto& p : problems) details.push_back({p.code, "answers." + p.item});
      throw ApiError(details);
    }
    json::object stored;
    for (const auto& [id, a] : response) stored[id] = item_answer_json(a);
    store::insert_response(s, q->id,
                           {w.p.member_id, phase_text, w.p.session_id, w.p.profession, json::serialize(stored),
                            time::to_utc_string(now)});
  });
  return json::object{{"answered", true}};
}

}  // namespace kenshu::app
