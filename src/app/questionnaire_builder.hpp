// The back office's questionnaire builder: the year's questionnaire definition, read and replaced whole by staff
// with the programme set-up capability. Stored as TOML (definition_toml) so that the loader's reading serves the
// portal and the results unchanged.
#pragma once
#include <optional>
#include <string>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "domain/questionnaire_definition.hpp"

namespace kenshu::app {

struct BuilderQuestionnaire {
  std::string year;
  std::optional<domain::QuestionnaireDefinition> definition;  // none until the year has a questionnaire
  int responses_pre = 0, responses_post = 0;
  domain::AnsweredItems answered;  // items that have answers: the builder locks what answers depend on
};

BuilderQuestionnaire builder_questionnaire(App& app, const Principal& p, const std::string& year_key);

// Replaces the year's questionnaire (keeping its id and slug, so responses stay attached). Every problem of
// domain::check_definition is answered at once (400, by path); a change that answers cannot survive is 409
// questionnaire.answered_item_removed / answered_item_changed. Nothing is saved on error; the change is audited.
BuilderQuestionnaire save_builder_questionnaire(App& app, const Principal& p, const std::string& year_key,
                                                domain::QuestionnaireDefinition definition);

}  // namespace kenshu::app
