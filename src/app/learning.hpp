// Pre-learning use cases: the participant portal (lectures, tests, questionnaires), the staff views (progress,
// paired results, exports, minimal authoring) and the daily reminders. Answers are returned as JSON values that
// the api layer sends as they are.
#pragma once
#include <boost/json/value.hpp>

#include <string>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "docs/table.hpp"
#include "domain/error_catalog.hpp"

namespace kenshu::app {

// ---- participant portal (a person signed in by e-mail link whose address is a participating member's) ----
boost::json::value portal_overview(App& app, const Principal& p);
// The lecture's Markdown is returned as text (body_md): the client renders it with raw HTML disabled.
boost::json::value portal_lecture(App& app, const Principal& p, const std::string& lecture_id);
boost::json::value mark_lecture_studied(App& app, const Principal& p, const std::string& lecture_id);
// The test's settings and standing, and the open attempt's questions (never answers nor feedback) if one is open.
boost::json::value portal_quiz(App& app, const Principal& p, const std::string& quiz_id);
// Opens an attempt (or returns the one still open): a stored seed fixes the order of questions and choices.
boost::json::value start_attempt(App& app, const Principal& p, const std::string& quiz_id);
// Grades the attempt server-side; `answers` is [{question, choices, truth, number, text}] by question position.
boost::json::value submit_attempt(App& app, const Principal& p, const std::string& attempt_id,
                                  const boost::json::value& answers);
boost::json::value portal_questionnaire(App& app, const Principal& p, const std::string& phase);
boost::json::value answer_questionnaire(App& app, const Principal& p, const std::string& phase,
                                        const boost::json::value& answers);

// A lecture file (PDF or PowerPoint .pptx) for a participant of the lecture's year, or for staff.
struct AttachmentFile {
  std::string file_name, content_type, bytes;
};
AttachmentFile read_attachment(App& app, const Principal& p, const std::string& attachment_id);

// ---- staff ----
// Stores a lecture file under [learning] attachment_dir (outside the web root): the declared type must be PDF or
// .pptx and the bytes must start as that type does; at most [learning] max_attachment_mb.
boost::json::value add_attachment(App& app, const Principal& p, const std::string& lecture_id,
                                  const std::string& file_name, const std::string& content_type,
                                  const std::string& bytes);

// Progress of each participant of the year (studied, passed, questionnaires); optional session filter.
docs::Table progress_table(App& app, const Principal& p, const std::string& year_key, const std::string& session_id,
                           Lang lang);
boost::json::value progress(App& app, const Principal& p, const std::string& year_key, const std::string& session_id);
// Paired results: per paired item n pairs, mean/median before and after, Wilcoxon, r; by profession and by session;
// response rates; free text (staff only). The Ministry role gets groups under 5 suppressed and no free text.
boost::json::value learning_results(App& app, const Principal& p, const std::string& year_key);
std::vector<docs::Table> results_workbook(App& app, const Principal& p, const std::string& year_key);
boost::json::value list_lectures(App& app, const Principal& p, const std::string& year_key);
boost::json::value save_lecture(App& app, const Principal& p, const std::string& year_key,
                                const std::string& lecture_id, const boost::json::value& body);
// Copies another year's lectures (with their tests, questions and files) and its questionnaire into a year that has no
// lectures yet (409 lecture.copy_target_not_empty otherwise); lectures of a course the year lacks are skipped.
boost::json::value copy_lectures(App& app, const Principal& p, const std::string& year_key,
                                 const std::string& from_key);
// A test's settings: pass_percent, attempts_allowed, time_limit_minutes (0: none), shuffle_questions,
// shuffle_choices, feedback (score_only|correctness|full), policy (best|last); absent keys stay as they are.
boost::json::value save_quiz_settings(App& app, const Principal& p, const std::string& quiz_id,
                                      const boost::json::value& body);
// All or nothing: a bad file answers 422 quiz.gift_invalid with every error and its line; nothing is changed.
boost::json::value import_quiz_gift(App& app, const Principal& p, const std::string& quiz_id, const std::string& gift);
// The test's questions as a GIFT file (with their categories), to edit elsewhere or to move to Moodle.
struct GiftFile {
  std::string name;  // file name without extension, ASCII
  std::string text;
};
GiftFile export_quiz_gift(App& app, const Principal& p, const std::string& quiz_id);

// ---- reminders ----
struct ReminderReport {
  int participants = 0;  // pre-learning not done
  int contacts = 0;      // team contacts with members behind
  int post = 0;          // post-course questionnaire not answered, while its form is open
};
// Sends the reminders due today (Japan date) at the configured offsets, before the day (pre-learning) and after it
// (the post-course questionnaire); never twice for one offset.
ReminderReport send_reminders(App& app);
// The same on demand from the back office (send_notifications), e.g. after a changed session date.
ReminderReport send_reminders_as(App& app, const Principal& p);

}  // namespace kenshu::app
