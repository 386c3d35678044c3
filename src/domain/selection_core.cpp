// The first stage on the teams of the higher tiers, the lower tiers' teams standing in as a few pooled arcs.
//
// When the teams of the higher tiers are at least as many as the places, the teams of the lower tiers rarely get one,
// yet they are most of the network (bench selection: three fifths of the teams, none placed). So the first stage
// leaves them out and gives each (parent, target, cost) of their arcs one pooled arc parent → target, with that cost
// and as much capacity as teams have such an arc. That relaxes the stage: each team's path parent → t → v becomes the
// pooled arc, so every flow of the whole network is one of the relaxed network at the same cost.
// When the relaxed optimum leaves every pooled arc empty, it is a flow of the whole network, hence optimal there.
// Its potentials, with π(t) = π(parent) for a left-out t, give t's arcs the reduced costs of the pooled arcs, so a
// zero-cost cycle through t is one through a pooled arc: when no pooled arc lies on one (fix_to_face fixes them all),
// no optimal flow places a left-out team, and every other arc is fixed exactly as on the whole network. Otherwise
// the stage is solved again with every team.
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
                               std::vector<int>& flow, bool fix) {
  const size_t m = src_.size();
  std::vector<std::pair<int, i64>> pooled;  // (target, cost) of each left-out arc; equal ones become one arc
  for (const TeamNode& ut : teams_) {
    if (p_.tier[static_cast<size_t>(ut.team)] < tier) continue;
    upper[static_cast<size_t>(ut.entry_arc)] = 0;
    for (int c = ut.first_candidate; c < ut.end_candidate; ++c) {
      const auto e = static_cast<size_t>(candidate_arcs_[static_cast<size_t>(c)]);
      upper[e] = 0;
      pooled.emplace_back(tgt_[e], cost[e]);
    }
  }
  std::sort(pooled.begin(), pooled.end());
  for (size_t i = 0; i < pooled.size();) {
    size_t j = i;
    while (j < pooled.size() && pooled[j] == pooled[i]) ++j;
    const int capacity = static_cast<int>(j - i);
    add_arc(source_, pooled[i].first, capacity);
    lower.push_back(0);
    upper.push_back(capacity);
    flow.push_back(0);
    cost.push_back(pooled[i].second);
    i = j;
  }
  run_stage(lower, upper, cost, flow, fix);
  bool exact = true;
  for (size_t e = m; e < src_.size(); ++e) exact = exact && flow[e] == 0 && (!fix || upper[e] == 0);
  for (auto* v : {&src_, &tgt_, &cap_, &lower, &upper, &flow}) v->resize(m);
  cost.resize(m);
  return exact;
}

}  // namespace kenshu::domain::selection_detail
