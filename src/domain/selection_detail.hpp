// Internal to selection*.cpp: the checked, indexed form of a selection input and the state of its solution.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/selection.hpp"

namespace kenshu::domain::selection_detail {

struct Choice {
  int session = 0;  // index into input.sessions (always a session in the run)
  int rank = 0;
};

// Every team's choices in one array, team after team (one allocation instead of one per team).
class ChoiceTable {
 public:
  std::span<const Choice> operator[](std::size_t team) const {
    return {all_.data() + first_[team], first_[team + 1] - first_[team]};
  }
  void add(Choice c) { all_.push_back(c); }
  void end_team() { first_.push_back(all_.size()); }  // after the team's last add

 private:
  std::vector<Choice> all_;
  std::vector<std::size_t> first_{0};
};

struct SessionState {
  int remaining_teams = 0;   // capacity − occupied − pinned, ≥ 0: what the run may fill
  int remaining_people = 0;  // the same in people
  int pinned = 0;
  int pinned_people = 0;
  std::map<int, int> fixed_by_prefecture;  // occupied + pinned, per prefecture code
  int team_limit = 0;  // remaining_teams, lowered for people capacity
  // Filled from the solution:
  std::vector<int> selected_by_tier;
  int selected = 0;
  int selected_people = 0;
  std::map<int, int> selected_by_prefecture;
};

struct Prepared {
  const SelectionInput* input = nullptr;
  int tier_count = 0;  // rules.tiers.size() + 1
  int max_rank = 1;    // R
  std::unordered_map<std::string, int> session_index;
  std::vector<int> tier;              // per team
  std::vector<int> lottery;           // per team, 1-based position
  ChoiceTable choices;                // per team: sessions of the run it would take, best rank first
  // Per team t: its ranked sessions (in the run or not), best first: ranked[ranked_first[t] … ranked_first[t + 1]).
  std::vector<int> ranked_first, ranked;
  std::vector<int> hospital;          // per team: its hospital's index (teams with the same key share it)
  int hospitals = 0;
  // Prefecture code → column, over every team's prefecture: the (session, prefecture) tables' second index.
  std::unordered_map<int, int> prefecture_column;
  std::vector<TeamOutcome> outcome;   // per team; not_selected for the eligible until solved
  std::vector<int> assigned;          // per team: session index or −1
  std::vector<char> eligible;         // per team: took part in the optimisation
  std::vector<SessionState> sessions;  // per input session
  std::vector<L10n> warnings;
};

using i64 = std::int64_t;
using i128 = __int128;

// Checks and indexes the input (throws std::invalid_argument on a malformed one).
Prepared prepare(const SelectionInput& in);

// ---- the flow network (selection_network.cpp) and its staged solve (selection_solve.cpp) ----

struct Candidate {
  int team = 0;
  int session = 0;  // kHub: the team's arc to the "any session" hub of its prefecture
  int rank = 0;
};
constexpr int kHub = -1;

struct Level {
  std::vector<i64> coef;  // per candidate
  i64 spread = 0;         // S_l
  i64 max_abs = 0;
};

class FlowModel {
 public:
  explicit FlowModel(const Prepared& p);

  // Solves for the given team limit per session; returns the session of each team (−1: not placed).
  std::vector<int> solve(const std::vector<int>& team_limit, const SelectionOptions& options);

  int stages() const { return stages_; }
  int core() const { return core_; }  // SelectionResult::solver_core
  int narrow_runs() const { return narrow_runs_; }  // SelectionResult::solver_narrow_runs

 private:
  const SelectionTeam& team(int t) const { return p_.input->teams[static_cast<std::size_t>(t)]; }

  int add_node() { return nodes_++; }
  int add_arc(int u, int v, int cap) {
    src_.push_back(u);
    tgt_.push_back(v);
    cap_.push_back(cap);
    return static_cast<int>(src_.size()) - 1;
  }

  // A team's node: the arc into it from its parent and its candidates [first, end). The parent is the source, or,
  // when the team's hospital has several teams, the hospital's node, which the source feeds through one arc (one team
  // per hospital).
  struct TeamNode {
    int team = 0;  // index into input.teams
    int parent = 0;
    int entry_arc = 0;
    int first_candidate = 0;
    int end_candidate = 0;
  };
  struct HubArc {
    int arc = 0;
    int hub = 0;
    int session = 0;
  };

  // One NetworkSimplex run over the arcs not yet fixed (lower < upper); fixed arcs only shift the supplies. With
  // `fix`, then fixes every arc that no optimal flow moves. `reversed`: the simplex runs on the reversed network, the
  // same problem, which it solves quicker for some stages (selection_stage.cpp).
  void run_stage(std::vector<int>& lower, std::vector<int>& upper, const std::vector<i64>& cost,
                 std::vector<int>& flow, bool fix, bool reversed);
  // The first stage without the teams of tier ≥ left_out_tier(), pooled; false when its answer does not stand for the
  // whole network (lower and upper are then to be restored). selection_core.cpp.
  int left_out_tier(i64 placeable) const;
  bool run_core_stage(int tier, std::vector<int>& lower, std::vector<int>& upper, std::vector<i64>& cost,
                      std::vector<int>& flow, bool fix, bool reversed);
  // Fixes every arc of the stage (`arcs`, tight: reduced cost zero) that no optimal flow moves (selection_fixing.cpp).
  void fix_to_face(const std::vector<int>& arcs, const std::vector<char>& tight, std::vector<int>& lower,
                   std::vector<int>& upper, const std::vector<int>& flow) const;

  // The session of each team at a hub, from the hub's flows (see selection_network.cpp).
  void assign_hubs(const std::vector<int>& flow, std::vector<int>& session) const;

  void build_levels();

  // S_l: the sum of the `placeable` largest per-team maxima of |coefficient|. A team's candidates are consecutive.
  i64 spread(const Level& l, i64 placeable) const;

  // The weights of levels a … b (w[b−a] = 1); false if they, or the largest arc cost they give, exceed `bound`.
  bool weights(std::size_t a, std::size_t b, i64 bound, std::vector<i64>& w) const;

  const Prepared& p_;
  int nodes_ = 0;
  std::vector<int> src_, tgt_, cap_;  // the network's arcs
  int source_ = 0, sink_ = 0;
  int eligible_ = 0;
  std::vector<Candidate> candidates_;
  std::vector<int> candidate_arcs_;
  std::vector<std::pair<int, int>> limit_arcs_;  // (arc, session)
  std::vector<HubArc> hub_arcs_;
  std::vector<TeamNode> teams_;  // in the order of their nodes
  std::vector<Level> levels_;
  int stages_ = 0;
  int core_ = 0;
  bool narrow_costs_ = true;  // SelectionOptions::narrow_costs, for the stages of this solve
  int narrow_runs_ = 0;
};

// Records the placements (and the final team limits) in p and fills result from it (selection_result.cpp).
void assemble(Prepared& p, const std::vector<int>& placed, const std::vector<int>& limit, SelectionResult& result);

// Rank of session s for team t, 0 when t would not take it.
int rank_of(const Prepared& p, int team, int session);

// Fills every TeamResult's notes, later sessions and explanation (the other fields are already set).
void explain(const Prepared& p, SelectionResult& result);

}  // namespace kenshu::domain::selection_detail
