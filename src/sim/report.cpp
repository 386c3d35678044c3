#include "sim/report.hpp"

#include "sim/json.hpp"

namespace kenshu::sim {

namespace {

std::string text_json(const LocalText& text) {
  return "{\"ja\":" + json::quote(text.ja) + ",\"en\":" + json::quote(text.en) + "}";
}

std::string alarms_json(std::uint32_t alarms) {
  std::string out = "[";
  bool first = true;
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(Alarm::count); ++i) {
    if ((alarms & alarm_bit(static_cast<Alarm>(i))) == 0) continue;
    if (!first) out += ",";
    out += json::quote(alarm_name(static_cast<Alarm>(i)));
    first = false;
  }
  return out + "]";
}

std::string action_scores_json(const std::vector<ActionScore>& scores) {
  std::string out = "[";
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const ActionScore& s = scores[i];
    if (i > 0) out += ",";
    out += "{\"id\":" + json::quote(s.id) + ",\"done\":" + (s.done ? "true" : "false") +
           ",\"time_s\":" + (s.done ? json::number(s.time_s) : "null") + ",\"points\":" + std::to_string(s.points) +
           ",\"max_points\":" + std::to_string(s.max_points) + ",\"text\":" + text_json(s.text) + "}";
  }
  return out + "]";
}

}  // namespace

std::string state_json(const Engine& engine) {
  std::string out = "{";
  for (const auto& info : output_table()) {
    out += json::quote(info.name) + ":" + json::number(engine.outputs().*(info.field)) + ",";
  }
  return out + "\"alarms\":" + alarms_json(engine.alarms()) + "}";
}

std::string log_json(const Engine& engine) {
  std::string out = "[";
  for (std::size_t i = 0; i < engine.log().size(); ++i) {
    const LogEntry& e = engine.log()[i];
    if (i > 0) out += ",";
    out += "{\"time_s\":" + json::number(e.time_s) + ",\"kind\":" + json::quote(e.kind) + ",\"name\":" +
           json::quote(e.name) + ",\"value\":" + json::quote(e.value) + ",\"by\":" +
           json::quote(e.actor == Actor::trainee ? "trainee" : "scenario") + "}";
  }
  return out + "]";
}

std::string score_json(const ScenarioRun& run) {
  const Score score = run.score();
  std::string events = "[";
  for (std::size_t i = 0; i < run.fired_events().size(); ++i) {
    const FiredEvent& e = run.fired_events()[i];
    if (i > 0) events += ",";
    events += "{\"id\":" + json::quote(e.id) + ",\"time_s\":" + json::number(e.time_s) + ",\"message\":" + text_json(e.message) + "}";
  }
  events += "]";
  return "{\"scenario\":" + json::quote(run.scenario().id) + ",\"points\":" + std::to_string(score.points) +
         ",\"max_points\":" + std::to_string(score.max_points) + ",\"actions\":" + action_scores_json(score.actions) +
         ",\"outcome\":" + action_scores_json(score.outcome) + ",\"events\":" + events +
         ",\"debrief\":" + text_json(run.scenario().debrief) + "}";
}

}  // namespace kenshu::sim
