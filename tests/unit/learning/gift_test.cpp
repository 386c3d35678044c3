// GIFT import/export: each question type, each error code with its line, and export → import round trips.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/gift.hpp"

using namespace kenshu::domain;

namespace {

Question only_question(std::string_view gift) {
  const GiftImport r = import_gift(gift);
  EXPECT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors.front().code + " at line " +
                                                     std::to_string(r.errors.front().line));
  EXPECT_EQ(r.questions.size(), 1u);
  return r.questions.empty() ? Question{} : r.questions.front();
}

// The single error of a bad file, and that nothing was imported from it.
GiftError only_error(std::string_view gift) {
  const GiftImport r = import_gift(gift);
  EXPECT_TRUE(r.questions.empty());
  EXPECT_EQ(r.errors.size(), 1u);
  return r.errors.empty() ? GiftError{} : r.errors.front();
}

}  // namespace

TEST(GiftImport, SingleChoiceWithTitleFeedbackAndGeneralFeedback) {
  const Question q = only_question(
      "::peep::PEEP の主な目的はどれか。{\n"
      "  =肺胞の虚脱を防ぐ#正解: 呼気終末の肺胞虚脱を防ぎます。\n"
      "  ~PaCO2 を下げる#換気量の調整です。\n"
      "  ~%-50%気道抵抗を測る\n"
      "  ####酸素化の改善に用います。\n"
      "}\n");
  EXPECT_EQ(q.type, QuestionType::single_choice);
  EXPECT_EQ(q.title, "peep");
  EXPECT_EQ(q.text, "PEEP の主な目的はどれか。");
  ASSERT_EQ(q.choices.size(), 3u);
  EXPECT_EQ(q.choices[0].text, "肺胞の虚脱を防ぐ");
  EXPECT_DOUBLE_EQ(q.choices[0].weight, 1.0);
  EXPECT_EQ(q.choices[0].feedback, "正解: 呼気終末の肺胞虚脱を防ぎます。");
  EXPECT_DOUBLE_EQ(q.choices[1].weight, 0.0);
  EXPECT_EQ(q.choices[1].feedback, "換気量の調整です。");
  EXPECT_DOUBLE_EQ(q.choices[2].weight, -0.5);
  EXPECT_EQ(q.general_feedback, "酸素化の改善に用います。");
}

TEST(GiftImport, MultipleAnswersAreTildeOnlyWithWeights) {
  const Question q = only_question("VA-ECMO の適応はどれか。{~%50%心原性ショック ~%50%心停止(ECPR) ~%-100%軽症喘息}");
  EXPECT_EQ(q.type, QuestionType::multiple_choice);
  ASSERT_EQ(q.choices.size(), 3u);
  EXPECT_DOUBLE_EQ(q.choices[0].weight, 0.5);
  EXPECT_DOUBLE_EQ(q.choices[2].weight, -1.0);
}

TEST(GiftImport, TrueFalseFormsAndTheirFeedbackOrder) {
  Question t = only_question("Q {T}");
  EXPECT_EQ(t.type, QuestionType::true_false);
  EXPECT_TRUE(t.correct_answer);
  EXPECT_FALSE(only_question("Q {F}").correct_answer);
  EXPECT_TRUE(only_question("Q {TRUE}").correct_answer);

  // {X#a#b}: a is for a wrong answer, b for a right one (Moodle's order).
  t = only_question("VV-ECMO は循環を補助する。{FALSE#VV は呼吸の補助です。#その通り。}");
  EXPECT_FALSE(t.correct_answer);
  EXPECT_EQ(t.feedback_true, "VV は呼吸の補助です。");
  EXPECT_EQ(t.feedback_false, "その通り。");
  t = only_question("Q {TRUE#違います#正解}");
  EXPECT_EQ(t.feedback_true, "正解");
  EXPECT_EQ(t.feedback_false, "違います");
}

TEST(GiftImport, NumericToleranceRangeAndMultiAnswer) {
  Question q = only_question("理想体重 60 kg で 6 mL/kg の一回換気量は何 mL か。{#360:10}");
  EXPECT_EQ(q.type, QuestionType::numeric);
  ASSERT_EQ(q.numeric.size(), 1u);
  EXPECT_FALSE(q.numeric[0].is_range);
  EXPECT_DOUBLE_EQ(q.numeric[0].value, 360);
  EXPECT_DOUBLE_EQ(q.numeric[0].tolerance, 10);

  q = only_question("Q {#3.5:0.1}");
  EXPECT_DOUBLE_EQ(q.numeric[0].value, 3.5);
  EXPECT_DOUBLE_EQ(q.numeric[0].tolerance, 0.1);

  q = only_question("Q {#1..5}");
  EXPECT_TRUE(q.numeric[0].is_range);
  EXPECT_DOUBLE_EQ(q.numeric[0].low, 1);
  EXPECT_DOUBLE_EQ(q.numeric[0].high, 5);

  q = only_question("Q {#-5..-1}");
  EXPECT_DOUBLE_EQ(q.numeric[0].low, -5);

  q = only_question("Q {#\n=%100%3.5:0.1#ぴったり\n=%50%3.5:1#近い\n~#違います\n}");
  ASSERT_EQ(q.numeric.size(), 2u);
  EXPECT_DOUBLE_EQ(q.numeric[1].weight, 0.5);
  EXPECT_EQ(q.numeric[0].feedback, "ぴったり");
  EXPECT_EQ(q.numeric_wrong_feedback, "違います");
}

TEST(GiftImport, ShortAnswerWithAlternativesAndPartialCredit) {
  const Question q = only_question("脱血と送血が同じ静脈系の ECMO は?{=VV =VV-ECMO#正解 =%50%静脈脱血静脈送血}");
  EXPECT_EQ(q.type, QuestionType::short_answer);
  ASSERT_EQ(q.short_answers.size(), 3u);
  EXPECT_EQ(q.short_answers[1].text, "VV-ECMO");
  EXPECT_EQ(q.short_answers[1].feedback, "正解");
  EXPECT_DOUBLE_EQ(q.short_answers[2].weight, 0.5);
}

TEST(GiftImport, EscapesAreText) {
  const Question q = only_question("::a\\:b::1 \\{x\\} \\= y \\# z \\~ w \\\\ v\\nnext {=a\\=b\\#c\\~d}");
  EXPECT_EQ(q.title, "a:b");
  EXPECT_EQ(q.text, "1 {x} = y # z ~ w \\ v\nnext");
  ASSERT_EQ(q.short_answers.size(), 1u);
  EXPECT_EQ(q.short_answers[0].text, "a=b#c~d");
}

TEST(GiftImport, CategoriesCommentsFormatsAndMissingWord) {
  const GiftImport r = import_gift(
      "// a comment line\n"
      "$CATEGORY: ventilator/modes\n"
      "\n"
      "::one::[markdown]**PEEP** は {~吸気 =呼気} 終末の陽圧である。\n"
      "\n"
      "// between questions\n"
      "::two::Q {T}\n"
      "$CATEGORY: ecmo/basics\n"
      "::three::Q {F}\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.questions.size(), 3u);
  EXPECT_EQ(r.questions[0].category, "ventilator/modes");
  EXPECT_EQ(r.questions[0].format, TextFormat::markdown);
  EXPECT_EQ(r.questions[0].text, "**PEEP** は _____ 終末の陽圧である。");
  EXPECT_EQ(r.questions[1].category, "ventilator/modes");
  EXPECT_EQ(r.questions[2].category, "ecmo/basics");
}

TEST(GiftImport, CrlfAndBomAreAccepted) {
  const GiftImport r = import_gift("\xEF\xBB\xBF::a::Q {T}\r\n\r\n::b::R {=x}\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.questions.size(), 2u);
  EXPECT_EQ(r.questions[1].text, "R");
}

TEST(GiftImport, EmptyInputIsNoQuestionsAndNoErrors) {
  const GiftImport r = import_gift("\n// nothing\n\n");
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.questions.empty());
}

TEST(GiftErrors, EachCodeWithItsLine) {
  struct Case {
    const char* gift;
    const char* code;
    std::size_t line;
  };
  const std::vector<Case> cases = {
      {"::ok::Q {T}\n\n::t::Q {=a\n\n", "gift.unclosed_brace", 3},
      {"Q\n=a}\n", "gift.unexpected_brace", 2},
      {"Q {=a} and {=b}", "gift.unexpected_brace", 1},
      {"Q {=a {=b}", "gift.unclosed_brace", 1},
      {"\n\n::title without end\nQ {T}", "gift.unclosed_title", 3},
      {"just some text\n", "gift.missing_answer_block", 1},
      {"Q\n{}", "gift.unsupported_type", 2},
      {"Q {=a -> b =c -> d}", "gift.unsupported_type", 1},
      {"::t:: {T}", "gift.empty_question", 1},
      {"Q {\nfoo =a ~b}", "gift.bad_answer", 2},
      {"Q {T#a#b#c}", "gift.bad_answer", 1},
      {"Q {\n=a\n~%abc%b}", "gift.bad_weight", 3},
      {"Q {=a ~%150%b}", "gift.bad_weight", 1},
      {"Q {=a ~%50 b}", "gift.bad_weight", 1},
      {"Q {#abc}", "gift.bad_number", 1},
      {"Q {#3:-1}", "gift.bad_number", 1},
      {"Q {#inf}", "gift.bad_number", 1},
      {"Q {#5..1}", "gift.bad_range", 1},
      {"Q {#}", "gift.no_answers", 1},
      {"Q\n{~a ~b}", "gift.no_correct_answer", 2},
      {"Q {~%50%a ~%30%b ~c}", "gift.weights_not_100", 1},
      {"Q {=}", "gift.empty_answer", 1},
      {"$CATEGORY:   \n", "gift.empty_category", 1},
      {"Q {=a}\n\nR \xff {=b}", "gift.invalid_utf8", 3},
  };
  for (const auto& c : cases) {
    const GiftError e = only_error(c.gift);
    EXPECT_EQ(e.code, c.code) << c.gift;
    EXPECT_EQ(e.line, c.line) << c.gift;
  }
}

TEST(GiftErrors, TooFewChoicesComesFromTheModelCheck) {
  const GiftError e = only_error("Q {~%100%only}");
  EXPECT_EQ(e.code, "gift.too_few_choices");
}

TEST(GiftErrors, EveryBadQuestionIsReportedAndNothingIsImported) {
  const GiftImport r = import_gift("::a::Good {T}\n\n::b::Bad {#x}\n\n::c::Good {=y}\n\n::d::Bad {=a ~%x%b}\n");
  EXPECT_TRUE(r.questions.empty());
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.errors[0], (GiftError{3, "gift.bad_number", "x"}));
  EXPECT_EQ(r.errors[1].code, "gift.bad_weight");
  EXPECT_EQ(r.errors[1].line, 7u);
}

namespace {

std::vector<Question> sample_bank() {
  std::vector<Question> bank;
  Question single;
  single.category = "ventilator/modes";
  single.title = "vc-vs-pc";
  single.text = "従量式換気 (VCV) で設定するのは?\n(一つ選べ) 5% = {注意}";
  single.choices = {{"一回換気量", 1.0, "正解"}, {"吸気圧", 0.0, "PCV の設定です"}, {"%表示の値", -0.25, ""}};
  single.general_feedback = "VCV は量を、PCV は圧を設定する。";
  bank.push_back(single);

  Question multi;
  multi.category = "ventilator/modes";
  multi.type = QuestionType::multiple_choice;
  multi.text = "[重要] 高い PEEP の害は?";
  multi.choices = {{"静脈還流の低下", 0.5, "#1"}, {"圧外傷", 0.5, ""}, {"無気肺", -1.0, "逆です"}};
  bank.push_back(multi);

  Question tf;
  tf.category = "ecmo/basics";
  tf.type = QuestionType::true_false;
  tf.correct_answer = false;
  tf.text = "VV-ECMO は心拍出量を直接補助する。";
  tf.feedback_true = "VV は呼吸補助です";
  tf.general_feedback = "VA が循環を補助する";
  bank.push_back(tf);

  Question tf2 = tf;
  tf2.correct_answer = true;
  tf2.feedback_true.clear();
  tf2.feedback_false = "見直しましょう";
  tf2.general_feedback.clear();
  bank.push_back(tf2);

  Question num;
  num.category = "ecmo/basics";
  num.type = QuestionType::numeric;
  num.text = "//FiO2 0.21 は何 % か";
  num.numeric = {{false, 21, 0.5, 0, 0, 1.0, "正解"}, {true, 0, 0, 15, 30, 0.25, "おしい"}};
  num.numeric_wrong_feedback = "21 % です";
  bank.push_back(num);

  Question num2 = num;
  num2.text = "単純な数値";
  num2.numeric = {{false, -3.75, 0, 0, 0, 1.0, ""}};
  num2.numeric_wrong_feedback.clear();
  bank.push_back(num2);

  Question sa;
  sa.category = "ecmo/basics";
  sa.type = QuestionType::short_answer;
  sa.format = TextFormat::html;
  sa.title = "a::b";
  sa.text = "<b>VV</b> の V は?";
  sa.short_answers = {{"静脈", 1.0, "正解"}, {"vein", 1.0, ""}, {"%venous", 0.5, ""}};
  bank.push_back(sa);
  return bank;
}

}  // namespace

TEST(GiftExport, RoundTripGivesEqualQuestions) {
  const std::vector<Question> bank = sample_bank();
  const std::string text = export_gift(bank);
  const GiftImport back = import_gift(text);
  ASSERT_TRUE(back.ok()) << back.errors.front().code << " line " << back.errors.front().line << "\n" << text;
  ASSERT_EQ(back.questions.size(), bank.size()) << text;
  for (std::size_t i = 0; i < bank.size(); ++i) EXPECT_EQ(back.questions[i], bank[i]) << "question " << i << "\n" << text;
}

TEST(GiftExport, ExportOfAnImportIsStable) {
  const std::string first = export_gift(sample_bank());
  EXPECT_EQ(export_gift(import_gift(first).questions), first);
}

TEST(GiftExport, WritesReadableGift) {
  Question q;
  q.text = "Q";
  q.type = QuestionType::numeric;
  q.numeric = {{false, 3.5, 0.1, 0, 0, 1.0, ""}};
  EXPECT_EQ(export_gift(std::vector<Question>{q}), "Q{#\n\t=3.5:0.1\n}\n\n");
  q.type = QuestionType::true_false;
  q.correct_answer = true;
  EXPECT_EQ(export_gift(std::vector<Question>{q}), "Q{TRUE}\n\n");
}
