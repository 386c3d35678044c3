// Shared by the learning_*.cpp files: a session's times, the content of a year, where a participant stands.
#include <algorithm>

#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"

namespace kenshu::app {

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

}  // namespace kenshu::app
