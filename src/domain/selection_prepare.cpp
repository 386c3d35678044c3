// Checking and indexing a selection input into the Prepared form the solver and the result work from.
#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {

int rank_of(const Prepared& p, int team, int session) {
for (const Choice& c : p.choices[static_cast<std::size_t>(team)]) {
  if (c.session == session) return c.rank;
}
return 0;
}

namespace {

using std::size_t;

// The message is built only on failure: the checks run for every team of a large run.
template <typename... Parts>
void require(bool ok, const Parts&... what) {
  if (!ok) throw std::invalid_argument((std::string("selection: ") + ... + std::string(what)));
}

}  // namespace

Prepared prepare(const SelectionInput& in) {
  Prepared p;
  p.input = &in;
  p.tier_count = static_cast<int>(in.rules.tiers.size()) + 1;
  const auto& rules = in.rules;
  require(!rules.max_teams_per_prefecture_per_session || *rules.max_teams_per_prefecture_per_session >= 0,
          "negative prefecture limit");

  for (size_t s = 0; s < in.sessions.size(); ++s) {
    const SelectionSession& ss = in.sessions[s];
    require(!ss.id.empty(), "empty session id");
    require(p.session_index.emplace(ss.id, static_cast<int>(s)).second, "duplicate session id ", ss.id);
    require(ss.capacity_teams >= 0 && ss.capacity_people >= 0 && ss.occupied_teams >= 0 && ss.occupied_people >= 0,
            "negative capacity or occupancy in session ", ss.id);
    for (const auto& [pref, n] : ss.occupied_teams_by_prefecture) {
      require(n >= 0, "negative occupancy by prefecture in session ", ss.id);
    }
  }
  auto session_of = [&](const std::string& id, const std::string& team) {
    auto it = p.session_index.find(id);
    require(it != p.session_index.end(), "team ", team, " names unknown session ", id);
    return it->second;
  };

  std::vector<std::string> names;
  names.reserve(in.teams.size());
  std::unordered_set<std::string_view> seen(in.teams.size() * 2);
  std::unordered_set<std::string_view> drawn(in.teams.size() * 2);
  for (const SelectionTeam& t : in.teams) {
    require(!t.id.empty(), "empty team id");
    require(seen.insert(t.id).second, "duplicate team id ", t.id);
    require(t.people >= 1, "team ", t.id, " has no people");
    require(!(t.excluded && t.pinned_session), "team ", t.id, " is both pinned and excluded");
    const std::string& name = t.reference.empty() ? t.id : t.reference;
    require(drawn.insert(name).second, "duplicate lottery name ", name);
    names.push_back(name);
  }
  p.lottery = lottery_positions(names, in.seed);

  const size_t n = in.teams.size();
  p.tier.resize(n);
  p.ranked_first.assign(n + 1, 0);
  p.hospital.resize(n);
  std::unordered_map<std::string_view, int> hospital_index(n * 2);
  p.outcome.assign(n, TeamOutcome::not_selected);
  p.assigned.assign(n, -1);
  std::vector<char> ranked(in.sessions.size(), 0);  // the sessions `listed` by the team at hand; cleared after it
  std::vector<int> listed;
  for (size_t t = 0; t < n; ++t) {
    const SelectionTeam& team = in.teams[t];
    p.tier[t] = tier_of(team, rules);
    const int next_hospital = static_cast<int>(hospital_index.size());
    p.hospital[t] = hospital_index.try_emplace(team.hospital_key, next_hospital).first->second;
    p.prefecture_column.try_emplace(team.prefecture_code, static_cast<int>(p.prefecture_column.size()));
    for (size_t k = 0; k < team.preferences.size(); ++k) {
      int s = session_of(team.preferences[k], team.id);
      require(!ranked[static_cast<size_t>(s)], "team ", team.id, " ranks session ", team.preferences[k], " twice");
      ranked[static_cast<size_t>(s)] = 1;
      listed.push_back(s);
      p.ranked.push_back(s);
      if (in.sessions[static_cast<size_t>(s)].in_run) p.choices.add({s, static_cast<int>(k) + 1});
    }
    if (team.any_session) {
      int any_rank = static_cast<int>(team.preferences.size()) + 1;
      for (size_t s = 0; s < in.sessions.size(); ++s) {
        if (in.sessions[s].in_run && !ranked[s]) p.choices.add({static_cast<int>(s), any_rank});
      }
    }
    p.ranked_first[t + 1] = static_cast<int>(p.ranked.size());
    for (int s : listed) ranked[static_cast<size_t>(s)] = 0;
    listed.clear();
    p.choices.end_team();
    for (const Choice& c : p.choices[t]) p.max_rank = std::max(p.max_rank, c.rank);
    if (team.pinned_session) {
      int s = session_of(*team.pinned_session, team.id);
      require(in.sessions[static_cast<size_t>(s)].in_run,
              "team ", team.id, " is pinned to session ", team.pinned_session.value(), ", not in this run");
    }
  }

  // Places taken before the optimisation: earlier runs (occupied) and pins.
  p.sessions.resize(in.sessions.size());
  p.hospitals = static_cast<int>(hospital_index.size());
  std::vector<char> blocked(static_cast<size_t>(p.hospitals), 0);
  for (const std::string& key : in.hospitals_already_selected) {
    if (auto it = hospital_index.find(key); it != hospital_index.end()) blocked[static_cast<size_t>(it->second)] = 1;
  }
  std::vector<int> pinned_per_hospital(static_cast<size_t>(p.hospitals), 0);
  for (size_t t = 0; t < n; ++t) {
    const SelectionTeam& team = in.teams[t];
    if (team.excluded) {
      p.outcome[t] = TeamOutcome::excluded;
    } else if (team.pinned_session) {
      int s = p.session_index.at(*team.pinned_session);
      p.outcome[t] = TeamOutcome::pinned;
      p.assigned[t] = s;
      SessionState& st = p.sessions[static_cast<size_t>(s)];
      ++st.pinned;
      st.pinned_people += team.people;
      ++st.fixed_by_prefecture[team.prefecture_code];
      const size_t h = static_cast<size_t>(p.hospital[t]);
      if (blocked[h] || ++pinned_per_hospital[h] > 1) {
        p.warnings.push_back({"チーム" + team.id + "は手動指定ですが、同じ病院のチームが既に選定されています。",
                              "Team " + team.id + " is pinned although its hospital already has a selected team."});
      }
    }
  }
  for (size_t h = 0; h < blocked.size(); ++h) blocked[h] = blocked[h] || pinned_per_hospital[h] > 0;
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] != TeamOutcome::not_selected) continue;
    if (blocked[static_cast<size_t>(p.hospital[t])]) {
      p.outcome[t] = TeamOutcome::hospital_taken;
    } else if (p.choices[t].empty()) {
      p.outcome[t] = TeamOutcome::no_session;
    }
  }
  p.eligible.resize(n);
  for (size_t t = 0; t < n; ++t) p.eligible[t] = p.outcome[t] == TeamOutcome::not_selected;

  for (size_t s = 0; s < in.sessions.size(); ++s) {
    const SelectionSession& ss = in.sessions[s];
    SessionState& st = p.sessions[s];
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

}  // namespace kenshu::domain::selection_detail
