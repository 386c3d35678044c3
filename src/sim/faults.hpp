#pragma once
// Faults a scenario can switch on (severity 0–1) and the interventions that put them right. apply_faults turns
// the set parameters and the active faults into the conditions the models run under.
#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "sim/parameters.hpp"

namespace kenshu::sim {

enum class Fault {
  hypovolemia,
  drainage_line_kink,
  air_in_circuit,
  pump_failure,
  oxygenator_failure,
  gas_supply_failure,
  high_recirculation,
  bronchospasm,
  tube_kink,
  secretions,
  circuit_leak,
  disconnection,
  atelectasis,
  pneumothorax,
  asynchrony,
  count
};

inline constexpr std::size_t fault_count = static_cast<std::size_t>(Fault::count);

struct FaultInfo {
  Fault fault;
  std::string_view name;
  std::string_view description;
};

std::span<const FaultInfo> fault_table();
std::optional<Fault> find_fault(std::string_view name);
std::string_view fault_name(Fault fault);

struct FaultState {
  std::array<double, fault_count> severity{};
  double& operator[](Fault f) { return severity[static_cast<std::size_t>(f)]; }
  double operator[](Fault f) const { return severity[static_cast<std::size_t>(f)]; }
};

// Parameters as the models see them, plus device conditions that are not settings.
struct Conditions {
  Parameters effective;
  double baseline_CVP_mmHg = 8.0;
  double tube_extra_resistance_cmH2O_s_per_L = 0.0;
  double peripheral_resistance_factor = 1.0;
  double leak_conductance_L_per_s_per_cmH2O = 0.0;
  double pump_head_factor = 1.0;
  double pump_speed_factor = 1.0;
  double drainage_kink_severity = 0.0;
  double cardiac_obstruction_factor = 1.0;
  bool air_in_circuit = false;
};

Conditions apply_faults(const Parameters& parameters, const FaultState& faults);

// An intervention changes faults and settings. Returns false when the name is unknown.
struct InterventionInfo {
  std::string_view name;
  std::string_view description;
};
std::span<const InterventionInfo> intervention_table();
bool apply_intervention(std::string_view name, FaultState& faults, Parameters& parameters);

}  // namespace kenshu::sim
