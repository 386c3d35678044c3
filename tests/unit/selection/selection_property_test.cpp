// Properties on thousands of random instances (fixed seeds, so every run checks the same instances).
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "selection_testlib.hpp"

using namespace selection_test;

namespace {

constexpr int kInstances = 3000;

struct Placement {
  std::vector<int> session;  // per team, −1 if none
};

Placement placement_of(const SelectionInput& in, const SelectionResult& r, const Reading& rd) {
  Placement p;
  for (const auto& t : r.teams) p.session.push_back(t.session_id ? rd.session.at(*t.session_id) : -1);
  return p;
}

// Every hard constraint, the one-team-per-hospital rule, pins and exclusions; fails the test with `what` otherwise.
void check_feasible(const SelectionInput& in, const SelectionResult& r, const std::string& what) {
  Reading rd = read(in);
  Placement pl = placement_of(in, r, rd);
  ASSERT_EQ(r.teams.size(), in.teams.size()) << what;
  const std::size_t ns = in.sessions.size();
  std::vector<int> teams(ns), people(ns);
  std::vector<std::map<int, int>> by_prefecture(ns);
  std::map<std::string, int> per_hospital;
  std::set<std::string> pinned_hospitals;
  for (const auto& t : in.teams) {
    if (t.pinned_session) pinned_hospitals.insert(t.hospital_key);
  }
  for (std::size_t t = 0; t < in.teams.size(); ++t) {
    const auto& team = in.teams[t];
    const auto& res = r.teams[t];
    ASSERT_EQ(res.team_id, team.id) << what;
    ASSERT_EQ(res.tier, tier_of(team, in.rules)) << what;
    if (team.excluded) {
      ASSERT_EQ(pl.session[t], -1) << what << " excluded " << team.id;
    }
    if (team.pinned_session) {
      ASSERT_EQ(res.outcome, TeamOutcome::pinned) << what;
      ASSERT_EQ(res.session_id, team.pinned_session) << what;
      continue;
    }
    if (pl.session[t] < 0) {
      ASSERT_NE(res.outcome, TeamOutcome::selected) << what;
      continue;
    }
    const int s = pl.session[t];
    ASSERT_EQ(res.outcome, TeamOutcome::selected) << what;
    ASSERT_TRUE(rd.eligible[t]) << what << " placed an ineligible team " << team.id;
    ASSERT_TRUE(in.sessions[static_cast<std::size_t>(s)].in_run) << what;
    ASSERT_EQ(res.rank, rd.rank[t].at(s)) << what << " team " << team.id << " placed at a session it did not want";
    ASSERT_FALSE(pinned_hospitals.count(team.hospital_key)) << what;
    ASSERT_EQ(++per_hospital[team.hospital_key], 1) << what << " two teams of hospital " << team.hospital_key;
    ++teams[static_cast<std::size_t>(s)];
    people[static_cast<std::size_t>(s)] += team.people;
    ++by_prefecture[static_cast<std::size_t>(s)][team.prefecture_code];
  }
  for (std::size_t s = 0; s < ns; ++s) {
    ASSERT_LE(teams[s], rd.remaining_teams[s]) << what << " session " << in.sessions[s].id;
    ASSERT_LE(people[s], rd.remaining_people[s]) << what << " people in session " << in.sessions[s].id;
    if (auto K = in.rules.max_teams_per_prefecture_per_session) {
      for (const auto& [pref, n] : by_prefecture[s]) {
        auto f = rd.fixed_by_prefecture[s].find(pref);
        int fixed = f == rd.fixed_by_prefecture[s].end() ? 0 : f->second;
        ASSERT_LE(n + fixed, std::max(*K, fixed)) << what;
      }
    }
  }
}

// No eligible team of a higher tier is left out while a lower-tier team holds a place the former ranked, when
// swapping the two breaks no constraint.
void check_no_better_swap(const SelectionInput& in, const SelectionResult& r, const std::string& what) {
  Reading rd = read(in);
  Placement pl = placement_of(in, r, rd);
  const std::size_t ns = in.sessions.size();
  std::vector<int> people(ns);
  std::vector<std::map<int, int>> by_prefecture(ns);
  for (std::size_t t = 0; t < in.teams.size(); ++t) {
    if (pl.session[t] < 0 || in.teams[t].pinned_session) continue;
    people[static_cast<std::size_t>(pl.session[t])] += in.teams[t].people;
    ++by_prefecture[static_cast<std::size_t>(pl.session[t])][in.teams[t].prefecture_code];
  }
  std::set<std::string> placed_hospitals;
  for (std::size_t t = 0; t < in.teams.size(); ++t) {
    if (pl.session[t] >= 0) placed_hospitals.insert(in.teams[t].hospital_key);
  }
  for (std::size_t u = 0; u < in.teams.size(); ++u) {
    if (!rd.eligible[u] || pl.session[u] >= 0 || placed_hospitals.count(in.teams[u].hospital_key)) continue;
    for (const auto& [s, rank] : rd.rank[u]) {
      for (std::size_t v = 0; v < in.teams.size(); ++v) {
        if (pl.session[v] != s || in.teams[v].pinned_session || rd.tier[v] <= rd.tier[u]) continue;
        const auto us = static_cast<std::size_t>(s);
        bool people_ok = people[us] - in.teams[v].people + in.teams[u].people <= rd.remaining_people[us];
        bool prefecture_ok = true;
        if (auto K = in.rules.max_teams_per_prefecture_per_session) {
          int pu = in.teams[u].prefecture_code;
          auto f = rd.fixed_by_prefecture[us].find(pu);
          int fixed = f == rd.fixed_by_prefecture[us].end() ? 0 : f->second;
          int there = by_prefecture[us].count(pu) ? by_prefecture[us].at(pu) : 0;
          prefecture_ok = fixed + there - (in.teams[v].prefecture_code == pu ? 1 : 0) + 1 <= *K;
        }
        ASSERT_FALSE(people_ok && prefecture_ok)
            << what << ": tier " << rd.tier[u] << " team " << in.teams[u].id << " left out while tier " << rd.tier[v]
            << " team " << in.teams[v].id << " holds " << in.sessions[us].id;
      }
    }
  }
}

void check_explained(const SelectionInput& in, const SelectionResult& r, const std::string& what) {
  for (std::size_t t = 0; t < in.teams.size(); ++t) {
    const auto& res = r.teams[t];
    ASSERT_FALSE(res.explanation.ja.empty()) << what;
    ASSERT_FALSE(res.explanation.en.empty()) << what;
    ASSERT_NE(res.explanation.ja.find("優先度" + std::to_string(res.tier)), std::string::npos) << what;
    if (res.outcome == TeamOutcome::selected) {
      // Every ranked preference before the one obtained (all of them, when placed through "any session").
      const int ranked = static_cast<int>(in.teams[t].preferences.size());
      ASSERT_EQ(static_cast<int>(res.better_preferences.size()), std::min(res.rank - 1, ranked)) << what;
    }
    for (const auto& note : res.better_preferences) {
      ASSERT_NE(note.reason, PreferenceReason::other) << what << " team " << res.team_id << ": " << note.text->ja;
      ASSERT_FALSE(note.text->ja.empty()) << what;
    }
  }
}

}  // namespace

TEST(SelectionProperties, FeasibleFairExplainedOnRandomInstances) {
  Rng rng(20250701);
  int repaired = 0;
  for (int i = 0; i < kInstances; ++i) {
    Shape shape;
    shape.one_size = i % 3 == 0;
    SelectionInput in = random_instance(rng, shape);
    std::string what = "instance " + std::to_string(i);
    SelectionResult r = select_teams(in);
    check_feasible(in, r, what);
    check_no_better_swap(in, r, what);
    check_explained(in, r, what);
    if (shape.one_size) {
      ASSERT_EQ(r.people_repair_rounds, 0) << what << ": one size folds people exactly";
    }
    repaired += r.people_repair_rounds > 0;
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(repaired, 0) << "the generator should exercise the people repair";
}

TEST(SelectionProperties, SameSeedSameResultWhateverTheOrder) {
  Rng rng(7);
  for (int i = 0; i < kInstances / 3; ++i) {
    SelectionInput in = random_instance(rng, Shape{});
    SelectionResult a = select_teams(in);
    SelectionResult b = select_teams(in);
    std::string what = "instance " + std::to_string(i);
    for (std::size_t t = 0; t < in.teams.size(); ++t) {
      ASSERT_EQ(a.teams[t].session_id, b.teams[t].session_id) << what;
      ASSERT_EQ(a.teams[t].explanation.en, b.teams[t].explanation.en) << what;
    }
    SelectionInput shuffled = in;
    std::reverse(shuffled.teams.begin(), shuffled.teams.end());
    std::rotate(shuffled.sessions.begin(), shuffled.sessions.begin() + 1, shuffled.sessions.end());
    SelectionResult c = select_teams(shuffled);
    ASSERT_EQ(a.score, c.score) << what;
    for (std::size_t t = 0; t < in.teams.size(); ++t) {
      const auto& other = c.teams[in.teams.size() - 1 - t];
      ASSERT_EQ(a.teams[t].session_id, other.session_id) << what << " team " << in.teams[t].id;
      ASSERT_EQ(a.teams[t].lottery_position, other.lottery_position) << what;
    }
  }
}

TEST(SelectionProperties, AnotherSeedChangesOnlyTies) {
  Rng rng(99);
  int changed = 0;
  for (int i = 0; i < kInstances / 3; ++i) {
    SelectionInput in = random_instance(rng, Shape{});
    SelectionResult a = select_teams(in);
    in.seed ^= 0x5555;
    SelectionResult b = select_teams(in);
    std::string what = "instance " + std::to_string(i);
    if (a.people_repair_rounds == 0 && b.people_repair_rounds == 0) {
      // The levels before the lottery are an optimum that does not depend on the seed.
      ASSERT_EQ(a.score.selected_by_tier, b.score.selected_by_tier) << what;
      ASSERT_EQ(a.score.rank_sum, b.score.rank_sum) << what;
    }
    for (std::size_t t = 0; t < in.teams.size(); ++t) changed += a.teams[t].session_id != b.teams[t].session_id;
  }
  EXPECT_GT(changed, 0) << "some ties must fall differently";
}

// Solves random instances with one weighted cost and again under `max_arc_cost`, which splits the objective into
// stages: both are exact, so where neither needed a people repair they are optima of the same problem. Returns how
// many instances the bound solved in `stages` stages (0: in more than one).
int compare_with_single_cost(std::uint64_t seed, std::int64_t max_arc_cost, int stages) {
  Rng rng(seed);
  int counted = 0;
  for (int i = 0; i < kInstances / 3; ++i) {
    SelectionInput in = random_instance(rng, Shape{});
    SelectionResult one = select_teams(in);
    SelectionResult bounded = select_teams(in, SelectionOptions{max_arc_cost});
    std::string what = "instance " + std::to_string(i);
    if (one.people_repair_rounds == 0 && bounded.people_repair_rounds == 0) {
      EXPECT_EQ(one.score, bounded.score) << what;
    }
    counted += stages == 0 ? bounded.solver_stages > 1 : bounded.solver_stages == stages;
    if (bounded.people_repair_rounds == 0) check_feasible(in, bounded, what);
  }
  return counted;
}

TEST(SelectionProperties, StagedSolveMatchesSingleCost) {
  EXPECT_GT(compare_with_single_cost(4242, 64, 0), kInstances / 10);
}

// A cost bound that holds rank and lottery together but not the tiers on top: the tiers, the rank and the lottery are
// then a stage each (selection_solve.cpp), and the optimum is the one a single weighted cost gives.
TEST(SelectionProperties, TiersRankLotteryStagesMatchSingleCost) {
  EXPECT_GT(compare_with_single_cost(8080, 2000, 3), kInstances / 30) << "the bound should split some objectives in 3";
}

// Solves random instances under two sets of options that must not change the optimum, the cost bound alternating
// between none and 64 (one stage and several), and checks that both reach the same score with feasible results;
// `each` then sees both results.
template <typename Each>
void expect_same_optimum(std::uint64_t seed, SelectionOptions a, SelectionOptions b, Each&& each) {
  Rng rng(seed);
  for (int i = 0; i < kInstances; ++i) {
    SelectionInput in = random_instance(rng, Shape{});
    a.max_arc_cost = b.max_arc_cost = i % 2 == 0 ? 0 : 64;
    const SelectionResult ra = select_teams(in, a), rb = select_teams(in, b);
    const std::string what = "instance " + std::to_string(i);
    if (ra.people_repair_rounds == 0 && rb.people_repair_rounds == 0) {
      ASSERT_EQ(ra.score, rb.score) << what;
      check_feasible(in, ra, what);
      check_feasible(in, rb, what);
    }
    each(ra, rb, what);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

// The first stage without the lower tiers' teams (selection_core.cpp) gives the optimum the whole network gives, both
// when its answer stands and when it must solve again, in one stage and in several.
TEST(SelectionProperties, FirstStageWithoutLowerTiersMatchesWholeNetwork) {
  int stood = 0, again = 0;
  SelectionOptions core, whole;
  whole.core_first_stage = false;
  expect_same_optimum(31337, core, whole, [&](const SelectionResult& c, const SelectionResult& w, const auto& what) {
    ASSERT_EQ(w.solver_core, 0) << what;
    stood += c.solver_core == 1;
    again += c.solver_core == -1;
  });
  EXPECT_GT(stood, kInstances / 20) << "the generator should leave teams out and keep the answer";
  EXPECT_GT(again, kInstances / 50) << "the generator should leave teams out and need every team";
}

// 32-bit costs in the stages whose costs fit (selection_stage.cpp) give the optimum that 64-bit costs give, in one
// stage and in several; with them off, every stage runs the 64-bit simplex (the bench's tier stage needs it).
TEST(SelectionProperties, NarrowCostsMatchWideCosts) {
  int narrow_runs = 0, compared = 0;
  SelectionOptions narrow, wide;
  wide.narrow_costs = false;
  expect_same_optimum(4711, narrow, wide, [&](const SelectionResult& n, const SelectionResult& w, const auto& what) {
    ASSERT_EQ(w.solver_narrow_runs, 0) << what;
    narrow_runs += n.solver_narrow_runs;
    compared += n.people_repair_rounds == 0 && w.people_repair_rounds == 0;
  });
  EXPECT_GT(compared, kInstances / 2);
  EXPECT_GT(narrow_runs, kInstances) << "the small instances' stages should fit 32-bit costs";
}
