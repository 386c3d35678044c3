// The questionnaire as authored: forms cut from it, every authoring problem named by its path, and the changes
// that answers already given cannot survive.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/questionnaire_definition.hpp"

using namespace kenshu::domain;

namespace {

DefinitionItem item(std::string id, ItemKind kind, std::vector<std::string> forms = {}) {
  DefinitionItem di;
  di.item.id = std::move(id);
  di.item.kind = kind;
  di.item.text = "質問";
  di.forms = std::move(forms);
  if (kind == ItemKind::likert) di.scale = "agree";
  if (kind == ItemKind::single_choice || kind == ItemKind::multiple_choice) di.item.options = {"はい", "いいえ"};
  return di;
}

QuestionnaireDefinition good() {
  QuestionnaireDefinition d;
  d.slug = "q";
  d.title = "アンケート";
  d.pre = {"受講前", "Before"};
  d.post = {"受講後", "After"};
  d.scales = {{"agree", {"1", "2", "3", "4", "5"}, {}}};
  DefinitionSection both{"both", "前後", "", {"pre", "post"}, {}};
  both.items.push_back(item("conf", ItemKind::likert));
  both.items.back().item.paired = true;
  both.items.push_back(item("know", ItemKind::single_choice));
  both.items.back().item.correct_option = 0;
  both.items.back().item.paired = true;
  both.items.push_back(item("years", ItemKind::numeric, {"pre"}));
  DefinitionSection after{"after", "後", "", {"post"}, {item("comment", ItemKind::free_text)}};
  d.sections = {both, after};
  return d;
}

std::vector<std::string> codes(const std::vector<DefinitionProblem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.code + " " + p.field);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(QuestionnaireDefinition, FormsAreCutByTheFormsEachItemIsIn) {
  const auto d = good();
  EXPECT_TRUE(check_definition(d).empty()) << ::testing::PrintToString(codes(check_definition(d)));
  const auto pre = form_of(d, FormPhase::pre);
  const auto post = form_of(d, FormPhase::post);
  ASSERT_EQ(pre.sections.size(), 1u);
  EXPECT_EQ(pre.sections[0].items.size(), 3u);
  ASSERT_EQ(post.sections.size(), 2u);
  EXPECT_EQ(post.sections[0].items.size(), 2u);  // `years` names the pre form only
  EXPECT_EQ(pre.title, "受講前");
  const auto* conf = pre.find_item("conf");
  ASSERT_NE(conf, nullptr);
  EXPECT_EQ(conf->labels.size(), 5u);
  EXPECT_EQ((std::pair{conf->scale_min, conf->scale_max}), (std::pair{1, 5}));
  EXPECT_EQ(paired_item_ids(pre, post), (std::vector<std::string>{"conf", "know"}));
}

TEST(QuestionnaireDefinition, EveryProblemIsNamedByItsPath) {
  auto d = good();
  d.title = "";
  d.pre.title = " ";
  d.scales.push_back({"agree", {"a", "b"}, {"x"}});
  auto& s0 = d.sections[0].items;
  s0[0].scale = "nope";
  s0[1].item.correct_option = 7;
  s0[1].item.options = {"ひとつ"};
  s0[2].item.min = 10;
  s0[2].item.max = 1;
  s0.push_back(item("conf", ItemKind::multiple_choice));
  s0.back().item.paired = true;
  s0.push_back(item("bad id!", ItemKind::free_text, {"mid"}));
  s0.back().item.text = "";
  d.sections[1].id = "both";
  d.sections[1].items[0] = item("later", ItemKind::numeric);  // paired, but asked after the course only
  d.sections[1].items[0].item.paired = true;
  d.sections.push_back({"", "", "", {"pre"}, {}});
  EXPECT_EQ(codes(check_definition(d)),
            (std::vector<std::string>{
                "field.bad_enum sections[0].items[4].forms",
                "field.required forms.pre.title",
                "field.required sections[2].title",
                "field.required title",
                "questionnaire.bad_correct_option sections[0].items[1].correct",
                "questionnaire.bad_id sections[0].items[4].id",
                "questionnaire.bad_range sections[0].items[2].min",
                "questionnaire.bad_scale scales[1].labels",
                "questionnaire.bad_scale scales[1].labels_en",
                "questionnaire.duplicate_item sections[0].items[3].id",
                "questionnaire.duplicate_scale scales[1].id",
                "questionnaire.duplicate_section sections[1].id",
                "questionnaire.empty_id sections[2].id",
                "questionnaire.empty_section sections[2].items",
                "questionnaire.empty_text sections[0].items[4].text",
                "questionnaire.too_few_options sections[0].items[1].options",
                "questionnaire.unknown_scale sections[0].items[0].scale",
                "questionnaire.unpairable sections[0].items[3].paired",
                "questionnaire.unpaired_item sections[1].items[0].paired",
            }));
}

TEST(QuestionnaireDefinition, AFormWithoutItemsIsRefused) {
  auto d = good();
  d.sections[1].forms = {"pre"};
  for (auto& it : d.sections[0].items) it.forms = {"pre"};
  for (auto& it : d.sections[0].items) it.item.paired = false;
  EXPECT_EQ(codes(check_definition(d)), (std::vector<std::string>{"questionnaire.empty_form forms.post"}));
}

TEST(QuestionnaireDefinition, AnsweredItemsKeepWhatTheirAnswersMean) {
  const auto before = good();
  AnsweredItems answered{{"conf", "know", "years"}, {"conf"}};
  auto after = good();
  after.sections[0].items[0].item.text = "言い換えた質問";     // wording: allowed
  after.sections[0].items[1].item.options = {"ええ", "いや"};  // option wording: allowed
  after.sections[1].items.push_back(item("new", ItemKind::likert));  // a new item: allowed
  after.sections[1].items.erase(after.sections[1].items.begin());    // never answered: may go
  after.sections[1].items.push_back(item("comment2", ItemKind::free_text));
  EXPECT_TRUE(check_answers_kept(before, after, answered).empty());

  after = good();
  after.sections[0].items.erase(after.sections[0].items.begin() + 2);  // years, answered in pre
  after.sections[0].items[0].item.paired = false;
  after.sections[0].items[1].item.options.push_back("たぶん");
  EXPECT_EQ(codes(check_answers_kept(before, after, answered)),
            (std::vector<std::string>{"questionnaire.answered_item_changed sections[0].items[0].paired",
                                      "questionnaire.answered_item_changed sections[0].items[1].options",
                                      "questionnaire.answered_item_removed items[years]"}));

  after = good();
  after.sections[0].items[0].forms = {"post"};  // conf answered in pre: cannot leave the pre form
  after.sections[0].items[1].item.kind = ItemKind::multiple_choice;
  after.scales.push_back({"other", {"1", "2", "3", "4", "5"}, {}});
  EXPECT_EQ(codes(check_answers_kept(before, after, answered)),
            (std::vector<std::string>{"questionnaire.answered_item_changed sections[0].items[1].kind",
                                      "questionnaire.answered_item_removed sections[0].items[0].forms"}));
  after = good();
  after.scales.push_back({"other", {"1", "2", "3", "4", "5"}, {}});
  after.sections[0].items[0].scale = "other";
  after.sections[0].items[1].item.correct_option = 1;
  EXPECT_EQ(codes(check_answers_kept(before, after, answered)),
            (std::vector<std::string>{"questionnaire.answered_item_changed sections[0].items[0].scale",
                                      "questionnaire.answered_item_changed sections[0].items[1].correct"}));
  EXPECT_TRUE(check_answers_kept(before, after, {}).empty()) << "no answers: anything may change";

  after = good();  // the same options in another order: stored answers (positions) would change meaning
  std::reverse(after.sections[0].items[1].item.options.begin(), after.sections[0].items[1].item.options.end());
  EXPECT_EQ(codes(check_answers_kept(before, after, answered)),
            (std::vector<std::string>{"questionnaire.answered_item_changed sections[0].items[1].options"}));
}
