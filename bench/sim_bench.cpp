// `bench sim`: how many simulated seconds the engine runs per wall-clock second for a full patient — ventilator
// (PC-CMV, spontaneous efforts) and VV-ECMO — the most the browser page asks of it. Issue 5's target is
// ≥ 5,000× real time natively. Prints `bench sim: native_rtf=…` and writes bench/results/sim.json (or the path
// given as the first argument). Run from the repository root, as bench/run-all does.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/engine.hpp"

namespace {

using kenshu::sim::Engine;
using kenshu::sim::Parameters;

Parameters full_patient() {
  Parameters p;
  const std::pair<const char*, const char*> settings[] = {
      {"ecmo.mode", "VV"},          {"ecmo.pump_speed_rpm", "3200"},
      {"patient.shunt_fraction", "0.7"}, {"patient.compliance_L_per_cmH2O", "0.015"},
      {"patient.spontaneous_rate_per_min", "8"}, {"patient.muscle_pressure_cmH2O", "3"},
      {"vent.mode", "PC-CMV"},      {"vent.peep_cmH2O", "10"}, {"vent.rate_per_min", "10"}};
  for (const auto& [name, value] : settings) {
    if (auto error = kenshu::sim::set_parameter_text(p, name, value); !error.empty()) {
      std::fprintf(stderr, "bench sim: %s\n", error.c_str());
      std::exit(1);
    }
  }
  return p;
}

// Simulated seconds per wall second over `simulated_s` of simulated time (the engine already settled).
double real_time_factor(Engine& engine, double simulated_s) {
  const auto started = std::chrono::steady_clock::now();
  engine.advance(simulated_s);
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return simulated_s / wall_s;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string out_path = argc > 1 ? argv[1] : "bench/results/sim.json";
  const auto setup_started = std::chrono::steady_clock::now();
  Engine engine(full_patient(), 1);
  const double setup_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - setup_started).count();

  real_time_factor(engine, 60.0);  // warm-up
  std::vector<double> runs;
  for (int i = 0; i < 5; ++i) runs.push_back(real_time_factor(engine, 600.0));
  std::sort(runs.begin(), runs.end());
  const double median = runs[runs.size() / 2];
  const double target = 5000.0;

  std::printf("bench sim: native_rtf=%.0f (target >= %.0f, %s) min=%.0f max=%.0f steady_start_s=%.3f step_s=%g\n",
              median, target, median >= target ? "met" : "NOT MET", runs.front(), runs.back(), setup_s, Engine::step_s);

  std::filesystem::create_directories(std::filesystem::path(out_path).parent_path());
  std::ofstream out(out_path, std::ios::trunc);
  char json[512];
  std::snprintf(json, sizeof json,
                "{\n  \"name\": \"sim\",\n  \"patient\": \"PC-CMV with spontaneous efforts + VV-ECMO\",\n"
                "  \"native_rtf\": %.1f,\n  \"native_rtf_min\": %.1f,\n  \"native_rtf_max\": %.1f,\n"
                "  \"target_native_rtf\": %.0f,\n  \"met\": %s,\n  \"steady_start_s\": %.4f,\n  \"step_s\": %g\n}\n",
                median, runs.front(), runs.back(), target, median >= target ? "true" : "false", setup_s, Engine::step_s);
  out << json;
  if (!out) {
    std::fprintf(stderr, "bench sim: cannot write %s\n", out_path.c_str());
    return 1;
  }
  return 0;
}
