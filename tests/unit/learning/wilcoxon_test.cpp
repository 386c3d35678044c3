// Wilcoxon signed-rank test and effect size against reference values computed independently.
//
// Convention: scipy.stats.wilcoxon(after, before, zero_method="wilcox", correction=True, alternative="two-sided"),
// with method="exact" when n (non-zero pairs) <= 25 and there are no ties and no zeros, method="approx" otherwise
// (the choice scipy <= 1.8's mode="auto" made at n <= 25, and R's wilcox.test(paired = TRUE, correct = TRUE) makes
// at n < 50, both switching to the normal approximation on ties or zeros). z = (W+ − n(n+1)/4 − ½·sign) / σ with
// the tie-corrected σ, signed so that z > 0 when after > before; r = z / √n with n the non-zero pairs.
//
// Sources of the expected values:
//   * Published: R's ?wilcox.test (Hollander & Wolfe 1973, p. 29): V = 40, one-sided p = 0.01953 (exact) and
//     p = 0.01908 (exact = FALSE, correct = FALSE); scipy's docs (Darwin's corn): exact p = 0.041259765625,
//     approx (no correction) p = 0.04088813291185591.
//   * Everything else: tests/unit/learning/reference/wilcoxon_reference.py (stdlib python3, exact rational ranks,
//     brute-force enumeration of all 2^n sign patterns), whose printed output is copied below.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "domain/wilcoxon.hpp"

using namespace kenshu::domain;

namespace {

constexpr double tight = 1e-12;

const std::vector<double> hw_x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
const std::vector<double> hw_y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

const std::vector<double> darwin_d = {6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75};

WilcoxonResult on_differences(const std::vector<double>& d, const WilcoxonOptions& o = {}) {
  const std::vector<double> zeros(d.size(), 0.0);
  return wilcoxon_signed_rank(zeros, d, o);
}

}  // namespace

TEST(Wilcoxon, HollanderWolfeExactMatchesR) {
  // before = y, after = x, so that d = x − y as in R's wilcox.test(x, y, paired = TRUE).
  const WilcoxonResult r = wilcoxon_signed_rank(hw_y, hw_x);
  EXPECT_EQ(r.n_pairs, 9u);
  EXPECT_EQ(r.n_used, 9u);
  EXPECT_DOUBLE_EQ(r.w_plus, 40.0);
  EXPECT_DOUBLE_EQ(r.w_minus, 5.0);
  EXPECT_DOUBLE_EQ(r.statistic, 5.0);
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(*r.p_value, 2 * 0.01953125, tight);  // R: one-sided 0.01953 = 10/512
  EXPECT_NEAR(*r.z, 2.0139861843809137, tight);
  EXPECT_NEAR(*r.r, 0.6713287281269712, tight);
}

TEST(Wilcoxon, DirectionFlipsTheSignsNotThePValue) {
  const WilcoxonResult r = wilcoxon_signed_rank(hw_x, hw_y);
  EXPECT_DOUBLE_EQ(r.w_plus, 5.0);
  EXPECT_NEAR(*r.p_value, 0.0390625, tight);
  EXPECT_NEAR(*r.z, -2.0139861843809137, tight);
  EXPECT_NEAR(*r.r, -0.6713287281269712, tight);
}

TEST(Wilcoxon, HollanderWolfeNormalWithoutCorrectionMatchesR) {
  const WilcoxonResult r = wilcoxon_signed_rank(hw_y, hw_x, {.continuity_correction = false, .exact_max_n = 0});
  EXPECT_FALSE(r.exact);
  EXPECT_NEAR(*r.p_value / 2, 0.01908, 5e-6);  // R prints 4 significant digits
  EXPECT_NEAR(*r.p_value, 0.03815171017341516, tight);
  EXPECT_NEAR(*r.z, 2.073221072156823, tight);
}

TEST(Wilcoxon, DarwinMatchesScipyDocs) {
  WilcoxonResult r = on_differences(darwin_d);
  EXPECT_TRUE(r.exact);
  EXPECT_DOUBLE_EQ(r.statistic, 24.0);
  EXPECT_DOUBLE_EQ(r.w_plus, 96.0);
  EXPECT_NEAR(*r.p_value, 0.041259765625, tight);
  EXPECT_NEAR(*r.z, 2.01626451157708, tight);
  EXPECT_NEAR(*r.r, 0.5205972583258041, tight);

  r = on_differences(darwin_d, {.continuity_correction = false, .exact_max_n = 0});
  EXPECT_NEAR(*r.p_value, 0.04088813291185591, tight);
  r = on_differences(darwin_d, {.continuity_correction = true, .exact_max_n = 0});
  EXPECT_NEAR(*r.p_value, 0.043772323763041195, tight);
}

TEST(Wilcoxon, LikertWithTiesAndZerosSmallN) {
  const std::vector<double> before = {2, 3, 2, 1, 3, 2, 4, 3};
  const std::vector<double> after = {4, 4, 3, 3, 3, 4, 4, 5};
  const WilcoxonResult r = wilcoxon_signed_rank(before, after);
  EXPECT_EQ(r.n_pairs, 8u);
  EXPECT_EQ(r.n_zero, 2u);
  EXPECT_EQ(r.n_used, 6u);
  EXPECT_TRUE(r.has_ties);
  EXPECT_FALSE(r.exact);
  EXPECT_DOUBLE_EQ(r.w_plus, 21.0);
  EXPECT_DOUBLE_EQ(r.w_minus, 0.0);
  EXPECT_NEAR(*r.z, 2.1629522817435007, tight);
  EXPECT_NEAR(*r.p_value, 0.03054484997647525, tight);
  EXPECT_NEAR(*r.r, 0.883021571376696, tight);
  EXPECT_DOUBLE_EQ(r.mean_before, 2.5);
  EXPECT_DOUBLE_EQ(r.mean_after, 3.75);
  EXPECT_DOUBLE_EQ(r.median_before, 2.5);
  EXPECT_DOUBLE_EQ(r.median_after, 4.0);
  EXPECT_DOUBLE_EQ(r.mean_difference, 1.25);
  EXPECT_DOUBLE_EQ(r.median_difference, 1.5);
}

TEST(Wilcoxon, LikertMixedSignsTiesAndAZero) {
  const std::vector<double> before = {3, 2, 4, 1, 2, 3, 5, 2, 3, 4, 2, 3};
  const std::vector<double> after = {4, 4, 3, 3, 2, 5, 4, 4, 4, 5, 3, 5};
  const WilcoxonResult r = wilcoxon_signed_rank(before, after);
  EXPECT_EQ(r.n_used, 11u);
  EXPECT_EQ(r.n_zero, 1u);
  EXPECT_DOUBLE_EQ(r.w_plus, 59.0);
  EXPECT_DOUBLE_EQ(r.w_minus, 7.0);
  EXPECT_NEAR(*r.z, 2.3314666365007217, tight);
  EXPECT_NEAR(*r.p_value, 0.019728767345321647, tight);
  EXPECT_NEAR(*r.r, 0.7029636404095286, tight);
}

TEST(Wilcoxon, SmallExactCases) {
  WilcoxonResult r = wilcoxon_signed_rank(std::vector<double>{1, 1, 1, 1, 1}, std::vector<double>{2, 3, 4, 5, 6});
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(*r.p_value, 0.0625, tight);  // 2 of 32 sign patterns are as extreme
  EXPECT_NEAR(*r.z, 1.8877596148970779, tight);

  r = on_differences({1, 2, -3});  // W+ = 3 is the centre of 0..6
  EXPECT_NEAR(*r.p_value, 1.0, tight);
  EXPECT_NEAR(*r.z, 0.0, tight);

  r = on_differences({5});
  EXPECT_NEAR(*r.p_value, 1.0, tight);  // one pair can never be significant
}

TEST(Wilcoxon, ExactUpToTwentyFiveThenNormal) {
  std::vector<double> d;
  for (int i = 0; i < 26; ++i) d.push_back((i + 1) * ((i == 2 || i == 7 || i == 11 || i == 19) ? -1.0 : 1.0));
  const WilcoxonResult r26 = on_differences(d);
  EXPECT_FALSE(r26.exact);
  EXPECT_DOUBLE_EQ(r26.w_plus, 308.0);
  EXPECT_NEAR(*r26.z, 3.352532998141621, tight);
  EXPECT_NEAR(*r26.p_value, 0.0008007569520141826, tight);

  d.pop_back();
  const WilcoxonResult r25 = on_differences(d);
  EXPECT_TRUE(r25.exact);
  EXPECT_DOUBLE_EQ(r25.w_plus, 282.0);
  EXPECT_NEAR(*r25.p_value, 0.0007149577140808105, tight);
  EXPECT_NEAR(*r25.r, 0.6403844998844895, tight);
}

TEST(Wilcoxon, ThirtyUntiedUsesTheNormalApproximation) {
  std::vector<double> d;
  for (int i = 0; i < 30; ++i) d.push_back((i % 3 == 0 ? -1.0 : 1.0) * (i + 1));
  const WilcoxonResult r = on_differences(d);
  EXPECT_FALSE(r.exact);
  EXPECT_DOUBLE_EQ(r.w_plus, 320.0);
  EXPECT_NEAR(*r.z, 1.7894455238757871, tight);
  EXPECT_NEAR(*r.p_value, 0.07354309334531803, tight);
  EXPECT_NEAR(*r.r, 0.326706559617806, tight);
}

TEST(Wilcoxon, SubtractionNoiseDoesNotBreakTies) {
  // 0.3 − 0.1 and 0.2 − 0.0 differ in binary but are the same change: they must tie.
  const WilcoxonResult r = wilcoxon_signed_rank(std::vector<double>{0.1, 0.0, 0.5}, std::vector<double>{0.3, 0.2, 0.9});
  EXPECT_TRUE(r.has_ties);
  EXPECT_FALSE(r.exact);
  EXPECT_NEAR(*r.z, 1.3608276348795434, tight);
  EXPECT_NEAR(*r.p_value, 0.17356816655592158, tight);
}

TEST(Wilcoxon, NoChangeMeansNoTest) {
  const WilcoxonResult r = wilcoxon_signed_rank(std::vector<double>{3, 4, 5}, std::vector<double>{3, 4, 5});
  EXPECT_EQ(r.n_used, 0u);
  EXPECT_EQ(r.n_zero, 3u);
  EXPECT_FALSE(r.p_value.has_value());
  EXPECT_FALSE(r.z.has_value());
  EXPECT_FALSE(r.r.has_value());
  EXPECT_DOUBLE_EQ(r.mean_before, 4.0);

  const WilcoxonResult empty = wilcoxon_signed_rank(std::vector<double>{}, std::vector<double>{});
  EXPECT_EQ(empty.n_pairs, 0u);
  EXPECT_FALSE(empty.p_value.has_value());
}

TEST(Wilcoxon, BadInputThrowsWithCode) {
  try {
    wilcoxon_signed_rank(std::vector<double>{1, 2}, std::vector<double>{1});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "wilcoxon.size_mismatch");
  }
  try {
    wilcoxon_signed_rank(std::vector<double>{1}, std::vector<double>{NAN});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "wilcoxon.not_finite");
  }
}

TEST(WilcoxonExactP, TailCountsForSmallN) {
  // n = 4: W+ takes 0..10 with counts 1 1 1 2 2 2 2 2 1 1 1 (total 16); P(W+ <= 1) = 2/16.
  EXPECT_NEAR(wilcoxon_exact_p(4, 1), 2 * 2.0 / 16, tight);
  EXPECT_NEAR(wilcoxon_exact_p(4, 0), 2 * 1.0 / 16, tight);
  EXPECT_NEAR(wilcoxon_exact_p(4, 10), 2 * 1.0 / 16, tight);
  EXPECT_NEAR(wilcoxon_exact_p(4, 5), 1.0, tight);
}
