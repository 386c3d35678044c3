// Shared by the learning_*.cpp files: who the participant is, their session's times, the content of a year, the
// portal's and staff views' common helpers.
#pragma once
#include <boost/json.hpp>
#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/learning_content.hpp"
#include "app/principal.hpp"
#include "domain/grading.hpp"
#include "domain/questionnaire.hpp"
#include "domain/time.hpp"
#include "store/learning_store.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {

struct SessionTimes {
  store::SessionRow session;
  time::Instant starts{}, ends{};  // the day's first course start and last course end, Japan time
};

SessionTimes session_times(soci::session& s, const std::string& session_id);

struct QuizContent {
  store::QuizRow row;
  domain::QuizSettings settings;
  std::vector<domain::Question> questions;
};

struct YearContent {
  std::vector<store::LectureRow> lectures;
  std::map<std::string, std::vector<QuizContent>> quizzes;  // by lecture id
  std::optional<store::QuestionnaireRow> questionnaire;
  std::optional<QuestionnaireDef> forms;
};

YearContent year_content(soci::session& s, const std::string& year_id);
QuizContent quiz_content(soci::session& s, const store::QuizRow& q);

// Where one participant stands.
struct ParticipantStatus {
  int lectures_required = 0, lectures_studied = 0;
  int quizzes = 0, quizzes_passed = 0;
  bool pre_done = false, post_done = false;
  bool ready() const { return lectures_studied >= lectures_required && quizzes_passed >= quizzes && pre_done; }
};

ParticipantStatus status_of(soci::session& s, const store::ParticipantRow& p, const YearContent& c);

// ---- the participant portal (learning_portal*.cpp) ----

// The signed-in participant and their session's times; request.not_found for anyone else.
struct Who {
  store::ParticipantRow p;
  SessionTimes times;
};

Who who(soci::session& s, const Principal& pr);

std::string jst(time::Instant t);

struct Window {
  time::Instant opens{}, closes{};
};

Window window_of(const Who& w, const store::QuestionnaireRow& q, domain::FormPhase phase);

boost::json::object standing_json(const std::vector<store::AttemptRow>& attempts, const domain::QuizSettings& settings);
boost::json::object quiz_settings_json(const QuizContent& q);

// ---- staff (learning_staff*.cpp) ----

store::ProgramYearRow year_of(soci::session& s, const std::string& key);

// Copies a lecture's files to another lecture: new ids, new files on disk, rows in the caller's transaction.
// Adds the ids written to `written`, for remove_attachment_files when that transaction fails.
void copy_attachments(App& app, soci::session& s, const std::string& from_lecture, const std::string& to_lecture,
                      const std::string& now, std::vector<std::string>& written);
void remove_attachment_files(const App& app, const std::vector<std::string>& ids);

}  // namespace kenshu::app
