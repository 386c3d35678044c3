// The participant portal's tests: a quiz with its standing, starting an attempt, submitting it (graded server-side).
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

// A test of the participant's year (request.not_found for any other, so ids of other years reveal nothing).
QuizContent quiz_of_year(soci::session& s, const Who& w, const std::string& quiz_id) {
  const auto row = store::find_quiz(s, quiz_id);
  if (!row) throw ApiError("request.not_found");
  const auto l = store::find_lecture(s, row->lecture_id);
  if (!l || l->program_year_id != w.p.program_year_id) throw ApiError("request.not_found");
  return quiz_content(s, *row);
}

}  // namespace

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

json::value portal_quiz(App& app, const Principal& pr, const std::string& quiz_id) {
  return app.db.read([&](soci::session& s) -> json::value {
    const Who w = who(s, pr);
    const QuizContent q = quiz_of_year(s, w, quiz_id);
    const auto attempts = store::attempts_of(s, w.p.member_id, q.row.id);
    json::object o = quiz_settings_json(q);
    o["lecture_id"] = q.row.lecture_id;
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
    const QuizContent q = quiz_of_year(s, w, quiz_id);
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

}  // namespace kenshu::app
