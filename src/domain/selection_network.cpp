// The flow network of a selection and the weights of its objective levels (with the proof that they are exact).
//
// Selection as a min-cost flow (LEMON NetworkSimplex), exact for a lexicographic objective (see selection.hpp).
//
// The network, for the teams taking part (not pinned, not excluded, hospital free, some session of the run wanted):
//
//   source ─1─▶ hospital ─1─▶ team ──cost──▶ (session, prefecture) ─K─▶ session ─limit─▶ sink
//      └──────────────────────────── not placed, cost 0 ────────────────────────────────────┘
//
// The hospital node exists only for a hospital with several teams (one team per hospital); the (session, prefecture)
// node only when K is set. Every unit of flow is one team; a team's arc to a session carries that placement's cost.
//
// Exactness. The objective is a list of levels f_1 … f_L to minimise lexicographically, each linear in the team
// arcs: f_k = −(tier-k teams placed) for each tier, then Σ rank, then −Σ lottery benefit (selection.hpp). All the
// coefficients of one level have one sign, and a feasible flow uses at most one arc per team and at most C teams in
// all (C = min(teams taking part, Σ session limits)), so the values of f_l over feasible flows lie in an interval of
// length at most S_l = the sum of the C largest per-team maxima of |coefficient|.
// Levels a … b are solved together with the single cost  W = Σ_l w_l f_l,  w_b = 1,  w_l = 1 + Σ_{j>l} w_j S_j.
// Claim: W orders flows lexicographically on (f_a, …, f_b). Take flows x, y equal on f_a … f_{l−1} with
// f_l(x) ≤ f_l(y) − 1 (values are integers). Then W(x) − W(y) ≤ −w_l + Σ_{j>l} w_j |f_j(x) − f_j(y)|
//   ≤ −w_l + Σ_{j>l} w_j S_j = −1 < 0.  So a minimum of W is a lexicographic minimum of (f_a … f_b).
// Overflow. NetworkSimplex<int64> starts its artificial arcs at cost 2^62 and keeps node potentials within
// 2^62 + N·M of zero (N nodes, M the largest |arc cost|, potentials being sums of costs along tree paths); a reduced
// cost c + π(u) − π(v) is then below 2^62 + (2N + 1)·M. We require (2N + 2)·M ≤ 2^62 − 1, so no sum leaves int64;
// the total cost, at most C·M, is below that too. Weights are built with checked arithmetic.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {
namespace {

using std::size_t;

i64 checked_mul(i64 a, i64 b) {
  i64 r = 0;
  if (__builtin_mul_overflow(a, b, &r)) throw std::overflow_error("selection: weight overflow");
  return r;
}
i64 checked_add(i64 a, i64 b) {
  i64 r = 0;
  if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("selection: weight overflow");
  return r;
}

}  // namespace

FlowModel::FlowModel(const Prepared& p) : p_(p) {
  const SelectionInput& in = *p.input;
  // Canonical order (by id), so that the order of the input cannot change the result. Ids compare by their first
  // eight bytes as one big-endian number (the same order as the strings') and in full only when those are equal.
  std::vector<std::pair<std::uint64_t, int>> ordered;
  for (size_t t = 0; t < in.teams.size(); ++t) {
    if (!p.eligible[t]) continue;
    const std::string& id = in.teams[t].id;
    std::uint64_t head = 0;
    for (size_t i = 0; i < 8; ++i) head = (head << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
    ordered.emplace_back(head, static_cast<int>(t));
  }
  std::sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : team(a.second).id < team(b.second).id;
  });
  std::vector<int> teams;
  teams.reserve(ordered.size());
  for (const auto& [head, t] : ordered) teams.push_back(t);
  eligible_ = static_cast<int>(teams.size());

  source_ = add_node();
  sink_ = add_node();
  const size_t hospitals = static_cast<size_t>(p.hospitals);
  std::vector<int> per_hospital(hospitals, 0), hospital_node(hospitals, -1);
  for (int t : teams) ++per_hospital[static_cast<size_t>(p.hospital[static_cast<size_t>(t)])];
  std::vector<int> session_node(in.sessions.size(), -1);
  // (session, prefecture) nodes in a table by session and prefecture column.
  const size_t prefectures = p.prefecture_column.size();
  std::vector<int> prefecture_node(in.sessions.size() * prefectures, -1);
  std::vector<int> session_order(in.sessions.size(), 0);  // position of the session in id order
  const auto& K = in.rules.max_teams_per_prefecture_per_session;

  auto session_entry = [&](int s, int prefecture) {
    int& q = session_node[static_cast<size_t>(s)];
    if (q < 0) {
      q = add_node();
      limit_arcs_.emplace_back(add_arc(q, sink_, 0), s);
    }
    if (!K) return q;
    int& node = prefecture_node[static_cast<size_t>(s) * prefectures +
                                static_cast<size_t>(p.prefecture_column.at(prefecture))];
    if (node < 0) {
      node = add_node();
      const auto& fixed = p_.sessions[static_cast<size_t>(s)].fixed_by_prefecture;
      auto f = fixed.find(prefecture);
      add_arc(node, q, std::max(0, *K - (f == fixed.end() ? 0 : f->second)));
    }
    return node;
  };

  // "Any session": one arc per team to a hub of its prefecture, the hub one arc to every session of the run. In a
  // lexicographic optimum no team at a hub reaches a session it ranked itself: moving it onto its own arc there keeps
  // every tier count and improves the rank sum. So the hub's teams can be matched to the hub's sessions in any order
  // (assign_hubs checks it), and the 50 arcs of such a team become one.
  std::vector<int> sessions_by_id;  // of the run, in canonical order
  for (std::size_t s = 0; s < in.sessions.size(); ++s) {
    if (in.sessions[s].in_run) sessions_by_id.push_back(static_cast<int>(s));
  }
  std::vector<int> all_sessions(in.sessions.size());
  for (std::size_t s = 0; s < all_sessions.size(); ++s) all_sessions[s] = static_cast<int>(s);
  std::sort(all_sessions.begin(), all_sessions.end(), [&](int a, int b) {
    return in.sessions[static_cast<std::size_t>(a)].id < in.sessions[static_cast<std::size_t>(b)].id;
  });
  for (std::size_t i = 0; i < all_sessions.size(); ++i) {
    session_order[static_cast<std::size_t>(all_sessions[i])] = static_cast<int>(i);
  }
  auto by_id = [&](int a, int b) {
    return session_order[static_cast<std::size_t>(a)] < session_order[static_cast<std::size_t>(b)];
  };
  std::sort(sessions_by_id.begin(), sessions_by_id.end(), by_id);
  std::map<int, int> hub_node;  // prefecture code (0 without a prefecture limit) → hub node
  auto hub_of = [&](int prefecture) {
    const int key = K ? prefecture : 0;
    auto [it, fresh] = hub_node.emplace(key, 0);
    if (fresh) {
      it->second = add_node();
      for (int s : sessions_by_id) {
        hub_arcs_.push_back({add_arc(it->second, session_entry(s, prefecture), eligible_), it->second, s});
      }
    }
    return it->second;
  };

  std::vector<Choice> choices;  // a team's ranked ones, in canonical order
  for (int t : teams) {
    const SelectionTeam& tm = team(t);
    int tn = add_node();
    const size_t hospital = static_cast<size_t>(p.hospital[static_cast<size_t>(t)]);
    int parent = source_;
    if (per_hospital[hospital] > 1) {
      if (hospital_node[hospital] < 0) {
        hospital_node[hospital] = add_node();
        add_arc(source_, hospital_node[hospital], 1);
      }
      parent = hospital_node[hospital];
    }
    teams_.push_back({t, parent, add_arc(parent, tn, 1), 0, 0});
    TeamNode& ut = teams_.back();
    ut.first_candidate = static_cast<int>(candidates_.size());
    const int ranked = static_cast<int>(tm.preferences.size());
    int any_rank = 0;
    choices.clear();
    for (const Choice& c : p.choices[static_cast<size_t>(t)]) {
      if (c.rank > ranked) {
        any_rank = c.rank;
      } else {
        choices.push_back(c);
      }
    }
    std::sort(choices.begin(), choices.end(), [&](const Choice& a, const Choice& b) {
      return session_order[static_cast<size_t>(a.session)] < session_order[static_cast<size_t>(b.session)];
    });
    for (const Choice& c : choices) {
      candidate_arcs_.push_back(add_arc(tn, session_entry(c.session, tm.prefecture_code), 1));
      candidates_.push_back({t, c.session, c.rank});
    }
    if (any_rank > 0) {
      candidate_arcs_.push_back(add_arc(tn, hub_of(tm.prefecture_code), 1));
      candidates_.push_back({t, kHub, any_rank});
    }
    ut.end_candidate = static_cast<int>(candidates_.size());
  }
  add_arc(source_, sink_, eligible_);  // not placed
  build_levels();
}

void FlowModel::build_levels() {
  const i64 n = static_cast<i64>(p_.input->teams.size());
  const i64 R = p_.max_rank;
  const size_t m = candidates_.size();
  if (m == 0) return;
  std::vector<int> tiers_present(static_cast<size_t>(p_.tier_count) + 1, 0);
  for (const Candidate& c : candidates_) tiers_present[static_cast<size_t>(p_.tier[static_cast<size_t>(c.team)])] = 1;
  for (int k = 1; k <= p_.tier_count; ++k) {
    if (!tiers_present[static_cast<size_t>(k)]) continue;
    Level l;
    l.coef.resize(m);
    for (size_t c = 0; c < m; ++c) l.coef[c] = p_.tier[static_cast<size_t>(candidates_[c].team)] == k ? -1 : 0;
    levels_.push_back(std::move(l));
  }
  Level rank, lottery;
  rank.coef.resize(m);
  lottery.coef.resize(m);
  for (size_t c = 0; c < m; ++c) {
    const Candidate& cd = candidates_[c];
    rank.coef[c] = cd.rank;
    lottery.coef[c] = -(n + 1 - p_.lottery[static_cast<size_t>(cd.team)]) * (R + 1 - cd.rank);
  }
  levels_.push_back(std::move(rank));
  levels_.push_back(std::move(lottery));
  for (Level& l : levels_) {
    for (i64 c : l.coef) l.max_abs = std::max(l.max_abs, c < 0 ? -c : c);
  }
}

// S_l: the sum of the `placeable` largest per-team maxima of |coefficient|. A team's candidates are consecutive.
i64 FlowModel::spread(const Level& l, i64 placeable) const {
  std::vector<i64> v;
  for (size_t c = 0; c < candidates_.size(); ++c) {
    i64 x = l.coef[c] < 0 ? -l.coef[c] : l.coef[c];
    if (c == 0 || candidates_[c].team != candidates_[c - 1].team) {
      v.push_back(x);
    } else {
      v.back() = std::max(v.back(), x);
    }
  }
  // Only which values are among the largest matters, not their order.
  const size_t k = static_cast<size_t>(std::clamp<i64>(placeable, 0, static_cast<i64>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end(), std::greater<>());
  i64 s = 0;
  for (size_t i = 0; i < k; ++i) s = checked_add(s, v[i]);
  return s;
}

// The weights of levels a … b (w[b−a] = 1); false if they, or the largest arc cost they give, exceed `bound`.
bool FlowModel::weights(size_t a, size_t b, i64 bound, std::vector<i64>& w) const {
  try {
    w.assign(b - a + 1, 1);
    i64 tail = 0;  // Σ_{j>l} w_j S_j
    i64 max_cost = levels_[b].max_abs;
    for (size_t l = b; l-- > a;) {
      tail = checked_add(tail, checked_mul(w[l + 1 - a], levels_[l + 1].spread));
      w[l - a] = checked_add(tail, 1);
      max_cost = checked_add(max_cost, checked_mul(w[l - a], levels_[l].max_abs));
    }
    return max_cost <= bound;
  } catch (const std::overflow_error&) {
    return false;
  }
}

}  // namespace kenshu::domain::selection_detail
