// On small random instances the engine's objective equals the lexicographic optimum of the integer programme, solved
// level by level by GLPK (people capacity included as a knapsack row, so the reference is the whole problem).
#include <glpk.h>
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "selection_testlib.hpp"

using namespace selection_test;

namespace {

struct Column {
  int team = 0;
  int session = 0;
  int rank = 0;
};

class Ilp {
 public:
  Ilp(const SelectionInput& in, const Reading& rd) : lp_(glp_create_prob()) {
    glp_term_out(GLP_OFF);
    for (std::size_t t = 0; t < in.teams.size(); ++t) {
      if (!rd.eligible[t]) continue;
      for (const auto& [s, rank] : rd.rank[t]) cols_.push_back({static_cast<int>(t), s, rank});
    }
    if (cols_.empty()) return;
    glp_add_cols(lp_, static_cast<int>(cols_.size()));
    for (std::size_t j = 0; j < cols_.size(); ++j) glp_set_col_kind(lp_, static_cast<int>(j) + 1, GLP_BV);

    std::map<int, std::vector<int>> per_team;
    std::map<std::string, std::vector<int>> per_hospital;
    std::map<int, std::vector<int>> per_session;
    std::map<std::pair<int, int>, std::vector<int>> per_prefecture;
    for (std::size_t j = 0; j < cols_.size(); ++j) {
      const auto& c = cols_[j];
      const auto& team = in.teams[static_cast<std::size_t>(c.team)];
      per_team[c.team].push_back(static_cast<int>(j));
      per_hospital[team.hospital_key].push_back(static_cast<int>(j));
      per_session[c.session].push_back(static_cast<int>(j));
      per_prefecture[{c.session, team.prefecture_code}].push_back(static_cast<int>(j));
    }
    for (const auto& [t, js] : per_team) add_row(js, nullptr, 1);
    for (const auto& [h, js] : per_hospital) add_row(js, nullptr, 1);
    for (const auto& [s, js] : per_session) {
      add_row(js, nullptr, rd.remaining_teams[static_cast<std::size_t>(s)]);
      std::vector<double> people;
      for (int j : js) people.push_back(in.teams[static_cast<std::size_t>(cols_[static_cast<std::size_t>(j)].team)].people);
      add_row(js, &people, rd.remaining_people[static_cast<std::size_t>(s)]);
    }
    if (auto K = in.rules.max_teams_per_prefecture_per_session) {
      for (const auto& [key, js] : per_prefecture) {
        const auto& fixed = rd.fixed_by_prefecture[static_cast<std::size_t>(key.first)];
        auto f = fixed.find(key.second);
        add_row(js, nullptr, std::max(0, *K - (f == fixed.end() ? 0 : f->second)));
      }
    }
  }
  ~Ilp() { glp_delete_prob(lp_); }
  Ilp(const Ilp&) = delete;
  Ilp& operator=(const Ilp&) = delete;

  const std::vector<Column>& columns() const { return cols_; }

  // Optimises one level and fixes it at its optimum for the levels after it.
  std::int64_t optimise(const std::vector<double>& coef, bool maximise) {
    if (cols_.empty()) return 0;
    glp_set_obj_dir(lp_, maximise ? GLP_MAX : GLP_MIN);
    for (std::size_t j = 0; j < cols_.size(); ++j) glp_set_obj_coef(lp_, static_cast<int>(j) + 1, coef[j]);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    EXPECT_EQ(glp_intopt(lp_, &parm), 0);
    EXPECT_EQ(glp_mip_status(lp_), GLP_OPT);
    std::int64_t value = std::llround(glp_mip_obj_val(lp_));
    std::vector<int> js;
    for (std::size_t j = 0; j < cols_.size(); ++j) js.push_back(static_cast<int>(j));
    int row = add_row(js, &coef, static_cast<double>(value));
    glp_set_row_bnds(lp_, row, GLP_FX, static_cast<double>(value), static_cast<double>(value));
    return value;
  }

 private:
  int add_row(const std::vector<int>& js, const std::vector<double>* coef, double upper) {
    int row = glp_add_rows(lp_, 1);
    std::vector<int> idx{0};
    std::vector<double> val{0};
    for (std::size_t k = 0; k < js.size(); ++k) {
      double v = coef ? (*coef)[coef->size() == cols_.size() ? static_cast<std::size_t>(js[k]) : k] : 1.0;
      if (v == 0) continue;
      idx.push_back(js[k] + 1);
      val.push_back(v);
    }
    glp_set_mat_row(lp_, row, static_cast<int>(idx.size()) - 1, idx.data(), val.data());
    glp_set_row_bnds(lp_, row, GLP_UP, 0.0, upper);
    return row;
  }

  glp_prob* lp_;
  std::vector<Column> cols_;
};

SelectionScore reference_optimum(const SelectionInput& in, const SelectionResult& r) {
  Reading rd = read(in);
  Ilp ilp(in, rd);
  const auto& cols = ilp.columns();
  SelectionScore score;
  const int tiers = static_cast<int>(in.rules.tiers.size()) + 1;
  for (int k = 1; k <= tiers; ++k) {
    std::vector<double> coef;
    for (const auto& c : cols) coef.push_back(rd.tier[static_cast<std::size_t>(c.team)] == k ? 1.0 : 0.0);
    score.selected_by_tier.push_back(ilp.optimise(coef, true));
  }
  std::vector<double> rank;
  for (const auto& c : cols) rank.push_back(c.rank);
  score.rank_sum = ilp.optimise(rank, false);
  const double n = static_cast<double>(in.teams.size()), R = rd.max_rank;
  std::vector<double> lottery;
  for (const auto& c : cols) {
    lottery.push_back((n + 1 - r.teams[static_cast<std::size_t>(c.team)].lottery_position) * (R + 1 - c.rank));
  }
  score.lottery = ilp.optimise(lottery, true);
  return score;
}

}  // namespace

TEST(SelectionGlpk, ObjectiveEqualsTheIntegerOptimum) {
  Rng rng(1234567);
  int exact = 0, repaired = 0, repaired_short = 0;
  for (int i = 0; i < 600; ++i) {
    Shape shape;
    shape.max_teams = 10;
    shape.max_sessions = 4;
    shape.one_size = i % 2 == 0;
    SelectionInput in = random_instance(rng, shape);
    SelectionResult r = select_teams(in);
    SelectionScore ref = reference_optimum(in, r);
    std::string what = "instance " + std::to_string(i);
    ASSERT_EQ(r.teams.size(), in.teams.size());
    if (r.people_repair_rounds == 0) {
      ASSERT_EQ(r.score, ref) << what;
      ++exact;
    } else {
      // Feasible for the integer programme, so never better than its optimum; usually equal.
      ASSERT_LE(compare(r.score, ref), 0) << what;
      ++repaired;
      repaired_short += compare(r.score, ref) < 0;
    }
  }
  EXPECT_GT(exact, 500);
  RecordProperty("repaired", repaired);
  RecordProperty("repaired_below_optimum", repaired_short);
  std::printf("selection vs GLPK ILP: %d exact, %d repaired (%d of them below the ILP optimum)\n", exact, repaired,
              repaired_short);
}

TEST(SelectionGlpk, LargerInstancesWithOneTeamSize) {
  Rng rng(777);
  for (int i = 0; i < 60; ++i) {
    Shape shape;
    shape.max_teams = 30;
    shape.max_sessions = 6;
    shape.max_capacity = 6;
    shape.one_size = true;
    SelectionInput in = random_instance(rng, shape);
    SelectionResult r = select_teams(in);
    ASSERT_EQ(r.people_repair_rounds, 0);
    ASSERT_EQ(r.score, reference_optimum(in, r)) << "instance " << i;
  }
}
