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

struct Bound {
  int arc;
  i128 value;
};

}  // namespace

void FlowModel::fix_team(const UnitTeam& ut, int parent, std::vector<int>& lower, std::vector<int>& upper,
                         const std::vector<i64>& cost, const std::vector<int>& flow, const std::vector<i64>& pi) const {
  std::vector<Bound> floors, ceilings;  // π(t) ≥ value, π(t) ≤ value
  auto add = [&](int e, i128 value, bool floor) { (floor ? floors : ceilings).push_back({e, value}); };
  auto open = [&](int e) { return lower[static_cast<size_t>(e)] < upper[static_cast<size_t>(e)]; };
  if (open(ut.entry_arc)) {
    // parent → t, cost 0: rc = π(parent) − π(t); at zero it needs rc ≥ 0, at one rc ≤ 0
    add(ut.entry_arc, pi[static_cast<size_t>(parent)], flow[static_cast<size_t>(ut.entry_arc)] > 0);
  }
  for (int c = ut.first_candidate; c < ut.end_candidate; ++c) {
    const int e = candidate_arcs_[static_cast<size_t>(c)];
    if (!open(e)) continue;
    // t → v: rc = cost + π(t) − π(v)
    add(e, static_cast<i128>(pi[static_cast<size_t>(tgt_[static_cast<size_t>(e)])]) - cost[static_cast<size_t>(e)],
        flow[static_cast<size_t>(e)] == 0);
  }
  i128 lo = std::numeric_limits<i128>::min(), hi = std::numeric_limits<i128>::max();
  for (const Bound& b : floors) lo = std::max(lo, b.value);
  for (const Bound& b : ceilings) hi = std::min(hi, b.value);
  if (lo > hi) throw std::logic_error("selection: potentials not dual feasible");
  for (const auto* side : {&floors, &ceilings}) {
    for (const Bound& b : *side) {
      if (lo == hi && b.value == lo) continue;  // tight: stays open
      lower[static_cast<size_t>(b.arc)] = upper[static_cast<size_t>(b.arc)] = flow[static_cast<size_t>(b.arc)];
    }
  }
}

}  // namespace kenshu::domain::selection_detail
