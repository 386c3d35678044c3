#include "domain/wilcoxon.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace kenshu::domain {

namespace {

double mean_of(std::span<const double> v) {
  return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double median_of(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t m = v.size() / 2;
  return v.size() % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2.0;
}

// Subtraction leaves representation noise (0.3−0.1 ≠ 0.2); 12 significant digits removes it before ties are judged.
double snap(double x) {
  char buf[64];
  const auto w = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific, 11);
  double y = x;
  std::from_chars(buf, w.ptr, y, std::chars_format::scientific);
  return y;
}

struct Ranked {
  std::vector<double> ranks;  // aligned with the input
  double tie_term = 0.0;      // Σ(t³ − t) over tie groups
  bool has_ties = false;
};

// Average ranks (1-based) of the values, ties sharing the mean of the ranks they span.
Ranked average_ranks(const std::vector<double>& values) {
  Ranked out;
  out.ranks.resize(values.size());
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j + 1)) / 2.0;
    for (std::size_t k = i; k <= j; ++k) out.ranks[order[k]] = rank;
    const auto t = static_cast<double>(j - i + 1);
    if (t > 1) {
      out.has_ties = true;
      out.tie_term += t * t * t - t;
    }
    i = j + 1;
  }
  return out;
}

double normal_two_sided_p(double z) { return std::min(1.0, std::erfc(std::fabs(z) / std::sqrt(2.0))); }

}  // namespace

double wilcoxon_exact_p(std::size_t n, double w_plus) {
  const std::size_t max_w = n * (n + 1) / 2;
  // counts[w] = number of sign patterns whose positive ranks sum to w; 2^n fits a double exactly for n <= 52.
  std::vector<double> counts(max_w + 1, 0.0);
  counts[0] = 1.0;
  for (std::size_t rank = 1; rank <= n; ++rank)
    for (std::size_t w = max_w; w >= rank; --w) counts[w] += counts[w - rank];
  const double total = std::ldexp(1.0, static_cast<int>(n));
  const auto w = static_cast<std::size_t>(std::clamp(std::llround(w_plus), 0LL, static_cast<long long>(max_w)));
  double lower = 0.0;
  double upper = 0.0;
  for (std::size_t k = 0; k <= max_w; ++k) {
    if (k <= w) lower += counts[k];
    if (k >= w) upper += counts[k];
  }
  return std::min(1.0, 2.0 * std::min(lower, upper) / total);
}

WilcoxonResult wilcoxon_signed_rank(std::span<const double> before, std::span<const double> after,
                                    const WilcoxonOptions& options) {
  if (before.size() != after.size()) throw std::invalid_argument("wilcoxon.size_mismatch");
  for (std::size_t i = 0; i < before.size(); ++i)
    if (!std::isfinite(before[i]) || !std::isfinite(after[i])) throw std::invalid_argument("wilcoxon.not_finite");

  WilcoxonResult r;
  r.n_pairs = before.size();
  r.mean_before = mean_of(before);
  r.mean_after = mean_of(after);
  r.median_before = median_of({before.begin(), before.end()});
  r.median_after = median_of({after.begin(), after.end()});

  std::vector<double> all_d;
  std::vector<double> abs_d;
  std::vector<bool> positive;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const double d = snap(after[i] - before[i]);
    all_d.push_back(d);
    if (d == 0.0) continue;  // Wilcoxon's method: no change carries no sign
    abs_d.push_back(std::fabs(d));
    positive.push_back(d > 0);
  }
  r.mean_difference = mean_of(all_d);
  r.median_difference = median_of(all_d);
  r.n_used = abs_d.size();
  r.n_zero = r.n_pairs - r.n_used;
  if (r.n_used == 0) return r;

  const Ranked ranked = average_ranks(abs_d);
  for (std::size_t i = 0; i < abs_d.size(); ++i) (positive[i] ? r.w_plus : r.w_minus) += ranked.ranks[i];
  r.statistic = std::min(r.w_plus, r.w_minus);
  r.has_ties = ranked.has_ties;

  const auto n = static_cast<double>(r.n_used);
  const double mean = n * (n + 1.0) / 4.0;
  const double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - ranked.tie_term / 48.0;
  const double diff = r.w_plus - mean;
  const double correction = options.continuity_correction ? 0.5 * ((diff > 0) - (diff < 0)) : 0.0;
  r.z = variance > 0 ? (diff - correction) / std::sqrt(variance) : 0.0;
  r.r = *r.z / std::sqrt(n);

  r.exact = r.n_used <= options.exact_max_n && !r.has_ties && r.n_zero == 0;
  r.p_value = r.exact ? wilcoxon_exact_p(r.n_used, r.w_plus) : normal_two_sided_p(*r.z);
  return r;
}

}  // namespace kenshu::domain
