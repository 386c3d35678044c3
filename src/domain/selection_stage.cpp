// One stage: the open arcs as a LEMON network, a NetworkSimplex run, and the flows and potentials read back.
//
// Fixed arcs (lower = upper) only shift the supplies of their ends. Two reductions keep the network small, both exact:
// an arc into a node of zero supply that no open arc leaves (or out of one that no open arc enters) can carry nothing
// and is fixed at zero; and a chain of arcs through series nodes (zero supply, one open arc in and one out: a hospital
// with one team left in the stage, a team with one session left) is one arc of the network, with the tightest bounds
// and the sum of the costs. The flow of a chain is the flow of each of its arcs.
#include <algorithm>
#include <limits>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <stdexcept>
#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {
namespace {

using std::size_t;

// The open arcs in chains: chain k is arcs[first[k] … first[k + 1]), consecutive arcs meeting at series nodes.
struct Chains {
  std::vector<int> first{0};
  std::vector<int> arcs;
  size_t size() const { return first.size() - 1; }
};

}  // namespace

void FlowModel::run_stage(std::vector<int>& lower, std::vector<int>& upper, const std::vector<i64>& cost,
                          std::vector<int>& flow, bool fix) {
  using Graph = lemon::SmartDigraph;
  using Simplex = lemon::NetworkSimplex<Graph, int, i64>;
  const size_t m = src_.size(), n = static_cast<size_t>(nodes_);
  std::vector<int> supply(n, 0);
  supply[static_cast<size_t>(source_)] = eligible_;
  supply[static_cast<size_t>(sink_)] = -eligible_;
  std::vector<int> open_out(n, 0), open_in(n, 0);
  for (size_t e = 0; e < m; ++e) {
    if (lower[e] == upper[e]) {
      supply[static_cast<size_t>(src_[e])] -= lower[e];
      supply[static_cast<size_t>(tgt_[e])] += lower[e];
      flow[e] = lower[e];
    } else {
      ++open_out[static_cast<size_t>(src_[e])];
      ++open_in[static_cast<size_t>(tgt_[e])];
    }
  }
  auto open = [&](size_t e) { return lower[e] < upper[e]; };
  for (size_t e = 0; e < m; ++e) {
    if (!open(e) || lower[e] != 0) continue;
    const size_t u = static_cast<size_t>(src_[e]), v = static_cast<size_t>(tgt_[e]);
    if ((open_out[v] == 0 && supply[v] == 0) || (open_in[u] == 0 && supply[u] == 0)) {
      upper[e] = flow[e] = 0;
      --open_out[u];
      --open_in[v];
    }
  }

  // Chains: from every open arc that does not leave a series node, on through the series nodes it reaches.
  std::vector<int> out_arc(n, -1);
  for (size_t e = 0; e < m; ++e) {
    if (open(e)) out_arc[static_cast<size_t>(src_[e])] = static_cast<int>(e);
  }
  auto series = [&](size_t v) { return supply[v] == 0 && open_in[v] == 1 && open_out[v] == 1; };
  Chains chains;
  size_t open_arcs = 0;
  for (size_t e = 0; e < m; ++e) {
    if (!open(e)) continue;
    ++open_arcs;
    if (series(static_cast<size_t>(src_[e]))) continue;
    for (int a = static_cast<int>(e);;) {
      chains.arcs.push_back(a);
      const auto v = static_cast<size_t>(tgt_[static_cast<size_t>(a)]);
      if (!series(v)) break;
      a = out_arc[v];
    }
    chains.first.push_back(static_cast<int>(chains.arcs.size()));
  }
  if (chains.arcs.size() != open_arcs) throw std::logic_error("selection: a cycle of series nodes");
  if (chains.size() == 0) return;  // the stage before left one optimal flow (LEMON calls an empty network infeasible)

  Graph g;
  g.reserveArc(static_cast<int>(chains.size()));
  std::vector<int> node(n, -1);
  auto node_of = [&](int v) {
    int& id = node[static_cast<size_t>(v)];
    if (id < 0) id = Graph::id(g.addNode());
    return Graph::nodeFromId(id);
  };
  for (size_t k = 0; k < chains.size(); ++k) {
    const auto head = static_cast<size_t>(chains.arcs[static_cast<size_t>(chains.first[k])]);
    const auto tail = static_cast<size_t>(chains.arcs[static_cast<size_t>(chains.first[k + 1] - 1)]);
    g.addArc(node_of(src_[head]), node_of(tgt_[tail]));
  }
  Graph::ArcMap<int> lo(g, 0), hi(g);
  Graph::ArcMap<i64> c(g, 0);
  Graph::NodeMap<int> sup(g, 0);
  for (size_t k = 0; k < chains.size(); ++k) {
    const Graph::Arc arc = Graph::arcFromId(static_cast<int>(k));
    hi[arc] = std::numeric_limits<int>::max();
    for (int i = chains.first[k]; i < chains.first[k + 1]; ++i) {
      const auto e = static_cast<size_t>(chains.arcs[static_cast<size_t>(i)]);
      lo[arc] = std::max(lo[arc], lower[e]);
      hi[arc] = std::min(hi[arc], upper[e]);
      c[arc] += cost[e];  // a chain has at most one team arc: within the cost bound
    }
  }
  for (size_t v = 0; v < n; ++v) {
    if (node[v] >= 0) sup[Graph::nodeFromId(node[v])] = supply[v];
  }
  Simplex simplex(g);
  simplex.lowerMap(lo).upperMap(hi).costMap(c).supplyMap(sup);
  // Block search: the fastest of LEMON's pivot rules on these stages (bench selection: 53 ms in all, against 60 with
  // candidate lists and 66 with altering lists; first-eligible and best-eligible were many times slower).
  if (simplex.run(Simplex::BLOCK_SEARCH) != Simplex::OPTIMAL) throw std::logic_error("selection: flow not optimal");
  for (size_t k = 0; k < chains.size(); ++k) {
    const int f = simplex.flow(Graph::arcFromId(static_cast<int>(k)));
    for (int i = chains.first[k]; i < chains.first[k + 1]; ++i) {
      flow[static_cast<size_t>(chains.arcs[static_cast<size_t>(i)])] = f;
    }
  }
  if (!fix) return;

  // A chain is tight when its reduced cost is zero. Any cycle through a chain's inner node runs the whole chain, so
  // when it is not, no zero-cost cycle touches any of its arcs; when it is, inner potentials can make each arc tight.
  std::vector<char> tight(chains.arcs.size());
  for (size_t k = 0; k < chains.size(); ++k) {
    const Graph::Arc arc = Graph::arcFromId(static_cast<int>(k));
    const bool zero =
        static_cast<i128>(c[arc]) + simplex.potential(g.source(arc)) - simplex.potential(g.target(arc)) == 0;
    for (int i = chains.first[k]; i < chains.first[k + 1]; ++i) tight[static_cast<size_t>(i)] = zero;
  }
  fix_to_face(chains.arcs, tight, lower, upper, flow);
}

}  // namespace kenshu::domain::selection_detail
