// One stage: the open arcs as a LEMON network, a NetworkSimplex run, and the flows and potentials read back.
//
// Fixed arcs (lower = upper) only shift the supplies of their ends. Two reductions keep the network small, both exact:
// - An arc into a node of zero supply that no open arc leaves (or out of one that no open arc enters) can carry
//   nothing: it is fixed at zero.
// - A node of zero supply whose one open way out cannot bind (lower bound zero, upper bound at least what its open
//   arcs in can bring) is merged into the node that way leads to: a hospital with one team left in the stage, a team
//   with one session left, a (session, prefecture) with fewer teams left than its limit. Its arcs in lead there
//   directly, carrying the way out's cost; the way out carries what comes in, and with the merged node's potential
//   set to make its reduced cost zero (right at any flow, its bounds not binding) every potential stays optimal.
#include <algorithm>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <stdexcept>
#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {
namespace {

using std::size_t;
using Graph = lemon::SmartDigraph;

// The simplex on g, with costs of type Cost; the flow of each arc of g (by id) and the potential of each node (by id).
// Block search: the fastest of LEMON's pivot rules on these stages (bench selection: 53 ms in all, against 60 with
// candidate lists and 66 with altering lists; first-eligible and best-eligible were many times slower).
template <typename Cost>
void simplex_on(const Graph& g, const Graph::ArcMap<int>& lo, const Graph::ArcMap<int>& hi,
                const Graph::ArcMap<i64>& cost, const Graph::NodeMap<int>& supply, std::vector<int>& flow,
                std::vector<i64>& potential) {
  using Simplex = lemon::NetworkSimplex<Graph, int, Cost>;
  Graph::ArcMap<Cost> c(g);
  for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) c[a] = static_cast<Cost>(cost[a]);
  Simplex simplex(g);
  simplex.lowerMap(lo).upperMap(hi).costMap(c).supplyMap(supply);
  if (simplex.run(Simplex::BLOCK_SEARCH) != Simplex::OPTIMAL) throw std::logic_error("selection: flow not optimal");
  flow.resize(static_cast<size_t>(g.arcNum()));
  for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) flow[static_cast<size_t>(Graph::id(a))] = simplex.flow(a);
  potential.resize(static_cast<size_t>(g.nodeNum()));
  for (Graph::NodeIt v(g); v != lemon::INVALID; ++v) {
    potential[static_cast<size_t>(Graph::id(v))] = simplex.potential(v);
  }
}

// 32-bit costs when the bound of selection_network.cpp holds with LEMON's artificial cost for them, 2^30 instead of
// 2^62: (2N + 2)·M ≤ 2^30 − 1, N counting LEMON's root too. Half-size costs and potentials make the pivots quicker
// (the rank stage, whose costs are ranks: 8% less simplex time in bench selection).
bool fits_int32(const Graph& g, const Graph::ArcMap<i64>& cost) {
  i64 largest = 0;
  for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) largest = std::max(largest, cost[a] < 0 ? -cost[a] : cost[a]);
  const i64 nodes = static_cast<i64>(g.nodeNum()) + 1;
  return largest <= ((i64{1} << 30) - 1) / (2 * nodes + 2);
}

}  // namespace

void FlowModel::run_stage(std::vector<int>& lower, std::vector<int>& upper, const std::vector<i64>& cost,
                          std::vector<int>& flow, bool fix, bool reversed) {
  const size_t m = src_.size(), n = static_cast<size_t>(nodes_);
  std::vector<int> supply(n, 0);
  supply[static_cast<size_t>(source_)] = eligible_;
  supply[static_cast<size_t>(sink_)] = -eligible_;
  std::vector<int> open_out(n, 0), open_in(n, 0);
  std::vector<int> arcs;  // every open arc: the loops below run over these alone
  std::vector<int> kept;  // those that are arcs of g, in g's order
  for (size_t e = 0; e < m; ++e) {
    if (lower[e] == upper[e]) {
      supply[static_cast<size_t>(src_[e])] -= lower[e];
      supply[static_cast<size_t>(tgt_[e])] += lower[e];
      flow[e] = lower[e];
    } else {
      ++open_out[static_cast<size_t>(src_[e])];
      ++open_in[static_cast<size_t>(tgt_[e])];
      arcs.push_back(static_cast<int>(e));
    }
  }
  auto open = [&](size_t e) { return lower[e] < upper[e]; };
  for (int a : arcs) {
    const auto e = static_cast<size_t>(a);
    if (lower[e] != 0) continue;
    const size_t u = static_cast<size_t>(src_[e]), v = static_cast<size_t>(tgt_[e]);
    if ((open_out[v] == 0 && supply[v] == 0) || (open_in[u] == 0 && supply[u] == 0)) {
      upper[e] = flow[e] = 0;
      --open_out[u];
      --open_in[v];
    }
  }
  std::erase_if(arcs, [&](int e) { return !open(static_cast<size_t>(e)); });

  // Merged nodes: `way_out[v]` is the open arc a merged node leaves by (−1 for the others).
  std::vector<i64> in_capacity(n, 0);
  std::vector<int> way_out(n, -1);
  for (int a : arcs) {
    const auto e = static_cast<size_t>(a);
    in_capacity[static_cast<size_t>(tgt_[e])] += upper[e];
    way_out[static_cast<size_t>(src_[e])] = a;
  }
  for (size_t v = 0; v < n; ++v) {
    const int e = way_out[v];
    const bool merged = e >= 0 && supply[v] == 0 && open_out[v] == 1 && open_in[v] > 0 &&
                        lower[static_cast<size_t>(e)] == 0 && in_capacity[v] <= upper[static_cast<size_t>(e)];
    if (!merged) way_out[v] = -1;
  }
  // Where a node's arcs in lead once merged nodes are passed through, and the cost of passing (memoised; acyclic).
  std::vector<int> lead(n, -1);
  std::vector<i64> passing(n, 0);
  auto resolve = [&](auto&& self, size_t v) -> int {
    if (lead[v] >= 0) return lead[v];
    const int e = way_out[v];
    if (e < 0) return lead[v] = static_cast<int>(v);
    lead[v] = static_cast<int>(self(self, static_cast<size_t>(tgt_[static_cast<size_t>(e)])));
    passing[v] = cost[static_cast<size_t>(e)] + passing[static_cast<size_t>(tgt_[static_cast<size_t>(e)])];
    return lead[v];
  };

  Graph g;
  std::vector<int> node(n, -1);
  auto node_of = [&](int v) {
    int& id = node[static_cast<size_t>(v)];
    if (id < 0) id = Graph::id(g.addNode());
    return Graph::nodeFromId(id);
  };
  for (int a : arcs) {
    const auto e = static_cast<size_t>(a);
    if (way_out[static_cast<size_t>(src_[e])] == a) continue;  // passed through
    const int to = resolve(resolve, static_cast<size_t>(tgt_[e]));
    if (reversed) g.addArc(node_of(to), node_of(src_[e]));
    else g.addArc(node_of(src_[e]), node_of(to));
    kept.push_back(a);
  }
  if (kept.empty()) return;  // the stage before left one optimal flow (LEMON calls an empty network infeasible)
  Graph::ArcMap<int> lo(g), hi(g);
  Graph::ArcMap<i64> c(g);
  Graph::NodeMap<int> sup(g, 0);
  for (size_t i = 0; i < kept.size(); ++i) {
    const Graph::Arc arc = Graph::arcFromId(static_cast<int>(i));
    const auto e = static_cast<size_t>(kept[i]);
    lo[arc] = lower[e];
    hi[arc] = upper[e];
    c[arc] = cost[e] + passing[static_cast<size_t>(tgt_[e])];  // at most one team arc on the way: within the bound
  }
  for (size_t v = 0; v < n; ++v) {
    if (node[v] >= 0) sup[Graph::nodeFromId(node[v])] = reversed ? -supply[v] : supply[v];
  }
  std::vector<int> g_flow;
  std::vector<i64> g_potential;
  if (narrow_costs_ && fits_int32(g, c)) {
    simplex_on<int>(g, lo, hi, c, sup, g_flow, g_potential);
    ++narrow_runs_;
  } else {
    simplex_on<i64>(g, lo, hi, c, sup, g_flow, g_potential);
  }
  for (size_t i = 0; i < kept.size(); ++i) flow[static_cast<size_t>(kept[i])] = g_flow[i];
  // A merged node's way out carries what its arcs in bring: merged nodes in an order where each comes after those that
  // lead into it (Kahn's), their flows added up on the way.
  std::vector<int> into(n, 0), pending(n, 0), ready;
  for (int e : kept) into[static_cast<size_t>(tgt_[static_cast<size_t>(e)])] += flow[static_cast<size_t>(e)];
  for (size_t v = 0; v < n; ++v) {
    if (way_out[v] >= 0) ++pending[static_cast<size_t>(tgt_[static_cast<size_t>(way_out[v])])];
  }
  for (size_t v = 0; v < n; ++v) {
    if (way_out[v] >= 0 && pending[v] == 0) ready.push_back(static_cast<int>(v));
  }
  while (!ready.empty()) {
    const auto v = static_cast<size_t>(ready.back());
    ready.pop_back();
    const auto e = static_cast<size_t>(way_out[v]);
    flow[e] = into[v];
    const auto w = static_cast<size_t>(tgt_[e]);
    into[w] += flow[e];
    if (way_out[w] >= 0 && --pending[w] == 0) ready.push_back(static_cast<int>(w));
  }
  if (!fix) return;

  std::vector<i64> pi(n, 0);
  for (size_t v = 0; v < n; ++v) {
    // Reversed, an arc's reduced cost is c + π'(v) − π'(u): π = −π'.
    if (node[v] >= 0) pi[v] = (reversed ? -1 : 1) * g_potential[static_cast<size_t>(node[v])];
  }
  for (size_t v = 0; v < n; ++v) {
    if (way_out[v] >= 0) pi[v] = pi[static_cast<size_t>(lead[v])] - passing[v];
  }
  std::vector<char> tight(arcs.size());
  for (size_t i = 0; i < arcs.size(); ++i) {
    const auto e = static_cast<size_t>(arcs[i]);
    tight[i] = static_cast<i128>(cost[e]) + pi[static_cast<size_t>(src_[e])] - pi[static_cast<size_t>(tgt_[e])] == 0;
  }
  fix_to_face(arcs, tight, lower, upper, flow);
}

}  // namespace kenshu::domain::selection_detail
