// Wilcoxon signed-rank test for paired pre/post answers (e.g. self-rated confidence 1–5 before and after the course).
//
// Conventions (the same as scipy.stats.wilcoxon(after, before, zero_method="wilcox", correction=True,
// alternative="two-sided") with method "exact" when exact is chosen below and "approx" otherwise, and as
// R's wilcox.test(after, before, paired = TRUE, correct = TRUE) with exact = (n_used <= 25 and no ties or zeros)):
//   * d = after − before, rounded to 12 significant digits so that 0.3−0.1 and 0.2−0.0 tie as they should.
//   * Zero differences are dropped before ranking (Wilcoxon's method, scipy's zero_method="wilcox");
//     n_used = n_pairs − n_zero is the n of the test.
//   * |d| are ranked with average ranks for ties; W+ = sum of the ranks of d > 0, W− likewise for d < 0.
//   * Exact p: when n_used <= exact_max_n (25) and there are neither ties nor zeros, the null distribution of W+
//     is counted over all 2^n sign patterns (dynamic programme); p = min(1, 2·min(P(W+ <= w), P(W+ >= w))).
//   * Otherwise the normal approximation: mean n(n+1)/4, variance n(n+1)(2n+1)/24 − Σ(t³−t)/48 over tie groups,
//     z = (W+ − mean − 0.5·sign(W+ − mean)) / sd with the continuity correction; p = 2·(1 − Φ(|z|)).
//   * z is reported signed (> 0 when after tends to exceed before) and computed this way even when p is exact;
//     the effect size r = z / √n_used (Rosenthal's r with n the number of non-zero pairs).
#pragma once
#include <cstddef>
#include <optional>
#include <span>

namespace kenshu::domain {

struct WilcoxonOptions {
  bool continuity_correction = true;
  std::size_t exact_max_n = 25;  // 0 forces the normal approximation
};

struct WilcoxonResult {
  std::size_t n_pairs = 0;  // pairs given
  std::size_t n_zero = 0;   // pairs with no change, dropped
  std::size_t n_used = 0;   // the n of the test

  // Descriptives over all n_pairs (0 when there are none).
  double mean_before = 0.0;
  double mean_after = 0.0;
  double median_before = 0.0;
  double median_after = 0.0;
  double mean_difference = 0.0;    // after − before
  double median_difference = 0.0;  // median of after − before

  double w_plus = 0.0;     // rank sum of improvements (after > before)
  double w_minus = 0.0;    // rank sum of declines
  double statistic = 0.0;  // min(W+, W−), what scipy reports as the two-sided statistic
  bool has_ties = false;   // among the non-zero |d|
  bool exact = false;      // p from the exact distribution

  // Absent when no pair changed (n_used == 0): there is nothing to test.
  std::optional<double> z;
  std::optional<double> p_value;  // two-sided
  std::optional<double> r;        // z / √n_used
};

// Throws std::invalid_argument("wilcoxon.size_mismatch") when the spans differ in length and
// std::invalid_argument("wilcoxon.not_finite") for a NaN or infinite value.
WilcoxonResult wilcoxon_signed_rank(std::span<const double> before, std::span<const double> after,
                                    const WilcoxonOptions& options = {});

// The exact two-sided p for an integer W+ with n untied non-zero differences (exposed for tests and tables).
double wilcoxon_exact_p(std::size_t n, double w_plus);

}  // namespace kenshu::domain
