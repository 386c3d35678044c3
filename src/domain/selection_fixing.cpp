// What a stage fixes for the next: every arc that no optimal flow of the stage moves.
//
// At an optimal flow x with optimal potentials π, every residual arc has reduced cost ≥ 0, so a cycle of the residual
// network costs nothing exactly when all its arcs have reduced cost zero. The optimal flows of the stage are x plus
// such zero-cost cycles. So an arc can take another flow in some optimal flow exactly when its reduced cost is zero
// and its two ends are strongly connected through the residual arcs of reduced cost zero; every other arc keeps its
// flow in every optimal flow and is fixed. This is the whole optimal face, the least the next stage must search.

// Without NDEBUG, LEMON checks the concepts of connectivity.h's graphs by instantiating std::allocator's construct and
// destroy, which C++20 removed; so concept_check.h alone is read as in a release build (its guard keeps it so).
#ifndef NDEBUG
#define NDEBUG
#include <lemon/concept_check.h>
#undef NDEBUG
#endif
#include <lemon/connectivity.h>
#include <lemon/smart_graph.h>

#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {

void FlowModel::fix_to_face(const std::vector<int>& arcs, const std::vector<char>& tight, std::vector<int>& lower,
                            std::vector<int>& upper, const std::vector<int>& flow) const {
  using Graph = lemon::SmartDigraph;
  Graph residual;
  residual.reserveArc(static_cast<int>(2 * arcs.size()));
  // Only the ends of tight arcs take part: an arc that is not tight is fixed whatever the components.
  std::vector<int> node(static_cast<std::size_t>(nodes_), -1);
  auto node_of = [&](int v) {
    int& n = node[static_cast<std::size_t>(v)];
    if (n < 0) n = Graph::id(residual.addNode());
    return Graph::nodeFromId(n);
  };
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    if (!tight[i]) continue;
    const auto e = static_cast<std::size_t>(arcs[i]);
    const Graph::Node u = node_of(src_[e]), v = node_of(tgt_[e]);
    if (flow[e] < upper[e]) residual.addArc(u, v);
    if (flow[e] > lower[e]) residual.addArc(v, u);
  }
  Graph::NodeMap<int> component(residual);
  lemon::stronglyConnectedComponents(residual, component);
  auto component_of = [&](int v) { return component[Graph::nodeFromId(node[static_cast<std::size_t>(v)])]; };
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    const auto e = static_cast<std::size_t>(arcs[i]);
    if (tight[i] && component_of(src_[e]) == component_of(tgt_[e])) continue;
    lower[e] = upper[e] = flow[e];
  }
}

}  // namespace kenshu::domain::selection_detail
