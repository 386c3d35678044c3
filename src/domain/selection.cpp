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
// Stages. When the levels do not fit one cost within that bound, they are split into stages, each solved after the
// one before has been fixed to its optimal face: with π the optimal potentials of a stage, a flow is optimal for that
// stage iff it is feasible and every arc with non-zero reduced cost c + π(u) − π(v) sits where it sits now
// (complementary slackness, which holds for any optimal dual and every optimal primal). So fixing those arcs to their
// current flow and minimising the next levels over what is left is exact; bounds stay integers, so flows stay integral.
// A fixed arc leaves the network of the next stage: its flow moves into the supplies of its two ends.
#include "domain/selection.hpp"

#include <algorithm>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>
#include <tuple>

#include "domain/selection_detail.hpp"

namespace kenshu::domain {
namespace sd = selection_detail;

namespace selection_detail {
int rank_of(const Prepared& p, int team, int session) {
  for (const Choice& c : p.choices[static_cast<std::size_t>(team)]) {
    if (c.session == session) return c.rank;
  }
  return 0;
}
}  // namespace selection_detail

namespace {

using i64 = std::int64_t;
using std::size_t;

constexpr i64 kCostBound = (i64{1} << 62) - 1;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("selection: " + what);
}

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

// ---- checking and indexing the input ----

sd::Prepared prepare(const SelectionInput& in) {
  sd::Prepared p;
  p.input = &in;
  p.tier_count = static_cast<int>(in.rules.tiers.size()) + 1;
  const auto& rules = in.rules;
  require(!rules.max_teams_per_prefecture_per_session || *rules.max_teams_per_prefecture_per_session >= 0,
          "negative prefecture limit");

  for (size_t s = 0; s < in.sessions.size(); ++s) {
    const SelectionSession& ss = in.sessions[s];
    require(!ss.id.empty(), "empty session id");
    require(p.session_index.emplace(ss.id, static_cast<int>(s)).second, "duplicate session id " + ss.id);
    require(ss.capacity_teams >= 0 && ss.capacity_people >= 0 && ss.occupied_teams >= 0 && ss.occupied_people >= 0,
            "negative capacity or occupancy in session " + ss.id);
    for (const auto& [pref, n] : ss.occupied_teams_by_prefecture) {
      require(n >= 0, "negative occupancy by prefecture in session " + ss.id);
    }
  }
  auto session_of = [&](const std::string& id, const std::string& team) {
    auto it = p.session_index.find(id);
    require(it != p.session_index.end(), "team " + team + " names unknown session " + id);
    return it->second;
  };

  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const SelectionTeam& t : in.teams) {
    require(!t.id.empty(), "empty team id");
    require(seen.insert(t.id).second, "duplicate team id " + t.id);
    require(t.people >= 1, "team " + t.id + " has no people");
    require(!(t.excluded && t.pinned_session), "team " + t.id + " is both pinned and excluded");
    ids.push_back(t.id);
  }
  p.lottery = lottery_positions(ids, in.seed);

  const size_t n = in.teams.size();
  p.tier.resize(n);
  p.choices.resize(n);
  p.outcome.assign(n, TeamOutcome::not_selected);
  p.assigned.assign(n, -1);
  for (size_t t = 0; t < n; ++t) {
    const SelectionTeam& team = in.teams[t];
    p.tier[t] = tier_of(team, rules);
    std::set<int> ranked;
    for (size_t k = 0; k < team.preferences.size(); ++k) {
      int s = session_of(team.preferences[k], team.id);
      require(ranked.insert(s).second, "team " + team.id + " ranks session " + team.preferences[k] + " twice");
      if (in.sessions[static_cast<size_t>(s)].in_run) p.choices[t].push_back({s, static_cast<int>(k) + 1});
    }
    if (team.any_session) {
      int any_rank = static_cast<int>(team.preferences.size()) + 1;
      for (size_t s = 0; s < in.sessions.size(); ++s) {
        if (in.sessions[s].in_run && !ranked.count(static_cast<int>(s))) {
          p.choices[t].push_back({static_cast<int>(s), any_rank});
        }
      }
    }
    for (const sd::Choice& c : p.choices[t]) p.max_rank = std::max(p.max_rank, c.rank);
    if (team.pinned_session) {
      int s = session_of(*team.pinned_session, team.id);
      require(in.sessions[static_cast<size_t>(s)].in_run,
              "team " + team.id + " is pinned to session " + team.pinned_session.value() + ", not in this run");
    }
  }

  // Places taken before the optimisation: earlier runs (occupied) and pins.
  p.sessions.resize(in.sessions.size());
  std::set<std::string> blocked(in.hospitals_already_selected.begin(), in.hospitals_already_selected.end());
  std::map<std::string, int> pinned_per_hospital;
  for (size_t t = 0; t < n; ++t) {
    const SelectionTeam& team = in.teams[t];
    if (team.excluded) {
      p.outcome[t] = TeamOutcome::excluded;
    } else if (team.pinned_session) {
      int s = p.session_index.at(*team.pinned_session);
      p.outcome[t] = TeamOutcome::pinned;
      p.assigned[t] = s;
      sd::SessionState& st = p.sessions[static_cast<size_t>(s)];
      ++st.pinned;
      st.pinned_people += team.people;
      ++st.fixed_by_prefecture[team.prefecture_code];
      if (blocked.count(team.hospital_key) || ++pinned_per_hospital[team.hospital_key] > 1) {
        p.warnings.push_back({"チーム" + team.id + "は手動指定ですが、同じ病院のチームが既に選定されています。",
                              "Team " + team.id + " is pinned although its hospital already has a selected team."});
      }
    }
  }
  for (const auto& [hospital, count] : pinned_per_hospital) blocked.insert(hospital);
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] != TeamOutcome::not_selected) continue;
    if (blocked.count(in.teams[t].hospital_key)) {
      p.outcome[t] = TeamOutcome::hospital_taken;
    } else if (p.choices[t].empty()) {
      p.outcome[t] = TeamOutcome::no_session;
    }
  }
  p.eligible.resize(n);
  for (size_t t = 0; t < n; ++t) p.eligible[t] = p.outcome[t] == TeamOutcome::not_selected;

  for (size_t s = 0; s < in.sessions.size(); ++s) {
    const SelectionSession& ss = in.sessions[s];
    sd::SessionState& st = p.sessions[s];
    for (const auto& [pref, count] : ss.occupied_teams_by_prefecture) st.fixed_by_prefecture[pref] += count;
    int free_teams = ss.capacity_teams - ss.occupied_teams;
    int free_people = ss.capacity_people - ss.occupied_people;
    st.remaining_teams = std::max(0, free_teams - st.pinned);
    st.remaining_people = std::max(0, free_people - st.pinned_people);
    st.selected_by_tier.assign(static_cast<size_t>(p.tier_count), 0);
    if (st.pinned > 0 && st.pinned > std::max(0, free_teams)) {
      p.warnings.push_back({ss.label.ja + "回は、手動指定により定員（チーム数）を超えています。",
                            ss.label.en + " is over its team capacity because of pinned teams."});
    }
    if (st.pinned > 0 && st.pinned_people > std::max(0, free_people)) {
      p.warnings.push_back({ss.label.ja + "回は、手動指定により定員（人数）を超えています。",
                            ss.label.en + " is over its people capacity because of pinned teams."});
    }
    if (st.pinned > 0 && rules.max_teams_per_prefecture_per_session) {
      for (const auto& [pref, count] : st.fixed_by_prefecture) {
        if (count > *rules.max_teams_per_prefecture_per_session) {
          p.warnings.push_back({ss.label.ja + "回は、手動指定により同一都道府県の上限を超えています。",
                                ss.label.en + " is over its per-prefecture limit because of pinned teams."});
          break;
        }
      }
    }
  }
  return p;
}

// ---- the network ----

struct Candidate {
  int team = 0;
  int session = 0;
  int rank = 0;
};

struct Level {
  std::vector<i64> coef;  // per candidate
  i64 spread = 0;         // S_l
  i64 max_abs = 0;
};

class FlowModel {
 public:
  explicit FlowModel(const sd::Prepared& p) : p_(p) {
    const SelectionInput& in = *p.input;
    // Canonical order (by id), so that the order of the input cannot change the result.
    std::vector<int> teams;
    for (size_t t = 0; t < in.teams.size(); ++t) {
      if (p.eligible[t]) teams.push_back(static_cast<int>(t));
    }
    std::sort(teams.begin(), teams.end(), [&](int a, int b) { return team(a).id < team(b).id; });
    eligible_ = static_cast<int>(teams.size());

    source_ = add_node();
    sink_ = add_node();
    std::map<std::string, int> per_hospital;
    for (int t : teams) ++per_hospital[team(t).hospital_key];
    std::map<std::string, int> hospital_node;
    std::vector<int> session_node(in.sessions.size(), -1);
    std::map<std::pair<int, int>, int> prefecture_node;
    const auto& K = in.rules.max_teams_per_prefecture_per_session;

    auto session_entry = [&](int s, int prefecture) {
      int& q = session_node[static_cast<size_t>(s)];
      if (q < 0) {
        q = add_node();
        limit_arcs_.emplace_back(add_arc(q, sink_, 0), s);
      }
      if (!K) return q;
      auto [it, fresh] = prefecture_node.emplace(std::make_pair(s, prefecture), 0);
      if (fresh) {
        it->second = add_node();
        const auto& fixed = p_.sessions[static_cast<size_t>(s)].fixed_by_prefecture;
        auto f = fixed.find(prefecture);
        add_arc(it->second, q, std::max(0, *K - (f == fixed.end() ? 0 : f->second)));
      }
      return it->second;
    };

    for (int t : teams) {
      const SelectionTeam& tm = team(t);
      int tn = add_node();
      if (per_hospital[tm.hospital_key] > 1) {
        auto [it, fresh] = hospital_node.emplace(tm.hospital_key, 0);
        if (fresh) {
          it->second = add_node();
          add_arc(source_, it->second, 1);
        }
        add_arc(it->second, tn, 1);
      } else {
        add_arc(source_, tn, 1);
      }
      std::vector<sd::Choice> choices = p.choices[static_cast<size_t>(t)];
      std::sort(choices.begin(), choices.end(), [&](const sd::Choice& a, const sd::Choice& b) {
        return in.sessions[static_cast<size_t>(a.session)].id < in.sessions[static_cast<size_t>(b.session)].id;
      });
      for (const sd::Choice& c : choices) {
        candidate_arcs_.push_back(add_arc(tn, session_entry(c.session, tm.prefecture_code), 1));
        candidates_.push_back({t, c.session, c.rank});
      }
    }
    add_arc(source_, sink_, eligible_);  // not placed
    build_levels();
  }

  // Solves for the given team limit per session; returns the session of each team (−1: not placed).
  std::vector<int> solve(const std::vector<int>& team_limit, i64 max_arc_cost) {
    std::vector<int> session(p_.input->teams.size(), -1);
    stages_ = 0;
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
    size_t a = 0;
    while (a < levels_.size()) {
      std::vector<i64> w, next;
      size_t b = a;
      if (!weights(a, a, bound, w)) throw std::overflow_error("selection: an objective level exceeds the cost bound");
      while (b + 1 < levels_.size() && weights(a, b + 1, bound, next)) {
        ++b;
        w = next;
      }
      for (size_t c = 0; c < candidates_.size(); ++c) {
        i64 sum = 0;
        for (size_t l = a; l <= b; ++l) sum += w[l - a] * levels_[l].coef[c];  // |sum| ≤ bound, checked in weights()
        cost[static_cast<size_t>(candidate_arcs_[c])] = sum;
      }
      run_stage(lower, upper, cost, flow, /*fix=*/b + 1 < levels_.size());
      ++stages_;
      a = b + 1;
    }
    for (size_t c = 0; c < candidates_.size(); ++c) {
      if (flow[static_cast<size_t>(candidate_arcs_[c])] > 0) {
        session[static_cast<size_t>(candidates_[c].team)] = candidates_[c].session;
      }
    }
    return session;
  }

  int stages() const { return stages_; }

 private:
  const SelectionTeam& team(int t) const { return p_.input->teams[static_cast<size_t>(t)]; }

  int add_node() { return nodes_++; }
  int add_arc(int u, int v, int cap) {
    src_.push_back(u);
    tgt_.push_back(v);
    cap_.push_back(cap);
    return static_cast<int>(src_.size()) - 1;
  }

  // One NetworkSimplex run over the arcs not yet fixed (lower < upper); fixed arcs only shift the supplies. With
  // `fix`, then fixes every arc whose reduced cost is not zero at its flow (see the comment at the top).
  void run_stage(std::vector<int>& lower, std::vector<int>& upper, const std::vector<i64>& cost,
                 std::vector<int>& flow, bool fix) {
    using Graph = lemon::SmartDigraph;
    using Simplex = lemon::NetworkSimplex<Graph, int, i64>;
    const size_t m = src_.size();
    std::vector<int> supply(static_cast<size_t>(nodes_), 0);
    supply[static_cast<size_t>(source_)] = eligible_;
    supply[static_cast<size_t>(sink_)] = -eligible_;
    Graph g;
    std::vector<int> node(static_cast<size_t>(nodes_), -1);
    std::vector<int> arcs;  // original arc ids, in the order of g's arcs
    auto node_of = [&](int v) {
      int& n = node[static_cast<size_t>(v)];
      if (n < 0) n = Graph::id(g.addNode());
      return Graph::nodeFromId(n);
    };
    for (size_t e = 0; e < m; ++e) {
      if (lower[e] == upper[e]) {
        supply[static_cast<size_t>(src_[e])] -= lower[e];
        supply[static_cast<size_t>(tgt_[e])] += lower[e];
        flow[e] = lower[e];
        continue;
      }
      g.addArc(node_of(src_[e]), node_of(tgt_[e]));
      arcs.push_back(static_cast<int>(e));
    }
    Graph::ArcMap<int> lo(g), hi(g);
    Graph::ArcMap<i64> c(g);
    Graph::NodeMap<int> sup(g, 0);
    for (size_t i = 0; i < arcs.size(); ++i) {
      Graph::Arc arc = Graph::arcFromId(static_cast<int>(i));
      size_t e = static_cast<size_t>(arcs[i]);
      lo[arc] = lower[e];
      hi[arc] = upper[e];
      c[arc] = cost[e];
    }
    for (int v = 0; v < nodes_; ++v) {
      int n = node[static_cast<size_t>(v)];
      if (n >= 0) sup[Graph::nodeFromId(n)] = supply[static_cast<size_t>(v)];
    }
    Simplex simplex(g);
    simplex.lowerMap(lo).upperMap(hi).costMap(c).supplyMap(sup);
    if (simplex.run() != Simplex::OPTIMAL) throw std::logic_error("selection: flow not optimal");
    for (size_t i = 0; i < arcs.size(); ++i) {
      Graph::Arc arc = Graph::arcFromId(static_cast<int>(i));
      size_t e = static_cast<size_t>(arcs[i]);
      flow[e] = simplex.flow(arc);
      if (!fix) continue;
      __int128 rc = static_cast<__int128>(c[arc]) + simplex.potential(g.source(arc)) - simplex.potential(g.target(arc));
      if (rc != 0) lower[e] = upper[e] = flow[e];
    }
  }

  void build_levels() {
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
  i64 spread(const Level& l, i64 placeable) const {
    std::vector<i64> v;
    for (size_t c = 0; c < candidates_.size(); ++c) {
      i64 x = l.coef[c] < 0 ? -l.coef[c] : l.coef[c];
      if (c == 0 || candidates_[c].team != candidates_[c - 1].team) {
        v.push_back(x);
      } else {
        v.back() = std::max(v.back(), x);
      }
    }
    std::sort(v.rbegin(), v.rend());
    i64 s = 0;
    for (size_t i = 0; i < v.size() && static_cast<i64>(i) < placeable; ++i) s = checked_add(s, v[i]);
    return s;
  }

  // The weights of levels a … b (w[b−a] = 1); false if they, or the largest arc cost they give, exceed `bound`.
  bool weights(size_t a, size_t b, i64 bound, std::vector<i64>& w) const {
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

  const sd::Prepared& p_;
  int nodes_ = 0;
  std::vector<int> src_, tgt_, cap_;  // the network's arcs
  int source_ = 0, sink_ = 0;
  int eligible_ = 0;
  std::vector<Candidate> candidates_;
  std::vector<int> candidate_arcs_;
  std::vector<std::pair<int, int>> limit_arcs_;  // (arc, session)
  std::vector<Level> levels_;
  int stages_ = 0;
};

}  // namespace

SelectionResult select_teams(const SelectionInput& input, const SelectionOptions& options) {
  sd::Prepared p = prepare(input);
  const size_t n = input.teams.size();
  const size_t ns = input.sessions.size();

  // People capacity: no session can take more than ⌊remaining people ÷ smallest candidate⌋ teams, so that bound is
  // part of the limit from the start (exact); what is left over is repaired one team at a time.
  std::vector<int> smallest(ns, std::numeric_limits<int>::max());
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] != TeamOutcome::not_selected) continue;
    for (const sd::Choice& c : p.choices[t]) {
      int& m = smallest[static_cast<size_t>(c.session)];
      m = std::min(m, input.teams[t].people);
    }
  }
  std::vector<int> limit(ns, 0);
  for (size_t s = 0; s < ns; ++s) {
    const sd::SessionState& st = p.sessions[s];
    limit[s] = st.remaining_teams;
    if (smallest[s] != std::numeric_limits<int>::max()) limit[s] = std::min(limit[s], st.remaining_people / smallest[s]);
  }

  FlowModel model(p);
  SelectionResult result;
  std::vector<int> placed;
  for (;;) {
    placed = model.solve(limit, options.max_arc_cost);
    std::vector<int> people(ns, 0), count(ns, 0);
    for (size_t t = 0; t < n; ++t) {
      if (placed[t] < 0) continue;
      people[static_cast<size_t>(placed[t])] += input.teams[t].people;
      ++count[static_cast<size_t>(placed[t])];
    }
    bool over = false;
    for (size_t s = 0; s < ns; ++s) {
      if (people[s] > p.sessions[s].remaining_people) {
        limit[s] = count[s] - 1;
        over = true;
      }
    }
    if (!over) break;
    ++result.people_repair_rounds;
  }
  result.solver_stages = model.stages();

  // Outcomes and per-session figures.
  std::set<std::string> hospitals_placed;
  for (size_t t = 0; t < n; ++t) {
    if (placed[t] >= 0) {
      p.assigned[t] = placed[t];
      p.outcome[t] = TeamOutcome::selected;
      hospitals_placed.insert(input.teams[t].hospital_key);
    }
  }
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] == TeamOutcome::not_selected && hospitals_placed.count(input.teams[t].hospital_key)) {
      p.outcome[t] = TeamOutcome::hospital_taken;
    }
  }
  for (size_t s = 0; s < ns; ++s) p.sessions[s].team_limit = limit[s];
  result.score.selected_by_tier.assign(static_cast<size_t>(p.tier_count), 0);
  const i64 nteams = static_cast<i64>(n);
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] != TeamOutcome::selected) continue;
    sd::SessionState& st = p.sessions[static_cast<size_t>(p.assigned[t])];
    const int tier = p.tier[t];
    ++st.selected_by_tier[static_cast<size_t>(tier - 1)];
    ++st.selected;
    st.selected_people += input.teams[t].people;
    ++st.selected_by_prefecture[input.teams[t].prefecture_code];
    const int rank = sd::rank_of(p, static_cast<int>(t), p.assigned[t]);
    ++result.score.selected_by_tier[static_cast<size_t>(tier - 1)];
    result.score.rank_sum += rank;
    result.score.lottery += (nteams + 1 - p.lottery[t]) * (p.max_rank + 1 - rank);
  }

  result.seed = input.seed;
  result.warnings = p.warnings;
  result.teams.resize(n);
  for (size_t t = 0; t < n; ++t) {
    TeamResult& r = result.teams[t];
    r.team_id = input.teams[t].id;
    r.tier = p.tier[t];
    r.outcome = p.outcome[t];
    r.lottery_position = p.lottery[t];
    if (p.assigned[t] >= 0) {
      r.session_id = input.sessions[static_cast<size_t>(p.assigned[t])].id;
      r.rank = sd::rank_of(p, static_cast<int>(t), p.assigned[t]);
    }
  }

  // Waitlists: the unplaced teams that would take the session, by tier, then rank, then lottery.
  std::vector<std::vector<std::tuple<int, int, int, size_t>>> waiting_for(ns);
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] != TeamOutcome::not_selected) continue;
    for (const sd::Choice& c : p.choices[t]) waiting_for[static_cast<size_t>(c.session)].emplace_back(p.tier[t], c.rank, p.lottery[t], t);
  }
  for (size_t s = 0; s < ns; ++s) {
    if (!input.sessions[s].in_run) continue;
    const sd::SessionState& st = p.sessions[s];
    SessionCount c;
    c.session_id = input.sessions[s].id;
    c.selected_by_tier = st.selected_by_tier;
    c.pinned = st.pinned;
    c.teams = st.selected + st.pinned;
    c.people = st.selected_people + st.pinned_people;
    c.team_limit = st.team_limit;
    std::vector<std::tuple<int, int, int, size_t>>& waiting = waiting_for[s];
    std::sort(waiting.begin(), waiting.end());
    for (const auto& w : waiting) c.waitlist.push_back(input.teams[std::get<3>(w)].id);
    result.sessions.push_back(std::move(c));
  }

  for (int k = 1; k <= p.tier_count; ++k) {
    TierCount c;
    c.tier = k;
    c.name = tier_name(k);
    for (size_t t = 0; t < n; ++t) {
      if (p.tier[t] != k) continue;
      ++c.teams;
      if (p.eligible[t]) ++c.eligible;
      if (p.outcome[t] == TeamOutcome::selected) ++c.selected;
    }
    result.tiers.push_back(std::move(c));
  }

  sd::explain(p, result);
  return result;
}

}  // namespace kenshu::domain
