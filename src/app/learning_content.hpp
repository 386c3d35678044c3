// Pre-learning content: `kenshu load-learning DIR` (and, at server start, the demo year's when it has none) reads
// course.toml (lectures, their Markdown bodies and GIFT tests) and questionnaire.toml. All or nothing: one bad GIFT
// file, and every error of every file is reported with its line, and nothing is written.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "domain/gift.hpp"
#include "domain/questionnaire.hpp"
#include "store/db.hpp"

namespace kenshu::app {

// The pre and post forms of a questionnaire definition (the TOML of data/learning/questionnaire.toml).
struct QuestionnaireDef {
  std::string slug, title, title_en;
  int post_close_days = 14;  // the post form closes this many days after the session day
  domain::QuestionnaireForm pre, post;
};

// Throws std::runtime_error naming the problems (TOML syntax, unknown kind, domain::check_definition by path).
QuestionnaireDef parse_questionnaire(const std::string& toml_text);

struct LearningLoadError : std::runtime_error {
  explicit LearningLoadError(const std::string& what) : std::runtime_error(what) {}
};

struct LearningLoadResult {
  int lectures_added = 0;
  int lectures_updated = 0;
  int questions = 0;
  int quizzes_kept = 0;  // quizzes with attempts keep their questions (answers refer to them by position)
  bool questionnaire = false;
};

// Loads DIR/course.toml into the programme year `year_key`; throws LearningLoadError with every problem.
LearningLoadResult load_learning(store::Db& db, const std::string& year_key, const std::string& dir,
                                 const std::string& now_utc);

// At server start: the demo year's content from data/learning when the demo year has no lectures yet.
void load_demo_learning(store::Db& db, const Config& config, const std::string& now_utc);

// "gift.unclosed_brace at line 12 (…)" lines, for the command line.
std::string describe(const std::vector<domain::GiftError>& errors, const std::string& file);

}  // namespace kenshu::app
