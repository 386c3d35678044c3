// The question model of the confirmation tests (確認テスト): five question types, categories, per-choice feedback.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenshu::domain {

enum class QuestionType { single_choice, multiple_choice, true_false, numeric, short_answer };

const char* to_string(QuestionType t);
std::optional<QuestionType> question_type_from(std::string_view s);

// How the stem and feedback texts are to be rendered (GIFT's [plain] [markdown] [html] [moodle] prefixes).
enum class TextFormat { moodle, plain, markdown, html };

const char* to_string(TextFormat f);
std::optional<TextFormat> text_format_from(std::string_view s);

// One option of a single- or multiple-choice question.
struct QuizChoice {
  std::string text;
  double weight = 0.0;  // share of the question's credit, -1..1 (GIFT %50% is 0.5); 1 marks the single right one
  std::string feedback;  // shown to whoever picked this option
  bool operator==(const QuizChoice&) const = default;
};

// One accepted numeric answer: either value ± tolerance or a closed range low..high.
struct NumericAnswer {
  bool is_range = false;
  double value = 0.0;      // tolerance form
  double tolerance = 0.0;  // tolerance form, >= 0
  double low = 0.0;        // range form
  double high = 0.0;       // range form, >= low
  double weight = 1.0;
  std::string feedback;

  double lower() const { return is_range ? low : value - tolerance; }
  double upper() const { return is_range ? high : value + tolerance; }
  bool accepts(double x) const;
  bool operator==(const NumericAnswer&) const = default;
};

// One accepted short answer; compared after NFKC + case folding (see grading.hpp).
struct ShortAnswer {
  std::string text;
  double weight = 1.0;
  std::string feedback;
  bool operator==(const ShortAnswer&) const = default;
};

struct Question {
  std::string title;     // GIFT ::title:: (may be empty)
  std::string category;  // "ventilator/modes": GIFT $CATEGORY path, '/' separated
  std::string text;      // the stem, unescaped; a missing-word question holds "_____" where the blank is
  TextFormat format = TextFormat::moodle;
  QuestionType type = QuestionType::single_choice;
  double points = 1.0;

  std::vector<QuizChoice> choices;        // single_choice, multiple_choice
  bool correct_answer = true;             // true_false
  std::string feedback_true;              // true_false: shown to whoever answered "true"
  std::string feedback_false;             // true_false: shown to whoever answered "false"
  std::vector<NumericAnswer> numeric;     // numeric
  std::string numeric_wrong_feedback;     // numeric: shown when no accepted answer matched
  std::vector<ShortAnswer> short_answers; // short_answer
  std::string general_feedback;           // shown to everyone after the attempt (GIFT ####)

  bool operator==(const Question&) const = default;
};

// A problem with a question as authored, with a stable `quiz.*` code.
struct QuestionProblem {
  std::string code;
  std::string detail;
};

// Structural checks of a question as a back-office editor would submit it; empty when it can be used.
std::vector<QuestionProblem> check_question(const Question& q);

// What a participant sees before submitting: no weights, no feedback, no accepted answers.
struct PublicChoice {
  std::size_t index = 0;  // index into Question::choices, so an answer names the canonical option
  std::string text;
};

struct PublicQuestion {
  std::string title;
  std::string text;
  TextFormat format = TextFormat::moodle;
  QuestionType type = QuestionType::single_choice;
  double points = 1.0;
  std::vector<PublicChoice> choices;  // in display order
};

// `choice_order` is a permutation of the choice indices (from shuffle_order) or empty for the authored order.
PublicQuestion to_public(const Question& q, const std::vector<std::size_t>& choice_order = {});

// A reproducible permutation of 0..n-1 from a seed, so an attempt shows the same order when reloaded.
std::vector<std::size_t> shuffle_order(std::size_t n, std::uint64_t seed);

}  // namespace kenshu::domain
