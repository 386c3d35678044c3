// The demo content in data/learning: every GIFT file imports (10 questions, no errors), the manifest points at
// real files with sane quiz settings, each test can be passed by answering it right, and the questionnaire file
// makes two valid forms whose paired items match.
#include <gtest/gtest.h>

#include <toml++/toml.h>  // header-only here: this test binary links nothing but the domain

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "domain/gift.hpp"
#include "domain/grading.hpp"
#include "domain/questionnaire.hpp"

using namespace kenshu::domain;
namespace fs = std::filesystem;

namespace {

const fs::path learning_dir = fs::path(KENSHU_SOURCE_DIR) / "data" / "learning";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t chars(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string str(const toml::node_view<const toml::node>& n) { return n.value_or(std::string{}); }

std::vector<std::string> strings(const toml::node_view<const toml::node>& n) {
  std::vector<std::string> out;
  if (const auto* a = n.as_array())
    for (const auto& el : *a) out.push_back(el.value_or(std::string{}));
  return out;
}

// The answer that earns full credit, as a participant would give it.
QuizAnswer right_answer(const Question& q) {
  QuizAnswer a;
  switch (q.type) {
    case QuestionType::single_choice:
    case QuestionType::multiple_choice:
      for (std::size_t i = 0; i < q.choices.size(); ++i)
        if (q.type == QuestionType::single_choice ? q.choices[i].weight >= 1.0 : q.choices[i].weight > 0) {
          a.choices.push_back(i);
          if (q.type == QuestionType::single_choice) break;
        }
      break;
    case QuestionType::true_false: a.truth = q.correct_answer; break;
    case QuestionType::numeric:
      for (const auto& n : q.numeric)
        if (n.weight >= 1.0) a.text = std::to_string(n.is_range ? n.low : n.value);
      break;
    case QuestionType::short_answer:
      for (const auto& s : q.short_answers)
        if (s.weight >= 1.0) a.text = s.text;
      break;
  }
  return a;
}

QuestionnaireItem load_item(const toml::table& t, const toml::table& scales) {
  QuestionnaireItem it;
  it.id = str(t["id"]);
  it.kind = item_kind_from(str(t["kind"])).value_or(ItemKind::free_text);
  EXPECT_TRUE(item_kind_from(str(t["kind"]))) << it.id;
  it.text = str(t["text"]);
  it.text_en = str(t["text_en"]);
  it.required = t["required"].value_or(false);
  it.paired = t["paired"].value_or(false);
  if (it.kind == ItemKind::likert) {
    const auto scale = scales[str(t["scale"])];
    EXPECT_TRUE(scale.is_table()) << it.id << ": unknown scale";
    it.labels = strings(scale["labels"]);
    it.labels_en = strings(scale["labels_en"]);
  }
  it.options = strings(t["options"]);
  it.options_en = strings(t["options_en"]);
  if (auto c = t["correct"].value<int64_t>()) it.correct_option = static_cast<std::size_t>(*c);
  if (auto v = t["min"].value<double>()) it.min = *v;
  if (auto v = t["max"].value<double>()) it.max = *v;
  it.integer = t["integer"].value_or(false);
  it.max_length = static_cast<std::size_t>(t["max_length"].value_or(int64_t{2000}));
  return it;
}

// Builds the form of one phase: the sections and items that list it in `forms` (an item's list wins).
QuestionnaireForm load_form(const toml::table& doc, const std::string& form_id) {
  QuestionnaireForm f;
  f.id = form_id;
  f.phase = form_phase_from(form_id).value_or(FormPhase::pre);
  const toml::table empty;
  const toml::table& scales = doc["scales"].as_table() ? *doc["scales"].as_table() : empty;
  for (const auto& sec_node : *doc["section"].as_array()) {
    const toml::table& sec = *sec_node.as_table();
    const auto section_forms = strings(sec["forms"]);
    QuestionnaireSection s{str(sec["id"]), str(sec["title"]), str(sec["title_en"]), {}};
    for (const auto& item_node : *sec["item"].as_array()) {
      const toml::table& t = *item_node.as_table();
      const auto forms = t["forms"] ? strings(t["forms"]) : section_forms;
      if (std::find(forms.begin(), forms.end(), form_id) != forms.end()) s.items.push_back(load_item(t, scales));
    }
    if (!s.items.empty()) f.sections.push_back(std::move(s));
  }
  return f;
}

}  // namespace

TEST(LearningContent, EveryGiftFileHasTenQuestionsAndNoErrors) {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(learning_dir)) {
    if (entry.path().extension() != ".gift") continue;
    ++files;
    const GiftImport r = import_gift(read_file(entry.path()));
    for (const auto& e : r.errors) ADD_FAILURE() << entry.path().filename() << ":" << e.line << " " << e.code;
    EXPECT_EQ(r.questions.size(), 10u) << entry.path().filename();
    std::set<QuestionType> types;
    for (const auto& q : r.questions) types.insert(q.type);
    EXPECT_GE(types.size(), 4u) << entry.path().filename() << " should mix question types";
    const GiftImport back = import_gift(export_gift(r.questions));
    EXPECT_TRUE(back.ok() && back.questions == r.questions) << entry.path().filename() << " round trip";
  }
  EXPECT_GE(files, 4u);
}

TEST(LearningContent, ManifestListsTwoLecturesPerCourseWithRealFilesAndPassableTests) {
  const toml::table doc = toml::parse_file((learning_dir / "course.toml").string());
  std::set<std::string> courses;
  std::set<std::string> quiz_files;
  for (const auto& course_node : *doc["course"].as_array()) {
    const toml::table& course = *course_node.as_table();
    const std::string course_id = str(course["id"]);
    courses.insert(course_id);
    const toml::array* lectures = course["lecture"].as_array();
    ASSERT_NE(lectures, nullptr) << course_id;
    EXPECT_GE(lectures->size(), 2u) << course_id;
    for (const auto& lecture_node : *lectures) {
      const toml::table& lec = *lecture_node.as_table();
      const std::string id = str(lec["id"]);
      EXPECT_FALSE(str(lec["title"]).empty()) << id;
      EXPECT_FALSE(str(lec["summary"]).empty()) << id;
      EXPECT_GT(lec["estimated_minutes"].value_or(int64_t{0}), 0) << id;
      const std::string body = read_file(learning_dir / str(lec["body"]));
      EXPECT_GE(chars(body), 600u) << id;
      EXPECT_LE(chars(body), 1500u) << id;

      const toml::table& quiz = *lec["quiz"].as_table();
      quiz_files.insert(str(quiz["file"]));
      QuizSettings s;
      s.pass_percent = quiz["pass_percent"].value_or(0.0);
      s.attempts_allowed = static_cast<int>(quiz["attempts_allowed"].value_or(int64_t{-1}));
      EXPECT_GT(s.pass_percent, 0.0) << id;
      EXPECT_LE(s.pass_percent, 100.0) << id;
      EXPECT_GE(s.attempts_allowed, 0) << id;
      EXPECT_TRUE(attempt_policy_from(str(quiz["policy"]))) << id;
      EXPECT_TRUE(feedback_level_from(str(quiz["feedback"]))) << id;
      EXPECT_GE(quiz["time_limit_minutes"].value_or(int64_t{-1}), 0) << id;

      const GiftImport r = import_gift(read_file(learning_dir / str(quiz["file"])));
      ASSERT_TRUE(r.ok()) << id;
      std::vector<QuizAnswer> answers;
      for (const auto& q : r.questions) answers.push_back(right_answer(q));
      const AttemptGrade g = grade_attempt(r.questions, answers, s);
      EXPECT_DOUBLE_EQ(g.percent, 100.0) << id << ": every question must be answerable for full credit";
      EXPECT_TRUE(g.passed) << id;
    }
  }
  EXPECT_EQ(courses, (std::set<std::string>{"ventilator", "ecmo"}));
  for (const auto& entry : fs::directory_iterator(learning_dir)) {
    if (entry.path().extension() == ".gift") {
      EXPECT_TRUE(quiz_files.count(entry.path().filename().string())) << entry.path() << " is not in course.toml";
    }
  }
}

TEST(LearningContent, QuestionnaireMakesTwoValidPairedForms) {
  const toml::table doc = toml::parse_file((learning_dir / "questionnaire.toml").string());
  const QuestionnaireForm pre = load_form(doc, "pre");
  const QuestionnaireForm post = load_form(doc, "post");
  for (const auto& p : check_form(pre)) ADD_FAILURE() << "pre: " << p.code << " " << p.item;
  for (const auto& p : check_form(post)) ADD_FAILURE() << "post: " << p.code << " " << p.item;
  for (const auto& p : check_pairing(pre, post)) ADD_FAILURE() << "pairing: " << p.code << " " << p.item;

  const auto paired = paired_item_ids(pre, post);
  std::size_t likert = 0;
  std::size_t knowledge = 0;
  for (const auto& id : paired) {
    const QuestionnaireItem* it = pre.find_item(id);
    likert += it->kind == ItemKind::likert;
    knowledge += it->correct_option.has_value();
    if (it->kind == ItemKind::likert) {
      EXPECT_EQ(it->labels.size(), 5u) << id;
    }
  }
  EXPECT_GE(likert, 8u) << "self-rated confidence in the tasks both courses teach";
  EXPECT_GE(knowledge, 4u) << "knowledge items";

  // A respondent who answers every required item is accepted; one who skips them is told which.
  FormResponse filled;
  for (const auto& s : pre.sections)
    for (const auto& it : s.items) {
      if (!it.required) continue;
      if (it.kind == ItemKind::likert) filled[it.id].scale = 3;
      if (it.kind == ItemKind::single_choice) filled[it.id].choices = {0};
      if (it.kind == ItemKind::numeric) filled[it.id].number = 1;
    }
  EXPECT_TRUE(validate_response(pre, filled).empty());
  EXPECT_FALSE(validate_response(pre, FormResponse{}).empty());
  EXPECT_TRUE(knowledge_score(pre, filled).has_value());
}
