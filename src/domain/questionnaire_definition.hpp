// A questionnaire as authored — in data/learning/questionnaire.toml or in the back office's builder: Likert scales,
// sections and items, each naming the forms (pre, post) it appears in. The pre and post forms are cut from it, so an
// item asked in both is one item, and its two versions cannot differ.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/questionnaire.hpp"

namespace kenshu::domain {

inline constexpr int kLikertPoints = 5;  // every scale runs 1–5, one label per point

struct LikertScale {
  std::string id;
  std::vector<std::string> labels;     // ja, one per point
  std::vector<std::string> labels_en;  // en: none, or one per point
};

struct DefinitionItem {
  QuestionnaireItem item;          // its labels and scale bounds come from `scale` when the form is cut
  std::string scale;               // likert: the id of a scale
  std::vector<std::string> forms;  // "pre", "post"; empty: the section's
};

struct DefinitionSection {
  std::string id, title, title_en;
  std::vector<std::string> forms;  // the forms its items appear in unless an item names its own
  std::vector<DefinitionItem> items;
};

struct FormHeading {
  std::string title, title_en;
};

struct QuestionnaireDefinition {
  std::string slug, title, title_en;
  int post_close_days = 14;  // the post form closes this many days after the session day
  FormHeading pre, post;
  std::vector<LikertScale> scales;
  std::vector<DefinitionSection> sections;

  const LikertScale* find_scale(std::string_view id) const;  // nullptr when absent
};

// The forms an item appears in: its own list, or its section's.
const std::vector<std::string>& forms_of(const DefinitionSection& section, const DefinitionItem& item);

// The form a participant answers: the sections and items of that phase, Likert labels taken from their scales.
QuestionnaireForm form_of(const QuestionnaireDefinition& d, FormPhase phase);

// One problem with a stable code and the field it concerns, as a path: `sections[1].items[0].scale`.
struct DefinitionProblem {
  std::string code, field;
  bool operator==(const DefinitionProblem&) const = default;
};

// Everything check_form and check_pairing find in the two forms, plus what only the whole definition shows
// (titles, scales, section and form membership, unique ids), each named by its path. Empty when valid.
std::vector<DefinitionProblem> check_definition(const QuestionnaireDefinition& d);

// Ids of the items that have at least one answer, per form.
struct AnsweredItems {
  std::set<std::string, std::less<>> pre, post;
};

// Once answers exist, an answered item stays in its form with the same kind, scale, number of options, right
// option and paired flag (answers refer to options by position and pairs by id); wording may change, items may be
// added. Problems name the item in `after` (or `items[<id>]` when it is gone).
std::vector<DefinitionProblem> check_answers_kept(const QuestionnaireDefinition& before,
                                                  const QuestionnaireDefinition& after, const AnsweredItems& answered);

}  // namespace kenshu::domain
