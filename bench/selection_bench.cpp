// bench selection: the selection engine (LEMON NetworkSimplex) against GLPK's simplex on the equivalent LP, on one
// generated instance of 10,000 teams × 50 sessions with 3–5 ranked preferences each, in the same run.
//
// GLPK solves the same lexicographic objective level by level: optimise a level, then fix every column and row whose
// reduced cost or dual is non-zero at its current value (complementary slackness: what is left is exactly that
// level's optimal face; the constraint matrix is a network matrix, so vertices stay integral), then the next level.
// Both must reach the same value on every level. The two are timed alike, from the model built to the optimum found:
// GLPK's time is its level-by-level simplex calls and fixing (not building the LP), LEMON's the engine's stages and
// fixing (SelectionResult::solver_ms; not building the network or the result). ratio = GLPK time ÷ LEMON time
// (target ≥ 100). The whole select_teams call (the network, the stages, every team's explanation, the waitlists) is
// printed too, as select_ms and ratio_whole = GLPK time ÷ select_ms. Each figure is the best of several runs (seven of
// the engine, three of GLPK, interleaved); freeing the previous run's result is not timed.
//
//   selection_bench [RESULT_JSON]   (default bench/results/selection.json, relative to the working directory)
#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/selection.hpp"
#include "domain/splitmix64.hpp"

using namespace kenshu::domain;

namespace {

using Rng = SplitMix64;

constexpr int kTeams = 10000;
constexpr int kSessions = 50;
constexpr int kPrefectureLimit = 6;

// Oversubscribed about 3:1, popular sessions more so; about a fifth of the teams in tier 1, a sixth in tier 2; people capacity 5 per place and teams of 3–5, so people never
// bind and the LP below is the whole problem.
SelectionInput generate() {
  Rng rng(2025);
  SelectionInput in;
  in.rules = default_selection_rules(5);
  in.rules.max_teams_per_prefecture_per_session = kPrefectureLimit;
  in.seed = 0x6b656e736875ULL;
  for (int s = 0; s < kSessions; ++s) {
    SelectionSession ss;
    ss.id = "s" + std::to_string(s);
    ss.label = {"会場" + std::to_string(s), "Venue " + std::to_string(s)};
    ss.capacity_teams = rng.uniform(40, 80);
    ss.capacity_people = ss.capacity_teams * 5;
    in.sessions.push_back(ss);
  }
  for (int t = 0; t < kTeams; ++t) {
    SelectionTeam tm;
    tm.id = "t" + std::to_string(t);
    tm.hospital_key = "h" + std::to_string(rng.uniform(0, kTeams * 95 / 100));
    tm.prefecture_code = rng.uniform(1, 47);
    int designation = rng.uniform(1, 100);
    tm.critical_care_center = designation <= 10   ? CriticalCareCenter::advanced
                              : designation <= 40 ? CriticalCareCenter::regular
                                                  : CriticalCareCenter::none;
    tm.advanced_treatment_hospital = rng.chance(10);
    tm.ecmo_cases_last_year = rng.chance(50) ? 0 : rng.uniform(0, 40);
    tm.people = rng.uniform(3, 5);
    std::set<int> chosen;
    int k = rng.uniform(3, 5);
    while (static_cast<int>(chosen.size()) < k) {
      // Skewed towards low-numbered sessions (the big cities).
      int s = rng.chance(50) ? rng.uniform(0, 9) : rng.uniform(0, kSessions - 1);
      if (chosen.insert(s).second) tm.preferences.push_back("s" + std::to_string(s));
    }
    tm.any_session = rng.chance(5);
    in.teams.push_back(tm);
  }
  return in;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// The LP: one column per (team, session it would take); rows: team ≤ 1 (or hospital ≤ 1), session ≤ capacity,
// (session, prefecture) ≤ K. No pins, no occupancy in this instance.
struct GlpkRun {
  SelectionScore score;
  double ms = 0;
  bool integral = true;
};

GlpkRun solve_with_glpk(const SelectionInput& in, const std::vector<int>& lottery) {
  struct Col {
    int team, session, rank;
  };
  std::map<std::string, int> session_index;
  for (std::size_t s = 0; s < in.sessions.size(); ++s) session_index[in.sessions[s].id] = static_cast<int>(s);
  std::vector<Col> cols;
  int max_rank = 1;
  for (std::size_t t = 0; t < in.teams.size(); ++t) {
    const auto& tm = in.teams[t];
    std::set<int> listed;
    for (std::size_t k = 0; k < tm.preferences.size(); ++k) {
      int s = session_index.at(tm.preferences[k]);
      listed.insert(s);
      cols.push_back({static_cast<int>(t), s, static_cast<int>(k) + 1});
    }
    if (tm.any_session) {
      for (int s = 0; s < static_cast<int>(in.sessions.size()); ++s) {
        if (!listed.count(s)) cols.push_back({static_cast<int>(t), s, static_cast<int>(tm.preferences.size()) + 1});
      }
    }
  }
  for (const auto& c : cols) max_rank = std::max(max_rank, c.rank);

  glp_term_out(GLP_OFF);
  glp_prob* lp = glp_create_prob();
  glp_add_cols(lp, static_cast<int>(cols.size()));
  for (std::size_t j = 0; j < cols.size(); ++j) glp_set_col_bnds(lp, static_cast<int>(j) + 1, GLP_DB, 0.0, 1.0);
  std::map<std::string, std::vector<int>> per_hospital;
  std::map<int, std::vector<int>> per_team, per_session;
  std::map<std::pair<int, int>, std::vector<int>> per_prefecture;
  std::map<std::string, int> hospital_teams;
  for (const auto& t : in.teams) ++hospital_teams[t.hospital_key];
  for (std::size_t j = 0; j < cols.size(); ++j) {
    const auto& c = cols[j];
    const auto& tm = in.teams[static_cast<std::size_t>(c.team)];
    int col = static_cast<int>(j) + 1;
    if (hospital_teams[tm.hospital_key] > 1) {
      per_hospital[tm.hospital_key].push_back(col);
    } else {
      per_team[c.team].push_back(col);
    }
    per_session[c.session].push_back(col);
    per_prefecture[{c.session, tm.prefecture_code}].push_back(col);
  }
  auto add_row = [&](const std::vector<int>& js, double upper) {
    int row = glp_add_rows(lp, 1);
    std::vector<int> idx{0};
    std::vector<double> val{0};
    for (int j : js) {
      idx.push_back(j);
      val.push_back(1.0);
    }
    glp_set_mat_row(lp, row, static_cast<int>(js.size()), idx.data(), val.data());
    glp_set_row_bnds(lp, row, GLP_UP, 0.0, upper);
  };
  // Teams of several teams' hospitals share a hospital row; with one arc per team per session, a team row is
  // implied by its hospital row.
  for (const auto& [h, js] : per_hospital) add_row(js, 1);
  for (const auto& [t, js] : per_team) add_row(js, 1);
  for (const auto& [s, js] : per_session) add_row(js, in.sessions[static_cast<std::size_t>(s)].capacity_teams);
  for (const auto& [key, js] : per_prefecture) add_row(js, kPrefectureLimit);

  const int tiers = static_cast<int>(in.rules.tiers.size()) + 1;
  std::vector<int> tier(in.teams.size());
  for (std::size_t t = 0; t < in.teams.size(); ++t) tier[t] = tier_of(in.teams[t], in.rules);
  const double n = static_cast<double>(in.teams.size());
  std::vector<std::pair<std::vector<double>, bool>> levels;  // coefficients, maximise
  for (int k = 1; k <= tiers; ++k) {
    std::vector<double> coef;
    for (const auto& c : cols) coef.push_back(tier[static_cast<std::size_t>(c.team)] == k ? 1.0 : 0.0);
    levels.emplace_back(std::move(coef), true);
  }
  std::vector<double> rank, lot;
  for (const auto& c : cols) {
    rank.push_back(c.rank);
    lot.push_back((n + 1 - lottery[static_cast<std::size_t>(c.team)]) * (max_rank + 1 - c.rank));
  }
  levels.emplace_back(std::move(rank), false);
  levels.emplace_back(std::move(lot), true);

  GlpkRun run;
  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  auto t0 = std::chrono::steady_clock::now();
  const int rows = glp_get_num_rows(lp);
  for (std::size_t l = 0; l < levels.size(); ++l) {
    glp_set_obj_dir(lp, levels[l].second ? GLP_MAX : GLP_MIN);
    for (std::size_t j = 0; j < cols.size(); ++j) glp_set_obj_coef(lp, static_cast<int>(j) + 1, levels[l].first[j]);
    if (glp_simplex(lp, &parm) != 0 || glp_get_status(lp) != GLP_OPT) throw std::runtime_error("glpk: not optimal");
    if (l + 1 == levels.size()) break;
    // Fix what the optimal face fixes; duals of a network LP with integer costs are integers.
    for (int j = 1; j <= static_cast<int>(cols.size()); ++j) {
      if (std::fabs(glp_get_col_dual(lp, j)) > 0.5) {
        double v = glp_get_col_prim(lp, j);
        glp_set_col_bnds(lp, j, GLP_FX, v, v);
      }
    }
    for (int i = 1; i <= rows; ++i) {
      if (std::fabs(glp_get_row_dual(lp, i)) > 0.5) {
        double v = glp_get_row_prim(lp, i);
        glp_set_row_bnds(lp, i, GLP_FX, v, v);
      }
    }
  }
  run.ms = ms_since(t0);

  run.score.selected_by_tier.assign(static_cast<std::size_t>(tiers), 0);
  for (std::size_t j = 0; j < cols.size(); ++j) {
    double x = glp_get_col_prim(lp, static_cast<int>(j) + 1);
    if (std::fabs(x - std::round(x)) > 1e-6) run.integral = false;
    if (x < 0.5) continue;
    const auto& c = cols[j];
    ++run.score.selected_by_tier[static_cast<std::size_t>(tier[static_cast<std::size_t>(c.team)] - 1)];
    run.score.rank_sum += c.rank;
    run.score.lottery += static_cast<std::int64_t>(kTeams + 1 - lottery[static_cast<std::size_t>(c.team)]) *
                         (max_rank + 1 - c.rank);
  }
  glp_delete_prob(lp);
  return run;
}

std::string score_json(const SelectionScore& s) {
  std::string out = "{\"selected_by_tier\":[";
  for (std::size_t k = 0; k < s.selected_by_tier.size(); ++k) {
    out += (k ? "," : "") + std::to_string(s.selected_by_tier[k]);
  }
  return out + "],\"rank_sum\":" + std::to_string(s.rank_sum) + ",\"lottery\":" + std::to_string(s.lottery) + "}";
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_path = argc > 1 ? argv[1] : "bench/results/selection.json";
  SelectionInput in = generate();

  // The engine's runs and GLPK's are interleaved, so that both meet the same moments of a noisy machine: two of the
  // engine before each of GLPK's three, and one more after. Each figure is the best of its runs.
  SelectionResult result;
  double select_ms = 1e300, lemon_ms = 1e300;
  auto run_engine = [&] {
    result = SelectionResult{};  // freeing the previous run's result is not part of the next call
    auto t0 = std::chrono::steady_clock::now();
    SelectionResult r = select_teams(in);
    select_ms = std::min(select_ms, ms_since(t0));
    lemon_ms = std::min(lemon_ms, r.solver_ms);
    result = std::move(r);
  };
  GlpkRun glpk;
  glpk.ms = 1e300;
  std::vector<int> lottery;
  for (int i = 0; i < 3; ++i) {
    run_engine();
    run_engine();
    if (result.people_repair_rounds != 0) {
      std::fprintf(stderr, "bench selection: error: people capacity bound; the LP would not be equivalent\n");
      return 1;
    }
    if (lottery.empty()) {
      for (const auto& t : result.teams) lottery.push_back(t.lottery_position);
    }
    GlpkRun g = solve_with_glpk(in, lottery);
    if (g.ms < glpk.ms) glpk = g;
  }
  run_engine();
  bool same = glpk.integral && glpk.score == result.score;
  double ratio = glpk.ms / lemon_ms, ratio_whole = glpk.ms / select_ms;
  std::size_t placed = 0;
  for (const auto& t : result.teams) placed += t.session_id.has_value();

  std::printf("bench selection: ratio=%.1f lemon_ms=%.1f glpk_ms=%.1f select_ms=%.1f ratio_whole=%.1f teams=%d "
              "sessions=%d placed=%zu stages=%d same_objective=%s\n",
              ratio, lemon_ms, glpk.ms, select_ms, ratio_whole, kTeams, kSessions, placed, result.solver_stages,
              same ? "yes" : "no");
  if (!same) {
    std::fprintf(stderr, "bench selection: error: objectives differ: lemon %s glpk %s (integral %d)\n",
                 score_json(result.score).c_str(), score_json(glpk.score).c_str(), glpk.integral ? 1 : 0);
    return 1;
  }
  std::ofstream out(out_path);
  out << "{\"name\":\"selection\",\"teams\":" << kTeams << ",\"sessions\":" << kSessions
      << ",\"preferences_per_team\":\"3-5\",\"prefecture_limit\":" << kPrefectureLimit << ",\"placed\":" << placed
      << ",\"solver_stages\":" << result.solver_stages << ",\"lemon_ms\":" << lemon_ms << ",\"glpk_ms\":" << glpk.ms
      << ",\"select_ms\":" << select_ms << ",\"ratio_whole\":" << ratio_whole
      << ",\"ratio\":" << ratio << ",\"target_ratio\":100,\"same_objective\":true,\"objective\":"
      << score_json(result.score) << "}\n";
  if (!out) {
    std::fprintf(stderr, "bench selection: error: cannot write %s\n", out_path.c_str());
    return 1;
  }
  return 0;
}
