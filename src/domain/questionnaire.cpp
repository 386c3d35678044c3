#include "domain/questionnaire.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/text.hpp"

namespace kenshu::domain {

namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// Only these kinds give one number per person, which is what a signed-rank test compares.
bool is_pairable(const QuestionnaireItem& it) {
  return it.kind == ItemKind::likert || it.kind == ItemKind::numeric ||
         (it.kind == ItemKind::single_choice && it.correct_option.has_value());
}

template <class F>
void for_each_item(const QuestionnaireForm& form, F&& f) {
  for (const auto& s : form.sections)
    for (const auto& it : s.items) f(it);
}

void check_item(const QuestionnaireItem& it, std::vector<FormProblem>& out) {
  auto add = [&](const char* code) { out.push_back({code, it.id}); };
  if (blank(it.id)) add("questionnaire.empty_id");
  if (blank(it.text)) add("questionnaire.empty_text");
  switch (it.kind) {
    case ItemKind::likert: {
      const auto points = static_cast<std::size_t>(std::max(0, it.scale_max - it.scale_min + 1));
      if (it.scale_min >= it.scale_max || (!it.labels.empty() && it.labels.size() != points) ||
          (!it.labels_en.empty() && it.labels_en.size() != points))
        add("questionnaire.bad_scale");
      break;
    }
    case ItemKind::single_choice:
    case ItemKind::multiple_choice:
      if (it.options.size() < 2) add("questionnaire.too_few_options");
      if (!it.options_en.empty() && it.options_en.size() != it.options.size()) add("questionnaire.bad_options");
      if (std::any_of(it.options.begin(), it.options.end(), [](const std::string& o) { return blank(o); }))
        add("questionnaire.bad_options");
      if (it.correct_option && (it.kind != ItemKind::single_choice || *it.correct_option >= it.options.size()))
        add("questionnaire.bad_correct_option");
      break;
    case ItemKind::numeric:
      if (it.min && it.max && *it.min > *it.max) add("questionnaire.bad_range");
      break;
    case ItemKind::free_text:
      if (it.max_length == 0) add("questionnaire.bad_range");
      break;
  }
  if (it.paired && !is_pairable(it)) add("questionnaire.unpairable");
}

void check_likert(const QuestionnaireItem& it, const ItemAnswer& a, std::vector<FormProblem>& out) {
  if (!a.choices.empty() || a.number || !a.text.empty()) out.push_back({"questionnaire.wrong_kind", it.id});
  if (a.scale && (*a.scale < it.scale_min || *a.scale > it.scale_max))
    out.push_back({"questionnaire.out_of_range", it.id});
}

void check_choice(const QuestionnaireItem& it, const ItemAnswer& a, std::vector<FormProblem>& out) {
  if (a.scale || a.number || !a.text.empty()) out.push_back({"questionnaire.wrong_kind", it.id});
  std::set<std::size_t> seen;
  for (std::size_t c : a.choices) {
    if (c >= it.options.size()) out.push_back({"questionnaire.choice_out_of_range", it.id});
    if (!seen.insert(c).second) out.push_back({"questionnaire.duplicate_choice", it.id});
  }
  const std::size_t limit = it.kind == ItemKind::single_choice ? 1 : it.max_choices;
  if (limit > 0 && a.choices.size() > limit) out.push_back({"questionnaire.too_many_choices", it.id});
}

void check_numeric(const QuestionnaireItem& it, const ItemAnswer& a, std::vector<FormProblem>& out) {
  if (a.scale || !a.choices.empty() || !a.text.empty()) out.push_back({"questionnaire.wrong_kind", it.id});
  if (!a.number) return;
  const double x = *a.number;
  if (!std::isfinite(x) || (it.min && x < *it.min) || (it.max && x > *it.max) || (it.integer && x != std::trunc(x)))
    out.push_back({"questionnaire.out_of_range", it.id});
}

void check_free_text(const QuestionnaireItem& it, const ItemAnswer& a, std::vector<FormProblem>& out) {
  if (a.scale || !a.choices.empty() || a.number) out.push_back({"questionnaire.wrong_kind", it.id});
  if (!text::is_valid_utf8(a.text) || text::has_control_char(a.text))
    out.push_back({"questionnaire.invalid_text", it.id});
  else if (text::length_in_chars(a.text) > it.max_length)
    out.push_back({"questionnaire.too_long", it.id});
}

}  // namespace

const char* to_string(ItemKind k) {
  switch (k) {
    case ItemKind::likert: return "likert";
    case ItemKind::single_choice: return "single_choice";
    case ItemKind::multiple_choice: return "multiple_choice";
    case ItemKind::numeric: return "numeric";
    case ItemKind::free_text: return "free_text";
  }
  return "likert";
}

std::optional<ItemKind> item_kind_from(std::string_view s) {
  for (auto k : {ItemKind::likert, ItemKind::single_choice, ItemKind::multiple_choice, ItemKind::numeric,
                 ItemKind::free_text})
    if (s == to_string(k)) return k;
  return std::nullopt;
}

const char* to_string(FormPhase p) { return p == FormPhase::pre ? "pre" : "post"; }

std::optional<FormPhase> form_phase_from(std::string_view s) {
  if (s == "pre") return FormPhase::pre;
  if (s == "post") return FormPhase::post;
  return std::nullopt;
}

const QuestionnaireItem* QuestionnaireForm::find_item(std::string_view item_id) const {
  for (const auto& s : sections)
    for (const auto& it : s.items)
      if (it.id == item_id) return &it;
  return nullptr;
}

std::vector<FormProblem> check_item(const QuestionnaireItem& item) {
  std::vector<FormProblem> out;
  check_item(item, out);
  return out;
}

std::vector<FormProblem> check_form(const QuestionnaireForm& form) {
  std::vector<FormProblem> out;
  std::set<std::string, std::less<>> ids;
  if (form.sections.empty()) out.push_back({"questionnaire.empty_form", form.id});
  for (const auto& s : form.sections) {
    if (s.items.empty()) out.push_back({"questionnaire.empty_section", s.id});
    for (const auto& it : s.items) {
      if (!ids.insert(it.id).second) out.push_back({"questionnaire.duplicate_item", it.id});
      check_item(it, out);
    }
  }
  return out;
}

std::vector<FormProblem> check_pairing(const QuestionnaireForm& pre, const QuestionnaireForm& post) {
  std::vector<FormProblem> out;
  auto check_side = [&](const QuestionnaireForm& from, const QuestionnaireForm& other) {
    for_each_item(from, [&](const QuestionnaireItem& it) {
      if (!it.paired) return;
      const QuestionnaireItem* partner = other.find_item(it.id);
      if (partner == nullptr || !partner->paired) {
        out.push_back({"questionnaire.unpaired_item", it.id});
      } else if (&from == &pre && (partner->kind != it.kind || partner->scale_min != it.scale_min ||
                                   partner->scale_max != it.scale_max || partner->options != it.options ||
                                   partner->correct_option != it.correct_option)) {
        out.push_back({"questionnaire.pair_mismatch", it.id});  // reported once, from the pre side
      }
    });
  };
  check_side(pre, post);
  check_side(post, pre);
  return out;
}

bool is_answered(const ItemAnswer& a) {
  return a.scale.has_value() || !a.choices.empty() || a.number.has_value() || !blank(a.text);
}

std::vector<FormProblem> validate_response(const QuestionnaireForm& form, const FormResponse& response) {
  std::vector<FormProblem> out;
  for (const auto& [id, answer] : response)
    if (form.find_item(id) == nullptr) out.push_back({"questionnaire.unknown_item", id});
  for_each_item(form, [&](const QuestionnaireItem& it) {
    const auto found = response.find(it.id);
    if (found == response.end() || !is_answered(found->second)) {
      if (it.required) out.push_back({"questionnaire.required", it.id});
      if (found == response.end()) return;
    }
    const ItemAnswer& a = found->second;
    switch (it.kind) {
      case ItemKind::likert: check_likert(it, a, out); break;
      case ItemKind::single_choice:
      case ItemKind::multiple_choice: check_choice(it, a, out); break;
      case ItemKind::numeric: check_numeric(it, a, out); break;
      case ItemKind::free_text: check_free_text(it, a, out); break;
    }
  });
  return out;
}

std::optional<double> paired_value(const QuestionnaireItem& item, const ItemAnswer& a) {
  switch (item.kind) {
    case ItemKind::likert:
      if (a.scale) return static_cast<double>(*a.scale);
      return std::nullopt;
    case ItemKind::numeric: return a.number;
    case ItemKind::single_choice:
      if (!item.correct_option || a.choices.size() != 1) return std::nullopt;
      return a.choices.front() == *item.correct_option ? 1.0 : 0.0;
    case ItemKind::multiple_choice:
    case ItemKind::free_text: return std::nullopt;
  }
  return std::nullopt;
}

std::vector<std::string> paired_item_ids(const QuestionnaireForm& pre, const QuestionnaireForm& post) {
  std::vector<std::string> out;
  for_each_item(pre, [&](const QuestionnaireItem& it) {
    const QuestionnaireItem* partner = post.find_item(it.id);
    if (it.paired && partner != nullptr && partner->paired && partner->kind == it.kind) out.push_back(it.id);
  });
  return out;
}

std::optional<double> knowledge_score(const QuestionnaireForm& form, const FormResponse& response) {
  double score = 0.0;
  std::size_t items = 0;
  bool complete = true;
  for_each_item(form, [&](const QuestionnaireItem& it) {
    if (it.kind != ItemKind::single_choice || !it.correct_option) return;
    ++items;
    const auto found = response.find(it.id);
    const auto v = found == response.end() ? std::nullopt : paired_value(it, found->second);
    if (v)
      score += *v;
    else
      complete = false;  // a skipped item would read as a wrong one and bias the change
  });
  if (items == 0 || !complete) return std::nullopt;
  return score;
}

PairedValues pair_by_participant(const std::map<std::string, double, std::less<>>& before,
                                 const std::map<std::string, double, std::less<>>& after) {
  PairedValues out;
  for (const auto& [who, value] : before) {
    const auto found = after.find(who);
    if (found == after.end()) {
      ++out.before_only;
      continue;
    }
    out.participants.push_back(who);
    out.before.push_back(value);
    out.after.push_back(found->second);
  }
  out.after_only = after.size() - out.participants.size();
  return out;
}

std::map<std::string, double, std::less<>> item_values(const QuestionnaireForm& form, std::string_view item_id,
                                                       const std::map<std::string, FormResponse, std::less<>>& responses) {
  std::map<std::string, double, std::less<>> out;
  const QuestionnaireItem* item = form.find_item(item_id);
  if (item == nullptr) return out;
  for (const auto& [who, response] : responses) {
    const auto found = response.find(item_id);
    if (found == response.end()) continue;
    if (const auto v = paired_value(*item, found->second)) out.emplace(who, *v);
  }
  return out;
}

}  // namespace kenshu::domain
