// `kenshu sim run FILE [--duration-s N] [--set name=value …] [--trace trace.csv] [--json]`,
// `kenshu sim validate [--file validation.json]` and `kenshu sim list`. Educational simulator, not a medical device.
#include "cli/sim_command.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/faults.hpp"
#include "sim/json.hpp"
#include "sim/report.hpp"
#include "sim/scenario_run.hpp"
#include "sim/trace.hpp"
#include "sim/validation.hpp"

namespace kenshu::cli {

namespace {

namespace fs = std::filesystem;

struct RunOptions {
  std::string file;
  double duration_s = 0.0;  // 0: the scenario's own
  std::vector<std::string> settings;
  std::string trace_path;
  double trace_interval_s = 0.1;
  std::string trace_outputs;
  long long seed = -1;
  bool json = false;
};

struct ValidateOptions {
  std::string file;
  bool json = false;
};

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "kenshu sim: " << message << "\n";
  throw CLI::RuntimeError(1);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

sim::Scenario load_scenario(const RunOptions& o) {
  sim::ScenarioResult parsed = sim::parse_scenario(read_file(o.file));
  if (!parsed.scenario) fail(o.file + ": " + parsed.error);
  sim::Scenario scenario = std::move(*parsed.scenario);
  for (const auto& setting : o.settings) {
    const auto eq = setting.find('=');
    if (eq == std::string::npos) fail("--set expects name=value, got \"" + setting + "\"");
    if (auto error = sim::override_scenario(scenario, setting.substr(0, eq), setting.substr(eq + 1)); !error.empty()) {
      fail("--set " + error);
    }
  }
  if (o.seed >= 0) scenario.seed = static_cast<std::uint64_t>(o.seed);
  return scenario;
}

std::string run_json(const sim::ScenarioRun& run) {
  std::string state = sim::state_json(run.engine());
  return "{\"scenario\":" + sim::json::quote(run.scenario().id) + "," + state.substr(1, state.size() - 2) +
         ",\"score\":" + sim::score_json(run) + ",\"log\":" + sim::log_json(run.engine()) + "}\n";
}

void print_summary(const sim::ScenarioRun& run, double wall_s) {
  const sim::Outputs& o = run.engine().outputs();
  std::printf("scenario %s — %.0f s simulated in %.2f s\n", run.scenario().id.c_str(), o.time_s, wall_s);
  std::printf("  PaO2 %.0f mmHg  PaCO2 %.0f mmHg  pH %.2f  SaO2 %.1f %%  SpO2 %.1f %%  SvO2 %.1f %%\n", o.PaO2_mmHg,
              o.PaCO2_mmHg, o.pH, 100 * o.SaO2, 100 * o.SpO2, 100 * o.SvO2);
  std::printf("  Ppeak %.1f  Pplat %.1f  PEEPtot %.1f cmH2O  VTe %.0f mL  MV %.1f L/min  EtCO2 %.0f mmHg\n",
              o.peak_pressure_cmH2O, o.plateau_pressure_cmH2O, o.total_PEEP_cmH2O, o.tidal_volume_mL,
              o.minute_volume_L_per_min, o.EtCO2_mmHg);
  std::printf("  HR %.0f/min  MAP %.0f mmHg  CO %.1f L/min\n", o.heart_rate_per_min, o.mean_arterial_pressure_mmHg,
              o.native_cardiac_output_L_per_min);
  if (run.scenario().parameters.ecmo.mode != sim::EcmoMode::off) {
    std::printf("  ECMO %.0f rpm  %.2f L/min  R %.0f %%  Pven %.0f  Pint %.0f  Part %.0f mmHg  postO2 %.0f mmHg\n",
                o.ecmo_pump_speed_rpm, o.ecmo_flow_L_per_min, 100 * o.recirculation_fraction, o.drainage_pressure_mmHg,
                o.pre_oxygenator_pressure_mmHg, o.post_oxygenator_pressure_mmHg, o.post_oxygenator_PO2_mmHg);
  }
  std::string alarms;
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(sim::Alarm::count); ++i) {
    if (run.engine().alarms() & sim::alarm_bit(static_cast<sim::Alarm>(i))) {
      alarms += " " + std::string(sim::alarm_name(static_cast<sim::Alarm>(i)));
    }
  }
  std::printf("  alarms:%s\n", alarms.empty() ? " none" : alarms.c_str());
  const sim::Score score = run.score();
  if (score.max_points > 0) std::printf("  score %d / %d\n", score.points, score.max_points);
}

void run_scenario(const RunOptions& o) {
  const sim::Scenario scenario = load_scenario(o);
  const double duration_s = o.duration_s > 0.0 ? o.duration_s : scenario.duration_s;
  std::string error;
  const auto columns = sim::trace_columns(o.trace_outputs, error);
  if (!error.empty()) fail("--trace-outputs: " + error);
  std::ofstream trace;
  if (!o.trace_path.empty()) {
    trace.open(o.trace_path, std::ios::binary | std::ios::trunc);
    if (!trace) fail("cannot write " + o.trace_path);
    trace << sim::trace_header(columns);
  }
  const auto started = std::chrono::steady_clock::now();
  sim::ScenarioRun run(scenario);
  const long long steps = std::llround(duration_s / sim::Engine::step_s);
  const long long every = std::max(1LL, std::llround(o.trace_interval_s / sim::Engine::step_s));
  if (trace.is_open()) trace << sim::trace_row(run.engine().outputs(), columns);
  for (long long i = 1; i <= steps; ++i) {
    run.step();
    if (trace.is_open() && i % every == 0) trace << sim::trace_row(run.engine().outputs(), columns);
  }
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (trace.is_open() && !trace.flush()) fail("cannot write " + o.trace_path);
  if (o.json) {
    std::cout << run_json(run);
  } else {
    print_summary(run, wall_s);
  }
}

// The check points live in data/sim/validation.json: found from KENSHU_SOURCE_DIR, or by walking up from here.
std::string find_validation_file(const std::string& given) {
  if (!given.empty()) return given;
  const fs::path relative = fs::path("data") / "sim" / "validation.json";
  if (const char* root = std::getenv("KENSHU_SOURCE_DIR"); root != nullptr && fs::exists(fs::path(root) / relative)) {
    return (fs::path(root) / relative).string();
  }
  for (fs::path dir = fs::current_path(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / relative)) return (dir / relative).string();
    if (dir == dir.root_path()) break;
  }
  fail("cannot find data/sim/validation.json (give --file)");
}

std::string format_range(const sim::CheckResult& r) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%g … %g", r.min, r.max);
  return buffer;
}

void validate(const ValidateOptions& o) {
  const std::string path = find_validation_file(o.file);
  const sim::ValidationReport report = sim::run_validation(read_file(path));
  if (!report.error.empty()) fail(path + ": " + report.error);
  if (o.json) {
    std::string out = "{\"pass\":" + std::string(report.all_pass() ? "true" : "false") + ",\"checks\":[";
    for (std::size_t i = 0; i < report.results.size(); ++i) {
      const auto& r = report.results[i];
      out += std::string(i ? "," : "") + "{\"id\":" + sim::json::quote(r.id) + ",\"value\":" + sim::json::number(r.value) +
             ",\"min\":" + sim::json::number(r.min) + ",\"max\":" + sim::json::number(r.max) +
             ",\"published\":" + sim::json::quote(r.published) + ",\"unit\":" + sim::json::quote(r.unit) +
             ",\"pass\":" + (r.pass ? "true" : "false") + ",\"source\":" + sim::json::quote(r.source) +
             ",\"error\":" + sim::json::quote(r.error) + "}";
    }
    std::cout << out << "]}\n";
  } else {
    std::printf("%-4s %-34s %12s  %-18s %-16s %s\n", "", "check", "value", "range", "published", "unit / source");
    for (const auto& r : report.results) {
      std::printf("%-4s %-34s %12.4g  %-18s %-16s %s — %s%s%s\n", r.pass ? "ok" : "FAIL", r.id.c_str(), r.value,
                  format_range(r).c_str(), r.published.c_str(), r.unit.c_str(), r.source.c_str(),
                  r.error.empty() ? "" : " — error: ", r.error.c_str());
    }
    std::printf("%zu checks, %s\n", report.results.size(), report.all_pass() ? "all within range" : "SOME OUT OF RANGE");
  }
  if (!report.all_pass()) throw CLI::RuntimeError(1);
}

void list_names(bool markdown) {
  const sim::Parameters defaults;
  std::printf(markdown ? "| name | unit | default | range | meaning |\n|---|---|---|---|---|\n" : "parameters (--set):\n");
  for (const auto& p : sim::parameter_table()) {
    const std::string value = sim::format_parameter_value(p, p.get(defaults));
    std::string range = p.choices.empty() ? sim::json::number(p.min) + " … " + sim::json::number(p.max) : "";
    for (auto choice : p.choices) range += (range.empty() ? "" : ", ") + std::string(choice);
    if (markdown) {
      std::printf("| `%s` | %s | %s | %s | %s |\n", p.name.data(), p.unit.data(), value.c_str(), range.c_str(), p.description.data());
    } else {
      std::printf("  %-58s %-12s %-10s %s\n", p.name.data(), p.unit.data(), value.c_str(), p.description.data());
    }
  }
  std::printf(markdown ? "\n| fault | meaning |\n|---|---|\n" : "faults (--set fault.NAME=severity 0–1):\n");
  for (const auto& f : sim::fault_table()) std::printf(markdown ? "| `fault.%s` | %s |\n" : "  fault.%-30s %s\n", f.name.data(), f.description.data());
  std::printf(markdown ? "\n| intervention | meaning |\n|---|---|\n" : "interventions:\n");
  for (const auto& i : sim::intervention_table()) std::printf(markdown ? "| `%s` | %s |\n" : "  %-32s %s\n", i.name.data(), i.description.data());
  std::printf(markdown ? "\n| output | unit | meaning |\n|---|---|---|\n" : "outputs:\n");
  for (const auto& out : sim::output_table()) {
    std::printf(markdown ? "| `%s` | %s | %s |\n" : "  %-36s %-8s %s\n", out.name.data(), out.unit.data(), out.description.data());
  }
}

}  // namespace

void add_sim_command(CLI::App& app) {
  auto* sim = app.add_subcommand("sim", "the ventilator and ECMO simulator (for education, not a medical device)");
  sim->require_subcommand(1);

  auto run_options = std::make_shared<RunOptions>();
  auto* run = sim->add_subcommand("run", "run a scenario as fast as possible");
  run->add_option("file", run_options->file, "scenario file (data/scenarios/*.json)")->required();
  run->add_option("--duration-s", run_options->duration_s, "simulated seconds (default: the scenario's)")->check(CLI::PositiveNumber);
  run->add_option("--set", run_options->settings, "name=value: a parameter, a setting or fault.NAME (repeatable)");
  run->add_option("--trace", run_options->trace_path, "write outputs as CSV to this file");
  run->add_option("--trace-interval-s", run_options->trace_interval_s, "seconds between trace rows (default 0.1)")->check(CLI::PositiveNumber);
  run->add_option("--trace-outputs", run_options->trace_outputs, "comma-separated outputs to trace (default: all)");
  run->add_option("--seed", run_options->seed, "random seed (default: the scenario's)")->check(CLI::NonNegativeNumber);
  run->add_flag("--json", run_options->json, "print the final state, score and log as JSON");
  run->callback([run_options] { run_scenario(*run_options); });

  auto validate_options = std::make_shared<ValidateOptions>();
  auto* check = sim->add_subcommand("validate", "compare the engine with published physiology; fails if any check is out");
  check->add_option("--file", validate_options->file, "check points (default: data/sim/validation.json)");
  check->add_flag("--json", validate_options->json, "print the results as JSON");
  check->callback([validate_options] { validate(*validate_options); });

  auto markdown = std::make_shared<bool>(false);
  auto* list = sim->add_subcommand("list", "list parameters, faults, interventions and outputs");
  list->add_flag("--markdown", *markdown, "as Markdown tables");
  list->callback([markdown] { list_names(*markdown); });
}

}  // namespace kenshu::cli
