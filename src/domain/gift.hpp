// Moodle GIFT import and export for the question bank: the text format hospital educators already write.
//
// Supported: $CATEGORY: lines, ::title::, // comment lines, [plain]/[markdown]/[html]/[moodle] text formats,
// escapes \~ \= \# \{ \} \: \\ \n, single choice (= / ~), multiple answers (~%50% weights, no '='),
// true/false {T} {F} {TRUE} {FALSE} with #wrong#right feedback, numeric {#3.5:0.1} {#1..5} and the multi-answer
// form {#=%100%3.5:0.1#fb =%50%3.5:1 ~#wrong}, short answer {=a =%50%b}, per-answer #feedback, ####general
// feedback, missing-word questions (text after the answer block; the stem gets "_____").
// Not supported (an error, never a silent skip): essay {}, matching (->), descriptions without {…}.
#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/quiz.hpp"

namespace kenshu::domain {

// One problem in a GIFT file. `line` is 1-based; `code` is stable (`gift.unclosed_brace`, …); `detail` is a hint.
struct GiftError {
  std::size_t line = 0;
  std::string code;
  std::string detail;
  bool operator==(const GiftError&) const = default;
};

// All or nothing: when `errors` is not empty, `questions` is empty.
struct GiftImport {
  std::vector<Question> questions;
  std::vector<GiftError> errors;
  bool ok() const { return errors.empty(); }
};

// Error codes, each with the line it was found on:
//   gift.invalid_utf8        the line is not valid UTF-8
//   gift.empty_category      "$CATEGORY:" with no path
//   gift.unclosed_title      "::" opening a title without the closing "::"
//   gift.missing_answer_block  a question with no {…} (a Moodle "description", which a test cannot use)
//   gift.unclosed_brace      "{" with no "}" before the question ends (at a blank line)
//   gift.unexpected_brace    "}" before any "{", or a second answer block
//   gift.unsupported_type    essay {} or matching (->)
//   gift.empty_question      no question text
//   gift.bad_answer          text before the first =/~ marker, or a malformed true/false block
//   gift.bad_weight          %…% that is not a number in -100..100, or a missing closing %
//   gift.bad_number          a numeric answer that is not a finite number (or a negative tolerance)
//   gift.bad_range           numeric low..high with low > high
//   gift.too_few_choices, gift.no_correct_answer, gift.weights_not_100, gift.empty_answer, gift.no_answers
//                            from check_question (quiz.hpp), reported at the line of the "{"
GiftImport import_gift(std::string_view text);

// GIFT text that import_gift reads back into equal questions (texts are expected trimmed, as import leaves them).
std::string export_gift(std::span<const Question> questions);

}  // namespace kenshu::domain
