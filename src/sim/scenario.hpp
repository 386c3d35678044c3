#pragma once
// Scenarios as data: a patient and device settings, faults that start, events on a clock or on a condition,
// the actions a team is expected to take and when, and texts in Japanese and English for brief and debrief.
// See docs/simulator.md for the file format.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/faults.hpp"
#include "sim/json.hpp"
#include "sim/parameters.hpp"

namespace kenshu::sim {

struct LocalText {
  std::string ja;
  std::string en;
};

// An output crossing a threshold: {"output": "SpO2", "below": 0.85} or "above".
struct Condition {
  std::string output;
  bool below = true;
  double threshold = 0.0;
};

struct ScenarioEvent {
  std::string id;
  std::optional<double> at_s;
  std::optional<Condition> when;
  std::string fault;  // with severity (0: the fault ends)
  double severity = 1.0;
  std::vector<std::pair<std::string, std::string>> settings;  // name, value as text
  std::string intervention;
  LocalText message;
};

struct ExpectedAction {
  std::string id;
  std::string intervention;  // either an intervention …
  std::string setting;       // … or a setting, optionally reaching a value
  std::optional<double> at_least;
  std::optional<double> at_most;
  std::string equals;        // a choice label, e.g. "VC-CMV"
  std::string after_event;   // window opens when this event fires (empty: at t = 0)
  double within_s = 1e9;
  int points = 1;
  LocalText text;
};

struct OutcomeCheck {
  std::string output;
  std::optional<double> at_least;
  std::optional<double> at_most;
  int points = 1;
  LocalText text;
};

struct Scenario {
  std::string id;
  std::string category;
  LocalText title;
  LocalText brief;
  LocalText debrief;
  std::vector<std::string> references;
  std::uint64_t seed = 1;
  double duration_s = 600.0;
  Parameters parameters;
  FaultState initial_faults;
  std::vector<ScenarioEvent> events;
  std::vector<ExpectedAction> expected_actions;
  std::vector<OutcomeCheck> outcome;
};

struct ScenarioResult {
  std::optional<Scenario> scenario;
  std::string error;
};

ScenarioResult parse_scenario(std::string_view json_text);

// Applies "name=value" to a scenario before it starts: a parameter, or fault.NAME for an initial fault.
std::string override_scenario(Scenario& scenario, std::string_view name, std::string_view value);

LocalText local_text(const json::Value* value);

}  // namespace kenshu::sim
