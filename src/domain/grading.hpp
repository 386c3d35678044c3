// Grading a confirmation-test attempt: per-question credit, total, pass mark, attempts and which attempt counts.
#pragma once
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/quiz.hpp"

namespace kenshu::domain {

// A participant's answer to one question; only the field of the question's type is read.
struct QuizAnswer {
  std::vector<std::size_t> choices;  // single_choice: at most one; multiple_choice: any; indices into Question::choices
  std::optional<bool> truth;         // true_false
  std::optional<double> number;      // numeric (wins over `text` when both are given)
  std::string text;                  // short_answer; numeric as typed (全角 digits accepted)
};

enum class AttemptPolicy { best, last };  // which attempt's score counts
enum class FeedbackLevel { score_only, correctness, full };  // full: per-choice and general feedback too

const char* to_string(AttemptPolicy p);
std::optional<AttemptPolicy> attempt_policy_from(std::string_view s);
const char* to_string(FeedbackLevel f);
std::optional<FeedbackLevel> feedback_level_from(std::string_view s);

struct QuizSettings {
  double pass_percent = 80.0;
  int attempts_allowed = 0;  // 0: unlimited
  AttemptPolicy policy = AttemptPolicy::best;
  bool shuffle_questions = false;
  bool shuffle_choices = false;
  std::optional<int> time_limit_minutes;  // nullopt: untimed
  FeedbackLevel feedback = FeedbackLevel::full;
};

struct QuestionGrade {
  bool answered = false;
  bool correct = false;    // full credit
  double fraction = 0.0;   // 0..1 of the question's points
  double score = 0.0;      // fraction × points
  double max_score = 0.0;  // the question's points
  std::vector<std::string> feedback;  // for the options picked / the answer matched, then the general feedback
};

struct AttemptGrade {
  std::vector<QuestionGrade> questions;
  double score = 0.0;
  double max_score = 0.0;
  double percent = 0.0;  // 0..100
  bool passed = false;
};

// A malformed answer (not a wrong one): the request is refused and nothing is stored.
struct AnswerProblem {
  std::size_t question = 0;
  std::string code;  // quiz.answer_count, quiz.choice_out_of_range, quiz.too_many_choices, quiz.duplicate_choice
};

class QuizAnswerError : public std::invalid_argument {
 public:
  explicit QuizAnswerError(std::vector<AnswerProblem> problems);
  const std::vector<AnswerProblem>& problems() const { return problems_; }
  const std::string& code() const { return problems_.front().code; }

 private:
  std::vector<AnswerProblem> problems_;
};

// NFKC with case folding (全角→半角 for Latin and digits, 半角カナ→全角カナ, Ａ→a), whitespace collapsed and trimmed.
std::string normalize_short_answer(std::string_view s);

// A number as typed: 全角 digits, "−" (U+2212) as minus, spaces around; nullopt when it is not one finite number.
std::optional<double> parse_number(std::string_view s);

std::vector<AnswerProblem> check_answers(std::span<const Question> questions, std::span<const QuizAnswer> answers);

QuestionGrade grade_question(const Question& q, const QuizAnswer& a);

// Throws QuizAnswerError when check_answers finds a problem. answers[i] answers questions[i].
AttemptGrade grade_attempt(std::span<const Question> questions, std::span<const QuizAnswer> answers,
                           const QuizSettings& settings);

// What the participant is shown after submitting, cut down to the configured feedback level.
AttemptGrade visible_to_participant(AttemptGrade grade, FeedbackLevel level);

// Where a participant stands on one quiz, given the percentages of their attempts in the order taken.
struct QuizStanding {
  int attempts_used = 0;
  std::optional<int> attempts_left;       // nullopt: unlimited
  std::optional<double> counted_percent;  // by the policy; nullopt before the first attempt
  std::optional<std::size_t> counted_attempt;  // index into the attempts
  bool passed = false;
  bool may_attempt = false;
};

bool meets_pass_mark(double percent, const QuizSettings& settings);
QuizStanding quiz_standing(std::span<const double> attempt_percents, const QuizSettings& settings);

// A late submission within `grace` still counts: networks are slow and phones sleep.
bool submitted_in_time(std::chrono::seconds elapsed, const QuizSettings& settings,
                       std::chrono::seconds grace = std::chrono::seconds{30});

}  // namespace kenshu::domain
