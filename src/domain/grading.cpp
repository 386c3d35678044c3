#include "domain/grading.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace kenshu::domain {

namespace {

bool is_choice_type(QuestionType t) {
  return t == QuestionType::single_choice || t == QuestionType::multiple_choice;
}

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string collapse_spaces(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : s) {
    if (is_space_byte(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

// ICU's NFKC (or NFKC_Casefold) instance; null only if ICU's data is missing, which we treat as "no normalisation".
std::string icu_normalize(std::string_view s, bool casefold) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = casefold ? icu::Normalizer2::getNFKCCasefoldInstance(status)
                                       : icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || n == nullptr) return std::string(s);
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = n->normalize(in, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

void add_feedback(QuestionGrade& g, const std::string& text) {
  if (!text.empty()) g.feedback.push_back(text);
}

double clamp01(double x) { return std::clamp(x, 0.0, 1.0); }

void grade_choices(const Question& q, const QuizAnswer& a, QuestionGrade& g) {
  g.answered = !a.choices.empty();
  double sum = 0.0;
  for (std::size_t i : a.choices) {
    if (i >= q.choices.size()) continue;
    sum += q.choices[i].weight;
    add_feedback(g, q.choices[i].feedback);
  }
  // Moodle's rule for multiple answers: wrong picks subtract, but a question never scores below zero.
  g.fraction = clamp01(sum);
}

void grade_true_false(const Question& q, const QuizAnswer& a, QuestionGrade& g) {
  g.answered = a.truth.has_value();
  if (!g.answered) return;
  g.fraction = *a.truth == q.correct_answer ? 1.0 : 0.0;
  add_feedback(g, *a.truth ? q.feedback_true : q.feedback_false);
}

void grade_numeric(const Question& q, const QuizAnswer& a, QuestionGrade& g) {
  const bool typed = a.text.find_first_not_of(" \t\r\n") != std::string::npos;
  g.answered = a.number.has_value() || typed;
  if (!g.answered) return;
  const std::optional<double> x = a.number ? a.number : parse_number(a.text);
  const NumericAnswer* best = nullptr;
  if (x)
    for (const auto& n : q.numeric)
      if (n.accepts(*x) && (best == nullptr || n.weight > best->weight)) best = &n;
  g.fraction = best ? clamp01(best->weight) : 0.0;
  add_feedback(g, best ? best->feedback : q.numeric_wrong_feedback);
}

void grade_short(const Question& q, const QuizAnswer& a, QuestionGrade& g) {
  const std::string given = normalize_short_answer(a.text);
  g.answered = !given.empty();
  if (!g.answered) return;
  const ShortAnswer* best = nullptr;
  for (const auto& s : q.short_answers)
    if (normalize_short_answer(s.text) == given && (best == nullptr || s.weight > best->weight)) best = &s;
  g.fraction = best ? clamp01(best->weight) : 0.0;
  if (best) add_feedback(g, best->feedback);
}

}  // namespace

const char* to_string(AttemptPolicy p) { return p == AttemptPolicy::best ? "best" : "last"; }

std::optional<AttemptPolicy> attempt_policy_from(std::string_view s) {
  if (s == "best") return AttemptPolicy::best;
  if (s == "last") return AttemptPolicy::last;
  return std::nullopt;
}

const char* to_string(FeedbackLevel f) {
  switch (f) {
    case FeedbackLevel::score_only: return "score_only";
    case FeedbackLevel::correctness: return "correctness";
    case FeedbackLevel::full: return "full";
  }
  return "full";
}

std::optional<FeedbackLevel> feedback_level_from(std::string_view s) {
  for (auto f : {FeedbackLevel::score_only, FeedbackLevel::correctness, FeedbackLevel::full})
    if (s == to_string(f)) return f;
  return std::nullopt;
}

QuizAnswerError::QuizAnswerError(std::vector<AnswerProblem> problems)
    : std::invalid_argument(problems.empty() ? "quiz.answer" : problems.front().code), problems_(std::move(problems)) {
  if (problems_.empty()) problems_.push_back({0, "quiz.answer"});
}

std::string normalize_short_answer(std::string_view s) { return collapse_spaces(icu_normalize(s, true)); }

std::optional<double> parse_number(std::string_view s) {
  std::string t = collapse_spaces(icu_normalize(s, false));
  t = replace_all(std::move(t), "\u2212", "-");  // the minus sign of Japanese IMEs, which NFKC leaves alone
  std::string_view v = t;
  const bool plus = !v.empty() && v.front() == '+';  // from_chars refuses a leading '+', people type one
  if (plus) v.remove_prefix(1);
  if (v.empty() || (plus && (v.front() == '+' || v.front() == '-'))) return std::nullopt;
  double x = 0.0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc{} || end != v.data() + v.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

std::vector<AnswerProblem> check_answers(std::span<const Question> questions, std::span<const QuizAnswer> answers) {
  std::vector<AnswerProblem> out;
  if (questions.size() != answers.size()) {
    out.push_back({0, "quiz.answer_count"});
    return out;
  }
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto& picked = answers[i].choices;
    if (picked.empty()) continue;
    if (!is_choice_type(questions[i].type)) {
      out.push_back({i, "quiz.choice_out_of_range"});
      continue;
    }
    if (questions[i].type == QuestionType::single_choice && picked.size() > 1)
      out.push_back({i, "quiz.too_many_choices"});
    std::vector<std::size_t> sorted(picked);
    std::sort(sorted.begin(), sorted.end());
    if (sorted.back() >= questions[i].choices.size()) out.push_back({i, "quiz.choice_out_of_range"});
    if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) out.push_back({i, "quiz.duplicate_choice"});
  }
  return out;
}

QuestionGrade grade_question(const Question& q, const QuizAnswer& a) {
  QuestionGrade g;
  g.max_score = q.points;
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice: grade_choices(q, a, g); break;
    case QuestionType::true_false: grade_true_false(q, a, g); break;
    case QuestionType::numeric: grade_numeric(q, a, g); break;
    case QuestionType::short_answer: grade_short(q, a, g); break;
  }
  g.correct = g.fraction >= 1.0 - 1e-9;
  g.score = g.fraction * q.points;
  if (g.answered) add_feedback(g, q.general_feedback);
  return g;
}

AttemptGrade grade_attempt(std::span<const Question> questions, std::span<const QuizAnswer> answers,
                           const QuizSettings& settings) {
  if (auto problems = check_answers(questions, answers); !problems.empty()) throw QuizAnswerError(std::move(problems));
  AttemptGrade out;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    out.questions.push_back(grade_question(questions[i], answers[i]));
    out.score += out.questions.back().score;
    out.max_score += out.questions.back().max_score;
  }
  out.percent = out.max_score > 0 ? 100.0 * out.score / out.max_score : 0.0;
  out.passed = meets_pass_mark(out.percent, settings);
  return out;
}

AttemptGrade visible_to_participant(AttemptGrade grade, FeedbackLevel level) {
  for (auto& q : grade.questions) {
    if (level != FeedbackLevel::full) q.feedback.clear();
    if (level == FeedbackLevel::score_only) {
      q.correct = false;
      q.fraction = 0.0;
      q.score = 0.0;
    }
  }
  return grade;
}

bool meets_pass_mark(double percent, const QuizSettings& settings) {
  // 8 of 10 is 80 % exactly; floating-point division must not turn that into a fail.
  return percent >= settings.pass_percent - 1e-9;
}

QuizStanding quiz_standing(std::span<const double> attempt_percents, const QuizSettings& settings) {
  QuizStanding s;
  s.attempts_used = static_cast<int>(attempt_percents.size());
  if (settings.attempts_allowed > 0) s.attempts_left = std::max(0, settings.attempts_allowed - s.attempts_used);
  s.may_attempt = !s.attempts_left || *s.attempts_left > 0;
  if (attempt_percents.empty()) return s;
  std::size_t counted = attempt_percents.size() - 1;
  if (settings.policy == AttemptPolicy::best)
    counted = static_cast<std::size_t>(
        std::max_element(attempt_percents.begin(), attempt_percents.end()) - attempt_percents.begin());
  s.counted_attempt = counted;
  s.counted_percent = attempt_percents[counted];
  s.passed = meets_pass_mark(*s.counted_percent, settings);
  return s;
}

bool submitted_in_time(std::chrono::seconds elapsed, const QuizSettings& settings, std::chrono::seconds grace) {
  if (!settings.time_limit_minutes) return true;
  return elapsed <= std::chrono::minutes{*settings.time_limit_minutes} + grace;
}

}  // namespace kenshu::domain
