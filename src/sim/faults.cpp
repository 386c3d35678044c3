#include "sim/faults.hpp"

#include <algorithm>

namespace kenshu::sim {

namespace {

constexpr std::array<FaultInfo, fault_count> faults_by_name{{
    {Fault::hypovolemia, "hypovolemia", "low circulating volume: CVP falls, the drained vein collapses"},
    {Fault::drainage_line_kink, "drainage_line_kink", "kinked or clamped drainage line"},
    {Fault::air_in_circuit, "air_in_circuit", "air entrained into the circuit: the pump de-primes"},
    {Fault::pump_failure, "pump_failure", "pump console or motor failure: the impeller stops"},
    {Fault::oxygenator_failure, "oxygenator_failure", "membrane lung failure: clot and plasma leak"},
    {Fault::gas_supply_failure, "gas_supply_failure", "sweep gas supply lost or line disconnected"},
    {Fault::high_recirculation, "high_recirculation", "cannula tips migrated towards each other"},
    {Fault::bronchospasm, "bronchospasm", "small-airway constriction"},
    {Fault::tube_kink, "tube_kink", "kinked or bitten tracheal tube"},
    {Fault::secretions, "secretions", "secretions in the tube and airways"},
    {Fault::circuit_leak, "circuit_leak", "cuff or circuit leak"},
    {Fault::disconnection, "disconnection", "breathing circuit disconnected at the Y-piece"},
    {Fault::atelectasis, "atelectasis", "lung collapse (mucus plug, derecruitment)"},
    {Fault::pneumothorax, "pneumothorax", "tension pneumothorax"},
    {Fault::asynchrony, "asynchrony", "patient awake and air-hungry: strong, long efforts"},
}};

// What each intervention does: which fault it relieves and by how much (1: fully).
struct Remedy {
  InterventionInfo info;
  std::optional<Fault> relieves;
  double relief;
};

const std::array<Remedy, 17> remedies{{
    {{"fluid_bolus", "give a fluid bolus (500 mL)"}, Fault::hypovolemia, 0.4},
    {{"relieve_drainage_kink", "find and straighten the kinked drainage line"}, Fault::drainage_line_kink, 1.0},
    {{"clamp_circuit", "clamp the circuit lines"}, std::nullopt, 0.0},
    {{"unclamp_circuit", "remove the clamps"}, std::nullopt, 0.0},
    {{"deair_circuit", "de-air the circuit and pump head"}, Fault::air_in_circuit, 1.0},
    {{"switch_to_backup_drive", "move the pump head to the backup drive or hand crank"}, Fault::pump_failure, 1.0},
    {{"replace_oxygenator", "change the oxygenator (or the whole circuit)"}, Fault::oxygenator_failure, 1.0},
    {{"reconnect_sweep_gas", "reconnect the sweep gas or switch to a cylinder"}, Fault::gas_supply_failure, 1.0},
    {{"reposition_cannula", "reposition the cannula under imaging"}, Fault::high_recirculation, 1.0},
    {{"bronchodilator", "give an inhaled bronchodilator"}, Fault::bronchospasm, 0.6},
    {{"relieve_tube_kink", "straighten the tube, insert a bite block"}, Fault::tube_kink, 1.0},
    {{"suction_airway", "suction the tracheal tube"}, Fault::secretions, 1.0},
    {{"recruitment_manoeuvre", "recruit the collapsed lung"}, Fault::atelectasis, 0.7},
    {{"chest_drain", "decompress the pneumothorax and insert a chest drain"}, Fault::pneumothorax, 1.0},
    {{"reconnect_circuit", "reconnect the breathing circuit"}, Fault::disconnection, 1.0},
    {{"fix_leak", "re-inflate the cuff, tighten the circuit"}, Fault::circuit_leak, 1.0},
    {{"increase_sedation", "deepen sedation and analgesia"}, Fault::asynchrony, 0.6},
}};

std::array<InterventionInfo, remedies.size()> intervention_infos() {
  std::array<InterventionInfo, remedies.size()> infos{};
  for (std::size_t i = 0; i < remedies.size(); ++i) infos[i] = remedies[i].info;
  return infos;
}

const std::array<InterventionInfo, remedies.size()> interventions_by_name = intervention_infos();

}  // namespace

std::span<const FaultInfo> fault_table() { return faults_by_name; }

std::optional<Fault> find_fault(std::string_view name) {
  for (const auto& info : faults_by_name) {
    if (info.name == name) return info.fault;
  }
  return std::nullopt;
}

std::string_view fault_name(Fault fault) { return faults_by_name[static_cast<std::size_t>(fault)].name; }

Conditions apply_faults(const Parameters& parameters, const FaultState& f) {
  Conditions c;
  c.effective = parameters;
  PatientParameters& patient = c.effective.patient;
  EcmoSettings& ecmo = c.effective.ecmo;
  c.baseline_CVP_mmHg = parameters.patient.central_venous_pressure_mmHg;

  // Circuit faults.
  const double cvp = patient.central_venous_pressure_mmHg;
  patient.central_venous_pressure_mmHg = cvp - f[Fault::hypovolemia] * std::max(0.0, cvp - 1.0);
  c.drainage_kink_severity = f[Fault::drainage_line_kink];
  c.air_in_circuit = f[Fault::air_in_circuit] > 0.0;
  c.pump_head_factor = 1.0 - 0.95 * f[Fault::air_in_circuit];
  c.pump_speed_factor = 1.0 - f[Fault::pump_failure];
  ecmo.oxygenator_O2_diffusing_capacity_mL_per_min_per_mmHg *= 1.0 - 0.92 * f[Fault::oxygenator_failure];
  ecmo.oxygenator_CO2_conductance_mL_per_min_per_mmHg *= 1.0 - 0.85 * f[Fault::oxygenator_failure];
  ecmo.oxygenator_shunt_fraction = std::min(1.0, ecmo.oxygenator_shunt_fraction + 0.4 * f[Fault::oxygenator_failure]);
  ecmo.oxygenator_resistance_mmHg_min_per_L *= 1.0 + 5.0 * f[Fault::oxygenator_failure];
  ecmo.sweep_gas_flow_L_per_min *= 1.0 - f[Fault::gas_supply_failure];
  ecmo.cannula_tip_distance_cm *= 1.0 - f[Fault::high_recirculation];
  ecmo.drainage_catchment_fraction *= 1.0 - 0.5 * f[Fault::high_recirculation];

  // Airway and lung faults.
  c.peripheral_resistance_factor = 1.0 + 15.0 * f[Fault::bronchospasm];
  patient.slow_compartment_extra_resistance_cmH2O_s_per_L += 20.0 * f[Fault::bronchospasm];
  c.tube_extra_resistance_cmH2O_s_per_L = 40.0 * f[Fault::tube_kink] + 25.0 * f[Fault::secretions];
  c.leak_conductance_L_per_s_per_cmH2O = 0.012 * f[Fault::circuit_leak] + 10.0 * f[Fault::disconnection];
  patient.shunt_fraction = std::min(1.0, patient.shunt_fraction + 0.05 * f[Fault::secretions] +
                                             0.25 * f[Fault::atelectasis] + 0.15 * f[Fault::pneumothorax]);
  patient.compliance_L_per_cmH2O *= (1.0 - 0.3 * f[Fault::atelectasis]) * (1.0 - 0.5 * f[Fault::pneumothorax]);
  patient.relaxed_lung_volume_L *= (1.0 - 0.3 * f[Fault::atelectasis]) * (1.0 - 0.3 * f[Fault::pneumothorax]);
  c.cardiac_obstruction_factor = 1.0 - 0.5 * f[Fault::pneumothorax];

  // An awake, air-hungry patient: more frequent, stronger and longer efforts.
  const double hunger = f[Fault::asynchrony];
  patient.spontaneous_rate_per_min += 24.0 * hunger;
  patient.muscle_pressure_cmH2O += 15.0 * hunger;
  patient.neural_inspiratory_time_s += 0.9 * hunger;
  return c;
}

std::span<const InterventionInfo> intervention_table() { return interventions_by_name; }

bool apply_intervention(std::string_view name, FaultState& faults, Parameters& parameters) {
  const auto it = std::find_if(remedies.begin(), remedies.end(), [&](const Remedy& r) { return r.info.name == name; });
  if (it == remedies.end()) return false;
  if (it->relieves) faults[*it->relieves] = std::max(0.0, faults[*it->relieves] - it->relief);
  if (name == "clamp_circuit") parameters.ecmo.clamped = 1.0;
  if (name == "unclamp_circuit") parameters.ecmo.clamped = 0.0;
  return true;
}

}  // namespace kenshu::sim
