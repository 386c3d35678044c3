// Pre-learning rows (migration 0006): lectures, tests and their questions, attempts, progress, questionnaires,
// responses and reminders. SQL only; the rules are in app/learning_*.cpp and domain/.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace kenshu::store {

struct LectureRow {
  std::string id, program_year_id, course_id, course_code, slug;
  int position = 0;
  std::string title_ja, title_en, summary_ja, summary_en, body_md, video_url;
  int estimated_minutes = 0;
  bool required = true;
};

struct QuizRow {
  std::string id, lecture_id, title_ja;
  double pass_percent = 80;
  int attempts_allowed = 0;
  std::optional<int> time_limit_minutes;
  bool shuffle_questions = false, shuffle_choices = false;
  std::string feedback = "full", policy = "best";
};

struct AttemptRow {
  std::string id, quiz_id, member_id, seed, started_at;
  std::optional<std::string> submitted_at;
  std::string answers_json, grade_json;
  double score = 0, max_score = 0, percent = 0;
  bool passed = false;
};

struct QuestionnaireRow {
  std::string id, program_year_id, slug, title_ja, title_en, definition_toml;
  int post_close_days = 14;
};

struct ResponseRow {
  std::string member_id, phase, session_id, profession, answers_json, submitted_at;
};

// A member of a team that takes part: accepted placement, or (demo year) any submitted application.
struct ParticipantRow {
  std::string member_id, application_id, program_year_id, reference, name, email, profession;
  std::string contact_name, contact_email, locale, hospital;
  std::string session_id;   // the place (accepted) or, in the demo year without a placement, the first preference
  std::string accepted_at;  // when the place was given (or the application was submitted, in the demo year)
  bool is_demo = false;
};

std::vector<ParticipantRow> participants_by_email(soci::session& s, const std::string& email);
std::vector<ParticipantRow> participants_of_year(soci::session& s, const std::string& year_id);

std::vector<LectureRow> lectures_of_year(soci::session& s, const std::string& year_id);
std::optional<LectureRow> find_lecture(soci::session& s, const std::string& id);
std::optional<LectureRow> find_lecture_by_slug(soci::session& s, const std::string& year_id, const std::string& slug);
void insert_lecture(soci::session& s, const LectureRow& l, const std::string& now);
void update_lecture(soci::session& s, const LectureRow& l, const std::string& now);
long long count_lectures(soci::session& s, const std::string& year_id);

std::vector<QuizRow> quizzes_of_lecture(soci::session& s, const std::string& lecture_id);
std::optional<QuizRow> find_quiz(soci::session& s, const std::string& id);
void insert_quiz(soci::session& s, const QuizRow& q, const std::string& now);
void update_quiz(soci::session& s, const QuizRow& q, const std::string& now);
std::vector<std::string> quiz_question_gifts(soci::session& s, const std::string& quiz_id);  // by position
void replace_quiz_questions(soci::session& s, const std::string& quiz_id, const std::vector<std::string>& gifts,
                            const std::vector<std::string>& categories);
long long count_attempts_of_quiz(soci::session& s, const std::string& quiz_id);

std::vector<AttemptRow> attempts_of(soci::session& s, const std::string& member_id, const std::string& quiz_id);
std::optional<AttemptRow> find_attempt(soci::session& s, const std::string& id);
void insert_attempt(soci::session& s, const AttemptRow& a);
int submit_attempt(soci::session& s, const AttemptRow& a);  // 1 when it was still open

std::vector<std::string> studied_lectures(soci::session& s, const std::string& member_id);
void mark_studied(soci::session& s, const std::string& member_id, const std::string& lecture_id,
                  const std::string& now);

std::optional<QuestionnaireRow> questionnaire_of_year(soci::session& s, const std::string& year_id);
void upsert_questionnaire(soci::session& s, const QuestionnaireRow& q, const std::string& now);
std::optional<ResponseRow> find_response(soci::session& s, const std::string& questionnaire_id,
                                         const std::string& phase, const std::string& member_id);
void insert_response(soci::session& s, const std::string& questionnaire_id, const ResponseRow& r);
std::vector<ResponseRow> responses_of(soci::session& s, const std::string& questionnaire_id);

struct AttachmentRow {
  std::string id, lecture_id, file_name, content_type;
  long long size_bytes = 0;
  std::string sha256, created_at;
};
void insert_attachment(soci::session& s, const AttachmentRow& a);
std::vector<AttachmentRow> attachments_of(soci::session& s, const std::string& lecture_id);
std::optional<AttachmentRow> find_attachment(soci::session& s, const std::string& id);

// false when this reminder was already recorded (nothing inserted)
bool record_reminder(soci::session& s, const std::string& recipient, const std::string& session_id, int offset_days,
                     const std::string& outbox_id, const std::string& now);

}  // namespace kenshu::store
