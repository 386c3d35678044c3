// Staff authoring of the year's pre/post questionnaire (the builder): read the definition with what has been
// answered, and replace it whole after checking it and the answers it must keep.
#include <boost/json.hpp>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/learning_internal.hpp"
#include "app/questionnaire_builder.hpp"
#include "app/questionnaire_toml.hpp"
#include "domain/api_error.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace json = boost::json;
using domain::Capability;

namespace {

BuilderQuestionnaire read_state(soci::session& s, const store::ProgramYearRow& y) {
  BuilderQuestionnaire out;
  out.year = y.key;
  const auto q = store::questionnaire_of_year(s, y.id);
  if (!q) return out;
  out.definition = read_definition(q->definition_toml);
  for (const auto& r : store::responses_of(s, q->id)) {
    const bool pre = r.phase == "pre";
    ++(pre ? out.responses_pre : out.responses_post);
    boost::system::error_code ec;
    const json::value answers = json::parse(r.answers_json, ec);
    if (ec || !answers.is_object()) continue;
    for (const auto& kv : answers.as_object())
      (pre ? out.answered.pre : out.answered.post).insert(std::string(kv.key()));
  }
  return out;
}

// What the audit log keeps of a definition: enough to see what changed, not the whole text.
json::value summary(const domain::QuestionnaireDefinition& d) {
  json::array items;
  for (const auto& sec : d.sections)
    for (const auto& di : sec.items) items.push_back(json::value(di.item.id));
  return json::object{{"title", d.title}, {"post_close_days", d.post_close_days}, {"sections", d.sections.size()},
                      {"items", items}};
}

}  // namespace

BuilderQuestionnaire builder_questionnaire(App& app, const Principal& p, const std::string& year_key) {
  require(p, Capability::setup_programme);
  return app.db.read([&](soci::session& s) { return read_state(s, year_of(s, year_key)); });
}

BuilderQuestionnaire save_builder_questionnaire(App& app, const Principal& p, const std::string& year_key,
                                                domain::QuestionnaireDefinition definition) {
  require(p, Capability::setup_programme);
  auto to_errors = [](const std::vector<domain::DefinitionProblem>& ps) {
    std::vector<FieldError> out;
    for (const auto& pr : ps) out.push_back({pr.code, pr.field});
    return out;
  };
  if (const auto ps = domain::check_definition(definition); !ps.empty()) throw ApiError(to_errors(ps));
  std::sort(definition.scales.begin(), definition.scales.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });  // the TOML keeps scales by name
  const std::string now = app.clock.now_utc();
  return app.db.write([&](soci::session& s) {
    const auto y = year_of(s, year_key);
    const BuilderQuestionnaire before = read_state(s, y);
    const auto row = store::questionnaire_of_year(s, y.id);
    definition.slug = row ? row->slug : y.key + "-prepost";  // the slug ties responses to the row: it never changes
    json::value old = nullptr;
    if (before.definition) {
      const auto ps = domain::check_answers_kept(*before.definition, definition, before.answered);
      if (!ps.empty()) throw ApiError(to_errors(ps));
      old = summary(*before.definition);
    }
    const std::string id = row ? row->id : store::new_id();
    store::upsert_questionnaire(s,
                                {id, y.id, definition.slug, definition.title,
                                 definition.title_en, write_definition(definition), definition.post_close_days},
                                now);
    audit_change(app, s, Actor::of(p), "questionnaire", id, old, summary(definition));
    return read_state(s, y);
  });
}

}  // namespace kenshu::app
