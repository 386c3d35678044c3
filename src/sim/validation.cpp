#include "sim/validation.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/blood_gas.hpp"
#include "sim/engine.hpp"
#include "sim/json.hpp"
#include "sim/recirculation.hpp"
#include "sim/scenario.hpp"

namespace kenshu::sim {

namespace {

const double not_a_number = std::numeric_limits<double>::quiet_NaN();

std::string text_of(const json::Value& value) {
  return value.is_string() ? value.as_string() : json::number(value.as_number());
}

double argument(const json::Value& check, std::string_view name) {
  const json::Value* arguments = check.find("arguments");
  const json::Value* value = arguments ? arguments->find(name) : nullptr;
  return value ? value->as_number(not_a_number) : not_a_number;
}

double evaluate_function(const json::Value& check, std::string& error) {
  const std::string name = check.find("function")->as_string();
  if (name == "haemoglobin_saturation") return haemoglobin_saturation(argument(check, "PO2_mmHg"));
  if (name == "O2_content") return O2_content_mL_per_dL(argument(check, "PO2_mmHg"), argument(check, "hemoglobin_g_per_dL"));
  if (name == "blood_pH") return blood_pH(argument(check, "bicarbonate_mmol_per_L"), argument(check, "PCO2_mmHg"));
  error = "unknown function: " + name;
  return not_a_number;
}

// Builds the engine a run describes: defaults, then "set", then "faults" present from the start.
struct RunSpec {
  Scenario setup;
  std::vector<std::pair<std::string, std::string>> at_start;
  double duration_s = 300.0;
};

std::string read_run(const json::Value* run, RunSpec& spec) {
  if (run == nullptr) return "a check needs \"function\" or \"run\"";
  if (const json::Value* set = run->find("set")) {
    for (const auto& [name, value] : set->as_object()) {
      if (auto error = override_scenario(spec.setup, name, text_of(value)); !error.empty()) return error;
    }
  }
  if (const json::Value* faults = run->find("faults")) {
    for (const auto& [name, value] : faults->as_object()) {
      if (auto error = override_scenario(spec.setup, "fault." + name, text_of(value)); !error.empty()) return error;
    }
  }
  if (const json::Value* at_start = run->find("at_start")) {
    for (const auto& [name, value] : at_start->as_object()) spec.at_start.emplace_back(name, text_of(value));
  }
  spec.duration_s = run->find("duration_s") ? run->find("duration_s")->as_number(300.0) : 300.0;
  spec.setup.seed = static_cast<std::uint64_t>(run->find("seed") ? run->find("seed")->as_number(1.0) : 1.0);
  return "";
}

Engine start(const RunSpec& spec, std::string& error) {
  Engine engine(spec.setup.parameters, spec.setup.seed, Start::steady, spec.setup.initial_faults);
  for (const auto& [name, value] : spec.at_start) {
    if (auto message = engine.set(name, value, Actor::scenario); !message.empty()) error = message;
  }
  return engine;
}

// Average of an output over the last `window_s` of the run (whole breaths smooth out the breathing cycle).
double average_at_end(const RunSpec& spec, const std::string& output, double window_s, std::string& error) {
  Engine engine = start(spec, error);
  engine.advance(std::max(0.0, spec.duration_s - window_s));
  const auto steps = std::max<long long>(1, std::llround(window_s / Engine::step_s));
  double sum = 0.0;
  for (long long i = 0; i < steps; ++i) {
    engine.step();
    sum += engine.output(output);
  }
  return sum / static_cast<double>(steps);
}

double slope_per_min(const RunSpec& spec, const std::string& output, double from_s, double to_s, std::string& error) {
  Engine engine = start(spec, error);
  engine.advance(from_s);
  const double first = engine.output(output);
  engine.advance(to_s - from_s);
  return (engine.output(output) - first) / (to_s - from_s) * 60.0;
}

// Engine SaO2 minus Messaï's prediction from the engine's own EF, CO, post-oxygenator and venous values.
double messai_difference(const RunSpec& spec, std::string& error) {
  Engine engine = start(spec, error);
  engine.advance(spec.duration_s);
  const Outputs& o = engine.outputs();
  const double predicted = messai_pulmonary_arterial_saturation(o.effective_ecmo_flow_L_per_min, o.native_cardiac_output_L_per_min,
                                                                o.post_oxygenator_SO2, o.SvO2, o.post_oxygenator_PO2_mmHg,
                                                                engine.parameters().patient.hemoglobin_g_per_dL);
  return o.SaO2 - predicted;
}

double measure(const json::Value& check, std::string& error) {
  if (check.find("function")) return evaluate_function(check, error);
  RunSpec spec;
  if (auto message = read_run(check.find("run"), spec); !message.empty()) {
    error = message;
    return not_a_number;
  }
  if (check.find("formula") && check.find("formula")->as_string() == "messai") return messai_difference(spec, error);
  const json::Value* measured = check.find("measure");
  const std::string output = measured && measured->find("output") ? measured->find("output")->as_string() : "";
  if (find_output(output) == nullptr) {
    error = "unknown output: " + output;
    return not_a_number;
  }
  if (measured->find("slope_from_s")) {
    return slope_per_min(spec, output, measured->find("slope_from_s")->as_number(), measured->find("slope_to_s")->as_number(), error);
  }
  const double window_s = measured->find("average_last_s") ? measured->find("average_last_s")->as_number(8.0) : 8.0;
  const double a = average_at_end(spec, output, window_s, error);
  if (!check.find("compare_run")) return a;
  RunSpec other;
  if (auto message = read_run(check.find("compare_run"), other); !message.empty()) {
    error = message;
    return not_a_number;
  }
  return average_at_end(other, output, window_s, error) - a;
}

}  // namespace

bool ValidationReport::all_pass() const {
  return error.empty() && !results.empty() &&
         std::all_of(results.begin(), results.end(), [](const CheckResult& r) { return r.pass; });
}

ValidationReport run_validation(std::string_view json_text) {
  ValidationReport report;
  const json::ParseResult parsed = json::parse(json_text);
  if (!parsed.error.empty()) {
    report.error = "JSON " + parsed.error;
    return report;
  }
  const json::Value* checks = parsed.value.find("checks");
  if (checks == nullptr || !checks->is_array()) {
    report.error = "expected {\"checks\": [...]}";
    return report;
  }
  for (const auto& check : checks->as_array()) {
    CheckResult result;
    result.id = check.find("id") ? check.find("id")->as_string() : "";
    result.description = check.find("description") ? check.find("description")->as_string() : "";
    result.source = check.find("source") ? check.find("source")->as_string() : "";
    result.published = check.find("published") ? text_of(*check.find("published")) : "";
    result.unit = check.find("unit") ? check.find("unit")->as_string() : "";
    result.min = check.find("min") ? check.find("min")->as_number(-1e300) : -1e300;
    result.max = check.find("max") ? check.find("max")->as_number(1e300) : 1e300;
    result.value = measure(check, result.error);
    result.pass = result.error.empty() && result.value >= result.min && result.value <= result.max;
    report.results.push_back(std::move(result));
  }
  return report;
}

}  // namespace kenshu::sim
