// Grading: each question type, short-answer normalisation (NFKC, case, 全角/半角), numeric tolerance,
// pass mark, attempts and which attempt counts, feedback levels, and the participant's view of a question.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "domain/gift.hpp"
#include "domain/grading.hpp"

using namespace kenshu::domain;

namespace {

Question parse(std::string_view gift) {
  GiftImport r = import_gift(gift);
  EXPECT_TRUE(r.ok());
  return r.questions.empty() ? Question{} : r.questions.front();
}

QuizAnswer pick(std::vector<std::size_t> c) { return QuizAnswer{std::move(c), {}, {}, {}}; }
QuizAnswer say(bool b) { return QuizAnswer{{}, b, {}, {}}; }
QuizAnswer number(double x) { return QuizAnswer{{}, {}, x, {}}; }
QuizAnswer typed(std::string s) { return QuizAnswer{{}, {}, {}, std::move(s)}; }

}  // namespace

TEST(GradeQuestion, SingleChoiceRightWrongPartialAndFeedback) {
  const Question q = parse("Q {=right#yes ~wrong#no ~%50%half#half ####general}");
  QuestionGrade g = grade_question(q, pick({0}));
  EXPECT_TRUE(g.correct);
  EXPECT_DOUBLE_EQ(g.score, 1.0);
  EXPECT_EQ(g.feedback, (std::vector<std::string>{"yes", "general"}));
  g = grade_question(q, pick({1}));
  EXPECT_FALSE(g.correct);
  EXPECT_TRUE(g.answered);
  EXPECT_DOUBLE_EQ(g.score, 0.0);
  EXPECT_EQ(g.feedback.front(), "no");
  EXPECT_DOUBLE_EQ(grade_question(q, pick({2})).fraction, 0.5);
  g = grade_question(q, pick({}));
  EXPECT_FALSE(g.answered);
  EXPECT_TRUE(g.feedback.empty());
}

TEST(GradeQuestion, MultipleChoiceSumsWeightsAndNeverGoesBelowZero) {
  const Question q = parse("Q {~%50%a ~%50%b ~%-100%c ~d}");
  EXPECT_TRUE(grade_question(q, pick({0, 1})).correct);
  EXPECT_DOUBLE_EQ(grade_question(q, pick({0})).fraction, 0.5);
  EXPECT_DOUBLE_EQ(grade_question(q, pick({0, 3})).fraction, 0.5);
  EXPECT_DOUBLE_EQ(grade_question(q, pick({0, 1, 2})).fraction, 0.0);
  EXPECT_DOUBLE_EQ(grade_question(q, pick({2})).fraction, 0.0);
}

TEST(GradeQuestion, TrueFalseGivesTheFeedbackOfTheAnswerChosen) {
  const Question q = parse("Q {F#wrong answer#right answer}");
  QuestionGrade g = grade_question(q, say(false));
  EXPECT_TRUE(g.correct);
  EXPECT_EQ(g.feedback, (std::vector<std::string>{"right answer"}));
  g = grade_question(q, say(true));
  EXPECT_FALSE(g.correct);
  EXPECT_EQ(g.feedback, (std::vector<std::string>{"wrong answer"}));
  EXPECT_FALSE(grade_question(q, QuizAnswer{}).answered);
}

TEST(GradeQuestion, NumericToleranceIsInclusiveAndRangesWork) {
  const Question q = parse("Q {#360:10}");
  EXPECT_TRUE(grade_question(q, number(360)).correct);
  EXPECT_TRUE(grade_question(q, number(350)).correct);
  EXPECT_TRUE(grade_question(q, number(370)).correct);
  EXPECT_FALSE(grade_question(q, number(370.5)).correct);
  EXPECT_FALSE(grade_question(q, number(349.9)).correct);

  const Question tenth = parse("Q {#0.3:0.1}");  // 0.2 and 0.4 are inside despite binary representation
  EXPECT_TRUE(grade_question(tenth, number(0.1 + 0.1)).correct);
  EXPECT_TRUE(grade_question(tenth, number(0.4)).correct);

  const Question range = parse("Q {#1..5}");
  EXPECT_TRUE(grade_question(range, number(1)).correct);
  EXPECT_TRUE(grade_question(range, number(5)).correct);
  EXPECT_FALSE(grade_question(range, number(5.01)).correct);
}

TEST(GradeQuestion, NumericPartialCreditTakesTheBestMatchAndWrongFeedback) {
  const Question q = parse("Q {#=3.5:0.1#exact =%50%3.5:1#close ~#no}");
  QuestionGrade g = grade_question(q, number(3.5));
  EXPECT_DOUBLE_EQ(g.fraction, 1.0);
  EXPECT_EQ(g.feedback.front(), "exact");
  g = grade_question(q, number(4.2));
  EXPECT_DOUBLE_EQ(g.fraction, 0.5);
  EXPECT_EQ(g.feedback.front(), "close");
  g = grade_question(q, number(9));
  EXPECT_DOUBLE_EQ(g.fraction, 0.0);
  EXPECT_EQ(g.feedback.front(), "no");
}

TEST(GradeQuestion, NumericTypedInFullWidthOrWithJapaneseMinus) {
  const Question q = parse("Q {#-2.5:0}");
  EXPECT_TRUE(grade_question(q, typed("−２．５")).correct);  // U+2212 and 全角 digits
  EXPECT_TRUE(grade_question(q, typed(" -2.5 ")).correct);
  EXPECT_TRUE(grade_question(q, typed("－2.5")).correct);  // U+FF0D
  const QuestionGrade bad = grade_question(q, typed("abc"));
  EXPECT_TRUE(bad.answered);
  EXPECT_FALSE(bad.correct);
}

TEST(ParseNumber, AcceptsWhatPeopleTypeAndRejectsTheRest) {
  EXPECT_EQ(parse_number("３６０"), 360.0);
  EXPECT_EQ(parse_number("+7"), 7.0);
  EXPECT_EQ(parse_number("1e3"), 1000.0);
  EXPECT_EQ(parse_number("\u3000４２\u3000"), 42.0);  // ideographic spaces around
  EXPECT_FALSE(parse_number(""));
  EXPECT_FALSE(parse_number("+-1"));
  EXPECT_FALSE(parse_number("1 2"));
  EXPECT_FALSE(parse_number("inf"));
  EXPECT_FALSE(parse_number("nan"));
  EXPECT_FALSE(parse_number("12mL"));
}

TEST(NormalizeShortAnswer, NfkcCaseFoldingAndSpaces) {
  EXPECT_EQ(normalize_short_answer("ＶＶ－ＥＣＭＯ"), "vv-ecmo");
  EXPECT_EQ(normalize_short_answer("ﾍﾟｰｽﾒｰｶｰ"), "ペースメーカー");  // 半角カナ → 全角カナ
  EXPECT_EQ(normalize_short_answer("  Ｐ ＥＥＰ\u3000 "), "p eep");
  EXPECT_EQ(normalize_short_answer("Straße"), "strasse");
  EXPECT_EQ(normalize_short_answer("㍉"), "ミリ");  // compatibility characters decompose
  EXPECT_NE(normalize_short_answer("ぺーすめーかー"), normalize_short_answer("ペースメーカー"));  // kana kinds differ
}

TEST(GradeQuestion, ShortAnswerMatchesAfterNormalisation) {
  const Question q = parse("Q {=VV-ECMO#正解 =静脈脱血静脈送血 =%50%VV#略称}");
  EXPECT_TRUE(grade_question(q, typed("ｖｖ－ｅｃｍｏ")).correct);
  EXPECT_TRUE(grade_question(q, typed("  vv-ecmo ")).correct);
  EXPECT_TRUE(grade_question(q, typed("静脈脱血静脈送血")).correct);
  QuestionGrade g = grade_question(q, typed("ＶＶ"));
  EXPECT_DOUBLE_EQ(g.fraction, 0.5);
  EXPECT_EQ(g.feedback.front(), "略称");
  EXPECT_FALSE(grade_question(q, typed("VA-ECMO")).correct);
  EXPECT_FALSE(grade_question(q, typed("   ")).answered);
}

TEST(GradeAttempt, TotalsPercentAndPassMarkAtExactly80) {
  std::vector<Question> qs;
  for (int i = 0; i < 10; ++i) qs.push_back(parse("Q {T}"));
  std::vector<QuizAnswer> answers(10, say(true));
  answers[0] = say(false);
  answers[1] = say(false);
  const QuizSettings settings;  // pass at 80 %
  AttemptGrade g = grade_attempt(qs, answers, settings);
  EXPECT_DOUBLE_EQ(g.score, 8.0);
  EXPECT_DOUBLE_EQ(g.max_score, 10.0);
  EXPECT_DOUBLE_EQ(g.percent, 80.0);
  EXPECT_TRUE(g.passed);
  answers[2] = QuizAnswer{};  // unanswered counts as wrong
  g = grade_attempt(qs, answers, settings);
  EXPECT_DOUBLE_EQ(g.percent, 70.0);
  EXPECT_FALSE(g.passed);
}

TEST(GradeAttempt, PointsWeightTheTotal) {
  std::vector<Question> qs = {parse("Q {T}"), parse("Q {T}")};
  qs[1].points = 3.0;
  const AttemptGrade g = grade_attempt(qs, std::vector<QuizAnswer>{say(false), say(true)}, QuizSettings{});
  EXPECT_DOUBLE_EQ(g.percent, 75.0);
  EXPECT_FALSE(g.passed);
}

TEST(GradeAttempt, MalformedAnswersAreRefusedWithCodes) {
  const std::vector<Question> qs = {parse("Q {=a ~b}"), parse("Q {~%50%a ~%50%b}"), parse("Q {T}")};
  auto codes = [&](std::vector<QuizAnswer> a) {
    std::vector<std::string> out;
    for (const auto& p : check_answers(qs, a)) out.push_back(p.code);
    return out;
  };
  EXPECT_TRUE(codes({pick({0}), pick({0, 1}), say(true)}).empty());
  EXPECT_EQ(codes({pick({0})}), std::vector<std::string>{"quiz.answer_count"});
  EXPECT_EQ(codes({pick({0, 1}), pick({}), say(true)}), std::vector<std::string>{"quiz.too_many_choices"});
  EXPECT_EQ(codes({pick({2}), pick({}), say(true)}), std::vector<std::string>{"quiz.choice_out_of_range"});
  EXPECT_EQ(codes({pick({}), pick({1, 1}), say(true)}), std::vector<std::string>{"quiz.duplicate_choice"});
  EXPECT_EQ(codes({pick({}), pick({}), pick({0})}), std::vector<std::string>{"quiz.choice_out_of_range"});
  try {
    grade_attempt(qs, std::vector<QuizAnswer>{pick({5}), pick({}), say(true)}, QuizSettings{});
    FAIL() << "expected QuizAnswerError";
  } catch (const QuizAnswerError& e) {
    EXPECT_EQ(e.code(), "quiz.choice_out_of_range");
    EXPECT_EQ(e.problems().front().question, 0u);
  }
}

TEST(VisibleToParticipant, FeedbackLevels) {
  const std::vector<Question> qs = {parse("Q {=a#fa ~b#fb}")};
  const AttemptGrade full = grade_attempt(qs, std::vector<QuizAnswer>{pick({0})}, QuizSettings{});
  EXPECT_EQ(visible_to_participant(full, FeedbackLevel::full).questions[0].feedback.size(), 1u);
  const AttemptGrade correctness = visible_to_participant(full, FeedbackLevel::correctness);
  EXPECT_TRUE(correctness.questions[0].feedback.empty());
  EXPECT_TRUE(correctness.questions[0].correct);
  const AttemptGrade score_only = visible_to_participant(full, FeedbackLevel::score_only);
  EXPECT_FALSE(score_only.questions[0].correct);
  EXPECT_DOUBLE_EQ(score_only.percent, 100.0);
}

TEST(QuizStanding, BestOrLastAttemptAndAttemptsLeft) {
  QuizSettings s;
  s.attempts_allowed = 3;
  const std::vector<double> attempts = {60.0, 90.0, 70.0};
  QuizStanding best = quiz_standing(attempts, s);
  EXPECT_EQ(best.attempts_used, 3);
  EXPECT_EQ(best.attempts_left, 0);
  EXPECT_FALSE(best.may_attempt);
  EXPECT_EQ(best.counted_attempt, 1u);
  EXPECT_EQ(best.counted_percent, 90.0);
  EXPECT_TRUE(best.passed);

  s.policy = AttemptPolicy::last;
  const QuizStanding last = quiz_standing(attempts, s);
  EXPECT_EQ(last.counted_attempt, 2u);
  EXPECT_FALSE(last.passed);

  s.attempts_allowed = 0;  // unlimited
  const QuizStanding open = quiz_standing(std::vector<double>{}, s);
  EXPECT_FALSE(open.attempts_left.has_value());
  EXPECT_TRUE(open.may_attempt);
  EXPECT_FALSE(open.counted_percent.has_value());
  EXPECT_FALSE(open.passed);
}

TEST(QuizStanding, FailThenPassWithinTwoAttempts) {
  QuizSettings s;
  s.attempts_allowed = 2;
  QuizStanding st = quiz_standing(std::vector<double>{50.0}, s);
  EXPECT_FALSE(st.passed);
  EXPECT_TRUE(st.may_attempt);
  EXPECT_EQ(st.attempts_left, 1);
  st = quiz_standing(std::vector<double>{50.0, 80.0}, s);
  EXPECT_TRUE(st.passed);
  EXPECT_FALSE(st.may_attempt);
}

TEST(TimeLimit, GraceAfterTheLimitOnly) {
  QuizSettings s;
  EXPECT_TRUE(submitted_in_time(std::chrono::hours{10}, s));
  s.time_limit_minutes = 20;
  EXPECT_TRUE(submitted_in_time(std::chrono::minutes{20} + std::chrono::seconds{30}, s));
  EXPECT_FALSE(submitted_in_time(std::chrono::minutes{20} + std::chrono::seconds{31}, s));
}

TEST(Settings, NamesRoundTrip) {
  EXPECT_EQ(attempt_policy_from(to_string(AttemptPolicy::last)), AttemptPolicy::last);
  EXPECT_EQ(feedback_level_from(to_string(FeedbackLevel::correctness)), FeedbackLevel::correctness);
  EXPECT_FALSE(attempt_policy_from("worst").has_value());
  EXPECT_EQ(question_type_from("numeric"), QuestionType::numeric);
  EXPECT_EQ(text_format_from("markdown"), TextFormat::markdown);
}

TEST(PublicQuestion, HidesAnswersAndKeepsCanonicalIndices) {
  const Question q = parse("::t::Q {=right#secret feedback ~wrong ~other ####general}");
  const PublicQuestion p = to_public(q, shuffle_order(3, 42));
  ASSERT_EQ(p.choices.size(), 3u);
  std::vector<std::size_t> seen;
  for (const auto& c : p.choices) {
    EXPECT_EQ(c.text, q.choices[c.index].text);
    seen.push_back(c.index);
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::size_t>{0, 1, 2}));
  // A tampered order falls back to the authored one instead of repeating an option.
  const PublicQuestion fallback = to_public(q, {0, 0, 1});
  EXPECT_EQ(fallback.choices[1].index, 1u);
  EXPECT_TRUE(to_public(parse("Q {#1:0}")).choices.empty());
}

TEST(ShuffleOrder, IsAPermutationAndReproducible) {
  const auto a = shuffle_order(10, 7);
  EXPECT_EQ(a, shuffle_order(10, 7));
  EXPECT_NE(a, shuffle_order(10, 8));
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) EXPECT_EQ(sorted[i], i);
  EXPECT_TRUE(shuffle_order(0, 1).empty());
}

TEST(CheckQuestion, CatchesWhatAnEditorCanGetWrong) {
  Question q;
  q.text = " ";
  q.points = 0;
  q.choices = {{"a", 0.5, ""}, {"b", 0.0, ""}};
  std::vector<std::string> codes;
  for (const auto& p : check_question(q)) codes.push_back(p.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"quiz.empty_text", "quiz.bad_points", "quiz.no_correct_answer"}));
  Question n;
  n.text = "Q";
  n.type = QuestionType::numeric;
  n.numeric = {{true, 0, 0, 5, 1, 1.0, ""}};
  EXPECT_EQ(check_question(n).front().code, "quiz.bad_tolerance");
}
