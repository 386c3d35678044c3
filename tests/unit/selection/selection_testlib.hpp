// Shared by the selection tests: a deterministic generator of random instances and an independent reading of an
// instance (who takes part, at which rank), written from the rules in selection.hpp, not from the engine's code.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/selection.hpp"
#include "domain/splitmix64.hpp"

namespace selection_test {

using namespace kenshu::domain;

// Small, fast, and the same sequence on every machine.
using Rng = SplitMix64;

struct Shape {
  int max_teams = 12;
  int max_sessions = 4;
  int max_capacity = 4;
  bool one_size = false;  // every team of 4 people
  bool pins = true;
  bool occupancy = true;
};

inline SelectionInput random_instance(Rng& rng, const Shape& shape) {
  SelectionInput in;
  int ns = rng.uniform(1, shape.max_sessions);
  for (int s = 0; s < ns; ++s) {
    SelectionSession ss;
    ss.id = "s" + std::to_string(s);
    ss.label = {"会場" + std::to_string(s), "Venue " + std::to_string(s)};
    ss.capacity_teams = rng.uniform(0, shape.max_capacity);
    ss.capacity_people = rng.chance(50) ? ss.capacity_teams * 4 : rng.uniform(0, shape.max_capacity * 5);
    if (shape.occupancy && rng.chance(20) && ss.capacity_teams > 0) {
      ss.occupied_teams = rng.uniform(0, ss.capacity_teams);
      ss.occupied_people = ss.occupied_teams * 4;
      if (ss.occupied_teams > 0) ss.occupied_teams_by_prefecture[rng.uniform(1, 3)] = ss.occupied_teams;
    }
    ss.in_run = rng.chance(85);
    in.sessions.push_back(ss);
  }
  std::vector<int> run;
  for (int s = 0; s < ns; ++s) {
    if (in.sessions[static_cast<std::size_t>(s)].in_run) run.push_back(s);
  }
  int nt = rng.uniform(1, shape.max_teams);
  int hospitals = std::max(1, nt * 4 / 5);
  for (int t = 0; t < nt; ++t) {
    SelectionTeam tm;
    tm.id = "t" + std::to_string(t);
    tm.hospital_key = "h" + std::to_string(rng.uniform(0, hospitals - 1));
    tm.prefecture_code = rng.uniform(1, 3);
    tm.critical_care_center = static_cast<CriticalCareCenter>(rng.uniform(0, 2));
    tm.advanced_treatment_hospital = rng.chance(30);
    tm.ecmo_cases_last_year = rng.chance(50) ? 0 : rng.uniform(0, 20);
    tm.people = shape.one_size ? 4 : rng.uniform(2, 6);
    std::vector<int> order(static_cast<std::size_t>(ns));
    for (int s = 0; s < ns; ++s) order[static_cast<std::size_t>(s)] = s;
    for (int i = ns - 1; i > 0; --i) std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(rng.uniform(0, i))]);
    int k = rng.uniform(0, std::min(ns, 3));
    for (int i = 0; i < k; ++i) tm.preferences.push_back("s" + std::to_string(order[static_cast<std::size_t>(i)]));
    tm.any_session = k == 0 ? rng.chance(70) : rng.chance(20);
    if (shape.pins && !run.empty() && rng.chance(5)) {
      tm.pinned_session = "s" + std::to_string(run[static_cast<std::size_t>(rng.uniform(0, static_cast<int>(run.size()) - 1))]);
    } else if (shape.pins && rng.chance(5)) {
      tm.excluded = true;
    }
    in.teams.push_back(tm);
  }
  in.rules = default_selection_rules(rng.uniform(1, 10));
  if (rng.chance(30)) in.rules.tiers.push_back({{Designation::advanced_critical_care_center}, 0});
  if (rng.chance(40)) in.rules.max_teams_per_prefecture_per_session = rng.uniform(0, 2);
  if (rng.chance(15)) in.hospitals_already_selected.push_back("h0");
  in.seed = rng.next();
  return in;
}

// The instance as the rules describe it, computed independently of the engine.
struct Reading {
  std::map<std::string, int> session;  // id → index
  std::vector<std::map<int, int>> rank;  // per team: session index → rank (sessions of the run only)
  std::vector<bool> eligible;
  std::vector<int> tier;
  std::vector<int> remaining_teams, remaining_people;
  std::vector<std::map<int, int>> fixed_by_prefecture;  // occupied + pinned
  int max_rank = 1;
};

inline Reading read(const SelectionInput& in) {
  Reading r;
  for (std::size_t s = 0; s < in.sessions.size(); ++s) r.session[in.sessions[s].id] = static_cast<int>(s);
  std::set<std::string> blocked(in.hospitals_already_selected.begin(), in.hospitals_already_selected.end());
  r.remaining_teams.resize(in.sessions.size());
  r.remaining_people.resize(in.sessions.size());
  r.fixed_by_prefecture.resize(in.sessions.size());
  std::vector<int> pinned(in.sessions.size()), pinned_people(in.sessions.size());
  for (const auto& t : in.teams) {
    if (!t.pinned_session) continue;
    int s = r.session.at(*t.pinned_session);
    blocked.insert(t.hospital_key);
    ++pinned[static_cast<std::size_t>(s)];
    pinned_people[static_cast<std::size_t>(s)] += t.people;
    ++r.fixed_by_prefecture[static_cast<std::size_t>(s)][t.prefecture_code];
  }
  for (std::size_t s = 0; s < in.sessions.size(); ++s) {
    const auto& ss = in.sessions[s];
    r.remaining_teams[s] = std::max(0, ss.capacity_teams - ss.occupied_teams - pinned[s]);
    r.remaining_people[s] = std::max(0, ss.capacity_people - ss.occupied_people - pinned_people[s]);
    for (const auto& [p, c] : ss.occupied_teams_by_prefecture) r.fixed_by_prefecture[s][p] += c;
  }
  for (const auto& t : in.teams) {
    std::map<int, int> ranks;
    for (std::size_t k = 0; k < t.preferences.size(); ++k) {
      int s = r.session.at(t.preferences[k]);
      if (in.sessions[static_cast<std::size_t>(s)].in_run) ranks[s] = static_cast<int>(k) + 1;
    }
    if (t.any_session) {
      for (std::size_t s = 0; s < in.sessions.size(); ++s) {
        bool listed = std::find(t.preferences.begin(), t.preferences.end(), in.sessions[s].id) != t.preferences.end();
        if (in.sessions[s].in_run && !listed) ranks[static_cast<int>(s)] = static_cast<int>(t.preferences.size()) + 1;
      }
    }
    for (const auto& [s, k] : ranks) r.max_rank = std::max(r.max_rank, k);
    r.eligible.push_back(!t.excluded && !t.pinned_session && !blocked.count(t.hospital_key) && !ranks.empty());
    r.rank.push_back(std::move(ranks));
    r.tier.push_back(tier_of(t, in.rules));
  }
  return r;
}

// Lexicographic comparison of scores: > 0 when a is better than b.
inline int compare(const SelectionScore& a, const SelectionScore& b) {
  for (std::size_t k = 0; k < a.selected_by_tier.size(); ++k) {
    if (a.selected_by_tier[k] != b.selected_by_tier[k]) return a.selected_by_tier[k] > b.selected_by_tier[k] ? 1 : -1;
  }
  if (a.rank_sum != b.rank_sum) return a.rank_sum < b.rank_sum ? 1 : -1;
  if (a.lottery != b.lottery) return a.lottery > b.lottery ? 1 : -1;
  return 0;
}

}  // namespace selection_test
