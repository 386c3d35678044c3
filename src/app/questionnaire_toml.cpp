#include "app/questionnaire_toml.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace kenshu::app {
namespace {

using domain::ItemKind;

template <class N>
std::string str(const toml::node_view<N>& n) {
  return n.value_or(std::string{});
}

template <class N>
std::vector<std::string> strings(const toml::node_view<N>& n) {
  std::vector<std::string> out;
  if (const auto* a = n.as_array())
    for (const auto& el : *a) out.push_back(el.value_or(std::string{}));
  return out;
}

domain::DefinitionItem read_item(const toml::table& t) {
  domain::DefinitionItem di;
  auto& it = di.item;
  it.id = str(t["id"]);
  const auto kind = domain::item_kind_from(str(t["kind"]));
  if (!kind) throw std::runtime_error("item " + it.id + ": unknown kind '" + str(t["kind"]) + "'");
  it.kind = *kind;
  it.text = str(t["text"]);
  it.text_en = str(t["text_en"]);
  it.required = t["required"].value_or(false);
  it.paired = t["paired"].value_or(false);
  if (it.kind == ItemKind::likert) di.scale = str(t["scale"]);
  di.forms = strings(t["forms"]);
  it.options = strings(t["options"]);
  it.options_en = strings(t["options_en"]);
  if (auto c = t["correct"].value<int64_t>(); c && *c >= 0) it.correct_option = static_cast<std::size_t>(*c);
  if (auto v = t["min"].value<double>()) it.min = *v;
  if (auto v = t["max"].value<double>()) it.max = *v;
  it.integer = t["integer"].value_or(false);
  it.max_choices = static_cast<std::size_t>(std::max<int64_t>(0, t["max_choices"].value_or(int64_t{0})));
  it.max_length = static_cast<std::size_t>(std::max<int64_t>(0, t["max_length"].value_or(int64_t{2000})));
  return di;
}

// One `key = value` line, the value formatted by toml++ (quoting and escapes are its business).
template <class V>
void line(std::ostringstream& out, std::string_view key, const V& value) {
  out << key << " = " << value << '\n';
}

void text_line(std::ostringstream& out, std::string_view key, const std::string& s, bool always = true) {
  if (always || !s.empty()) line(out, key, toml::value<std::string>(s));
}

void list_line(std::ostringstream& out, std::string_view key, const std::vector<std::string>& v) {
  if (v.empty()) return;
  toml::array a;
  for (const auto& s : v) a.push_back(s);
  line(out, key, a);
}

void number_line(std::ostringstream& out, std::string_view key, double x) {
  if (std::trunc(x) == x && std::fabs(x) < 1e15) line(out, key, toml::value<int64_t>(static_cast<int64_t>(x)));
  else line(out, key, toml::value<double>(x));
}

void write_item(std::ostringstream& out, const domain::DefinitionItem& di) {
  const auto& it = di.item;
  out << "\n[[section.item]]\n";
  text_line(out, "id", it.id);
  text_line(out, "kind", domain::to_string(it.kind));
  list_line(out, "forms", di.forms);
  if (it.kind == ItemKind::likert) text_line(out, "scale", di.scale);
  if (it.paired) out << "paired = true\n";
  if (it.required) out << "required = true\n";
  text_line(out, "text", it.text);
  text_line(out, "text_en", it.text_en, false);
  if (it.kind == ItemKind::single_choice || it.kind == ItemKind::multiple_choice) {
    list_line(out, "options", it.options);
    list_line(out, "options_en", it.options_en);
  }
  if (it.kind == ItemKind::single_choice && it.correct_option)
    line(out, "correct", toml::value<int64_t>(static_cast<int64_t>(*it.correct_option)));
  if (it.kind == ItemKind::multiple_choice && it.max_choices > 0)
    line(out, "max_choices", toml::value<int64_t>(static_cast<int64_t>(it.max_choices)));
  if (it.kind == ItemKind::numeric) {
    if (it.min) number_line(out, "min", *it.min);
    if (it.max) number_line(out, "max", *it.max);
    if (it.integer) out << "integer = true\n";
  }
  if (it.kind == ItemKind::free_text)
    line(out, "max_length", toml::value<int64_t>(static_cast<int64_t>(it.max_length)));
}

}  // namespace

domain::QuestionnaireDefinition read_definition(const std::string& toml_text) {
  toml::table doc;
  try {
    doc = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("questionnaire: " + std::string(e.description()) + " at line " +
                             std::to_string(e.source().begin.line));
  }
  domain::QuestionnaireDefinition d;
  d.slug = str(doc["questionnaire"]["id"]);
  d.title = str(doc["questionnaire"]["title"]);
  d.title_en = str(doc["questionnaire"]["title_en"]);
  d.post_close_days = static_cast<int>(doc["questionnaire"]["post_close_days"].value_or(int64_t{14}));
  if (const auto* forms = doc["form"].as_array())
    for (const auto& fn : *forms)
      if (const auto* ft = fn.as_table()) {
        const std::string id = str((*ft)["id"]);
        const auto phase = domain::form_phase_from(str((*ft)["phase"])).value_or(
            domain::form_phase_from(id).value_or(domain::FormPhase::pre));
        auto& h = phase == domain::FormPhase::pre ? d.pre : d.post;
        h.title = str((*ft)["title"]);
        h.title_en = str((*ft)["title_en"]);
      }
  if (const auto* scales = doc["scales"].as_table())
    for (const auto& [name, node] : *scales)
      if (const auto* st = node.as_table())
        d.scales.push_back({std::string(name.str()), strings((*st)["labels"]), strings((*st)["labels_en"])});
  if (const auto* sections = doc["section"].as_array())
    for (const auto& sec_node : *sections) {
      const auto* sec = sec_node.as_table();
      if (!sec) continue;
      domain::DefinitionSection s{str((*sec)["id"]), str((*sec)["title"]), str((*sec)["title_en"]),
                                  strings((*sec)["forms"]), {}};
      if (const auto* items = (*sec)["item"].as_array())
        for (const auto& item_node : *items)
          if (const auto* t = item_node.as_table()) s.items.push_back(read_item(*t));
      d.sections.push_back(std::move(s));
    }
  return d;
}

std::string write_definition(const domain::QuestionnaireDefinition& d) {
  std::ostringstream out;
  out << "# 受講前・受講後アンケート (pre/post questionnaire), written by the back office's questionnaire builder.\n"
         "# The layout of data/learning/questionnaire.toml: an item's `forms` wins over its section's.\n\n"
         "[questionnaire]\n";
  text_line(out, "id", d.slug);
  text_line(out, "title", d.title);
  text_line(out, "title_en", d.title_en, false);
  line(out, "post_close_days", toml::value<int64_t>(d.post_close_days));
  for (const auto& [id, h] : {std::pair{"pre", &d.pre}, std::pair{"post", &d.post}}) {
    out << "\n[[form]]\n";
    text_line(out, "id", id);
    text_line(out, "phase", id);
    text_line(out, "title", h->title);
    text_line(out, "title_en", h->title_en, false);
  }
  for (const auto& s : d.scales) {
    out << "\n[scales." << toml::value<std::string>(s.id) << "]\n";
    list_line(out, "labels", s.labels);
    list_line(out, "labels_en", s.labels_en);
  }
  for (const auto& sec : d.sections) {
    out << "\n[[section]]\n";
    text_line(out, "id", sec.id);
    text_line(out, "title", sec.title);
    text_line(out, "title_en", sec.title_en, false);
    list_line(out, "forms", sec.forms);
    for (const auto& di : sec.items) write_item(out, di);
  }
  return out.str();
}

}  // namespace kenshu::app
