#include "store/learning_store.hpp"

#include <soci/soci.h>

#include "store/ids.hpp"
#include "store/row.hpp"

namespace kenshu::store {
namespace {

double real(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0.0;
  if (r.get_properties(i).get_data_type() == soci::dt_double) return r.get<double>(i);
  if (r.get_properties(i).get_data_type() == soci::dt_string) return std::stod(r.get<std::string>(i));
  return static_cast<double>(integer(r, i));
}

template <class T, class F>
std::vector<T> all(soci::rowset<soci::row> rs, F from) {
  std::vector<T> out;
  for (const auto& r : rs) out.push_back(from(r));
  return out;
}

int changed(soci::statement& st) {
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

constexpr const char* kParticipantSql =
    "SELECT m.id, a.id, a.program_year_id, a.reference, m.name, m.email, m.profession, a.contact_name, "
    "a.contact_email, a.locale, COALESCE(h.name, ''), "
    "COALESCE(p.session_id, (SELECT pr.session_id FROM preferences pr WHERE pr.application_id = a.id "
    "ORDER BY pr.rank LIMIT 1), (SELECT se.id FROM sessions se WHERE se.program_year_id = a.program_year_id "
    "ORDER BY se.date, se.number LIMIT 1)), COALESCE(p.created_at, a.created_at), y.is_demo "
    "FROM members m JOIN applications a ON a.id = m.application_id "
    "JOIN program_years y ON y.id = a.program_year_id "
    "LEFT JOIN hospitals h ON h.application_id = a.id "
    "LEFT JOIN placements p ON p.application_id = a.id AND p.outcome = 'accepted' "
    "WHERE a.status = 'submitted' AND (p.application_id IS NOT NULL OR y.is_demo = 1) ";

ParticipantRow participant_from(const soci::row& r) {
  return {text(r, 0), text(r, 1), text(r, 2),  text(r, 3),  text(r, 4),  text(r, 5),  text(r, 6),
          text(r, 7), text(r, 8), text(r, 9),  text(r, 10), text(r, 11), text(r, 12), boolean(r, 13)};
}

constexpr const char* kLectureColumns =
    "l.id, l.program_year_id, l.course_id, c.code, l.slug, l.position, l.title_ja, l.title_en, l.summary_ja, "
    "l.summary_en, l.body_md, l.video_url, l.estimated_minutes, l.required";

LectureRow lecture_from(const soci::row& r) {
  return {text(r, 0),  text(r, 1),  text(r, 2),  text(r, 3),
          text(r, 4),  static_cast<int>(integer(r, 5)),
          text(r, 6),  text(r, 7),  text(r, 8),  text(r, 9),
          text(r, 10), text(r, 11), static_cast<int>(integer(r, 12)), boolean(r, 13)};
}

constexpr const char* kQuizColumns =
    "id, lecture_id, title_ja, pass_percent, attempts_allowed, time_limit_minutes, shuffle_questions, "
    "shuffle_choices, feedback, policy";

QuizRow quiz_from(const soci::row& r) {
  QuizRow q;
  q.id = text(r, 0);
  q.lecture_id = text(r, 1);
  q.title_ja = text(r, 2);
  q.pass_percent = real(r, 3);
  q.attempts_allowed = static_cast<int>(integer(r, 4));
  if (r.get_indicator(5) != soci::i_null) q.time_limit_minutes = static_cast<int>(integer(r, 5));
  q.shuffle_questions = boolean(r, 6);
  q.shuffle_choices = boolean(r, 7);
  q.feedback = text(r, 8);
  q.policy = text(r, 9);
  return q;
}

constexpr const char* kAttemptColumns =
    "id, quiz_id, member_id, seed, started_at, submitted_at, answers_json, grade_json, score, max_score, percent, "
    "passed";

AttemptRow attempt_from(const soci::row& r) {
  AttemptRow a;
  a.id = text(r, 0);
  a.quiz_id = text(r, 1);
  a.member_id = text(r, 2);
  a.seed = text(r, 3);
  a.started_at = text(r, 4);
  a.submitted_at = optional_text(r, 5);
  a.answers_json = text(r, 6);
  a.grade_json = text(r, 7);
  a.score = real(r, 8);
  a.max_score = real(r, 9);
  a.percent = real(r, 10);
  a.passed = boolean(r, 11);
  return a;
}

}  // namespace

std::vector<ParticipantRow> participants_by_email(soci::session& s, const std::string& email) {
  return all<ParticipantRow>((s.prepare << kParticipantSql << "AND lower(m.email) = lower(:e) "
                                                              "ORDER BY y.fiscal_year DESC, a.created_at DESC",
                              soci::use(email)),
                             participant_from);
}

std::vector<ParticipantRow> participants_of_year(soci::session& s, const std::string& year_id) {
  return all<ParticipantRow>(
      (s.prepare << kParticipantSql << "AND a.program_year_id = :y ORDER BY a.reference, m.position",
       soci::use(year_id)),
      participant_from);
}

std::vector<LectureRow> lectures_of_year(soci::session& s, const std::string& year_id) {
  return all<LectureRow>((s.prepare << "SELECT " << kLectureColumns
                                    << " FROM lectures l JOIN courses c ON c.id = l.course_id "
                                       "WHERE l.program_year_id = :y ORDER BY c.position, l.position, l.slug",
                          soci::use(year_id)),
                         lecture_from);
}

std::optional<LectureRow> find_lecture(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT " << kLectureColumns << " FROM lectures l JOIN courses c ON c.id = l.course_id "
                                                    "WHERE l.id = :i",
       soci::use(id));
  for (const auto& r : rs) return lecture_from(r);
  return std::nullopt;
}

std::optional<LectureRow> find_lecture_by_slug(soci::session& s, const std::string& year_id, const std::string& slug) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT " << kLectureColumns << " FROM lectures l JOIN courses c ON c.id = l.course_id "
                                                    "WHERE l.program_year_id = :y AND l.slug = :s",
       soci::use(year_id), soci::use(slug));
  for (const auto& r : rs) return lecture_from(r);
  return std::nullopt;
}

void insert_lecture(soci::session& s, const LectureRow& l, const std::string& now) {
  const int req = l.required ? 1 : 0;
  s << "INSERT INTO lectures (id, program_year_id, course_id, slug, position, title_ja, title_en, summary_ja, "
       "summary_en, body_md, video_url, estimated_minutes, required, created_at, updated_at) VALUES (:i, :y, :c, :s, "
       ":p, :tj, :te, :sj, :se, :b, :v, :m, :r, :n1, :n2)",
      soci::use(l.id), soci::use(l.program_year_id), soci::use(l.course_id), soci::use(l.slug), soci::use(l.position),
      soci::use(l.title_ja), soci::use(l.title_en), soci::use(l.summary_ja), soci::use(l.summary_en),
      soci::use(l.body_md), soci::use(l.video_url), soci::use(l.estimated_minutes), soci::use(req), soci::use(now),
      soci::use(now);
}

void update_lecture(soci::session& s, const LectureRow& l, const std::string& now) {
  const int req = l.required ? 1 : 0;
  s << "UPDATE lectures SET course_id = :c, position = :p, title_ja = :tj, title_en = :te, summary_ja = :sj, "
       "summary_en = :se, body_md = :b, video_url = :v, estimated_minutes = :m, required = :r, updated_at = :n "
       "WHERE id = :i",
      soci::use(l.course_id), soci::use(l.position), soci::use(l.title_ja), soci::use(l.title_en),
      soci::use(l.summary_ja), soci::use(l.summary_en), soci::use(l.body_md), soci::use(l.video_url),
      soci::use(l.estimated_minutes), soci::use(req), soci::use(now), soci::use(l.id);
}

long long count_lectures(soci::session& s, const std::string& year_id) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM lectures WHERE program_year_id = :y", soci::use(year_id), soci::into(n);
  return n;
}

std::vector<QuizRow> quizzes_of_lecture(soci::session& s, const std::string& lecture_id) {
  return all<QuizRow>((s.prepare << "SELECT " << kQuizColumns
                                 << " FROM quizzes WHERE lecture_id = :l ORDER BY created_at, id",
                       soci::use(lecture_id)),
                      quiz_from);
}

std::optional<QuizRow> find_quiz(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rs = (s.prepare << "SELECT " << kQuizColumns << " FROM quizzes WHERE id = :i", soci::use(id));
  for (const auto& r : rs) return quiz_from(r);
  return std::nullopt;
}

void insert_quiz(soci::session& s, const QuizRow& q, const std::string& now) {
  int tl = q.time_limit_minutes.value_or(0);
  soci::indicator tli = q.time_limit_minutes ? soci::i_ok : soci::i_null;
  const int sq = q.shuffle_questions ? 1 : 0, sc = q.shuffle_choices ? 1 : 0;
  s << "INSERT INTO quizzes (id, lecture_id, title_ja, pass_percent, attempts_allowed, time_limit_minutes, "
       "shuffle_questions, shuffle_choices, feedback, policy, created_at, updated_at) VALUES (:i, :l, :t, :pp, :aa, "
       ":tl, :sq, :sc, :f, :p, :n1, :n2)",
      soci::use(q.id), soci::use(q.lecture_id), soci::use(q.title_ja), soci::use(q.pass_percent),
      soci::use(q.attempts_allowed), soci::use(tl, tli), soci::use(sq), soci::use(sc), soci::use(q.feedback),
      soci::use(q.policy), soci::use(now), soci::use(now);
}

void update_quiz(soci::session& s, const QuizRow& q, const std::string& now) {
  int tl = q.time_limit_minutes.value_or(0);
  soci::indicator tli = q.time_limit_minutes ? soci::i_ok : soci::i_null;
  const int sq = q.shuffle_questions ? 1 : 0, sc = q.shuffle_choices ? 1 : 0;
  s << "UPDATE quizzes SET title_ja = :t, pass_percent = :pp, attempts_allowed = :aa, time_limit_minutes = :tl, "
       "shuffle_questions = :sq, shuffle_choices = :sc, feedback = :f, policy = :p, updated_at = :n WHERE id = :i",
      soci::use(q.title_ja), soci::use(q.pass_percent), soci::use(q.attempts_allowed), soci::use(tl, tli),
      soci::use(sq), soci::use(sc), soci::use(q.feedback), soci::use(q.policy), soci::use(now), soci::use(q.id);
}

std::vector<std::string> quiz_question_gifts(soci::session& s, const std::string& quiz_id) {
  return all<std::string>(
      (s.prepare << "SELECT gift FROM quiz_questions WHERE quiz_id = :q ORDER BY position", soci::use(quiz_id)),
      [](const soci::row& r) { return text(r, 0); });
}

void replace_quiz_questions(soci::session& s, const std::string& quiz_id, const std::vector<std::string>& gifts,
                            const std::vector<std::string>& categories) {
  s << "DELETE FROM quiz_questions WHERE quiz_id = :q", soci::use(quiz_id);
  for (std::size_t i = 0; i < gifts.size(); ++i) {
    const std::string id = new_id();
    const int pos = static_cast<int>(i);
    s << "INSERT INTO quiz_questions (id, quiz_id, position, category, gift) VALUES (:i, :q, :p, :c, :g)",
        soci::use(id), soci::use(quiz_id), soci::use(pos), soci::use(categories.at(i)), soci::use(gifts[i]);
  }
}

long long count_attempts_of_quiz(soci::session& s, const std::string& quiz_id) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM quiz_attempts WHERE quiz_id = :q", soci::use(quiz_id), soci::into(n);
  return n;
}

std::vector<AttemptRow> attempts_of(soci::session& s, const std::string& member_id, const std::string& quiz_id) {
  return all<AttemptRow>((s.prepare << "SELECT " << kAttemptColumns
                                    << " FROM quiz_attempts WHERE member_id = :m AND quiz_id = :q "
                                       "ORDER BY started_at, id",
                          soci::use(member_id), soci::use(quiz_id)),
                         attempt_from);
}

std::optional<AttemptRow> find_attempt(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT " << kAttemptColumns << " FROM quiz_attempts WHERE id = :i", soci::use(id));
  for (const auto& r : rs) return attempt_from(r);
  return std::nullopt;
}

void insert_attempt(soci::session& s, const AttemptRow& a) {
  s << "INSERT INTO quiz_attempts (id, quiz_id, member_id, seed, started_at) VALUES (:i, :q, :m, :s, :t)",
      soci::use(a.id), soci::use(a.quiz_id), soci::use(a.member_id), soci::use(a.seed), soci::use(a.started_at);
}

int submit_attempt(soci::session& s, const AttemptRow& a) {
  const int passed = a.passed ? 1 : 0;
  const std::string at = a.submitted_at.value_or("");
  soci::statement st =
      (s.prepare << "UPDATE quiz_attempts SET submitted_at = :t, answers_json = :a, grade_json = :g, score = :s, "
                    "max_score = :ms, percent = :p, passed = :ok WHERE id = :i AND submitted_at IS NULL",
       soci::use(at), soci::use(a.answers_json), soci::use(a.grade_json), soci::use(a.score), soci::use(a.max_score),
       soci::use(a.percent), soci::use(passed), soci::use(a.id));
  return changed(st);
}

std::vector<std::string> studied_lectures(soci::session& s, const std::string& member_id) {
  return all<std::string>(
      (s.prepare << "SELECT lecture_id FROM lecture_progress WHERE member_id = :m", soci::use(member_id)),
      [](const soci::row& r) { return text(r, 0); });
}

void mark_studied(soci::session& s, const std::string& member_id, const std::string& lecture_id,
                  const std::string& now) {
  s << "INSERT INTO lecture_progress (member_id, lecture_id, studied_at) VALUES (:m, :l, :n) "
       "ON CONFLICT (member_id, lecture_id) DO NOTHING",
      soci::use(member_id), soci::use(lecture_id), soci::use(now);
}

std::optional<QuestionnaireRow> questionnaire_of_year(soci::session& s, const std::string& year_id) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT id, program_year_id, slug, title_ja, title_en, definition_toml, post_close_days "
                    "FROM questionnaires WHERE program_year_id = :y ORDER BY created_at, id",
       soci::use(year_id));
  for (const auto& r : rs)
    return QuestionnaireRow{text(r, 0), text(r, 1), text(r, 2), text(r, 3),
                            text(r, 4), text(r, 5), static_cast<int>(integer(r, 6))};
  return std::nullopt;
}

void upsert_questionnaire(soci::session& s, const QuestionnaireRow& q, const std::string& now) {
  s << "INSERT INTO questionnaires (id, program_year_id, slug, title_ja, title_en, definition_toml, post_close_days, "
       "created_at, updated_at) VALUES (:i, :y, :s, :tj, :te, :d, :p, :n1, :n2) "
       "ON CONFLICT (program_year_id, slug) DO UPDATE SET title_ja = excluded.title_ja, title_en = excluded.title_en, "
       "definition_toml = excluded.definition_toml, post_close_days = excluded.post_close_days, "
       "updated_at = excluded.updated_at",
      soci::use(q.id), soci::use(q.program_year_id), soci::use(q.slug), soci::use(q.title_ja), soci::use(q.title_en),
      soci::use(q.definition_toml), soci::use(q.post_close_days), soci::use(now), soci::use(now);
}

std::optional<ResponseRow> find_response(soci::session& s, const std::string& questionnaire_id,
                                         const std::string& phase, const std::string& member_id) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT member_id, phase, COALESCE(session_id, ''), profession, answers_json, submitted_at "
                    "FROM questionnaire_responses WHERE questionnaire_id = :q AND phase = :p AND member_id = :m",
       soci::use(questionnaire_id), soci::use(phase), soci::use(member_id));
  for (const auto& r : rs) return ResponseRow{text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5)};
  return std::nullopt;
}

void insert_response(soci::session& s, const std::string& questionnaire_id, const ResponseRow& r) {
  const std::string id = new_id();
  s << "INSERT INTO questionnaire_responses (id, questionnaire_id, phase, member_id, session_id, profession, "
       "answers_json, submitted_at) VALUES (:i, :q, :p, :m, :s, :pr, :a, :t)",
      soci::use(id), soci::use(questionnaire_id), soci::use(r.phase), soci::use(r.member_id), soci::use(r.session_id),
      soci::use(r.profession), soci::use(r.answers_json), soci::use(r.submitted_at);
}

std::vector<ResponseRow> responses_of(soci::session& s, const std::string& questionnaire_id) {
  return all<ResponseRow>(
      (s.prepare << "SELECT member_id, phase, COALESCE(session_id, ''), profession, answers_json, submitted_at "
                    "FROM questionnaire_responses WHERE questionnaire_id = :q ORDER BY member_id, phase",
       soci::use(questionnaire_id)),
      [](const soci::row& r) {
        return ResponseRow{text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5)};
      });
}

namespace {
AttachmentRow attachment_from(const soci::row& r) {
  return {text(r, 0), text(r, 1), text(r, 2), text(r, 3), integer(r, 4), text(r, 5), text(r, 6)};
}
constexpr const char* kAttachmentColumns = "id, lecture_id, file_name, content_type, size_bytes, sha256, created_at";
}  // namespace

void insert_attachment(soci::session& s, const AttachmentRow& a) {
  s << "INSERT INTO lecture_attachments (id, lecture_id, file_name, content_type, size_bytes, sha256, created_at) "
       "VALUES (:i, :l, :f, :c, :s, :h, :t)",
      soci::use(a.id), soci::use(a.lecture_id), soci::use(a.file_name), soci::use(a.content_type),
      soci::use(a.size_bytes), soci::use(a.sha256), soci::use(a.created_at);
}

std::vector<AttachmentRow> attachments_of(soci::session& s, const std::string& lecture_id) {
  return all<AttachmentRow>((s.prepare << "SELECT " << kAttachmentColumns
                                       << " FROM lecture_attachments WHERE lecture_id = :l ORDER BY created_at, id",
                             soci::use(lecture_id)),
                            attachment_from);
}

std::optional<AttachmentRow> find_attachment(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT " << kAttachmentColumns << " FROM lecture_attachments WHERE id = :i", soci::use(id));
  for (const auto& r : rs) return attachment_from(r);
  return std::nullopt;
}

bool record_reminder(soci::session& s, const std::string& recipient, const std::string& session_id, int offset_days,
                     const std::string& outbox_id, const std::string& now) {
  soci::statement st =
      (s.prepare << "INSERT INTO reminders_sent (recipient, session_id, offset_days, outbox_id, sent_at) "
                    "VALUES (:r, :s, :o, :b, :n) ON CONFLICT (recipient, session_id, offset_days) DO NOTHING",
       soci::use(recipient), soci::use(session_id), soci::use(offset_days), soci::use(outbox_id), soci::use(now));
  return changed(st) == 1;
}

}  // namespace kenshu::store
