#include "domain/quiz.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "domain/splitmix64.hpp"

namespace kenshu::domain {

namespace {

// Weights are stored as fractions; authored percentages like 33.333 need a little slack when summed.
constexpr double weight_slack = 1e-3;

bool is_full_credit(double w) { return std::fabs(w - 1.0) <= 1e-9; }

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void check_choices(const Question& q, std::vector<QuestionProblem>& out) {
  if (q.choices.size() < 2) out.push_back({"quiz.too_few_choices", std::to_string(q.choices.size())});
  double positive = 0.0;
  bool has_full = false;
  for (const auto& c : q.choices) {
    if (is_blank(c.text)) out.push_back({"quiz.empty_answer", "choice"});
    if (!std::isfinite(c.weight) || c.weight < -1.0 - 1e-9 || c.weight > 1.0 + 1e-9)
      out.push_back({"quiz.bad_weight", c.text});
    if (c.weight > 0) positive += c.weight;
    has_full = has_full || is_full_credit(c.weight);
  }
  if (q.type == QuestionType::single_choice && !has_full) out.push_back({"quiz.no_correct_answer", ""});
  if (q.type == QuestionType::multiple_choice) {
    if (positive <= 0.0)
      out.push_back({"quiz.no_correct_answer", ""});
    else if (std::fabs(positive - 1.0) > weight_slack)
      out.push_back({"quiz.weights_not_100", std::to_string(positive * 100.0)});
  }
}

void check_numeric(const Question& q, std::vector<QuestionProblem>& out) {
  if (q.numeric.empty()) out.push_back({"quiz.no_answers", ""});
  bool has_full = false;
  for (const auto& a : q.numeric) {
    const bool finite = std::isfinite(a.value) && std::isfinite(a.tolerance) && std::isfinite(a.low) &&
                        std::isfinite(a.high);
    if (!finite || (!a.is_range && a.tolerance < 0) || (a.is_range && a.low > a.high))
      out.push_back({"quiz.bad_tolerance", ""});
    if (!std::isfinite(a.weight) || a.weight < 0 || a.weight > 1.0 + 1e-9) out.push_back({"quiz.bad_weight", ""});
    has_full = has_full || is_full_credit(a.weight);
  }
  if (!q.numeric.empty() && !has_full) out.push_back({"quiz.no_correct_answer", ""});
}

void check_short(const Question& q, std::vector<QuestionProblem>& out) {
  if (q.short_answers.empty()) out.push_back({"quiz.no_answers", ""});
  bool has_full = false;
  for (const auto& a : q.short_answers) {
    if (is_blank(a.text)) out.push_back({"quiz.empty_answer", "short_answer"});
    if (!std::isfinite(a.weight) || a.weight < 0 || a.weight > 1.0 + 1e-9) out.push_back({"quiz.bad_weight", a.text});
    has_full = has_full || is_full_credit(a.weight);
  }
  if (!q.short_answers.empty() && !has_full) out.push_back({"quiz.no_correct_answer", ""});
}

// A stale or tampered order must never hide or repeat an option.
bool is_permutation_of(const std::vector<std::size_t>& order, std::size_t n) {
  if (order.size() != n) return false;
  std::vector<bool> seen(n, false);
  for (std::size_t i : order) {
    if (i >= n || seen[i]) return false;
    seen[i] = true;
  }
  return true;
}

}  // namespace

const char* to_string(QuestionType t) {
  switch (t) {
    case QuestionType::single_choice: return "single_choice";
    case QuestionType::multiple_choice: return "multiple_choice";
    case QuestionType::true_false: return "true_false";
    case QuestionType::numeric: return "numeric";
    case QuestionType::short_answer: return "short_answer";
  }
  return "single_choice";
}

std::optional<QuestionType> question_type_from(std::string_view s) {
  for (auto t : {QuestionType::single_choice, QuestionType::multiple_choice, QuestionType::true_false,
                 QuestionType::numeric, QuestionType::short_answer})
    if (s == to_string(t)) return t;
  return std::nullopt;
}

const char* to_string(TextFormat f) {
  switch (f) {
    case TextFormat::moodle: return "moodle";
    case TextFormat::plain: return "plain";
    case TextFormat::markdown: return "markdown";
    case TextFormat::html: return "html";
  }
  return "moodle";
}

std::optional<TextFormat> text_format_from(std::string_view s) {
  for (auto f : {TextFormat::moodle, TextFormat::plain, TextFormat::markdown, TextFormat::html})
    if (s == to_string(f)) return f;
  return std::nullopt;
}

bool NumericAnswer::accepts(double x) const {
  // A hair of slack so that 0.1+0.2 style representation error never rejects an exact boundary answer.
  const double slack = 1e-9 * std::max({1.0, std::fabs(lower()), std::fabs(upper())});
  return std::isfinite(x) && x >= lower() - slack && x <= upper() + slack;
}

std::vector<QuestionProblem> check_question(const Question& q) {
  std::vector<QuestionProblem> out;
  if (is_blank(q.text)) out.push_back({"quiz.empty_text", ""});
  if (!std::isfinite(q.points) || q.points <= 0) out.push_back({"quiz.bad_points", ""});
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice: check_choices(q, out); break;
    case QuestionType::true_false: break;
    case QuestionType::numeric: check_numeric(q, out); break;
    case QuestionType::short_answer: check_short(q, out); break;
  }
  return out;
}

PublicQuestion to_public(const Question& q, const std::vector<std::size_t>& choice_order) {
  PublicQuestion p{q.title, q.text, q.format, q.type, q.points, {}};
  if (q.type != QuestionType::single_choice && q.type != QuestionType::multiple_choice) return p;
  std::vector<std::size_t> order = choice_order;
  if (!is_permutation_of(order, q.choices.size())) {
    order.resize(q.choices.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
  }
  for (std::size_t i : order) p.choices.push_back({i, q.choices[i].text});
  return p;
}

std::vector<std::size_t> shuffle_order(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  SplitMix64 random(seed);  // the same seed gives the same order on every platform
  // Fisher–Yates; the modulo bias is far below anything a participant could notice.
  for (std::size_t i = n; i > 1; --i) {
    const std::size_t j = static_cast<std::size_t>(random.next() % i);
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

}  // namespace kenshu::domain
