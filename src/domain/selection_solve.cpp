// The staged solve of the flow network: each stage one NetworkSimplex run, fixed to its optimal face for the next.
//
// Stages. When the levels do not fit one cost within that bound, they are split into stages, each solved after the
// one before has been fixed to its optimal face: with π optimal potentials of a stage, a flow is optimal for that
// stage iff it is feasible and every arc with non-zero reduced cost c + π(u) − π(v) sits where it sits now
// (complementary slackness, which holds for any optimal dual and every optimal primal). So fixing those arcs to their
// current flow and minimising the next levels over what is left is exact; bounds stay integers, so flows stay integral.
// A fixed arc leaves the network of the next stage: its flow moves into the supplies of its two ends.
// (That bound, and why one cost over several levels is exact, are at the top of selection_network.cpp.)
// Which arcs no optimal flow moves (all of them are fixed, not only those with non-zero reduced cost):
// selection_fixing.cpp. The first stage leaves out the teams of the lower tiers when it can: selection_core.cpp.
// One stage's network and simplex run: selection_stage.cpp.
#include <algorithm>
#include <map>
#include <stdexcept>
#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {
namespace {

using std::size_t;

constexpr i64 kCostBound = (i64{1} << 62) - 1;

}  // namespace

// Solves for the given team limit per session; returns the session of each team (−1: not placed).
std::vector<int> FlowModel::solve(const std::vector<int>& team_limit, const SelectionOptions& options) {
  std::vector<int> session(p_.input->teams.size(), -1);
  stages_ = 0;
  core_ = 0;
  narrow_costs_ = options.narrow_costs;
  narrow_runs_ = 0;
  const i64 max_arc_cost = options.max_arc_cost;
  const bool core_first_stage = options.core_first_stage;
  if (levels_.empty()) return session;  // nobody to place

  const i64 nodes = static_cast<i64>(nodes_);
  i64 bound = kCostBound / (2 * nodes + 2);
  if (max_arc_cost > 0) bound = std::min(bound, max_arc_cost);
  const size_t m = src_.size();
  std::vector<int> lower(m, 0), upper = cap_, flow(m, 0);
  i64 total_limit = 0;
  for (const auto& [arc, s] : limit_arcs_) {
    upper[static_cast<size_t>(arc)] = team_limit[static_cast<size_t>(s)];
    total_limit += team_limit[static_cast<size_t>(s)];
  }
  const i64 placeable = std::min<i64>(eligible_, total_limit);
  for (Level& l : levels_) l.spread = spread(l, placeable);

  std::vector<i64> cost(m, 0);
  // When the levels need several stages, the tiers go together, then the rank alone, then the lottery alone: the
  // simplex is quick on few distinct costs, and each stage leaves the next a smaller face. bench selection, when this
  // was chosen: 30 ms in the simplex so, against 44 as (tiers) then (rank, lottery) and over 60 as (tiers, rank) then
  // (lottery).
  std::vector<i64> all;
  const size_t rank_level = levels_.size() - 2;  // the tier levels come before it
  const bool split = !weights(0, levels_.size() - 1, bound, all);
  size_t a = 0;
  while (a < levels_.size()) {
    std::vector<i64> w, next;
    size_t b = a;
    if (!weights(a, a, bound, w)) throw std::overflow_error("selection: an objective level exceeds the cost bound");
    while (b + 1 < levels_.size() && !(split && b + 1 >= rank_level) && weights(a, b + 1, bound, next)) {
      ++b;
      w = next;
    }
    for (size_t c = 0; c < candidates_.size(); ++c) {
      i64 sum = 0;
      for (size_t l = a; l <= b; ++l) sum += w[l - a] * levels_[l].coef[c];  // |sum| ≤ bound, checked in weights()
      cost[static_cast<size_t>(candidate_arcs_[c])] = sum;
    }
    const bool fix = b + 1 < levels_.size();
    // The rank stage runs on the network as it is, the others reversed: on the bench's instance (and on two more
    // drawn alike) the reversed network took a quarter less simplex time in the tier and lottery stages and a quarter
    // more in the rank stage. Both are the same problem; only the simplex's path to the optimum differs.
    const bool reversed = !(split && a == rank_level && b == rank_level);
    const int left_out = a == 0 && core_first_stage ? left_out_tier(placeable) : 0;
    if (left_out == 0) {
      run_stage(lower, upper, cost, flow, fix, reversed);
    } else {
      const std::vector<int> lower_all = lower, upper_all = upper;
      core_ = 1;
      if (!run_core_stage(left_out, lower, upper, cost, flow, fix, reversed)) {
        core_ = -1;
        lower = lower_all;
        upper = upper_all;
        run_stage(lower, upper, cost, flow, fix, reversed);
      }
    }
    ++stages_;
    a = b + 1;
  }
  for (size_t c = 0; c < candidates_.size(); ++c) {
    if (flow[static_cast<size_t>(candidate_arcs_[c])] > 0 && candidates_[c].session != kHub) {
      session[static_cast<size_t>(candidates_[c].team)] = candidates_[c].session;
    }
  }
  assign_hubs(flow, session);
  return session;
}

void FlowModel::assign_hubs(const std::vector<int>& flow, std::vector<int>& session) const {
  std::map<int, std::vector<int>> teams_at;  // hub node → its teams, by id (candidates are in that order)
  for (size_t c = 0; c < candidates_.size(); ++c) {
    if (candidates_[c].session != kHub || flow[static_cast<size_t>(candidate_arcs_[c])] == 0) continue;
    teams_at[tgt_[static_cast<size_t>(candidate_arcs_[c])]].push_back(candidates_[c].team);
  }
  std::map<int, size_t> next;
  for (const HubArc& h : hub_arcs_) {
    for (int k = 0; k < flow[static_cast<size_t>(h.arc)]; ++k) {
      const std::vector<int>& teams = teams_at[h.hub];
      size_t& i = next[h.hub];
      if (i >= teams.size()) throw std::logic_error("selection: hub flow without a team");
      const int t = teams[i++];
      if (rank_of(p_, t, h.session) <= static_cast<int>(team(t).preferences.size())) {
        throw std::logic_error("selection: a hub team would take a session it ranked");
      }
      session[static_cast<size_t>(t)] = h.session;
    }
  }
}

}  // namespace kenshu::domain::selection_detail
