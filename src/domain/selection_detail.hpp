// Internal to selection*.cpp: the checked, indexed form of a selection input and the state of its solution.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/selection.hpp"

namespace kenshu::domain::selection_detail {

struct Choice {
  int session = 0;  // index into input.sessions (always a session in the run)
  int rank = 0;
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
  std::map<std::string, int> session_index;
  std::vector<int> tier;              // per team
  std::vector<int> lottery;           // per team, 1-based position
  std::vector<std::vector<Choice>> choices;  // per team: sessions of the run it would take, best rank first
  std::vector<TeamOutcome> outcome;   // per team; not_selected for the eligible until solved
  std::vector<int> assigned;          // per team: session index or −1
  std::vector<char> eligible;         // per team: took part in the optimisation
  std::vector<SessionState> sessions;  // per input session
  std::vector<L10n> warnings;
};

// Rank of session s for team t, 0 when t would not take it.
int rank_of(const Prepared& p, int team, int session);

// Fills every TeamResult's notes, later sessions and explanation (the other fields are already set).
void explain(const Prepared& p, SelectionResult& result);

}  // namespace kenshu::domain::selection_detail
