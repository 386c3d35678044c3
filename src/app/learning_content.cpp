#include "app/learning_content.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/questionnaire_toml.hpp"
#include "domain/grading.hpp"
#include "store/ids.hpp"
#include "store/learning_store.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {
namespace fs = std::filesystem;
namespace {

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw LearningLoadError(p.string() + ": cannot be read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

template <class N>
std::string str(const toml::node_view<N>& n) {
  return n.value_or(std::string{});
}

std::string problems_text(const std::vector<domain::DefinitionProblem>& ps) {
  std::string out;
  for (const auto& p : ps) out += (out.empty() ? "" : ", ") + p.code + " (" + p.field + ")";
  return out;
}

struct LectureSpec {
  store::LectureRow row;
  bool has_quiz = false;
  store::QuizRow quiz;
  std::vector<domain::Question> questions;
};

}  // namespace

QuestionnaireDef parse_questionnaire(const std::string& toml_text) {
  const domain::QuestionnaireDefinition def = read_definition(toml_text);
  if (def.slug.empty() || def.title.empty()) throw std::runtime_error("questionnaire: [questionnaire] id and title needed");
  if (auto ps = domain::check_definition(def); !ps.empty()) throw std::runtime_error("questionnaire: " + problems_text(ps));
  return {def.slug, def.title, def.title_en, def.post_close_days, domain::form_of(def, domain::FormPhase::pre),
          domain::form_of(def, domain::FormPhase::post)};
}

std::string describe(const std::vector<domain::GiftError>& errors, const std::string& file) {
  std::string out;
  for (const auto& e : errors)
    out += file + ":" + std::to_string(e.line) + ": " + e.code + (e.detail.empty() ? "" : " (" + e.detail + ")") + "\n";
  return out;
}

LearningLoadResult load_learning(store::Db& db, const std::string& year_key, const std::string& dir,
                                 const std::string& now_utc) {
  const fs::path base(dir);
  toml::table doc;
  try {
    doc = toml::parse(read_text(base / "course.toml"), (base / "course.toml").string());
  } catch (const toml::parse_error& e) {
    throw LearningLoadError((base / "course.toml").string() + ":" + std::to_string(e.source().begin.line) + ": " +
                            std::string(e.description()));
  }

  // Read and check everything before writing anything.
  std::string errors;
  std::vector<std::pair<std::string, LectureSpec>> specs;  // course code, lecture
  const auto* courses = doc["course"].as_array();
  if (!courses) throw LearningLoadError("course.toml: no [[course]]");
  for (const auto& cn : *courses) {
    const toml::table& course = *cn.as_table();
    const std::string code = str(course["id"]);
    const auto* lectures = course["lecture"].as_array();
    if (!lectures) continue;
    for (const auto& ln : *lectures) {
      const toml::table& lec = *ln.as_table();
      LectureSpec sp;
      sp.row.slug = str(lec["id"]);
      sp.row.position = static_cast<int>(lec["order"].value_or(int64_t{0}));
      sp.row.title_ja = str(lec["title"]);
      sp.row.title_en = str(lec["title_en"]);
      sp.row.summary_ja = str(lec["summary"]);
      sp.row.summary_en = str(lec["summary_en"]);
      sp.row.video_url = str(lec["video_url"]);
      sp.row.estimated_minutes = static_cast<int>(lec["estimated_minutes"].value_or(int64_t{0}));
      sp.row.required = lec["required"].value_or(true);
      if (sp.row.slug.empty() || sp.row.title_ja.empty()) {
        errors += "course.toml: a lecture of " + code + " has no id or title\n";
        continue;
      }
      if (!sp.row.video_url.empty() && sp.row.video_url.rfind("https://", 0) != 0)
        errors += "course.toml: " + sp.row.slug + ": video_url must be https\n";
      if (const std::string body = str(lec["body"]); !body.empty()) {
        try {
          sp.row.body_md = read_text(base / body);
        } catch (const std::exception& e) {
          errors += std::string(e.what()) + "\n";
        }
      }
      if (const auto* quiz = lec["quiz"].as_table()) {
        sp.has_quiz = true;
        const toml::table& q = *quiz;
        sp.quiz.title_ja = sp.row.title_ja;
        sp.quiz.pass_percent = q["pass_percent"].value_or(80.0);
        sp.quiz.attempts_allowed = static_cast<int>(q["attempts_allowed"].value_or(int64_t{0}));
        if (const auto tl = q["time_limit_minutes"].value_or(int64_t{0}); tl > 0)
          sp.quiz.time_limit_minutes = static_cast<int>(tl);
        sp.quiz.shuffle_questions = q["shuffle_questions"].value_or(false);
        sp.quiz.shuffle_choices = q["shuffle_choices"].value_or(false);
        sp.quiz.feedback = q["feedback"].value_or(std::string("full"));
        sp.quiz.policy = q["policy"].value_or(std::string("best"));
        if (!domain::feedback_level_from(sp.quiz.feedback) || !domain::attempt_policy_from(sp.quiz.policy) ||
            sp.quiz.pass_percent <= 0 || sp.quiz.pass_percent > 100 || sp.quiz.attempts_allowed < 0)
          errors += "course.toml: " + sp.row.slug + ": bad quiz settings\n";
        const std::string file = str(q["file"]);
        try {
          const auto imported = domain::import_gift(read_text(base / file));
          if (!imported.ok()) errors += describe(imported.errors, file);
          else if (imported.questions.empty()) errors += file + ": no questions\n";
          sp.questions = imported.questions;
        } catch (const std::exception& e) {
          errors += std::string(e.what()) + "\n";
        }
      }
      specs.emplace_back(code, std::move(sp));
    }
  }
  std::optional<QuestionnaireDef> qdef;
  std::string qtext;
  if (const std::string qfile = str(doc["questionnaire"]); !qfile.empty()) {
    try {
      qtext = read_text(base / qfile);
      qdef = parse_questionnaire(qtext);
    } catch (const std::exception& e) {
      errors += qfile + ": " + e.what() + "\n";
    }
  }
  if (!errors.empty()) throw LearningLoadError("nothing loaded:\n" + errors);

  LearningLoadResult result;
  db.write([&](soci::session& s) {
    const auto year = store::find_year(s, year_key);
    if (!year) throw LearningLoadError("no programme year '" + year_key + "'");
    const auto courses_of_year = store::courses_of(s, year->id);
    for (auto& [code, sp] : specs) {
      const auto c = std::find_if(courses_of_year.begin(), courses_of_year.end(),
                                  [&](const store::CourseRow& r) { return r.code == code; });
      if (c == courses_of_year.end()) throw LearningLoadError("course '" + code + "' is not in year " + year_key);
      sp.row.program_year_id = year->id;
      sp.row.course_id = c->id;
      std::string lecture_id;
      if (const auto existing = store::find_lecture_by_slug(s, year->id, sp.row.slug)) {
        sp.row.id = lecture_id = existing->id;
        store::update_lecture(s, sp.row, now_utc);
        ++result.lectures_updated;
      } else {
        sp.row.id = lecture_id = store::new_id();
        store::insert_lecture(s, sp.row, now_utc);
        ++result.lectures_added;
      }
      if (!sp.has_quiz) continue;
      auto quizzes = store::quizzes_of_lecture(s, lecture_id);
      sp.quiz.lecture_id = lecture_id;
      if (quizzes.empty()) {
        sp.quiz.id = store::new_id();
        store::insert_quiz(s, sp.quiz, now_utc);
      } else {
        sp.quiz.id = quizzes.front().id;
        store::update_quiz(s, sp.quiz, now_utc);
        if (store::count_attempts_of_quiz(s, sp.quiz.id) > 0) {
          ++result.quizzes_kept;
          continue;
        }
      }
      std::vector<std::string> gifts, categories;
      for (const auto& q : sp.questions) {
        gifts.push_back(domain::export_gift(std::span<const domain::Question>(&q, 1)));
        categories.push_back(q.category);
      }
      store::replace_quiz_questions(s, sp.quiz.id, gifts, categories);
      result.questions += static_cast<int>(gifts.size());
    }
    if (qdef) {
      store::upsert_questionnaire(s,
                                  {store::new_id(), year->id, qdef->slug, qdef->title, qdef->title_en, qtext,
                                   std::max(0, qdef->post_close_days)},
                                  now_utc);
      result.questionnaire = true;
    }
  });
  return result;
}

void load_demo_learning(store::Db& db, const Config& config, const std::string& now_utc) {
  if (!config.program.demo) return;
  const std::string dir = config.data_path("learning");
  if (!fs::exists(fs::path(dir) / "course.toml")) return;
  const bool empty = db.read([](soci::session& s) {
    const auto year = store::find_year(s, "demo");
    return year && store::count_lectures(s, year->id) == 0;
  });
  if (!empty) return;
  const auto r = load_learning(db, "demo", dir, now_utc);
  spdlog::info("loaded the demo year's pre-learning: {} lectures, {} questions", r.lectures_added, r.questions);
}

}  // namespace kenshu::app
