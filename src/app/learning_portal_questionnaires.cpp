// The participant portal's pre/post questionnaires: showing one in its window and recording the answers.
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>

#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace json = boost::json;

namespace {

json::value item_answer_json(const domain::ItemAnswer& a) {
  json::object o;
  if (a.scale) o["scale"] = *a.scale;
  if (!a.choices.empty()) {
    json::array c;
    for (auto i : a.choices) c.push_back(i);
    o["choices"] = c;
  }
  if (a.number) o["number"] = *a.number;
  if (!a.text.empty()) o["text"] = a.text;
  return o;
}

}  // namespace

json::value portal_questionnaire(App& app, const Principal& pr, const std::string& phase_text) {
  const auto phase = domain::form_phase_from(phase_text);
  if (!phase) throw ApiError("request.not_found");
  const time::Instant now = app.clock.now();
  return app.db.read([&](soci::session& s) -> json::value {
    const Who w = who(s, pr);
    const auto q = store::questionnaire_of_year(s, w.p.program_year_id);
    if (!q) throw ApiError("request.not_found");
    const QuestionnaireDef def = parse_questionnaire(q->definition_toml);
    const auto& form = *phase == domain::FormPhase::pre ? def.pre : def.post;
    const Window win = window_of(w, *q, *phase);
    json::array sections;
    for (const auto& sec : form.sections) {
      json::array items;
      for (const auto& it : sec.items) {
        json::object io{{"id", it.id}, {"kind", domain::to_string(it.kind)}, {"text", it.text},
                        {"text_en", it.text_en}, {"required", it.required}};
        auto arr = [](const std::vector<std::string>& v) {
          json::array a;
          for (const auto& x : v) a.push_back(json::value(x));
          return a;
        };
        if (it.kind == domain::ItemKind::likert) {
          io["scale_min"] = it.scale_min;
          io["scale_max"] = it.scale_max;
          io["labels"] = arr(it.labels);
          io["labels_en"] = arr(it.labels_en);
        }
        if (!it.options.empty()) {
          io["options"] = arr(it.options);
          io["options_en"] = arr(it.options_en);
        }
        if (it.kind == domain::ItemKind::multiple_choice) io["max_choices"] = it.max_choices;
        if (it.min) io["min"] = *it.min;
        if (it.max) io["max"] = *it.max;
        if (it.kind == domain::ItemKind::numeric) io["integer"] = it.integer;
        if (it.kind == domain::ItemKind::free_text) io["max_length"] = it.max_length;
        items.push_back(io);  // a knowledge item's right option is never sent
      }
      sections.push_back({{"id", sec.id}, {"title", sec.title}, {"title_en", sec.title_en}, {"items", items}});
    }
    const auto resp = store::find_response(s, q->id, phase_text, w.p.member_id);
    return json::object{{"phase", phase_text},         {"title", form.title},
                        {"title_en", form.title_en},   {"opens_at", jst(win.opens)},
                        {"closes_at", jst(win.closes)}, {"open", now >= win.opens && now < win.closes},
                        {"answered", resp.has_value()}, {"sections", sections}};
  });
}

json::value answer_questionnaire(App& app, const Principal& pr, const std::string& phase_text,
                                 const json::value& body) {
  const auto phase = domain::form_phase_from(phase_text);
  if (!phase) throw ApiError("request.not_found");
  const time::Instant now = app.clock.now();
  app.db.write([&](soci::session& s) {
    const Who w = who(s, pr);
    const auto q = store::questionnaire_of_year(s, w.p.program_year_id);
    if (!q) throw ApiError("request.not_found");
    const Window win = window_of(w, *q, *phase);
    if (now < win.opens) throw ApiError("questionnaire.not_open");
    if (now >= win.closes) throw ApiError("questionnaire.closed");
    if (store::find_response(s, q->id, phase_text, w.p.member_id)) throw ApiError("questionnaire.already_answered");
    const QuestionnaireDef def = parse_questionnaire(q->definition_toml);
    const auto& form = *phase == domain::FormPhase::pre ? def.pre : def.post;
    domain::FormResponse response;
    const json::object* answers = body.is_object() && body.as_object().contains("answers")
                                      ? body.as_object().at("answers").if_object()
                                      : nullptr;
    if (!answers) throw ApiError("field.required", "answers");
    for (const auto& [key, v] : *answers) {
      domain::ItemAnswer a;
      const auto* o = v.if_object();
      if (!o) throw ApiError("questionnaire.wrong_kind", std::string(key));
      if (const auto* x = o->if_contains("scale"); x && x->is_int64()) a.scale = static_cast<int>(x->as_int64());
      if (const auto* x = o->if_contains("choices"); x && x->is_array())
        for (const auto& c : x->as_array()) {
          if (!c.is_int64() || c.as_int64() < 0) throw ApiError("questionnaire.choice_out_of_range", std::string(key));
          a.choices.push_back(static_cast<std::size_t>(c.as_int64()));
        }
      if (const auto* x = o->if_contains("number"); x && x->is_number()) a.number = x->to_number<double>();
      if (const auto* x = o->if_contains("text"); x && x->is_string()) a.text = std::string(x->as_string());
      response.emplace(std::string(key), std::move(a));
    }
    const auto problems = domain::validate_response(form, response);
    if (!problems.empty()) {
      std::vector<FieldError> details;
      for (const auto& p : problems) details.push_back({p.code, "answers." + p.item});
      throw ApiError(details);
    }
    json::object stored;
    for (const auto& [id, a] : response) stored[id] = item_answer_json(a);
    store::insert_response(s, q->id,
                           {w.p.member_id, phase_text, w.p.session_id, w.p.profession, json::serialize(stored),
                            time::to_utc_string(now)});
  });
  return json::object{{"answered", true}};
}

}  // namespace kenshu::app
