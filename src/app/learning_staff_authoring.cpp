// Staff authoring of pre-learning: lectures, copying a year's lectures, quiz settings, GIFT import.
#include <boost/json.hpp>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace json = boost::json;
using domain::Capability;

// ---- authoring ----

json::value list_lectures(App& app, const Principal& p, const std::string& year_key) {
  require(p, Capability::setup_programme);
  return app.db.read([&](soci::session& s) -> json::value {
    const auto y = year_of(s, year_key);
    const YearContent c = year_content(s, y.id);
    json::array out;
    for (const auto& l : c.lectures) {
      json::array qs;
      if (auto it = c.quizzes.find(l.id); it != c.quizzes.end())
        for (const auto& q : it->second)
          qs.push_back({{"id", q.row.id}, {"questions", q.questions.size()}, {"pass_percent", q.row.pass_percent},
                        {"attempts_allowed", q.row.attempts_allowed}});
      out.push_back({{"id", l.id}, {"course", l.course_code}, {"slug", l.slug}, {"position", l.position},
                     {"title", l.title_ja}, {"title_en", l.title_en}, {"summary", l.summary_ja},
                     {"body_md", l.body_md}, {"video_url", l.video_url}, {"estimated_minutes", l.estimated_minutes},
                     {"required", l.required}, {"quizzes", qs}});
    }
    return json::object{{"year", y.key}, {"lectures", out}};
  });
}

json::value save_lecture(App& app, const Principal& p, const std::string& year_key, const std::string& lecture_id,
                         const json::value& body) {
  require(p, Capability::setup_programme);
  const std::string now = app.clock.now_utc();
  const auto* o = body.if_object();
  if (!o) throw ApiError("request.malformed");
  auto text = [&](const char* k, const std::string& d) {
    const auto* v = o->if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : d;
  };
  std::string id = lecture_id;
  app.db.write([&](soci::session& s) {
    const auto y = year_of(s, year_key);
    store::LectureRow l;
    if (!lecture_id.empty()) {
      auto found = store::find_lecture(s, lecture_id);
      if (!found || found->program_year_id != y.id) throw ApiError("request.not_found");
      l = *found;
    } else {
      const std::string course = text("course", "");
      for (const auto& c : store::courses_of(s, y.id))
        if (c.code == course) l.course_id = c.id;
      if (l.course_id.empty()) throw ApiError("field.bad_enum", "course");
      l.program_year_id = y.id;
      l.slug = store::new_id();
      l.id = id = store::new_id();
    }
    l.title_ja = text("title", l.title_ja);
    l.title_en = text("title_en", l.title_en);
    l.summary_ja = text("summary", l.summary_ja);
    l.body_md = text("body_md", l.body_md);
    l.video_url = text("video_url", l.video_url);
    if (const auto* v = o->if_contains("estimated_minutes"); v && v->is_int64()) l.estimated_minutes = static_cast<int>(v->as_int64());
    if (const auto* v = o->if_contains("position"); v && v->is_int64()) l.position = static_cast<int>(v->as_int64());
    if (const auto* v = o->if_contains("required"); v && v->is_bool()) l.required = v->as_bool();
    Problems pr;
    if (l.title_ja.empty()) pr.add("field.required", "title");
    if (!l.video_url.empty() && l.video_url.rfind("https://", 0) != 0) pr.add("field.out_of_range", "video_url");
    if (l.estimated_minutes < 0 || l.position < 0) pr.add("field.out_of_range", "estimated_minutes");
    pr.throw_if_any();
    if (lecture_id.empty()) {
      store::insert_lecture(s, l, now);
      store::QuizRow q;
      q.id = store::new_id();
      q.lecture_id = l.id;
      q.title_ja = l.title_ja;
      store::insert_quiz(s, q, now);
    } else {
      store::update_lecture(s, l, now);
    }
    audit_change(app, s, Actor::of(p), "lecture", l.id, json::value(nullptr), json::object{{"title", l.title_ja}});
  });
  return json::object{{"id", id}};
}

json::value copy_lectures(App& app, const Principal& p, const std::string& year_key, const std::string& from_key) {
  require(p, Capability::setup_programme);
  const std::string now = app.clock.now_utc();
  std::vector<std::string> files;  // written before the commit: removed again if it fails
  try {
    return app.db.write([&](soci::session& s) -> json::value {
      const auto to = year_of(s, year_key);
      const auto from = year_of(s, from_key);
      if (store::count_lectures(s, to.id) > 0) throw ApiError("lecture.copy_target_not_empty");
      const auto lectures = store::lectures_of_year(s, from.id);
      if (lectures.empty()) throw ApiError("lecture.copy_source_empty");
      std::map<std::string, std::string> course_by_code;
      for (const auto& c : store::courses_of(s, to.id)) course_by_code[c.code] = c.id;
      int copied = 0, quizzes = 0, questions = 0;
      json::array skipped;  // lectures of a course the target year does not run
      for (const auto& src : lectures) {
        const auto course = course_by_code.find(src.course_code);
        if (course == course_by_code.end()) {
          skipped.push_back(json::value(src.title_ja));
          continue;
        }
        store::LectureRow l = src;
        l.id = store::new_id();
        l.program_year_id = to.id;
        l.course_id = course->second;
        store::insert_lecture(s, l, now);
        ++copied;
        copy_attachments(app, s, src.id, l.id, now, files);
        for (const auto& q0 : store::quizzes_of_lecture(s, src.id)) {
          const QuizContent qc = quiz_content(s, q0);
          store::QuizRow q = q0;
          q.id = store::new_id();
          q.lecture_id = l.id;
          store::insert_quiz(s, q, now);
          ++quizzes;
          const auto gifts = store::quiz_question_gifts(s, q0.id);
          std::vector<std::string> cats;
          for (std::size_t i = 0; i < gifts.size(); ++i)
            cats.push_back(i < qc.questions.size() ? qc.questions[i].category : std::string{});
          if (!gifts.empty()) store::replace_quiz_questions(s, q.id, gifts, cats);
          questions += static_cast<int>(gifts.size());
        }
      }
      bool questionnaire = false;
      if (!store::questionnaire_of_year(s, to.id))
        if (auto q = store::questionnaire_of_year(s, from.id)) {
          q->id = store::new_id();
          q->program_year_id = to.id;
          store::upsert_questionnaire(s, *q, now);
          questionnaire = true;
        }
      const json::object out{{"year", to.key}, {"from_year", from.key}, {"lectures", copied}, {"quizzes", quizzes},
                             {"questions", questions}, {"attachments", files.size()}, {"questionnaire", questionnaire},
                             {"skipped", skipped}};
      audit_change(app, s, Actor::of(p), "learning_year", to.id, json::value(nullptr), out);
      return out;
    });
  } catch (...) {
    remove_attachment_files(app, files);
    throw;
  }
}

json::value save_quiz_settings(App& app, const Principal& p, const std::string& quiz_id, const json::value& body) {
  require(p, Capability::setup_programme);
  const auto* o = body.if_object();
  if (!o) throw ApiError("request.malformed");
  const std::string now = app.clock.now_utc();
  app.db.write([&](soci::session& s) {
    auto q = store::find_quiz(s, quiz_id);
    if (!q) throw ApiError("request.not_found");
    Problems pr;
    if (const auto* v = o->if_contains("pass_percent")) {
      if (!v->is_number() || v->to_number<double>() <= 0 || v->to_number<double>() > 100)
        pr.add("field.out_of_range", "pass_percent");
      else q->pass_percent = v->to_number<double>();
    }
    if (const auto* v = o->if_contains("attempts_allowed")) {
      if (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 100) pr.add("field.out_of_range", "attempts_allowed");
      else q->attempts_allowed = static_cast<int>(v->as_int64());
    }
    if (const auto* v = o->if_contains("time_limit_minutes")) {
      if (!v->is_int64() || v->as_int64() < 0 || v->as_int64() > 600) pr.add("field.out_of_range", "time_limit_minutes");
      else if (v->as_int64() == 0) q->time_limit_minutes.reset();
      else q->time_limit_minutes = static_cast<int>(v->as_int64());
    }
    for (const char* k : {"shuffle_questions", "shuffle_choices"})
      if (const auto* v = o->if_contains(k)) {
        if (!v->is_bool()) pr.add("field.bad_enum", k);
        else (std::string(k) == "shuffle_questions" ? q->shuffle_questions : q->shuffle_choices) = v->as_bool();
      }
    if (const auto* v = o->if_contains("feedback")) {
      if (!v->is_string() || !domain::feedback_level_from(std::string(v->as_string()))) pr.add("field.bad_enum", "feedback");
      else q->feedback = std::string(v->as_string());
    }
    if (const auto* v = o->if_contains("policy")) {
      if (!v->is_string() || !domain::attempt_policy_from(std::string(v->as_string()))) pr.add("field.bad_enum", "policy");
      else q->policy = std::string(v->as_string());
    }
    pr.throw_if_any();
    store::update_quiz(s, *q, now);
    audit_change(app, s, Actor::of(p), "quiz", quiz_id, json::value(nullptr), body);
  });
  return json::object{{"id", quiz_id}};
}

json::value import_quiz_gift(App& app, const Principal& p, const std::string& quiz_id, const std::string& gift) {
  require(p, Capability::setup_programme);
  const auto imported = domain::import_gift(gift);
  if (!imported.ok() || imported.questions.empty()) {
    json::array errors;
    for (const auto& e : imported.errors)
      errors.push_back({{"line", e.line}, {"code", e.code}, {"detail", e.detail}});
    if (imported.ok()) errors.push_back({{"line", 1}, {"code", "gift.no_questions"}, {"detail", ""}});
    return json::object{{"imported", 0}, {"errors", errors}};
  }
  const std::string now = app.clock.now_utc();
  app.db.write([&](soci::session& s) {
    if (!store::find_quiz(s, quiz_id)) throw ApiError("request.not_found");
    if (store::count_attempts_of_quiz(s, quiz_id) > 0) throw ApiError("quiz.attempt_closed");
    std::vector<std::string> gifts, cats;
    for (const auto& q : imported.questions) {
      gifts.push_back(domain::export_gift(std::span<const domain::Question>(&q, 1)));
      cats.push_back(q.category);
    }
    store::replace_quiz_questions(s, quiz_id, gifts, cats);
    audit_change(app, s, Actor::of(p), "quiz", quiz_id, json::value(nullptr),
                 json::object{{"questions", gifts.size()}});
  });
  return json::object{{"imported", imported.questions.size()}, {"errors", json::array{}}};
}

GiftFile export_quiz_gift(App& app, const Principal& p, const std::string& quiz_id) {
  require(p, Capability::setup_programme);
  return app.db.read([&](soci::session& s) {
    const auto quiz = store::find_quiz(s, quiz_id);
    if (!quiz) throw ApiError("request.not_found");
    const QuizContent content = quiz_content(s, *quiz);
    return GiftFile{"quiz-" + quiz->id, domain::export_gift(content.questions)};
  });
}

}  // namespace kenshu::app
