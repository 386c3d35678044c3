#include "domain/questionnaire_definition.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "domain/text.hpp"

namespace kenshu::domain {

namespace {

constexpr std::size_t kMaxText = 1000;  // characters of a title, a question, a label or an option
constexpr std::size_t kMaxId = 64;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool good_id(std::string_view s) {
  return !s.empty() && s.size() <= kMaxId && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool has_form(const std::vector<std::string>& forms, FormPhase phase) {
  return std::find(forms.begin(), forms.end(), to_string(phase)) != forms.end();
}

bool known_forms(const std::vector<std::string>& forms) {
  return std::all_of(forms.begin(), forms.end(), [](const std::string& f) { return form_phase_from(f).has_value(); });
}

// The item as a form shows it: Likert bounds fixed at 1–5, labels from its scale.
QuestionnaireItem resolved(const QuestionnaireDefinition& d, const DefinitionItem& di) {
  QuestionnaireItem it = di.item;
  if (it.kind == ItemKind::likert) {
    it.scale_min = 1;
    it.scale_max = kLikertPoints;
    if (const LikertScale* s = d.find_scale(di.scale)) {
      it.labels = s->labels;
      it.labels_en = s->labels_en;
    }
  }
  return it;
}

std::string section_path(std::size_t i) { return "sections[" + std::to_string(i) + "]"; }
std::string item_path(std::size_t i, std::size_t j) { return section_path(i) + ".items[" + std::to_string(j) + "]"; }

// Which field of an item a check_item code concerns.
std::string field_of(std::string_view code, ItemKind kind) {
  if (code == "questionnaire.empty_id") return ".id";
  if (code == "questionnaire.empty_text") return ".text";
  if (code == "questionnaire.bad_scale") return ".scale";
  if (code == "questionnaire.too_few_options" || code == "questionnaire.bad_options") return ".options";
  if (code == "questionnaire.bad_correct_option") return ".correct";
  if (code == "questionnaire.bad_range") return kind == ItemKind::free_text ? ".max_length" : ".min";
  return ".paired";
}

struct Where {
  std::size_t section, item;
};

std::optional<Where> locate(const QuestionnaireDefinition& d, std::string_view id) {
  for (std::size_t i = 0; i < d.sections.size(); ++i)
    for (std::size_t j = 0; j < d.sections[i].items.size(); ++j)
      if (d.sections[i].items[j].item.id == id) return Where{i, j};
  return std::nullopt;
}

// Problems of the free texts: clean UTF-8 on one line, not too long.
void check_text(std::string_view s, const std::string& field, std::vector<DefinitionProblem>& out) {
  if (!text::is_valid_utf8(s) || text::has_control_char(s)) out.push_back({"field.bad_text", field});
  else if (text::length_in_chars(s) > kMaxText) out.push_back({"field.too_long", field});
}

void check_texts(const std::vector<std::string>& v, const std::string& field, std::vector<DefinitionProblem>& out) {
  for (const auto& s : v) check_text(s, field, out);
}

void check_scales(const QuestionnaireDefinition& d, std::vector<DefinitionProblem>& out) {
  std::set<std::string, std::less<>> ids;
  for (std::size_t k = 0; k < d.scales.size(); ++k) {
    const LikertScale& s = d.scales[k];
    const std::string path = "scales[" + std::to_string(k) + "]";
    if (blank(s.id)) out.push_back({"questionnaire.empty_id", path + ".id"});
    else if (!good_id(s.id)) out.push_back({"questionnaire.bad_id", path + ".id"});
    else if (!ids.insert(s.id).second) out.push_back({"questionnaire.duplicate_scale", path + ".id"});
    const auto points = static_cast<std::size_t>(kLikertPoints);
    if (s.labels.size() != points || std::any_of(s.labels.begin(), s.labels.end(), [](auto& l) { return blank(l); }))
      out.push_back({"questionnaire.bad_scale", path + ".labels"});
    if (!s.labels_en.empty() && s.labels_en.size() != points)
      out.push_back({"questionnaire.bad_scale", path + ".labels_en"});
    check_texts(s.labels, path + ".labels", out);
    check_texts(s.labels_en, path + ".labels_en", out);
  }
}

void check_item_of(const QuestionnaireDefinition& d, const DefinitionSection& sec, const DefinitionItem& di,
                   const std::string& path, std::set<std::string, std::less<>>& ids,
                   std::set<std::string, std::less<>>& duplicates, std::vector<DefinitionProblem>& out) {
  const QuestionnaireItem it = resolved(d, di);
  if (!blank(it.id) && !good_id(it.id)) out.push_back({"questionnaire.bad_id", path + ".id"});
  else if (!blank(it.id) && !ids.insert(it.id).second) {
    out.push_back({"questionnaire.duplicate_item", path + ".id"});
    duplicates.insert(it.id);
  }
  if (!known_forms(di.forms)) out.push_back({"field.bad_enum", path + ".forms"});
  else if (forms_of(sec, di).empty()) out.push_back({"field.required", path + ".forms"});
  if (it.kind == ItemKind::likert && d.find_scale(di.scale) == nullptr)
    out.push_back({"questionnaire.unknown_scale", path + ".scale"});
  for (const auto& p : check_item(it))
    if (p.code != "questionnaire.bad_scale")  // a bad scale is reported where it is defined, at scales[k]
      out.push_back({p.code, path + field_of(p.code, it.kind)});
  check_text(it.text, path + ".text", out);
  check_text(it.text_en, path + ".text_en", out);
  check_texts(it.options, path + ".options", out);
  check_texts(it.options_en, path + ".options_en", out);
}

}  // namespace

const LikertScale* QuestionnaireDefinition::find_scale(std::string_view id) const {
  for (const auto& s : scales)
    if (s.id == id) return &s;
  return nullptr;
}

const std::vector<std::string>& forms_of(const DefinitionSection& section, const DefinitionItem& item) {
  return item.forms.empty() ? section.forms : item.forms;
}

QuestionnaireForm form_of(const QuestionnaireDefinition& d, FormPhase phase) {
  QuestionnaireForm f;
  f.id = to_string(phase);
  f.phase = phase;
  const FormHeading& h = phase == FormPhase::pre ? d.pre : d.post;
  f.title = h.title;
  f.title_en = h.title_en;
  for (const auto& sec : d.sections) {
    QuestionnaireSection s{sec.id, sec.title, sec.title_en, {}};
    for (const auto& di : sec.items)
      if (has_form(forms_of(sec, di), phase)) s.items.push_back(resolved(d, di));
    if (!s.items.empty()) f.sections.push_back(std::move(s));
  }
  return f;
}

std::vector<DefinitionProblem> check_definition(const QuestionnaireDefinition& d) {
  std::vector<DefinitionProblem> out;
  if (blank(d.title)) out.push_back({"field.required", "title"});
  check_text(d.title, "title", out);
  check_text(d.title_en, "title_en", out);
  if (d.post_close_days < 0 || d.post_close_days > 365) out.push_back({"field.out_of_range", "post_close_days"});
  for (const auto& [name, h] : {std::pair{"pre", &d.pre}, std::pair{"post", &d.post}}) {
    const std::string path = std::string("forms.") + name;
    if (blank(h->title)) out.push_back({"field.required", path + ".title"});
    check_text(h->title, path + ".title", out);
    check_text(h->title_en, path + ".title_en", out);
  }
  check_scales(d, out);

  std::set<std::string, std::less<>> section_ids, item_ids, duplicates;
  for (std::size_t i = 0; i < d.sections.size(); ++i) {
    const DefinitionSection& sec = d.sections[i];
    const std::string path = section_path(i);
    if (blank(sec.id)) out.push_back({"questionnaire.empty_id", path + ".id"});
    else if (!good_id(sec.id)) out.push_back({"questionnaire.bad_id", path + ".id"});
    else if (!section_ids.insert(sec.id).second) out.push_back({"questionnaire.duplicate_section", path + ".id"});
    if (blank(sec.title)) out.push_back({"field.required", path + ".title"});
    check_text(sec.title, path + ".title", out);
    check_text(sec.title_en, path + ".title_en", out);
    if (!known_forms(sec.forms)) out.push_back({"field.bad_enum", path + ".forms"});
    if (sec.items.empty()) out.push_back({"questionnaire.empty_section", path + ".items"});
    for (std::size_t j = 0; j < sec.items.size(); ++j)
      check_item_of(d, sec, sec.items[j], item_path(i, j), item_ids, duplicates, out);
  }

  const QuestionnaireForm pre = form_of(d, FormPhase::pre);
  const QuestionnaireForm post = form_of(d, FormPhase::post);
  if (pre.sections.empty()) out.push_back({"questionnaire.empty_form", "forms.pre"});
  if (post.sections.empty()) out.push_back({"questionnaire.empty_form", "forms.post"});
  // Once per item (a paired item in one form is found from that side only); a duplicate id is reported already.
  for (const auto& p : check_pairing(pre, post))
    if (const auto w = locate(d, p.item); w && duplicates.insert(p.item).second)
      out.push_back({p.code, item_path(w->section, w->item) + ".paired"});
  return out;
}

namespace {

// Answers hold option positions: the same options in another order would change what they mean. (Rewording is
// fine; a reorder together with new wording cannot be told from rewording.)
bool reordered(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  if (before == after) return false;
  std::vector<std::string> a = before, b = after;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

std::vector<DefinitionProblem> check_answers_kept(const QuestionnaireDefinition& before,
                                                  const QuestionnaireDefinition& after, const AnsweredItems& answered) {
  std::vector<DefinitionProblem> out;
  std::set<std::string, std::less<>> reported;
  auto add = [&](const char* code, std::string field) {
    if (reported.insert(field).second) out.push_back({code, std::move(field)});
  };
  for (const FormPhase phase : {FormPhase::pre, FormPhase::post}) {
    for (const auto& id : phase == FormPhase::pre ? answered.pre : answered.post) {
      const auto b = locate(before, id);
      if (!b) continue;  // an answer to an item the definition no longer had: nothing left to protect
      const DefinitionSection& bsec = before.sections[b->section];
      const DefinitionItem& bi = bsec.items[b->item];
      if (!has_form(forms_of(bsec, bi), phase)) continue;
      const auto a = locate(after, id);
      if (!a) {
        add("questionnaire.answered_item_removed", "items[" + id + "]");
        continue;
      }
      const DefinitionSection& asec = after.sections[a->section];
      const DefinitionItem& ai = asec.items[a->item];
      const std::string path = item_path(a->section, a->item);
      if (!has_form(forms_of(asec, ai), phase)) add("questionnaire.answered_item_removed", path + ".forms");
      else if (ai.item.kind != bi.item.kind) add("questionnaire.answered_item_changed", path + ".kind");
      else if (ai.item.kind == ItemKind::likert && ai.scale != bi.scale)
        add("questionnaire.answered_item_changed", path + ".scale");
      else if (ai.item.options.size() != bi.item.options.size() || reordered(bi.item.options, ai.item.options))
        add("questionnaire.answered_item_changed", path + ".options");
      else if (ai.item.correct_option != bi.item.correct_option)
        add("questionnaire.answered_item_changed", path + ".correct");
      else if (ai.item.paired != bi.item.paired)
        add("questionnaire.answered_item_changed", path + ".paired");
    }
  }
  return out;
}

}  // namespace kenshu::domain
