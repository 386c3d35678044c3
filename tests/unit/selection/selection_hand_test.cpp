// Small instances worked out by hand: who is placed where, and what each team is told.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

#include "domain/selection.hpp"

using namespace kenshu;
using namespace kenshu::domain;

namespace {

SelectionSession session(const std::string& id, const std::string& ja, int teams, int people = 100) {
  SelectionSession s;
  s.id = id;
  s.label = {ja, ja + " (en)"};
  s.capacity_teams = teams;
  s.capacity_people = people;
  return s;
}

// Tier 1: designated with ≥ 5 ECMO cases; tier 2: designated; tier 3: other (default_selection_rules(5)).
SelectionTeam team(const std::string& id, int tier, std::vector<std::string> prefs, int people = 4) {
  SelectionTeam t;
  t.id = id;
  t.hospital_key = "hosp-" + id;
  t.prefecture_code = 13;
  t.critical_care_center = tier <= 2 ? CriticalCareCenter::regular : CriticalCareCenter::none;
  t.ecmo_cases_last_year = tier == 1 ? 12 : 0;
  t.people = people;
  t.preferences = std::move(prefs);
  return t;
}

const TeamResult& of(const SelectionResult& r, const std::string& id) {
  auto it = std::find_if(r.teams.begin(), r.teams.end(), [&](const TeamResult& t) { return t.team_id == id; });
  if (it == r.teams.end()) throw std::runtime_error("no team " + id);
  return *it;
}

std::string where(const SelectionResult& r, const std::string& id) { return of(r, id).session_id.value_or("-"); }

SelectionInput base() {
  SelectionInput in;
  in.rules = default_selection_rules(5);
  in.seed = 42;
  return in;
}

}  // namespace

TEST(SelectionTiers, FromDesignationsAndCases) {
  SelectionRules rules = default_selection_rules(5);
  SelectionTeam t;
  t.critical_care_center = CriticalCareCenter::advanced;
  t.ecmo_cases_last_year = 5;
  EXPECT_EQ(tier_of(t, rules), 1);
  t.ecmo_cases_last_year = 4;
  EXPECT_EQ(tier_of(t, rules), 2);
  t.critical_care_center = CriticalCareCenter::none;
  EXPECT_EQ(tier_of(t, rules), 3);
  t.advanced_treatment_hospital = true;
  t.ecmo_cases_last_year = 30;
  EXPECT_EQ(tier_of(t, rules), 1);
  t.advanced_treatment_hospital = false;
  EXPECT_EQ(tier_of(t, rules), 3) << "cases alone do not make a priority hospital";

  SelectionRules advanced_first{{{{Designation::advanced_critical_care_center}, 0}, {{}, 1}}, std::nullopt};
  t.critical_care_center = CriticalCareCenter::regular;
  EXPECT_EQ(tier_of(t, advanced_first), 2);
  t.critical_care_center = CriticalCareCenter::advanced;
  EXPECT_EQ(tier_of(t, advanced_first), 1);
  t.critical_care_center = CriticalCareCenter::none;
  t.ecmo_cases_last_year = 0;
  EXPECT_EQ(tier_of(t, advanced_first), 3);
}

TEST(SelectionTiers, DescribedForThePublicPage) {
  SelectionRules rules = default_selection_rules(5);
  EXPECT_EQ(describe_tier(1, rules).ja, "救命救急センターまたは特定機能病院で、前年のECMO実施件数（VV+VA）が5件以上");
  EXPECT_EQ(describe_tier(1, rules).en,
            "critical care centre or advanced treatment hospital, with at least 5 ECMO cases (VV+VA) last year");
  EXPECT_EQ(describe_tier(2, rules).ja, "救命救急センターまたは特定機能病院");
  EXPECT_EQ(describe_tier(3, rules).ja, "上記以外の病院");
  EXPECT_EQ(tier_name(1).ja, "優先度1");
}

// The published procedure (docs/selection.md, "The lottery"): these positions were drawn by scripts/redraw-lottery,
// written from the docs alone. A change here changes every lottery anyone re-draws.
TEST(SelectionLottery, DrawsThePublishedOrder) {
  EXPECT_EQ(lottery_positions({"R7-0001", "R7-0002", "R7-0003", "R7-0004", "R7-0005"}, 7),
            (std::vector<int>{5, 1, 4, 3, 2}));
  EXPECT_EQ(lottery_positions({"第一", "b", "a"}, 18446744073709551615ULL), (std::vector<int>{1, 3, 2}));
}

// Teams are drawn on their public references, so that the published order can be re-drawn without the internal ids.
TEST(SelectionLottery, DrawsOnTheReference) {
  SelectionInput in = base();
  in.seed = 7;
  in.sessions = {session("a", "A", 5)};
  const std::vector<std::string> references{"R7-0001", "R7-0002", "R7-0003", "R7-0004", "R7-0005"};
  for (std::size_t i = 0; i < references.size(); ++i) {
    in.teams.push_back(team("internal-" + std::to_string(i * 7919 % 13), 1, {"a"}));
    in.teams.back().reference = references[i];
  }
  const SelectionResult r = select_teams(in);
  std::vector<int> positions;
  for (const auto& t : in.teams) positions.push_back(of(r, t.id).lottery_position);
  EXPECT_EQ(positions, lottery_positions(references, 7));
}

TEST(SelectionLottery, IsAPermutationFixedBySeedAndIds) {
  std::vector<std::string> ids{"a", "b", "c", "d", "e"};
  auto p = lottery_positions(ids, 7);
  std::vector<int> sorted = p;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(p, lottery_positions(ids, 7));
  std::vector<std::string> reversed(ids.rbegin(), ids.rend());
  auto q = lottery_positions(reversed, 7);
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(p[i], q[ids.size() - 1 - i]) << "order of input matters not";
  bool differs = false;
  for (std::uint64_t seed = 0; seed < 10 && !differs; ++seed) differs = lottery_positions(ids, seed) != p;
  EXPECT_TRUE(differs);
}

TEST(Selection, HigherTierFirstWithTheIssueExplanation) {
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 8), session("osaka", "大阪10/5", 8)};
  for (int i = 0; i < 8; ++i) in.teams.push_back(team("a" + std::to_string(i), 1, {"tokyo"}));
  in.teams.push_back(team("b", 2, {"tokyo", "osaka"}));
  SelectionResult r = select_teams(in);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(where(r, "a" + std::to_string(i)), "tokyo");
  const TeamResult& b = of(r, "b");
  EXPECT_EQ(b.outcome, TeamOutcome::selected);
  EXPECT_EQ(b.session_id, "osaka");
  EXPECT_EQ(b.rank, 2);
  EXPECT_EQ(b.tier, 2);
  ASSERT_EQ(b.better_preferences.size(), 1u);
  EXPECT_EQ(b.better_preferences[0].reason, PreferenceReason::full_teams);
  EXPECT_EQ(b.better_preferences[0].text->ja, "第1希望の東京9/14回は、優先度1のチーム8件で満席です。");
  EXPECT_EQ(b.better_preferences[0].text->en, "Your 1st choice, 東京9/14 (en), is full with 8 teams of priority 1.");
  EXPECT_NE(b.explanation.ja.find("優先度2（救命救急センターまたは特定機能病院）に該当します"), std::string::npos);
  EXPECT_NE(b.explanation.ja.find("第2希望の大阪10/5回に選定されました。"), std::string::npos);
  EXPECT_NE(b.explanation.en.find("Selected for your 2nd choice, 大阪10/5 (en)."), std::string::npos);
  EXPECT_EQ(r.score.selected_by_tier, (std::vector<std::int64_t>{8, 1, 0}));
  EXPECT_EQ(r.score.rank_sum, 8 + 2);
  EXPECT_EQ(r.solver_stages, 1);
  EXPECT_EQ(r.people_repair_rounds, 0);
}

TEST(Selection, LowerTierLeftOutWithMixedHolders) {
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 2)};
  in.teams = {team("t3", 3, {"tokyo"}), team("t2", 2, {"tokyo"}), team("t1", 1, {"tokyo"})};
  SelectionResult r = select_teams(in);
  EXPECT_EQ(where(r, "t1"), "tokyo");
  EXPECT_EQ(where(r, "t2"), "tokyo");
  const TeamResult& t3 = of(r, "t3");
  EXPECT_EQ(t3.outcome, TeamOutcome::not_selected);
  ASSERT_EQ(t3.better_preferences.size(), 1u);
  EXPECT_EQ(t3.better_preferences[0].text->ja, "第1希望の東京9/14回は、優先度1のチーム1件、優先度2のチーム1件で満席です。");
  EXPECT_EQ(t3.better_preferences[0].text->en,
            "Your 1st choice, 東京9/14 (en), is full with 1 team of priority 1 and 1 team of priority 2.");
  EXPECT_NE(t3.explanation.ja.find("今回の選定では選ばれませんでした。"), std::string::npos);
  ASSERT_EQ(r.sessions.size(), 1u);
  EXPECT_EQ(r.sessions[0].waitlist, (std::vector<std::string>{"t3"}));
  EXPECT_EQ(r.sessions[0].selected_by_tier, (std::vector<int>{1, 1, 0}));
  EXPECT_EQ(r.sessions[0].teams, 2);
  EXPECT_EQ(r.sessions[0].people, 8);
  ASSERT_EQ(r.tiers.size(), 3u);
  EXPECT_EQ(r.tiers[2].teams, 1);
  EXPECT_EQ(r.tiers[2].selected, 0);
}

TEST(Selection, PlacingMoreOfATierBeatsBetterRanks) {
  // Tokyo has one place. Placing x there (its 1st choice) would leave y, which only wants Tokyo, out.
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 1), session("osaka", "大阪10/5", 1)};
  in.teams = {team("x", 1, {"tokyo", "osaka"}), team("y", 1, {"tokyo"})};
  SelectionResult r = select_teams(in);
  EXPECT_EQ(where(r, "x"), "osaka");
  EXPECT_EQ(where(r, "y"), "tokyo");
  EXPECT_EQ(of(r, "x").rank, 2);
}

TEST(Selection, BestRanksAmongEqualCounts) {
  // One place each; three tier-1 teams; the assignment minimising the rank sum is unique.
  SelectionInput in = base();
  in.sessions = {session("a", "A", 1), session("b", "B", 1), session("c", "C", 1)};
  in.teams = {team("p", 1, {"a", "b", "c"}), team("q", 1, {"a", "c", "b"}), team("r", 1, {"b", "a", "c"})};
  SelectionResult r = select_teams(in);
  // p→a (1), q→c (2), r→b (1): sum 4; every other full assignment sums to 5 or 6.
  EXPECT_EQ(r.score.rank_sum, 4);
  EXPECT_EQ(where(r, "p"), "a");
  EXPECT_EQ(where(r, "q"), "c");
  EXPECT_EQ(where(r, "r"), "b");
}

TEST(Selection, LotteryDecidesBetweenEqualTeamsAndTheSeedIsReported) {
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 1)};
  in.teams = {team("a", 1, {"tokyo"}), team("b", 1, {"tokyo"}), team("c", 1, {"tokyo"})};
  std::set<std::string> winners;
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    in.seed = seed;
    SelectionResult r = select_teams(in);
    EXPECT_EQ(r.seed, seed);
    std::string winner;
    for (const auto& t : r.teams) {
      if (t.session_id) winner = t.team_id;
    }
    // The winner is the one drawn first.
    EXPECT_EQ(of(r, winner).lottery_position, 1) << "seed " << seed;
    winners.insert(winner);
  }
  EXPECT_EQ(winners.size(), 3u) << "every team wins under some seed";
}

TEST(Selection, LotteryAlsoDecidesWhoGetsTheBetterPreference) {
  // a and b both rank tokyo then osaka, one place each: the earlier in the lottery gets tokyo.
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 1), session("osaka", "大阪10/5", 1)};
  in.teams = {team("a", 2, {"tokyo", "osaka"}), team("b", 2, {"tokyo", "osaka"})};
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    in.seed = seed;
    SelectionResult r = select_teams(in);
    const TeamResult& first = of(r, "a").lottery_position == 1 ? of(r, "a") : of(r, "b");
    EXPECT_EQ(first.session_id, "tokyo");
  }
}

TEST(Selection, OneTeamPerHospital) {
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 5)};
  in.teams = {team("a", 1, {"tokyo"}), team("b", 1, {"tokyo"}), team("c", 2, {"tokyo"})};
  in.teams[1].hospital_key = in.teams[0].hospital_key;
  SelectionResult r = select_teams(in);
  int placed = (of(r, "a").session_id ? 1 : 0) + (of(r, "b").session_id ? 1 : 0);
  EXPECT_EQ(placed, 1);
  const TeamResult& loser = of(r, "a").session_id ? of(r, "b") : of(r, "a");
  EXPECT_EQ(loser.outcome, TeamOutcome::hospital_taken);
  EXPECT_NE(loser.explanation.ja.find("1病院1チーム"), std::string::npos);
  EXPECT_EQ(where(r, "c"), "tokyo");

  in.hospitals_already_selected = {"hosp-c"};
  r = select_teams(in);
  EXPECT_EQ(of(r, "c").outcome, TeamOutcome::hospital_taken);
}

TEST(Selection, PrefectureLimit) {
  SelectionInput in = base();
  in.rules.max_teams_per_prefecture_per_session = 1;
  in.sessions = {session("tokyo", "東京9/14", 5), session("osaka", "大阪10/5", 5)};
  in.teams = {team("a", 1, {"tokyo", "osaka"}), team("b", 2, {"tokyo", "osaka"}), team("c", 3, {"tokyo"})};
  in.teams[2].prefecture_code = 27;
  SelectionResult r = select_teams(in);
  EXPECT_EQ(where(r, "a"), "tokyo");
  EXPECT_EQ(where(r, "b"), "osaka");
  EXPECT_EQ(where(r, "c"), "tokyo");
  ASSERT_EQ(of(r, "b").better_preferences.size(), 1u);
  EXPECT_EQ(of(r, "b").better_preferences[0].reason, PreferenceReason::prefecture_limit);
  EXPECT_EQ(of(r, "b").better_preferences[0].text->ja, "第1希望の東京9/14回は、同じ都道府県（東京都）のチームが上限の1件に達しています。");
  EXPECT_EQ(of(r, "b").better_preferences[0].text->en, "Your 1st choice, 東京9/14 (en), already has the maximum of 1 team from Tokyo.");

  in.sessions[0].occupied_teams = 1;
  in.sessions[0].occupied_people = 4;
  in.sessions[0].occupied_teams_by_prefecture[13] = 1;
  r = select_teams(in);
  EXPECT_EQ(where(r, "a"), "osaka") << "an earlier Tokyo team counts towards the limit";
}

TEST(Selection, PinsAndExclusions) {
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 1), session("osaka", "大阪10/5", 1)};
  in.teams = {team("a", 1, {"tokyo"}), team("b", 3, {"osaka"}), team("c", 1, {"osaka"}), team("d", 2, {"tokyo"})};
  in.teams[1].pinned_session = "tokyo";  // over Tokyo's one place, and not what b asked for
  in.teams[2].excluded = true;
  SelectionResult r = select_teams(in);
  EXPECT_EQ(of(r, "b").outcome, TeamOutcome::pinned);
  EXPECT_EQ(where(r, "b"), "tokyo");
  EXPECT_EQ(of(r, "b").rank, 0);
  EXPECT_NE(of(r, "b").explanation.ja.find("事務局の指定により東京9/14回に選定されました。"), std::string::npos);
  EXPECT_EQ(of(r, "c").outcome, TeamOutcome::excluded);
  EXPECT_FALSE(of(r, "c").session_id);
  EXPECT_EQ(of(r, "a").outcome, TeamOutcome::not_selected);
  ASSERT_EQ(of(r, "a").better_preferences.size(), 1u);
  EXPECT_EQ(of(r, "a").better_preferences[0].reason, PreferenceReason::full_before_run);
  EXPECT_EQ(of(r, "a").better_preferences[0].text->ja, "第1希望の東京9/14回は、既に確定したチームで満席です（事務局指定のチーム1件）。");
  EXPECT_EQ(where(r, "d"), "-");
  EXPECT_TRUE(r.warnings.empty());

  in.teams[3].pinned_session = "tokyo";  // a second pin: over capacity, reported
  r = select_teams(in);
  EXPECT_EQ(where(r, "d"), "tokyo");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].ja.find("定員（チーム数）を超えています"), std::string::npos);
  EXPECT_EQ(r.sessions[0].pinned, 2);
  EXPECT_EQ(r.sessions[0].team_limit, 0);
}

TEST(Selection, AnySessionAndLaterSessions) {
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 1), session("osaka", "大阪10/5", 1), session("sendai", "仙台11/2", 1)};
  in.sessions[2].in_run = false;
  in.teams = {team("a", 1, {"tokyo"}), team("b", 2, {"tokyo"}), team("c", 3, {"sendai", "tokyo"})};
  in.teams[1].any_session = true;
  SelectionResult r = select_teams(in);
  EXPECT_EQ(where(r, "a"), "tokyo");
  EXPECT_EQ(where(r, "b"), "osaka");
  EXPECT_EQ(of(r, "b").rank, 2);
  EXPECT_NE(of(r, "b").explanation.ja.find("「いずれの回でも可」により大阪10/5回に選定されました。"), std::string::npos);
  const TeamResult& c = of(r, "c");
  EXPECT_EQ(c.outcome, TeamOutcome::not_selected);
  EXPECT_EQ(c.later_sessions, (std::vector<std::string>{"sendai"}));
  ASSERT_EQ(c.better_preferences.size(), 2u);
  EXPECT_EQ(c.better_preferences[0].reason, PreferenceReason::not_in_run);
  EXPECT_EQ(c.better_preferences[1].reason, PreferenceReason::full_teams);
  EXPECT_NE(c.explanation.ja.find("今後の選定で、第1希望の仙台11/2回の候補として残ります。"), std::string::npos);
  EXPECT_NE(c.explanation.en.find("You remain a candidate for your 1st choice, 仙台11/2 (en), in a later selection."),
            std::string::npos);
  EXPECT_EQ(r.sessions.size(), 2u) << "only sessions of the run are counted";

  in.teams[2].preferences = {"sendai"};
  r = select_teams(in);
  EXPECT_EQ(of(r, "c").outcome, TeamOutcome::no_session);
  EXPECT_EQ(of(r, "c").later_sessions, (std::vector<std::string>{"sendai"}));
}

// A session out of the run may hold a rank beyond every rank the run's sessions take; each note still names its own
// session and rank (the explanations share a sentence per session, rank and reason).
TEST(Selection, EveryNoteNamesItsOwnSessionAndRank) {
  SelectionInput in = base();
  in.sessions = {session("a", "A", 1), session("b", "B", 1), session("c", "C", 1), session("d", "D", 1),
                 session("e", "E", 1)};
  for (std::size_t s : {0u, 1u, 3u, 4u}) in.sessions[s].in_run = false;
  in.teams = {team("x", 2, {"c", "d", "e", "a"}), team("y", 2, {"b", "c"}), team("z", 1, {"c"})};
  SelectionResult r = select_teams(in);
  EXPECT_EQ(where(r, "z"), "c");
  for (const std::string id : {"x", "y"}) {
    const TeamResult& t = of(r, id);
    ASSERT_EQ(t.outcome, TeamOutcome::not_selected) << id;
    for (const PreferenceNote& note : t.better_preferences) {
      const std::string label = std::string(1, static_cast<char>(std::toupper(note.session_id[0])));
      EXPECT_NE(note.text->ja.find("第" + std::to_string(note.rank) + "希望の" + label + "回は、"), std::string::npos)
          << id << ": " << note.text->ja;
    }
  }
  EXPECT_EQ(of(r, "x").better_preferences.at(3).session_id, "a");
  EXPECT_EQ(of(r, "y").better_preferences.at(0).session_id, "b");
}

TEST(Selection, PeopleCapacityFoldedExactlyForOneSize) {
  // 3 places, 10 people: with teams of 4, only two fit; the bound ⌊10/4⌋ = 2 is in the flow from the start.
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 3, 10)};
  in.teams = {team("a", 1, {"tokyo"}), team("b", 2, {"tokyo"}), team("c", 3, {"tokyo"})};
  SelectionResult r = select_teams(in);
  EXPECT_EQ(r.people_repair_rounds, 0);
  EXPECT_EQ(where(r, "a"), "tokyo");
  EXPECT_EQ(where(r, "b"), "tokyo");
  EXPECT_EQ(where(r, "c"), "-");
  ASSERT_EQ(of(r, "c").better_preferences.size(), 1u);
  EXPECT_EQ(of(r, "c").better_preferences[0].reason, PreferenceReason::full_people);
  EXPECT_EQ(of(r, "c").better_preferences[0].text->ja,
            "第1希望の東京9/14回は、人数の定員（10名）の範囲で受け入れられるチームが、優先度1のチーム1件、優先度2のチーム1件で埋まっています。");
  EXPECT_EQ(r.sessions[0].team_limit, 2);
}

TEST(Selection, PeopleCapacityRepairedForMixedSizes) {
  // 12 people, 3 places: sizes 6, 6, 2 (all tier 1, preferring Tokyo). ⌊12/2⌋ = 6 ≥ 3, so the flow first places
  // all three (14 people); the repair lowers the limit to 2 and solves again.
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 3, 12)};
  in.teams = {team("a", 1, {"tokyo"}, 6), team("b", 1, {"tokyo"}, 6), team("c", 1, {"tokyo"}, 2)};
  SelectionResult r = select_teams(in);
  EXPECT_EQ(r.people_repair_rounds, 1);
  EXPECT_EQ(r.sessions[0].teams, 2);
  EXPECT_LE(r.sessions[0].people, 12);
  EXPECT_EQ(r.sessions[0].team_limit, 2);
}

TEST(Selection, SolverTimeIsReportedForEverySolve) {
  // Two solves (one repair): solver_ms, which bench selection sets against GLPK, is reported and within the call.
  SelectionInput in = base();
  in.sessions = {session("tokyo", "東京9/14", 3, 12)};
  in.teams = {team("a", 1, {"tokyo"}, 6), team("b", 1, {"tokyo"}, 6), team("c", 1, {"tokyo"}, 2)};
  const auto started = std::chrono::steady_clock::now();
  SelectionResult r = select_teams(in);
  const double call_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  ASSERT_EQ(r.people_repair_rounds, 1);
  EXPECT_GT(r.solver_ms, 0.0);
  EXPECT_LE(r.solver_ms, call_ms);
}

TEST(Selection, InputOrderDoesNotMatter) {
  SelectionInput in = base();
  in.sessions = {session("a", "A", 1), session("b", "B", 2)};
  for (int i = 0; i < 6; ++i) in.teams.push_back(team("t" + std::to_string(i), 1 + i % 3, {"a", "b"}));
  SelectionResult r1 = select_teams(in);
  std::reverse(in.teams.begin(), in.teams.end());
  std::reverse(in.sessions.begin(), in.sessions.end());
  SelectionResult r2 = select_teams(in);
  for (const auto& t : r1.teams) {
    EXPECT_EQ(t.session_id, of(r2, t.team_id).session_id) << t.team_id;
    EXPECT_EQ(t.explanation.ja, of(r2, t.team_id).explanation.ja);
  }
}

TEST(Selection, BadInputIsRefused) {
  SelectionInput in = base();
  in.sessions = {session("a", "A", 1)};
  in.teams = {team("x", 1, {"a"}), team("x", 1, {"a"})};
  EXPECT_THROW(select_teams(in), std::invalid_argument);
  in.teams = {team("x", 1, {"nowhere"})};
  EXPECT_THROW(select_teams(in), std::invalid_argument);
  in.teams = {team("x", 1, {"a", "a"})};
  EXPECT_THROW(select_teams(in), std::invalid_argument);
  in.teams = {team("x", 1, {"a"}, 0)};
  EXPECT_THROW(select_teams(in), std::invalid_argument);
  in.teams = {team("x", 1, {"a"})};
  in.teams[0].pinned_session = "a";
  in.teams[0].excluded = true;
  EXPECT_THROW(select_teams(in), std::invalid_argument);
  in.teams[0].excluded = false;
  in.sessions[0].in_run = false;
  EXPECT_THROW(select_teams(in), std::invalid_argument);
  in.sessions = {session("a", "A", -1)};
  in.teams = {team("x", 1, {"a"})};
  EXPECT_THROW(select_teams(in), std::invalid_argument);
  in.sessions = {session("a", "A", 1)};
  in.teams = {team("x", 1, {"a"}), team("y", 1, {"a"})};
  in.teams[0].reference = in.teams[1].reference = "R7-0001";  // the lottery could not tell them apart
  EXPECT_THROW(select_teams(in), std::invalid_argument);
}

TEST(Selection, EmptyAndDegenerateInstances) {
  SelectionInput in = base();
  SelectionResult r = select_teams(in);
  EXPECT_TRUE(r.teams.empty());
  in.sessions = {session("a", "A", 0, 0)};
  in.teams = {team("x", 1, {"a"})};
  r = select_teams(in);
  EXPECT_EQ(of(r, "x").outcome, TeamOutcome::not_selected);
  EXPECT_EQ(of(r, "x").better_preferences.at(0).reason, PreferenceReason::full_before_run);
}

TEST(Selection, StagesGiveTheSameOptimumAsOneWeightedCost) {
  SelectionInput in = base();
  in.sessions = {session("a", "A", 2), session("b", "B", 2), session("c", "C", 1)};
  for (int i = 0; i < 9; ++i) {
    std::vector<std::vector<std::string>> orders{{"a", "b", "c"}, {"b", "c", "a"}, {"c", "a"}, {"a"}};
    in.teams.push_back(team("t" + std::to_string(i), 1 + i % 3, orders[static_cast<std::size_t>(i % 4)]));
  }
  SelectionResult one = select_teams(in);
  EXPECT_EQ(one.solver_stages, 1);
  SelectionResult many = select_teams(in, SelectionOptions{200});
  EXPECT_GT(many.solver_stages, 1);
  EXPECT_EQ(one.score, many.score);
}
