// The C facade: one ScenarioRun per handle, errors kept as text, nothing thrown across the boundary.
#include "sim/c_api.h"

#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "sim/outputs.hpp"
#include "sim/report.hpp"
#include "sim/scenario_run.hpp"

struct kenshu_sim {
  std::unique_ptr<kenshu::sim::ScenarioRun> run;
  std::string error;
  std::string text;  // the last string handed out
};

namespace {
std::string create_error;

int result(kenshu_sim* sim, std::string error) {
  sim->error = std::move(error);
  return sim->error.empty() ? 0 : 1;
}
}  // namespace

extern "C" {

kenshu_sim* kenshu_sim_create(const char* scenario_json, uint64_t seed) {
  using namespace kenshu::sim;
  Scenario scenario;
  scenario.id = "free_practice";
  if (scenario_json != nullptr && scenario_json[0] != '\0') {
    ScenarioResult parsed = parse_scenario(scenario_json);
    if (!parsed.scenario) {
      create_error = parsed.error;
      return nullptr;
    }
    scenario = std::move(*parsed.scenario);
  }
  if (seed != 0) scenario.seed = seed;
  auto* sim = new kenshu_sim;
  sim->run = std::make_unique<ScenarioRun>(scenario);
  create_error.clear();
  return sim;
}

const char* kenshu_sim_create_error(void) { return create_error.c_str(); }

void kenshu_sim_destroy(kenshu_sim* sim) { delete sim; }

int kenshu_sim_advance(kenshu_sim* sim, double seconds) {
  if (!(seconds >= 0.0) || seconds > 86400.0) return result(sim, "seconds must be within 0…86400");
  sim->run->advance(seconds);
  return result(sim, "");
}

double kenshu_sim_time(const kenshu_sim* sim) { return sim->run->engine().time_s(); }

double kenshu_sim_step_seconds(void) { return kenshu::sim::Engine::step_s; }

int kenshu_sim_step_waveforms(kenshu_sim* sim, int steps, double* out) {
  for (int i = 0; i < steps; ++i) {
    sim->run->step();
    const kenshu::sim::Outputs& o = sim->run->engine().outputs();
    out[5 * i + 0] = o.airway_pressure_cmH2O;
    out[5 * i + 1] = o.flow_L_per_min;
    out[5 * i + 2] = o.volume_mL;
    out[5 * i + 3] = o.capnogram_PCO2_mmHg;
    out[5 * i + 4] = o.arterial_pressure_mmHg;
  }
  return result(sim, "");
}

int kenshu_sim_set(kenshu_sim* sim, const char* name, const char* value) {
  return result(sim, sim->run->engine().set(name, value, kenshu::sim::Actor::trainee));
}

int kenshu_sim_intervene(kenshu_sim* sim, const char* action) {
  return result(sim, sim->run->engine().intervene(action, kenshu::sim::Actor::trainee));
}

double kenshu_sim_get(const kenshu_sim* sim, const char* output) { return sim->run->engine().output(output); }

int kenshu_sim_output_count(void) { return static_cast<int>(kenshu::sim::output_table().size()); }

const char* kenshu_sim_output_name(int index) {
  const auto table = kenshu::sim::output_table();
  if (index < 0 || static_cast<std::size_t>(index) >= table.size()) return "";
  return table[static_cast<std::size_t>(index)].name.data();
}

double kenshu_sim_get_index(const kenshu_sim* sim, int index) {
  const auto table = kenshu::sim::output_table();
  if (index < 0 || static_cast<std::size_t>(index) >= table.size()) return std::numeric_limits<double>::quiet_NaN();
  return sim->run->engine().outputs().*(table[static_cast<std::size_t>(index)].field);
}

uint32_t kenshu_sim_alarms(const kenshu_sim* sim) { return sim->run->engine().alarms(); }

const char* kenshu_sim_alarm_name(int bit) {
  if (bit < 0 || bit >= static_cast<int>(kenshu::sim::Alarm::count)) return "";
  return kenshu::sim::alarm_name(static_cast<kenshu::sim::Alarm>(bit)).data();
}

const char* kenshu_sim_state_json(kenshu_sim* sim) {
  sim->text = kenshu::sim::state_json(sim->run->engine());
  return sim->text.c_str();
}

const char* kenshu_sim_log_json(kenshu_sim* sim) {
  sim->text = kenshu::sim::log_json(sim->run->engine());
  return sim->text.c_str();
}

const char* kenshu_sim_score_json(kenshu_sim* sim) {
  sim->text = kenshu::sim::score_json(*sim->run);
  return sim->text.c_str();
}

const char* kenshu_sim_last_error(const kenshu_sim* sim) { return sim->error.c_str(); }

}  // extern "C"
