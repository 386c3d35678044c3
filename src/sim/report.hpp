#pragma once
// What a run reports, as JSON text: the state (every output, the active alarms), the event log, the score.
// Used by `kenshu sim run --json` and by the C API that the browser calls.
#include <string>

#include "sim/engine.hpp"
#include "sim/scenario_run.hpp"

namespace kenshu::sim {

std::string state_json(const Engine& engine);
std::string log_json(const Engine& engine);
std::string score_json(const ScenarioRun& run);

}  // namespace kenshu::sim
