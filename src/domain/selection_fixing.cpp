// What a stage fixes for the next: the potentials that fix the most arcs of each team.
//
// Any optimal potentials give the stage's optimal face (see selection_solve.cpp), and a team's node may take any
// potential between the bounds its own arcs set, the rest of the dual staying optimal. Strictly inside those bounds
// every reduced cost of the team is non-zero, so all its arcs are fixed; when the bounds meet, only the arcs that set
// them stay open. The simplex's own potentials put a tree arc with reduced cost zero at every team and so kept nearly
// every team open: with this the second stage of bench selection has a fifth of the arcs.
#include <algorithm>
#include <limits>
#include <stdexcept>
#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {
namespace {

using std::size_t;

}  // namespace

void FlowModel::fix_team(const TeamNode& ut, std::vector<int>& lower, std::vector<int>& upper,
                         const std::vector<i64>& cost, const std::vector<int>& flow, const std::vector<i64>& pi) const {
  auto open = [&](int e) { return lower[static_cast<size_t>(e)] < upper[static_cast<size_t>(e)]; };
  // Each open arc bounds π(t): from below (a floor) or from above (a ceiling). Walked twice, to bound then to fix,
  // so that no list is built for each of thousands of teams.
  auto each_bound = [&](auto&& visit) {
    if (open(ut.entry_arc)) {
      // parent → t, cost 0: rc = π(parent) − π(t); at zero it needs rc ≥ 0, at one rc ≤ 0
      const size_t e = static_cast<size_t>(ut.entry_arc);
      visit(ut.entry_arc, static_cast<i128>(pi[static_cast<size_t>(ut.parent)]), flow[e] > 0);
    }
    for (int c = ut.first_candidate; c < ut.end_candidate; ++c) {
      const int e = candidate_arcs_[static_cast<size_t>(c)];
      if (!open(e)) continue;
      // t → v: rc = cost + π(t) − π(v)
      visit(e, static_cast<i128>(pi[static_cast<size_t>(tgt_[static_cast<size_t>(e)])]) - cost[static_cast<size_t>(e)],
            flow[static_cast<size_t>(e)] == 0);
    }
  };
  i128 lo = std::numeric_limits<i128>::min(), hi = std::numeric_limits<i128>::max();
  each_bound([&](int, i128 value, bool floor) {
    if (floor) {
      lo = std::max(lo, value);
    } else {
      hi = std::min(hi, value);
    }
  });
  if (lo > hi) throw std::logic_error("selection: potentials not dual feasible");
  each_bound([&](int e, i128 value, bool) {
    if (lo == hi && value == lo) return;  // tight: stays open
    lower[static_cast<size_t>(e)] = upper[static_cast<size_t>(e)] = flow[static_cast<size_t>(e)];
  });
}

}  // namespace kenshu::domain::selection_detail
