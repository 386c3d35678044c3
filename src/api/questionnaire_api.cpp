// The questionnaire builder's route: GET/PUT /api/admin/learning/{year}/questionnaire, the definition as JSON —
// scales, sections and items with the forms they appear in (the shape of data/learning/questionnaire.toml).
#include <boost/json.hpp>

#include "api/auth_context.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/questionnaire_builder.hpp"

namespace kenshu::api {
namespace {
namespace json = boost::json;
using domain::ItemKind;

constexpr std::size_t kDefinitionBody = 512 * 1024;  // a questionnaire of a few hundred items, in two languages

// ---- reading (every problem at once, named by its path) ----

std::string opt_str(Fields& f, const char* key, Problems& p) {
  const auto* v = f.value(key, false);
  if (!v) return {};
  if (!v->is_string()) {
    p.add("request.wrong_type", f.path(key));
    return {};
  }
  return std::string(v->get_string());
}

bool opt_bool(Fields& f, const char* key, Problems& p) {
  const auto* v = f.value(key, false);
  if (v && !v->is_bool()) p.add("request.wrong_type", f.path(key));
  return v && v->is_bool() && v->get_bool();
}

std::optional<double> opt_number(Fields& f, const char* key, Problems& p) {
  const auto* v = f.value(key, false);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    p.add("request.wrong_type", f.path(key));
    return std::nullopt;
  }
  return v->to_number<double>();
}

std::optional<std::size_t> opt_count(Fields& f, const char* key, Problems& p, std::int64_t limit) {
  const auto* v = f.value(key, false);
  if (!v) return std::nullopt;
  if (!v->is_int64() || v->get_int64() < 0 || v->get_int64() > limit) {
    p.add(v->is_number() ? "field.out_of_range" : "request.wrong_type", f.path(key));
    return std::nullopt;
  }
  return static_cast<std::size_t>(v->get_int64());
}

std::vector<std::string> opt_strings(Fields& f, const char* key, Problems& p) {
  std::vector<std::string> out;
  const auto* v = f.value(key, false);
  if (!v) return out;
  if (!v->is_array()) {
    p.add("request.wrong_type", f.path(key));
    return out;
  }
  for (const auto& x : v->get_array()) {
    if (!x.is_string()) {
      p.add("request.wrong_type", f.path(key));
      return {};
    }
    out.emplace_back(x.get_string());
  }
  return out;
}

template <class F>
void each(Fields& f, const char* key, Problems& p, F&& read) {
  const auto* v = f.value(key, false);
  if (!v) return;
  if (!v->is_array()) {
    p.add("request.wrong_type", f.path(key));
    return;
  }
  const auto& a = v->get_array();
  for (std::size_t i = 0; i < a.size(); ++i) {
    Fields sub(&a[i], f.path(key) + "[" + std::to_string(i) + "]", p);
    if (sub.valid()) read(sub);
  }
}

// Only the fields of the item's kind are kept, so that what is stored reads back the same.
domain::DefinitionItem read_item(Fields& f, Problems& p) {
  domain::DefinitionItem di;
  auto& it = di.item;
  it.id = opt_str(f, "id", p);
  const std::string kind = opt_str(f, "kind", p);
  if (const auto k = domain::item_kind_from(kind)) it.kind = *k;
  else p.add("field.bad_enum", f.path("kind"));
  it.text = opt_str(f, "text", p);
  it.text_en = opt_str(f, "text_en", p);
  it.required = opt_bool(f, "required", p);
  it.paired = opt_bool(f, "paired", p);
  di.forms = opt_strings(f, "forms", p);
  const std::string scale = opt_str(f, "scale", p);
  const auto options = opt_strings(f, "options", p);
  const auto options_en = opt_strings(f, "options_en", p);
  const auto correct = opt_count(f, "correct", p, 1000);
  const auto max_choices = opt_count(f, "max_choices", p, 1000);
  const auto min = opt_number(f, "min", p);
  const auto max = opt_number(f, "max", p);
  const bool integer = opt_bool(f, "integer", p);
  const auto max_length = opt_count(f, "max_length", p, 100000);
  f.finish();
  if (it.kind == ItemKind::likert) di.scale = scale;
  if (it.kind == ItemKind::single_choice || it.kind == ItemKind::multiple_choice) {
    it.options = options;
    it.options_en = options_en;
  }
  if (it.kind == ItemKind::single_choice) it.correct_option = correct;
  if (it.kind == ItemKind::multiple_choice) it.max_choices = max_choices.value_or(0);
  if (it.kind == ItemKind::numeric) {
    it.min = min;
    it.max = max;
    it.integer = integer;
  }
  if (it.kind == ItemKind::free_text) it.max_length = max_length.value_or(2000);
  return di;
}

domain::QuestionnaireDefinition read_definition_json(const json::value& body) {
  Problems p;
  domain::QuestionnaireDefinition d;
  Fields f(&body, "", p);
  if (!f.valid()) p.throw_if_any();
  d.title = opt_str(f, "title", p);
  d.title_en = opt_str(f, "title_en", p);
  d.post_close_days = static_cast<int>(opt_count(f, "post_close_days", p, 365).value_or(14));
  if (Fields forms(f.value("forms"), f.path("forms"), p); forms.valid()) {
    for (auto [key, h] : {std::pair{"pre", &d.pre}, std::pair{"post", &d.post}})
      if (Fields ff(forms.value(key), forms.path(key), p); ff.valid()) {
        h->title = opt_str(ff, "title", p);
        h->title_en = opt_str(ff, "title_en", p);
        ff.finish();
      }
    forms.finish();
  }
  each(f, "scales", p, [&](Fields& sf) {
    d.scales.push_back({opt_str(sf, "id", p), opt_strings(sf, "labels", p), opt_strings(sf, "labels_en", p)});
    sf.finish();
  });
  each(f, "sections", p, [&](Fields& sf) {
    domain::DefinitionSection s{opt_str(sf, "id", p), opt_str(sf, "title", p), opt_str(sf, "title_en", p),
                                opt_strings(sf, "forms", p), {}};
    each(sf, "items", p, [&](Fields& itf) { s.items.push_back(read_item(itf, p)); });
    sf.finish();
    d.sections.push_back(std::move(s));
  });
  f.finish();
  p.throw_if_any();
  return d;
}

// ---- writing ----

json::array strings_json(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::value(s));
  return a;
}

json::object item_json(const domain::DefinitionItem& di) {
  const auto& it = di.item;
  json::object o{{"id", it.id}, {"kind", domain::to_string(it.kind)}, {"text", it.text}, {"text_en", it.text_en},
                 {"required", it.required}, {"paired", it.paired}, {"forms", strings_json(di.forms)}};
  switch (it.kind) {
    case ItemKind::likert: o["scale"] = di.scale; break;
    case ItemKind::single_choice:
    case ItemKind::multiple_choice:
      o["options"] = strings_json(it.options);
      o["options_en"] = strings_json(it.options_en);
      if (it.kind == ItemKind::multiple_choice) o["max_choices"] = it.max_choices;
      else o["correct"] = it.correct_option ? json::value(*it.correct_option) : json::value(nullptr);
      break;
    case ItemKind::numeric:
      o["min"] = it.min ? json::value(*it.min) : json::value(nullptr);
      o["max"] = it.max ? json::value(*it.max) : json::value(nullptr);
      o["integer"] = it.integer;
      break;
    case ItemKind::free_text: o["max_length"] = it.max_length; break;
  }
  return o;
}

json::value definition_json(const domain::QuestionnaireDefinition& d) {
  json::array scales, sections;
  for (const auto& s : d.scales)
    scales.push_back({{"id", s.id}, {"labels", strings_json(s.labels)}, {"labels_en", strings_json(s.labels_en)}});
  for (const auto& sec : d.sections) {
    json::array items;
    for (const auto& di : sec.items) items.push_back(item_json(di));
    sections.push_back({{"id", sec.id}, {"title", sec.title}, {"title_en", sec.title_en},
                        {"forms", strings_json(sec.forms)}, {"items", items}});
  }
  return json::object{{"title", d.title},
                      {"title_en", d.title_en},
                      {"post_close_days", d.post_close_days},
                      {"forms", {{"pre", {{"title", d.pre.title}, {"title_en", d.pre.title_en}}},
                                 {"post", {{"title", d.post.title}, {"title_en", d.post.title_en}}}}},
                      {"scales", scales},
                      {"sections", sections}};
}

Response builder_json(const app::BuilderQuestionnaire& q) {
  auto ids = [](const auto& set) {
    json::array a;
    for (const auto& id : set) a.push_back(json::value(id));
    return a;
  };
  const json::object out{{"year", q.year},
                         {"definition", q.definition ? definition_json(*q.definition) : json::value(nullptr)},
                         {"responses", {{"pre", q.responses_pre}, {"post", q.responses_post}}},
                         {"answered", {{"pre", ids(q.answered.pre)}, {"post", ids(q.answered.post)}}}};
  return Response::json(200, json::serialize(out), true);
}

}  // namespace

void add_questionnaire_routes(Router& r, app::App& app) {
  r.add({"GET", "/api/admin/learning/{year}/questionnaire", kSmallBody,
         [&app](Request& req) {
           return builder_json(app::builder_questionnaire(app, require_staff(app, req), req.params.at("year")));
         },
         {}});
  r.add({"PUT", "/api/admin/learning/{year}/questionnaire", kDefinitionBody,
         [&app](Request& req) {
           const auto p = require_staff(app, req);
           auto definition = read_definition_json(parse_json_body(req));
           return builder_json(app::save_builder_questionnaire(app, p, req.params.at("year"), std::move(definition)));
         },
         {}});
}

}  // namespace kenshu::api
