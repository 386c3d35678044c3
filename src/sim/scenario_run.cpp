#include "sim/scenario_run.hpp"

#include <cmath>
#include <cstdlib>

namespace kenshu::sim {

ScenarioRun::ScenarioRun(const Scenario& scenario)
    : scenario_(scenario),
      engine_(scenario.parameters, scenario.seed, Start::steady, scenario.initial_faults),
      done_(scenario.events.size(), false) {
  fire_due_events();
}

void ScenarioRun::step() {
  engine_.step();
  fire_due_events();
}

void ScenarioRun::advance(double duration_s) {
  const auto steps = static_cast<long long>(std::llround(duration_s / Engine::step_s));
  for (long long i = 0; i < steps; ++i) step();
}

void ScenarioRun::fire_due_events() {
  const double now = engine_.time_s();
  for (std::size_t i = 0; i < scenario_.events.size(); ++i) {
    if (done_[i]) continue;
    const ScenarioEvent& event = scenario_.events[i];
    bool due = event.at_s && now >= *event.at_s - 1e-9;
    if (event.when) {
      const double value = engine_.output(event.when->output);
      const bool crossed = event.when->below ? value < event.when->threshold : value > event.when->threshold;
      // A timed condition waits for its time, then for its condition.
      due = crossed && (!event.at_s || now >= *event.at_s - 1e-9);
    }
    if (due) fire(i);
  }
}

void ScenarioRun::fire(std::size_t index) {
  const ScenarioEvent& event = scenario_.events[index];
  done_[index] = true;
  if (!event.fault.empty()) engine_.set_fault(*find_fault(event.fault), event.severity, Actor::scenario);
  for (const auto& [name, value] : event.settings) engine_.set(name, value, Actor::scenario);
  if (!event.intervention.empty()) engine_.intervene(event.intervention, Actor::scenario);
  fired_.push_back({event.id, engine_.time_s(), event.message});
}

std::optional<double> ScenarioRun::fired_at(const std::string& event_id) const {
  for (const auto& fired : fired_) {
    if (fired.id == event_id) return fired.time_s;
  }
  return std::nullopt;
}

bool ScenarioRun::action_matches(const ExpectedAction& expected, const LogEntry& entry) const {
  if (entry.actor != Actor::trainee) return false;
  if (!expected.intervention.empty()) return entry.kind == "intervention" && entry.name == expected.intervention;
  if (entry.kind != "setting" || entry.name != expected.setting) return false;
  if (!expected.equals.empty()) return entry.value == expected.equals;
  const double value = std::strtod(entry.value.c_str(), nullptr);
  if (expected.at_least && value < *expected.at_least) return false;
  if (expected.at_most && value > *expected.at_most) return false;
  return true;
}

Score ScenarioRun::score() const {
  Score score;
  for (const auto& expected : scenario_.expected_actions) {
    ActionScore result{expected.id, false, 0.0, 0, expected.points, expected.text};
    std::optional<double> opens = expected.after_event.empty() ? std::optional<double>(0.0) : fired_at(expected.after_event);
    for (const auto& entry : engine_.log()) {
      if (!opens) break;
      const bool in_window = entry.time_s >= *opens - 1e-9 && entry.time_s <= *opens + expected.within_s + 1e-9;
      if (in_window && action_matches(expected, entry)) {
        result.done = true;
        result.time_s = entry.time_s;
        result.points = expected.points;
        break;
      }
    }
    score.points += result.points;
    score.max_points += expected.points;
    score.actions.push_back(result);
  }
  for (const auto& check : scenario_.outcome) {
    const double value = engine_.output(check.output);
    const bool met = (!check.at_least || value >= *check.at_least) && (!check.at_most || value <= *check.at_most);
    ActionScore result{check.output, met, engine_.time_s(), met ? check.points : 0, check.points, check.text};
    score.points += result.points;
    score.max_points += check.points;
    score.outcome.push_back(result);
  }
  return score;
}

}  // namespace kenshu::sim
