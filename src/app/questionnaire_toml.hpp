// The TOML form of a questionnaire definition (data/learning/questionnaire.toml, and the questionnaires table's
// definition_toml): read by the loader, the portal and the results; written by the back office's builder.
#pragma once
#include <string>

#include "domain/questionnaire_definition.hpp"

namespace kenshu::app {

// Throws std::runtime_error on a TOML syntax error (with its line) or an unknown item kind; nothing else is judged
// here (domain::check_definition does).
domain::QuestionnaireDefinition read_definition(const std::string& toml_text);

// The same layout as data/learning/questionnaire.toml; read_definition(write_definition(d)) gives d back.
std::string write_definition(const domain::QuestionnaireDefinition& d);

}  // namespace kenshu::app
