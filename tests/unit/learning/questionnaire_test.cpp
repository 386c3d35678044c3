// Questionnaires: form checks, pairing of pre/post items, response validation, paired values; suppression.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/questionnaire.hpp"
#include "domain/suppression.hpp"
#include "domain/wilcoxon.hpp"

using namespace kenshu::domain;

namespace {

QuestionnaireItem likert(std::string id, bool paired = true) {
  QuestionnaireItem it;
  it.id = std::move(id);
  it.text = "人工呼吸器の初期設定を自信をもって行える";
  it.required = true;
  it.paired = paired;
  it.labels = {"全く自信がない", "あまり自信がない", "どちらともいえない", "やや自信がある", "とても自信がある"};
  return it;
}

QuestionnaireItem knowledge(std::string id) {
  QuestionnaireItem it;
  it.id = std::move(id);
  it.kind = ItemKind::single_choice;
  it.text = "VV-ECMO が補助するのは?";
  it.options = {"呼吸", "循環"};
  it.correct_option = 0;
  it.paired = true;
  return it;
}

QuestionnaireForm form(FormPhase phase) {
  QuestionnaireForm f;
  f.id = phase == FormPhase::pre ? "pre" : "post";
  f.phase = phase;
  f.title = "アンケート";
  QuestionnaireSection confidence{"confidence", "自信", "Confidence", {likert("conf_vent"), likert("conf_ecmo")}};
  QuestionnaireSection know{"knowledge", "知識", "Knowledge", {knowledge("k1"), knowledge("k2")}};
  QuestionnaireItem profession;
  profession.id = "years";
  profession.kind = ItemKind::numeric;
  profession.text = "経験年数";
  profession.min = 0;
  profession.max = 60;
  profession.integer = true;
  QuestionnaireItem roles;
  roles.id = "roles";
  roles.kind = ItemKind::multiple_choice;
  roles.text = "担当業務";
  roles.options = {"呼吸器", "ECMO", "透析"};
  roles.max_choices = 2;
  QuestionnaireItem comment;
  comment.id = "comment";
  comment.kind = ItemKind::free_text;
  comment.text = "ご意見";
  comment.max_length = 10;
  QuestionnaireSection about{"about", "あなたについて", "About you", {profession, roles, comment}};
  f.sections = {confidence, know, about};
  return f;
}

std::vector<std::string> codes(const std::vector<FormProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.code + ":" + p.item);
  return out;
}

FormResponse complete_response() {
  FormResponse r;
  r["conf_vent"].scale = 2;
  r["conf_ecmo"].scale = 1;
  r["k1"].choices = {0};
  r["k2"].choices = {1};
  return r;
}

}  // namespace

TEST(QuestionnaireForm, AGoodFormHasNoProblems) {
  EXPECT_TRUE(check_form(form(FormPhase::pre)).empty());
  EXPECT_TRUE(check_pairing(form(FormPhase::pre), form(FormPhase::post)).empty());
  EXPECT_EQ(paired_item_ids(form(FormPhase::pre), form(FormPhase::post)),
            (std::vector<std::string>{"conf_vent", "conf_ecmo", "k1", "k2"}));
}

TEST(QuestionnaireForm, AuthoringMistakes) {
  QuestionnaireForm f = form(FormPhase::pre);
  f.sections[0].items[1].id = "conf_vent";                      // duplicate id
  f.sections[0].items[0].labels.pop_back();                     // 4 labels for 5 points
  f.sections[1].items[0].correct_option = 7;                    // no such option
  f.sections[2].items[1].paired = true;                         // multiple choice cannot be compared
  f.sections[2].items[0].min = 100;                             // min > max
  f.sections.push_back({"empty", "空", "", {}});
  EXPECT_EQ(codes(check_form(f)), (std::vector<std::string>{
                                      "questionnaire.bad_scale:conf_vent",
                                      "questionnaire.duplicate_item:conf_vent",
                                      "questionnaire.bad_correct_option:k1",
                                      "questionnaire.bad_range:years",
                                      "questionnaire.unpairable:roles",
                                      "questionnaire.empty_section:empty",
                                  }));
}

TEST(QuestionnaireForm, PairingMismatchesAreFound) {
  QuestionnaireForm pre = form(FormPhase::pre);
  QuestionnaireForm post = form(FormPhase::post);
  post.sections[0].items[0].scale_max = 7;  // a 1–7 scale cannot be compared with 1–5
  post.sections[0].items.pop_back();        // conf_ecmo only asked before
  post.sections[1].items[0].paired = false;
  EXPECT_EQ(codes(check_pairing(pre, post)), (std::vector<std::string>{
                                                 "questionnaire.pair_mismatch:conf_vent",
                                                 "questionnaire.unpaired_item:conf_ecmo",
                                                 "questionnaire.unpaired_item:k1",
                                             }));
}

TEST(QuestionnaireResponse, ValidAndInvalidAnswers) {
  const QuestionnaireForm f = form(FormPhase::pre);
  EXPECT_TRUE(validate_response(f, complete_response()).empty());

  FormResponse r = complete_response();
  r.erase("conf_ecmo");
  r["conf_vent"].scale = 6;
  r["years"].number = 2.5;
  r["roles"].choices = {0, 1, 2};
  r["comment"].text = "とても良かったです。ありがとう";  // 15 characters > 10
  r["k1"].choices = {3};
  r["k2"].scale = 3;
  r["nonsense"].scale = 1;
  EXPECT_EQ(codes(validate_response(f, r)), (std::vector<std::string>{
                                                "questionnaire.unknown_item:nonsense",
                                                "questionnaire.out_of_range:conf_vent",
                                                "questionnaire.required:conf_ecmo",
                                                "questionnaire.choice_out_of_range:k1",
                                                "questionnaire.wrong_kind:k2",
                                                "questionnaire.out_of_range:years",
                                                "questionnaire.too_many_choices:roles",
                                                "questionnaire.too_long:comment",
                                            }));
}

TEST(QuestionnaireResponse, FreeTextIsCountedInCharactersAndMustBeCleanText) {
  const QuestionnaireForm f = form(FormPhase::pre);
  FormResponse r = complete_response();
  r["comment"].text = "あいうえおかきくけこ";  // exactly 10 characters, 30 bytes
  EXPECT_TRUE(validate_response(f, r).empty());
  r["comment"].text = "bad\x01";
  EXPECT_EQ(codes(validate_response(f, r)), std::vector<std::string>{"questionnaire.invalid_text:comment"});
  r["comment"].text = "\xff";
  EXPECT_EQ(codes(validate_response(f, r)), std::vector<std::string>{"questionnaire.invalid_text:comment"});
}

TEST(QuestionnaireValues, KnowledgeScoreAndPairedValues) {
  const QuestionnaireForm f = form(FormPhase::pre);
  const FormResponse r = complete_response();
  EXPECT_EQ(knowledge_score(f, r), 1.0);
  EXPECT_EQ(paired_value(*f.find_item("conf_vent"), r.at("conf_vent")), 2.0);
  EXPECT_EQ(paired_value(*f.find_item("k2"), r.at("k2")), 0.0);
  FormResponse partial = r;
  partial.erase("k2");
  EXPECT_FALSE(knowledge_score(f, partial).has_value());  // a skipped item is not a wrong one
}

TEST(QuestionnaireValues, PairsByParticipantFeedTheSignedRankTest) {
  const QuestionnaireForm pre = form(FormPhase::pre);
  const QuestionnaireForm post = form(FormPhase::post);
  std::map<std::string, FormResponse, std::less<>> before, after;
  const int pre_scores[] = {2, 3, 2, 1, 3, 2, 4, 3};
  const int post_scores[] = {4, 4, 3, 3, 3, 4, 4, 5};
  for (int i = 0; i < 8; ++i) {
    before["p" + std::to_string(i)]["conf_vent"].scale = pre_scores[i];
    after["p" + std::to_string(i)]["conf_vent"].scale = post_scores[i];
  }
  before["dropout"]["conf_vent"].scale = 1;  // never answered the post form
  after["late"]["conf_vent"].scale = 5;      // never answered the pre form
  after["p0"]["comment"].text = "ignored";

  const PairedValues pv =
      pair_by_participant(item_values(pre, "conf_vent", before), item_values(post, "conf_vent", after));
  EXPECT_EQ(pv.before.size(), 8u);
  EXPECT_EQ(pv.before_only, 1u);
  EXPECT_EQ(pv.after_only, 1u);
  const WilcoxonResult w = wilcoxon_signed_rank(pv.before, pv.after);
  EXPECT_NEAR(*w.p_value, 0.03054484997647525, 1e-12);  // the same data as the Likert case in wilcoxon_test.cpp
}

TEST(Suppression, SmallCellsAreWithheld) {
  EXPECT_TRUE(is_suppressed(4));
  EXPECT_FALSE(is_suppressed(5));
  EXPECT_TRUE(is_suppressed(0));
  EXPECT_TRUE(is_suppressed(9, {.min_group = 10}));
  EXPECT_EQ(unless_small(3.7, 5), 3.7);
  EXPECT_FALSE(unless_small(3.7, 4).has_value());
}

TEST(Suppression, ALoneHiddenGroupTakesAnotherWithIt) {
  // doctor 12, nurse 20, clinical engineer 3, other 7: the 3 would be total − (12 + 20 + 7); hide the 7 too.
  EXPECT_EQ(groups_to_hide(std::vector<std::size_t>{12, 20, 3, 7}), (std::vector<bool>{false, false, true, true}));
  EXPECT_EQ(groups_to_hide(std::vector<std::size_t>{12, 20, 3, 2}), (std::vector<bool>{false, false, true, true}));
  EXPECT_EQ(groups_to_hide(std::vector<std::size_t>{12, 20, 9, 7}), (std::vector<bool>(4, false)));
  EXPECT_EQ(groups_to_hide(std::vector<std::size_t>{2, 1}), (std::vector<bool>(2, true)));  // total 3
}

TEST(Suppression, LikertDistribution) {
  const SuppressedCounts c = suppress_counts(30, std::vector<std::size_t>{0, 6, 9, 8, 7});
  EXPECT_EQ(c.total, 30u);
  EXPECT_FALSE(c.cells[0].has_value());
  EXPECT_FALSE(c.cells[1].has_value());  // the smallest other cell, so the 0 cannot be derived
  EXPECT_EQ(c.cells[2], 9u);

  const SuppressedCounts overlap = suppress_counts(30, std::vector<std::size_t>{2, 6, 9}, false);
  EXPECT_FALSE(overlap.cells[0].has_value());
  EXPECT_EQ(overlap.cells[1], 6u);

  const SuppressedCounts tiny = suppress_counts(4, std::vector<std::size_t>{1, 3});
  EXPECT_FALSE(tiny.total.has_value());
  EXPECT_FALSE(tiny.cells[0].has_value());
  EXPECT_FALSE(tiny.cells[1].has_value());
}

TEST(QuestionnaireNames, RoundTrip) {
  EXPECT_EQ(item_kind_from(to_string(ItemKind::free_text)), ItemKind::free_text);
  EXPECT_EQ(form_phase_from("post"), FormPhase::post);
  EXPECT_FALSE(item_kind_from("ranking").has_value());
}
