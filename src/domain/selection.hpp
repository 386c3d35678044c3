// Selection: which teams get which session, by an exact lexicographic optimum, with an explanation for each team.
//
// Pure: no I/O, no clock, no global state. The same input (whatever the order of its teams and sessions) and the same
// seed give the same result, so that anyone holding the published seed can re-run a selection.
//
// The objective, in this order (each level counts only when all the levels before it are equal):
//   1. the most teams of priority tier 1 placed, then of tier 2, … (teams matching no tier rule form a last tier);
//   2. the smallest sum of the preference ranks obtained (rank k for the k-th ranked session; a session taken through
//      "any session" has rank = number of ranked sessions + 1);
//   3. the lottery: the largest  Σ (n + 1 − lottery_position) × (R + 1 − rank)  over placed teams, where n is the
//      number of teams in the input and R the largest rank any team can obtain. A team earlier in the lottery order
//      wins a contested place, or a contested better preference, against any single team later in the order.
// Pinned teams are placed first and are outside the objective; excluded teams and teams whose hospital already has
// a team are not placed.
//
// Guarantees (tests/unit/selection check each):
//   - at most capacity_teams − occupied_teams teams of the run per session, at most K per (session, prefecture), at
//     most one team per hospital (including hospitals_already_selected and pinned teams), pins and exclusions kept;
//   - people: a session never receives more people than capacity_people − occupied_people (pins aside: a pin always
//     holds, and any capacity it overruns is reported in `warnings`);
//   - the result is the exact optimum of the objective above over all assignments meeting every constraint, people
//     included, whenever `people_repair_rounds == 0` (always so when the candidates of each session have one size);
//   - otherwise people capacity is met by lowering the team limit of an overfull session one team at a time and
//     solving again; the result is then the exact optimum under those lowered limits (`SessionCount::team_limit`),
//     which may be below the optimum of the full problem (that one is a knapsack, not a flow).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/application.hpp"
#include "domain/l10n.hpp"

namespace kenshu::domain {

// ---- rules (from the programme file) ----

enum class Designation {
  critical_care_center,           // 救命救急センター, regular or advanced
  advanced_critical_care_center,  // 高度救命救急センター only
  advanced_treatment_hospital,    // 特定機能病院
};

// A hospital is in the tier when it holds one of `any_of` (or `any_of` is empty) and had at least `min_ecmo_cases`
// ECMO cases (VV + VA) last year. Tiers are tried in order; the first that matches is the team's tier.
struct TierRule {
  std::vector<Designation> any_of;
  int min_ecmo_cases = 0;
};

struct SelectionRules {
  std::vector<TierRule> tiers;  // tier k is tiers[k-1]; a team matching none is in tier tiers.size() + 1
  std::optional<int> max_teams_per_prefecture_per_session;  // K
};

// The example: tier 1 critical care centre or advanced treatment hospital with ≥ N ECMO cases, tier 2 the
// same without, tier 3 every other hospital.
SelectionRules default_selection_rules(int min_ecmo_cases);

// ---- input ----

struct SelectionTeam {
  std::string id;
  // The public reference (受付番号, e.g. R7-0012). The lottery draws on it rather than on the id, so that anyone can
  // re-draw a published order from its seed and the published references. Empty: the id is drawn on.
  std::string reference;
  std::string hospital_key;  // teams with the same key are one hospital (at most one selected per year)
  int prefecture_code = 0;
  CriticalCareCenter critical_care_center = CriticalCareCenter::none;
  bool advanced_treatment_hospital = false;
  int ecmo_cases_last_year = 0;  // VV + VA
  int people = 4;                // team size
  std::vector<std::string> preferences;  // ranked session ids, first = most wanted (may name sessions not in the run)
  bool any_session = false;      // after its ranked sessions, any other session of the run will do
  std::optional<std::string> pinned_session;  // staff: place here whatever the rules say
  bool excluded = false;                      // staff: leave out of this run
};

struct SelectionSession {
  std::string id;
  L10n label;  // "東京9/14" / "Tokyo, 14 Sep": explanations say "第1希望の東京9/14回"
  int capacity_teams = 0;
  int capacity_people = 0;
  int occupied_teams = 0;   // places already taken before this run (earlier runs, confirmed teams)
  int occupied_people = 0;
  std::map<int, int> occupied_teams_by_prefecture;  // of those, per prefecture code (for K)
  bool in_run = true;  // false: listed so that explanations can name it; its selection comes later
};

struct SelectionInput {
  std::vector<SelectionTeam> teams;
  std::vector<SelectionSession> sessions;  // every session a team names; those with in_run take part
  SelectionRules rules;
  std::uint64_t seed = 0;
  std::vector<std::string> hospitals_already_selected;  // hospital keys with a team from an earlier run this year
};

// Solver knobs, for tests and benchmarks; the defaults are what production uses.
struct SelectionOptions {
  // Largest |cost| of an arc within one solver stage; 0 = the largest that cannot overflow int64 in NetworkSimplex.
  // Objective levels whose combined weights would exceed it are solved in further stages (exact either way).
  std::int64_t max_arc_cost = 0;
  // Whether the first stage may leave out the teams of the lower tiers and price them in (selection_core.cpp); off
  // only to test that it changes nothing.
  bool core_first_stage = true;
  // Whether a stage whose costs fit 32 bits is solved with 32-bit costs (selection_stage.cpp); off only to test that
  // it changes nothing.
  bool narrow_costs = true;
};

// ---- output ----

enum class TeamOutcome {
  selected,        // placed by the optimisation
  pinned,          // placed by staff
  not_selected,    // eligible, no place (stays in the pool for `later_sessions`)
  excluded,        // left out by staff
  hospital_taken,  // its hospital has another team selected (this run, an earlier one, or a pin)
  no_session,      // it ranked no session of this run and did not accept any session
};

enum class PreferenceReason {
  not_in_run,        // that session is selected later
  full_before_run,   // no place left once earlier and pinned teams are counted
  full_teams,        // every place taken (details in the text)
  full_people,       // the people capacity limits that session to fewer teams, all taken
  prefecture_limit,  // K teams of the team's prefecture already there
  other,             // cannot happen at an optimum; kept so that an explanation is never empty
};

struct PreferenceNote {
  std::string session_id;
  int rank = 0;  // 1-based; ranked sessions + 1 for "any session"
  PreferenceReason reason = PreferenceReason::other;
  // One sentence. Thousands of notes share each sentence, so they share it immutably rather than each copy it.
  std::shared_ptr<const L10n> text;
};

struct TeamResult {
  std::string team_id;
  int tier = 0;  // 1-based
  TeamOutcome outcome = TeamOutcome::not_selected;
  std::optional<std::string> session_id;  // when selected or pinned
  int rank = 0;  // preference rank of session_id; 0 when unplaced or pinned to a session it did not rank
  int lottery_position = 0;  // 1 = first drawn
  std::vector<PreferenceNote> better_preferences;  // every preference better than the one obtained (all, if none)
  std::vector<std::string> later_sessions;  // ranked sessions not in this run, when not placed: still in the pool
  L10n explanation;  // the whole story in a few sentences
};

struct SessionCount {
  std::string session_id;
  std::vector<int> selected_by_tier;  // [tier-1]; this run's optimised placements
  int pinned = 0;
  int teams = 0;   // selected + pinned in this run
  int people = 0;  // of those teams
  int team_limit = 0;  // places offered to the optimisation (after earlier, pinned and people-capacity limits)
  std::vector<std::string> waitlist;  // unplaced eligible teams that would take it: tier, rank, lottery order
};

struct TierCount {
  int tier = 0;
  L10n name;
  int teams = 0;     // in the input
  int eligible = 0;  // taking part in the optimisation
  int selected = 0;  // placed by it
};

// The objective, level by level (see the top of this file), over the optimised (not pinned) placements.
struct SelectionScore {
  std::vector<std::int64_t> selected_by_tier;
  std::int64_t rank_sum = 0;
  std::int64_t lottery = 0;
  friend bool operator==(const SelectionScore&, const SelectionScore&) = default;
};

struct SelectionResult {
  std::uint64_t seed = 0;
  std::vector<TeamResult> teams;        // in input order
  std::vector<SessionCount> sessions;   // in input order, those in the run
  std::vector<TierCount> tiers;
  SelectionScore score;
  std::vector<L10n> warnings;  // pins over capacity, and the like
  int solver_stages = 0;           // NetworkSimplex stages per solve (1 when all weights fit one int64 cost)
  int solver_core = 0;             // of the last solve's first stage: 1 solved without the lower tiers' teams,
                                   // −1 tried so but solved again with every team, 0 not tried
  int solver_narrow_runs = 0;      // simplex runs of the last solve with 32-bit costs (SelectionOptions::narrow_costs)
  int people_repair_rounds = 0;    // 0: the result is the exact optimum of the whole problem
  double solver_ms = 0;            // wall time in the flow solves (stages and fixing), not in building the network
                                   // or the result: what bench selection sets against GLPK's simplex
};

// Throws std::invalid_argument on malformed input: duplicate ids, an unknown or repeated session id, negative
// capacities or occupancy, a team of fewer than one person, a team both pinned and excluded, a pin to a session
// that is not in the run (a pin is applied by the run of its session).
SelectionResult select_teams(const SelectionInput& input, const SelectionOptions& options = {});

// The tier (1-based) of a team under the rules, and the rule as a sentence (for the public page and explanations).
int tier_of(const SelectionTeam& team, const SelectionRules& rules);
L10n tier_name(int tier);
L10n describe_tier(int tier, const SelectionRules& rules);

// The lottery position (1-based) of each name of `names` (distinct; the teams' references) for a seed: a pure function
// of the seed and the names, published in docs/selection.md so that anyone can re-draw it.
std::vector<int> lottery_positions(const std::vector<std::string>& names, std::uint64_t seed);
// The published name of that procedure, recorded with every run: a change of the procedure needs a new name.
inline constexpr const char* kLotteryMethod = "kenshu-lottery-1";

const char* to_string(TeamOutcome o);
const char* to_string(PreferenceReason r);

}  // namespace kenshu::domain
