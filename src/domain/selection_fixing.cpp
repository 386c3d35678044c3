// What a stage fixes for the next: every arc that no optimal flow of the stage moves.
//
// At an optimal flow x with optimal potentials π, every residual arc has reduced cost ≥ 0, so a cycle of the residual
// network costs nothing exactly when all its arcs have reduced cost zero. The optimal flows of the stage are x plus
// such zero-cost cycles. So an arc can take another flow in some optimal flow exactly when its reduced cost is zero
// and its two ends are strongly connected through the residual arcs of reduced cost zero; every other arc keeps its
// flow in every optimal flow and is fixed. This is the whole optimal face, the least the next stage must search.
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
  residual.reserveNode(nodes_);
  residual.reserveArc(static_cast<int>(2 * arcs.size()));
  for (int v = 0; v < nodes_; ++v) residual.addNode();
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    if (!tight[i]) continue;
    const auto e = static_cast<std::size_t>(arcs[i]);
    const Graph::Node u = Graph::nodeFromId(src_[e]), v = Graph::nodeFromId(tgt_[e]);
    if (flow[e] < upper[e]) residual.addArc(u, v);
    if (flow[e] > lower[e]) residual.addArc(v, u);
  }
  Graph::NodeMap<int> component(residual);
  lemon::stronglyConnectedComponents(residual, component);
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    const auto e = static_cast<std::size_t>(arcs[i]);
    if (tight[i] && component[Graph::nodeFromId(src_[e])] == component[Graph::nodeFromId(tgt_[e])]) continue;
    lower[e] = upper[e] = flow[e];
  }
}

}  // namespace kenshu::domain::selection_detail
