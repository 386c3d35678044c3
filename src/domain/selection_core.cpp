// The first stage on the teams of the higher tiers, the lower tiers' teams standing in as a few pooled arcs.
//
// When the teams of the higher tiers are at least as many as the places, the teams of the lower tiers rarely get one,
// yet they are most of the network (bench selection: over half the teams, none placed). So the first stage leaves
// them out, and for each (target, cost) of their arcs adds one pooled arc source → target with that cost and as much
// capacity as teams have such an arc. That relaxes the stage: a left-out team's path source (→ hospital) → t → v
// becomes the pooled arc (its hospital's bound dropped), so every flow of the whole network is one of the relaxed
// network at the same cost. When the relaxed optimum leaves every pooled arc empty, it is a flow of the whole
// network, hence optimal there. A zero-cost cycle of the whole network through a left-out t goes parent → t → v and
// reaches the parent from the source, or at a hospital by undoing another of its teams; either way the same steps
// through the pooled arc (undoing source → hospital instead) cost the same. So when no pooled arc lies on a zero-cost
// cycle (fix_to_face fixes them all), no optimal flow places a left-out team, and every other arc is fixed exactly as
// on the whole network. Otherwise the stage is solved again with every team.
#include <algorithm>
#include <utility>
#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {

using std::size_t;

int FlowModel::left_out_tier(i64 placeable) const {
  std::vector<i64> per_tier(static_cast<size_t>(p_.tier_count) + 1, 0);
  for (const TeamNode& ut : teams_) ++per_tier[static_cast<size_t>(p_.tier[static_cast<size_t>(ut.team)])];
  i64 higher = 0;
  for (int k = 1; k <= p_.tier_count; ++k) {
    if (higher >= placeable && higher > 0) return k;
    higher += per_tier[static_cast<size_t>(k)];
  }
  return 0;
}

bool FlowModel::run_core_stage(int tier, std::vector<int>& lower, std::vector<int>& upper, std::vector<i64>& cost,
                               std::vector<int>& flow, bool fix, bool reversed) {
  const size_t m = src_.size();
  // The left-out arcs by target (a counting sort), then by cost within a target: equal ones become one pooled arc.
  std::vector<int> first(static_cast<size_t>(nodes_) + 1, 0);
  auto each_left_out_arc = [&](auto&& visit) {
    for (const TeamNode& ut : teams_) {
      if (p_.tier[static_cast<size_t>(ut.team)] < tier) continue;
      for (int c = ut.first_candidate; c < ut.end_candidate; ++c) visit(ut, candidate_arcs_[static_cast<size_t>(c)]);
    }
  };
  each_left_out_arc([&](const TeamNode&, int e) { ++first[static_cast<size_t>(tgt_[static_cast<size_t>(e)]) + 1]; });
  for (size_t v = 0; v < static_cast<size_t>(nodes_); ++v) first[v + 1] += first[v];
  std::vector<i64> costs(static_cast<size_t>(first.back()));
  std::vector<int> next(first.begin(), first.end() - 1);
  each_left_out_arc([&](const TeamNode& ut, int arc) {
    const auto e = static_cast<size_t>(arc);
    costs[static_cast<size_t>(next[static_cast<size_t>(tgt_[e])]++)] = cost[e];
    upper[e] = 0;
    upper[static_cast<size_t>(ut.entry_arc)] = 0;
  });
  for (int v = 0; v < nodes_; ++v) {
    const auto begin = costs.begin() + first[static_cast<size_t>(v)];
    const auto end = costs.begin() + first[static_cast<size_t>(v) + 1];
    std::sort(begin, end);
    for (auto i = begin; i != end;) {
      const auto j = std::find_if(i, end, [&](i64 x) { return x != *i; });
      const int capacity = static_cast<int>(j - i);
      add_arc(source_, v, capacity);
      lower.push_back(0);
      upper.push_back(capacity);
      flow.push_back(0);
      cost.push_back(*i);
      i = j;
    }
  }
  run_stage(lower, upper, cost, flow, fix, reversed);
  bool exact = true;
  for (size_t e = m; e < src_.size(); ++e) exact = exact && flow[e] == 0 && (!fix || upper[e] == 0);
  for (auto* v : {&src_, &tgt_, &cap_, &lower, &upper, &flow}) v->resize(m);
  cost.resize(m);
  return exact;
}

}  // namespace kenshu::domain::selection_detail
