// Pre/post questionnaires (事前・事後アンケート): forms, items, paired items, and checking a response against a form.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenshu::domain {

enum class ItemKind { likert, single_choice, multiple_choice, numeric, free_text };
enum class FormPhase { pre, post };

const char* to_string(ItemKind k);
std::optional<ItemKind> item_kind_from(std::string_view s);
const char* to_string(FormPhase p);
std::optional<FormPhase> form_phase_from(std::string_view s);

struct QuestionnaireItem {
  std::string id;  // stable across the pre and post forms (that is how pairs are found) and across years
  ItemKind kind = ItemKind::likert;
  std::string text;     // ja
  std::string text_en;  // en (optional)
  bool required = false;
  bool paired = false;  // asked before and after; the report shows the change per participant

  int scale_min = 1;  // likert
  int scale_max = 5;  // likert
  std::vector<std::string> labels;     // likert: none, or one per scale point (ja)
  std::vector<std::string> labels_en;  // likert: none, or one per scale point (en)

  std::vector<std::string> options;     // single/multiple choice (ja)
  std::vector<std::string> options_en;  // single/multiple choice (en): none, or one per option
  std::optional<std::size_t> correct_option;  // a knowledge item: single choice with a right answer
  std::size_t max_choices = 0;                // multiple choice: 0 for no limit

  std::optional<double> min;  // numeric
  std::optional<double> max;  // numeric
  bool integer = false;       // numeric

  std::size_t max_length = 2000;  // free text, in characters
};

struct QuestionnaireSection {
  std::string id;
  std::string title;
  std::string title_en;
  std::vector<QuestionnaireItem> items;
};

struct QuestionnaireForm {
  std::string id;
  FormPhase phase = FormPhase::pre;
  std::string title;
  std::string title_en;
  std::vector<QuestionnaireSection> sections;

  const QuestionnaireItem* find_item(std::string_view item_id) const;  // nullptr when absent
};

// One answer; only the field of the item's kind may be set.
struct ItemAnswer {
  std::optional<int> scale;          // likert
  std::vector<std::size_t> choices;  // single (one) / multiple choice: indices into options
  std::optional<double> number;      // numeric
  std::string text;                  // free text
};

using FormResponse = std::map<std::string, ItemAnswer, std::less<>>;  // by item id

// One problem, with a stable `questionnaire.*` code and the item (or section) id it concerns.
struct FormProblem {
  std::string code;
  std::string item;
  bool operator==(const FormProblem&) const = default;
};

// The form as authored: unique ids, texts present, scales and options sane, paired items comparable.
std::vector<FormProblem> check_form(const QuestionnaireForm& form);

// One item as authored (id, text, scale, options, range, pairable): what check_form checks of each item.
std::vector<FormProblem> check_item(const QuestionnaireItem& item);

// Every item marked paired in one form is in the other, also paired, with the same kind and scale.
std::vector<FormProblem> check_pairing(const QuestionnaireForm& pre, const QuestionnaireForm& post);

// A participant's response: required items answered, values in range, nothing unknown. Empty when valid.
std::vector<FormProblem> validate_response(const QuestionnaireForm& form, const FormResponse& response);

bool is_answered(const ItemAnswer& a);

// The number a paired item contributes to the before/after comparison: the Likert point, the numeric value,
// or 1/0 for a knowledge item answered right/wrong. nullopt when unanswered or not comparable.
std::optional<double> paired_value(const QuestionnaireItem& item, const ItemAnswer& a);

// Ids of the items paired in both forms, in the order of the pre form.
std::vector<std::string> paired_item_ids(const QuestionnaireForm& pre, const QuestionnaireForm& post);

// Number of knowledge items answered right; nullopt when the form has none or not all of them were answered.
std::optional<double> knowledge_score(const QuestionnaireForm& form, const FormResponse& response);

// Values of one item (or of the knowledge score) per participant, matched into pairs by participant id.
struct PairedValues {
  std::vector<std::string> participants;  // sorted; aligned with before/after
  std::vector<double> before;
  std::vector<double> after;
  std::size_t before_only = 0;  // answered pre but not post (lost to follow-up)
  std::size_t after_only = 0;
};

PairedValues pair_by_participant(const std::map<std::string, double, std::less<>>& before,
                                 const std::map<std::string, double, std::less<>>& after);

// The values of one paired item across responses keyed by participant id; unanswered ones are left out.
std::map<std::string, double, std::less<>> item_values(const QuestionnaireForm& form, std::string_view item_id,
                                                       const std::map<std::string, FormResponse, std::less<>>& responses);

}  // namespace kenshu::domain
