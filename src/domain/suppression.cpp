#include "domain/suppression.hpp"

#include <algorithm>
#include <numeric>

namespace kenshu::domain {

namespace {

// Hides the smallest still-visible group, so one hidden group can never be recovered as total − visible ones.
void hide_complement(std::span<const std::size_t> sizes, std::vector<bool>& hidden) {
  std::optional<std::size_t> pick;
  for (std::size_t i = 0; i < sizes.size(); ++i)
    if (!hidden[i] && (!pick || sizes[i] < sizes[*pick])) pick = i;
  if (pick) hidden[*pick] = true;
}

}  // namespace

bool is_suppressed(std::size_t people, const SuppressionPolicy& policy) { return people < policy.min_group; }

std::vector<bool> groups_to_hide(std::span<const std::size_t> sizes, const SuppressionPolicy& policy) {
  const std::size_t total = std::accumulate(sizes.begin(), sizes.end(), std::size_t{0});
  std::vector<bool> hidden(sizes.size(), is_suppressed(total, policy));
  if (hidden.empty() || hidden.front()) return hidden;
  for (std::size_t i = 0; i < sizes.size(); ++i) hidden[i] = is_suppressed(sizes[i], policy);
  if (std::count(hidden.begin(), hidden.end(), true) == 1) hide_complement(sizes, hidden);
  return hidden;
}

SuppressedCounts suppress_counts(std::size_t total, std::span<const std::size_t> cells, bool cells_partition_total,
                                 const SuppressionPolicy& policy) {
  SuppressedCounts out;
  if (is_suppressed(total, policy)) {
    out.cells.assign(cells.size(), std::nullopt);
    return out;
  }
  out.total = total;
  std::vector<bool> hidden(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) hidden[i] = is_suppressed(cells[i], policy);
  if (cells_partition_total && std::count(hidden.begin(), hidden.end(), true) == 1) hide_complement(cells, hidden);
  for (std::size_t i = 0; i < cells.size(); ++i)
    out.cells.push_back(hidden[i] ? std::nullopt : std::optional<std::size_t>(cells[i]));
  return out;
}

}  // namespace kenshu::domain
