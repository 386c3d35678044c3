#pragma once
// A scenario being played: the engine, the scenario's events fired on time or on their condition, the team's
// actions logged by the engine, and the score against the expected actions and outcome.
#include <optional>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/scenario.hpp"

namespace kenshu::sim {

struct FiredEvent {
  std::string id;
  double time_s = 0.0;
  LocalText message;
};

struct ActionScore {
  std::string id;
  bool done = false;
  double time_s = 0.0;  // when it was done
  int points = 0;
  int max_points = 0;
  LocalText text;
};

struct Score {
  std::vector<ActionScore> actions;
  std::vector<ActionScore> outcome;
  int points = 0;
  int max_points = 0;
};

class ScenarioRun {
 public:
  explicit ScenarioRun(const Scenario& scenario);

  void step();
  void advance(double duration_s);

  Engine& engine() { return engine_; }
  const Engine& engine() const { return engine_; }
  const Scenario& scenario() const { return scenario_; }
  const std::vector<FiredEvent>& fired_events() const { return fired_; }
  std::optional<double> fired_at(const std::string& event_id) const;

  Score score() const;

 private:
  void fire_due_events();
  void fire(std::size_t index);
  bool action_matches(const ExpectedAction& expected, const LogEntry& entry) const;

  Scenario scenario_;
  Engine engine_;
  std::vector<bool> done_;
  std::vector<FiredEvent> fired_;
};

}  // namespace kenshu::sim
