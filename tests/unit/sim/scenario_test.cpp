// Scenario files: every file in data/scenarios loads and runs; events fire on time and on conditions; the
// trainee's actions are scored inside their windows; same scenario and seed, same trace.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/c_api.h"
#include "sim/report.hpp"
#include "sim/scenario_run.hpp"
#include "sim/trace.hpp"
#include "sim/validation.hpp"

using namespace kenshu::sim;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const fs::path data_dir = fs::path(KENSHU_SOURCE_DIR) / "data";

Scenario load(const std::string& id) {
  ScenarioResult parsed = parse_scenario(read(data_dir / "scenarios" / (id + ".json")));
  EXPECT_EQ(parsed.error, "") << id;
  return *parsed.scenario;
}

}  // namespace

TEST(Scenarios, EveryFileLoadsAndRunsToItsEnd) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(data_dir / "scenarios")) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    SCOPED_TRACE(entry.path().filename().string());
    ScenarioResult parsed = parse_scenario(read(entry.path()));
    ASSERT_EQ(parsed.error, "");
    const Scenario& s = *parsed.scenario;
    EXPECT_EQ(s.id, entry.path().stem().string());
    EXPECT_FALSE(s.title.ja.empty());
    EXPECT_FALSE(s.title.en.empty());
    EXPECT_FALSE(s.brief.ja.empty());
    EXPECT_FALSE(s.brief.en.empty());
    EXPECT_FALSE(s.debrief.ja.empty());
    EXPECT_FALSE(s.debrief.en.empty());
    ScenarioRun run(s);
    run.advance(s.duration_s);
    EXPECT_NEAR(run.engine().time_s(), s.duration_s, 1e-6);
    for (const auto& event : s.events) {
      if (event.at_s && !event.when) {
        EXPECT_TRUE(run.fired_at(event.id)) << event.id;
      }
    }
    const Score score = run.score();
    EXPECT_GT(score.max_points, 0);
    EXPECT_TRUE(std::isfinite(run.engine().outputs().SpO2));
  }
  EXPECT_GE(files, 18);
}

TEST(Scenarios, ElsoDrillsAndVentilatorDrillsArePresent) {
  for (const char* id : {"healthy_ventilated", "ards_moderate", "ards_severe", "vv_ecmo_baseline", "va_ecmo_baseline",
                         "elso_drainage_insufficiency", "elso_air_embolism", "elso_pump_failure",
                         "elso_membrane_lung_failure", "elso_gas_supply_failure", "vent_bronchospasm", "vent_tube_kink",
                         "vent_secretions", "vent_auto_peep", "vent_leak", "vent_disconnection", "vent_desaturation",
                         "vent_asynchrony"}) {
    EXPECT_TRUE(fs::exists(data_dir / "scenarios" / (std::string(id) + ".json"))) << id;
  }
}

TEST(Scenarios, SameScenarioAndSeedGiveIdenticalTraces) {
  const Scenario s = load("vent_asynchrony");
  std::string error;
  const auto columns = trace_columns("", error);
  ASSERT_EQ(error, "");
  auto trace = [&](std::uint64_t seed) {
    Scenario copy = s;
    copy.seed = seed;
    ScenarioRun run(copy);
    std::string out = trace_header(columns);
    for (int i = 0; i < 24000; ++i) {  // 120 s
      run.step();
      if (i % 20 == 0) out += trace_row(run.engine().outputs(), columns);
    }
    return out;
  };
  const std::string first = trace(5);
  EXPECT_EQ(first, trace(5));
  EXPECT_NE(first, trace(6));
}

TEST(Scenarios, ActionsInsideTheirWindowScore) {
  const Scenario s = load("elso_gas_supply_failure");
  ScenarioRun late(s);
  ScenarioRun prompt(s);
  prompt.advance(70.0);
  ASSERT_TRUE(prompt.fired_at("sweep_off"));
  EXPECT_EQ(prompt.engine().intervene("reconnect_sweep_gas"), "");
  EXPECT_EQ(prompt.engine().set("vent.FiO2", "1"), "");
  prompt.advance(s.duration_s - 70.0);
  late.advance(400.0);
  EXPECT_EQ(late.engine().intervene("reconnect_sweep_gas"), "");
  late.advance(s.duration_s - 400.0);
  const Score good = prompt.score();
  const Score poor = late.score();
  EXPECT_EQ(good.actions.at(0).done, true);
  EXPECT_NEAR(good.actions.at(0).time_s, 70.0, 0.01);
  EXPECT_EQ(poor.actions.at(0).done, false);
  EXPECT_GT(good.points, poor.points);
  EXPECT_EQ(good.points, good.max_points);
}

TEST(Scenarios, ScenarioActionsDoNotCountForTheTrainee) {
  const Scenario s = load("vent_auto_peep");
  ScenarioRun run(s);
  run.advance(100.0);
  // The scenario itself set the rate to 28; it is logged but is nobody's credit.
  bool logged = false;
  for (const auto& entry : run.engine().log()) logged = logged || (entry.name == "vent.rate_per_min" && entry.actor == Actor::scenario);
  EXPECT_TRUE(logged);
  EXPECT_EQ(run.score().actions.at(0).done, false);
  run.engine().set("vent.rate_per_min", "12");
  EXPECT_EQ(run.score().actions.at(0).done, true);
}

TEST(Scenarios, ConditionEventsFireWhenTheOutputCrosses) {
  const Scenario s = load("vent_desaturation");
  ScenarioRun run(s);
  run.advance(50.0);
  EXPECT_FALSE(run.fired_at("low"));
  run.advance(250.0);
  ASSERT_TRUE(run.fired_at("low"));
  EXPECT_GT(*run.fired_at("low"), 60.0);
}

TEST(Scenarios, BadFilesAreRejectedWithAReason) {
  EXPECT_NE(parse_scenario("{").error, "");
  EXPECT_NE(parse_scenario("{}").error, "");
  EXPECT_NE(parse_scenario(R"({"id":"x","vent":{"peep_cmH2O":99}})").error, "");
  EXPECT_NE(parse_scenario(R"({"id":"x","events":[{"id":"e","at_s":1,"fault":"gremlins"}]})").error, "");
  EXPECT_NE(parse_scenario(R"({"id":"x","events":[{"id":"e","fault":"pump_failure"}]})").error, "");
  EXPECT_NE(parse_scenario(R"({"id":"x","expected_actions":[{"id":"a","action":"clamp_circuit","after_event":"nope"}]})").error, "");
  EXPECT_EQ(parse_scenario(R"({"id":"x","vent":{"mode":"PSV"}})").error, "");
}

TEST(Validation, EveryPublishedCheckPasses) {
  const ValidationReport report = run_validation(read(data_dir / "sim" / "validation.json"));
  ASSERT_EQ(report.error, "");
  EXPECT_GE(report.results.size(), 20u);
  for (const auto& r : report.results) {
    EXPECT_TRUE(r.pass) << r.id << ": " << r.value << " not in " << r.min << "…" << r.max << " " << r.error;
  }
}

TEST(CApi, RunsAScenarioAndReportsErrors) {
  kenshu_sim* sim = kenshu_sim_create(read(data_dir / "scenarios" / "vv_ecmo_baseline.json").c_str(), 0);
  ASSERT_NE(sim, nullptr);
  std::vector<double> wave(5 * 200);
  EXPECT_EQ(kenshu_sim_step_waveforms(sim, 200, wave.data()), 0);
  EXPECT_NEAR(kenshu_sim_time(sim), 1.0, 1e-9);
  EXPECT_GT(kenshu_sim_get(sim, "ecmo_flow_L_per_min"), 3.0);
  EXPECT_EQ(kenshu_sim_set(sim, "ecmo.pump_speed_rpm", "2500"), 0);
  EXPECT_NE(kenshu_sim_set(sim, "ecmo.pump_speed_rpm", "99999"), 0);
  EXPECT_NE(std::string(kenshu_sim_last_error(sim)), "");
  EXPECT_EQ(kenshu_sim_advance(sim, 5.0), 0);
  EXPECT_LT(kenshu_sim_get(sim, "ecmo_flow_L_per_min"), 4.5);
  EXPECT_NE(std::string(kenshu_sim_state_json(sim)).find("\"SpO2\":"), std::string::npos);
  EXPECT_NE(std::string(kenshu_sim_log_json(sim)).find("ecmo.pump_speed_rpm"), std::string::npos);
  EXPECT_NE(std::string(kenshu_sim_score_json(sim)).find("\"max_points\":"), std::string::npos);
  kenshu_sim_destroy(sim);
  EXPECT_EQ(kenshu_sim_create("{\"id\":1", 0), nullptr);
  EXPECT_NE(std::string(kenshu_sim_create_error()), "");
}
