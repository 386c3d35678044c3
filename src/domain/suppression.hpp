// Small-group suppression for aggregates shown outside the secretariat (the Ministry view): a figure built from
// fewer than `min_group` people is withheld, and so is whatever would let it be recovered by subtraction.
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace kenshu::domain {

struct SuppressionPolicy {
  std::size_t min_group = 5;  // cells from fewer people than this are withheld (0 people included)
};

bool is_suppressed(std::size_t people, const SuppressionPolicy& policy = {});

// The value, or nullopt when it was built from too few people (a mean, a median, a Wilcoxon result…).
template <class T>
std::optional<T> unless_small(T value, std::size_t people, const SuppressionPolicy& policy = {}) {
  if (is_suppressed(people, policy)) return std::nullopt;
  return value;
}

// Which groups of a partition to hide (sizes of e.g. doctor/nurse/clinical engineer/other, whose total is shown):
// the small ones, and, when exactly one is small, also the smallest other one, so the total minus the rest
// does not reveal it. When the total itself is small every group is hidden.
std::vector<bool> groups_to_hide(std::span<const std::size_t> sizes, const SuppressionPolicy& policy = {});

// A breakdown of counts (answers per Likert point, per option…) with its total, after suppression.
struct SuppressedCounts {
  std::optional<std::size_t> total;
  std::vector<std::optional<std::size_t>> cells;
};

// `cells_partition_total`: each person is in exactly one cell (Likert, single choice), so subtraction could reveal
// a lone hidden cell. For multiple choice (cells overlap) pass false: only the small cells are hidden.
SuppressedCounts suppress_counts(std::size_t total, std::span<const std::size_t> cells,
                                 bool cells_partition_total = true, const SuppressionPolicy& policy = {});

}  // namespace kenshu::domain
