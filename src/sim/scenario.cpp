#include "sim/scenario.hpp"

#include <array>

#include "sim/outputs.hpp"

namespace kenshu::sim {

namespace {

constexpr std::array<std::string_view, 4> parameter_sections{"patient", "vent", "ecmo", "env"};

std::string value_text(const json::Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_bool()) return value.as_bool() ? "1" : "0";
  return json::number(value.as_number());
}

std::optional<double> optional_number(const json::Value& object, std::string_view key) {
  const json::Value* value = object.find(key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->as_number();
}

std::string read_sections(const json::Value& root, Scenario& scenario) {
  for (const auto section : parameter_sections) {
    const json::Value* object = root.find(section);
    if (object == nullptr) continue;
    if (!object->is_object()) return std::string(section) + ": expected an object";
    for (const auto& [key, value] : object->as_object()) {
      const std::string name = std::string(section) + "." + key;
      if (auto error = set_parameter_text(scenario.parameters, name, value_text(value)); !error.empty()) return error;
    }
  }
  if (const json::Value* faults = root.find("initial_faults")) {
    for (const auto& [name, severity] : faults->as_object()) {
      if (auto error = override_scenario(scenario, "fault." + name, value_text(severity)); !error.empty()) return error;
    }
  }
  return "";
}

std::string read_condition(const json::Value& when, Condition& condition) {
  condition.output = when.find("output") ? when.find("output")->as_string() : "";
  if (find_output(condition.output) == nullptr) return "unknown output in condition: " + condition.output;
  if (const auto below = optional_number(when, "below")) {
    condition.below = true;
    condition.threshold = *below;
  } else if (const auto above = optional_number(when, "above")) {
    condition.below = false;
    condition.threshold = *above;
  } else {
    return "condition needs \"below\" or \"above\"";
  }
  return "";
}

std::string read_event(const json::Value& item, ScenarioEvent& event) {
  event.id = item.find("id") ? item.find("id")->as_string() : "";
  event.at_s = optional_number(item, "at_s");
  if (const json::Value* when = item.find("when")) {
    Condition condition;
    if (auto error = read_condition(*when, condition); !error.empty()) return error;
    event.when = condition;
  }
  if (!event.at_s && !event.when) return "event " + event.id + ": needs \"at_s\" or \"when\"";
  if (const json::Value* fault = item.find("fault")) {
    event.fault = fault->as_string();
    if (!find_fault(event.fault)) return "unknown fault: " + event.fault;
    event.severity = optional_number(item, "severity").value_or(1.0);
    if (event.severity < 0.0 || event.severity > 1.0) return "event " + event.id + ": severity must be within 0…1";
  }
  if (const json::Value* settings = item.find("set")) {
    for (const auto& [name, value] : settings->as_object()) {
      Parameters probe;
      if (auto error = set_parameter_text(probe, name, value_text(value)); !error.empty()) return error;
      event.settings.emplace_back(name, value_text(value));
    }
  }
  if (const json::Value* intervention = item.find("intervention")) {
    event.intervention = intervention->as_string();
    FaultState faults;
    Parameters probe;
    if (!apply_intervention(event.intervention, faults, probe)) return "unknown intervention: " + event.intervention;
  }
  event.message = local_text(item.find("message"));
  return "";
}

std::string read_expected_action(const json::Value& item, ExpectedAction& action) {
  action.id = item.find("id") ? item.find("id")->as_string() : "";
  action.intervention = item.find("action") ? item.find("action")->as_string() : "";
  action.setting = item.find("setting") ? item.find("setting")->as_string() : "";
  if (action.intervention.empty() == action.setting.empty()) {
    return "expected action " + action.id + ": needs exactly one of \"action\" and \"setting\"";
  }
  if (!action.intervention.empty()) {
    FaultState faults;
    Parameters probe;
    if (!apply_intervention(action.intervention, faults, probe)) return "unknown intervention: " + action.intervention;
  }
  if (!action.setting.empty() && find_parameter(action.setting) == nullptr) return "unknown setting: " + action.setting;
  action.at_least = optional_number(item, "at_least");
  action.at_most = optional_number(item, "at_most");
  action.equals = item.find("equals") ? value_text(*item.find("equals")) : "";
  action.after_event = item.find("after_event") ? item.find("after_event")->as_string() : "";
  action.within_s = optional_number(item, "within_s").value_or(1e9);
  action.points = static_cast<int>(optional_number(item, "points").value_or(1.0));
  action.text = local_text(item.find("text"));
  return "";
}

std::string read_outcome(const json::Value& item, OutcomeCheck& check) {
  check.output = item.find("output") ? item.find("output")->as_string() : "";
  if (find_output(check.output) == nullptr) return "unknown output in outcome: " + check.output;
  check.at_least = optional_number(item, "at_least");
  check.at_most = optional_number(item, "at_most");
  check.points = static_cast<int>(optional_number(item, "points").value_or(1.0));
  check.text = local_text(item.find("text"));
  return "";
}

std::string read_lists(const json::Value& root, Scenario& scenario) {
  for (const auto& item : root.find("events") ? root.find("events")->as_array() : json::Array{}) {
    ScenarioEvent event;
    if (auto error = read_event(item, event); !error.empty()) return error;
    scenario.events.push_back(std::move(event));
  }
  for (const auto& item : root.find("expected_actions") ? root.find("expected_actions")->as_array() : json::Array{}) {
    ExpectedAction action;
    if (auto error = read_expected_action(item, action); !error.empty()) return error;
    scenario.expected_actions.push_back(std::move(action));
  }
  for (const auto& item : root.find("outcome") ? root.find("outcome")->as_array() : json::Array{}) {
    OutcomeCheck check;
    if (auto error = read_outcome(item, check); !error.empty()) return error;
    scenario.outcome.push_back(std::move(check));
  }
  for (const auto& action : scenario.expected_actions) {
    if (action.after_event.empty()) continue;
    bool known = false;
    for (const auto& event : scenario.events) known = known || event.id == action.after_event;
    if (!known) return "expected action " + action.id + ": no event with id " + action.after_event;
  }
  return "";
}

}  // namespace

LocalText local_text(const json::Value* value) {
  if (value == nullptr) return {};
  if (value->is_string()) return {value->as_string(), value->as_string()};
  return {value->find("ja") ? value->find("ja")->as_string() : "", value->find("en") ? value->find("en")->as_string() : ""};
}

std::string override_scenario(Scenario& scenario, std::string_view name, std::string_view value) {
  if (name.starts_with("fault.")) {
    const auto fault = find_fault(name.substr(6));
    if (!fault) return "unknown fault: " + std::string(name.substr(6));
    const ParameterInfo severity{name, "", "", 0, 1, {}, nullptr, nullptr};
    double number = 0.0;
    if (auto error = parse_parameter_value(severity, value, number); !error.empty()) return error;
    if (number < 0.0 || number > 1.0) return std::string(name) + ": severity must be within 0…1";
    scenario.initial_faults[*fault] = number;
    return "";
  }
  if (name == "seed") {
    const ParameterInfo seed{name, "", "", 0, 1e18, {}, nullptr, nullptr};
    double number = 0.0;
    if (auto error = parse_parameter_value(seed, value, number); !error.empty()) return error;
    scenario.seed = static_cast<std::uint64_t>(number);
    return "";
  }
  return set_parameter_text(scenario.parameters, name, value);
}

ScenarioResult parse_scenario(std::string_view json_text) {
  const json::ParseResult parsed = json::parse(json_text);
  if (!parsed.error.empty()) return {std::nullopt, "JSON " + parsed.error};
  const json::Value& root = parsed.value;
  if (!root.is_object()) return {std::nullopt, "a scenario is a JSON object"};
  Scenario scenario;
  scenario.id = root.find("id") ? root.find("id")->as_string() : "";
  if (scenario.id.empty()) return {std::nullopt, "a scenario needs an \"id\""};
  scenario.category = root.find("category") ? root.find("category")->as_string() : "";
  scenario.title = local_text(root.find("title"));
  scenario.brief = local_text(root.find("brief"));
  scenario.debrief = local_text(root.find("debrief"));
  for (const auto& reference : root.find("references") ? root.find("references")->as_array() : json::Array{}) {
    scenario.references.push_back(reference.as_string());
  }
  scenario.seed = static_cast<std::uint64_t>(root.find("seed") ? root.find("seed")->as_number(1.0) : 1.0);
  scenario.duration_s = root.find("duration_s") ? root.find("duration_s")->as_number(600.0) : 600.0;
  if (!(scenario.duration_s > 0.0)) return {std::nullopt, "duration_s must be above zero"};
  if (auto error = read_sections(root, scenario); !error.empty()) return {std::nullopt, error};
  if (auto error = read_lists(root, scenario); !error.empty()) return {std::nullopt, error};
  return {std::move(scenario), ""};
}

}  // namespace kenshu::sim
