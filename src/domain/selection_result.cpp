// Assembling a SelectionResult from the solved placements: outcomes, score, per-team, per-session and per-tier figures.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/selection.hpp"
#include "domain/selection_detail.hpp"

namespace kenshu::domain::selection_detail {

void assemble(Prepared& p, const std::vector<int>& placed, const std::vector<int>& limit, SelectionResult& result) {
  using std::size_t;
  const SelectionInput& input = *p.input;
  const size_t n = input.teams.size();
  const size_t ns = input.sessions.size();

  // Outcomes and per-session figures.
  std::vector<char> hospital_placed(static_cast<size_t>(p.hospitals), 0);
  for (size_t t = 0; t < n; ++t) {
    if (placed[t] >= 0) {
      p.assigned[t] = placed[t];
      p.outcome[t] = TeamOutcome::selected;
      hospital_placed[static_cast<size_t>(p.hospital[t])] = 1;
    }
  }
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] == TeamOutcome::not_selected && hospital_placed[static_cast<size_t>(p.hospital[t])]) {
      p.outcome[t] = TeamOutcome::hospital_taken;
    }
  }
  for (size_t s = 0; s < ns; ++s) p.sessions[s].team_limit = limit[s];
  result.score.selected_by_tier.assign(static_cast<size_t>(p.tier_count), 0);
  const i64 nteams = static_cast<i64>(n);
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] != TeamOutcome::selected) continue;
    SessionState& st = p.sessions[static_cast<size_t>(p.assigned[t])];
    const int tier = p.tier[t];
    ++st.selected_by_tier[static_cast<size_t>(tier - 1)];
    ++st.selected;
    st.selected_people += input.teams[t].people;
    ++st.selected_by_prefecture[input.teams[t].prefecture_code];
    const int rank = rank_of(p, static_cast<int>(t), p.assigned[t]);
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
      r.rank = rank_of(p, static_cast<int>(t), p.assigned[t]);
    }
  }

  // Waitlists: the unplaced teams that would take the session, by tier, then rank, then lottery. Lottery positions are
  // distinct, so (tier, rank, position) packed in one integer sorts the same and names the team.
  std::vector<size_t> by_lottery(n + 1, 0);
  for (size_t t = 0; t < n; ++t) by_lottery[static_cast<size_t>(p.lottery[t])] = t;
  std::vector<std::vector<std::uint64_t>> waiting_for(ns);
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] != TeamOutcome::not_selected) continue;
    for (const Choice& c : p.choices[t]) {
      const std::uint64_t key = (static_cast<std::uint64_t>(p.tier[t]) << 48) |
                                (static_cast<std::uint64_t>(c.rank) << 32) | static_cast<std::uint32_t>(p.lottery[t]);
      waiting_for[static_cast<size_t>(c.session)].push_back(key);
    }
  }
  for (size_t s = 0; s < ns; ++s) {
    if (!input.sessions[s].in_run) continue;
    const SessionState& st = p.sessions[s];
    SessionCount c;
    c.session_id = input.sessions[s].id;
    c.selected_by_tier = st.selected_by_tier;
    c.pinned = st.pinned;
    c.teams = st.selected + st.pinned;
    c.people = st.selected_people + st.pinned_people;
    c.team_limit = st.team_limit;
    std::vector<std::uint64_t>& waiting = waiting_for[s];
    std::sort(waiting.begin(), waiting.end());
    c.waitlist.reserve(waiting.size());
    for (std::uint64_t w : waiting) c.waitlist.push_back(input.teams[by_lottery[static_cast<std::uint32_t>(w)]].id);
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

  explain(p, result);
}

}  // namespace kenshu::domain::selection_detail
