#include "sim/engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/blood_gas.hpp"
#include "sim/constants.hpp"
#include "sim/recirculation.hpp"

namespace kenshu::sim {

namespace {
// Stabilisation: breaths for 30 s to learn the alveolar ventilation, an hour of blood gases on that
// ventilation without resolving breaths, then 30 s of breaths again to bring the waveforms back.
constexpr double settle_breaths_s = 30.0;
constexpr double settle_blood_s = 3600.0;
constexpr double settle_blood_step_s = 1.0;
constexpr std::int64_t settle_steps = static_cast<std::int64_t>(settle_breaths_s / Engine::step_s + 0.5);

std::string format_value(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}
}  // namespace

Engine::Engine(const Parameters& parameters, std::uint64_t seed, Start start, const FaultState& faults)
    : parameters_(parameters), faults_(faults), random_(seed) {
  if (start == Start::steady) step_index_ = -2 * settle_steps;
  set_up();
  if (start == Start::steady) stabilize();
  publish();
}

AirwayGas Engine::airway_gas() const {
  const Parameters& p = conditions_.effective;
  return {p.vent.FiO2, p.env.barometric_pressure_mmHg, p.patient.anatomic_dead_space_mL / mL_per_L,
          p.patient.alveolar_dead_space_fraction};
}

double Engine::lung_gas_volume_L() const {
  return conditions_.effective.patient.relaxed_lung_volume_L + mechanics_.volume_L();
}

void Engine::refresh_conditions() {
  conditions_ = apply_faults(parameters_, faults_);
  const PatientParameters& patient = conditions_.effective.patient;
  const double r = patient.airway_resistance_cmH2O_s_per_L;
  // 80 % of the resistance is central (tube, trachea); the rest is peripheral, half through each compartment
  // path so that the two in parallel add 20 %.
  LungMechanicsConfig lung;
  lung.compliance1_L_per_cmH2O = patient.compliance_L_per_cmH2O * (1.0 - patient.slow_compartment_fraction);
  lung.compliance2_L_per_cmH2O = patient.compliance_L_per_cmH2O * patient.slow_compartment_fraction;
  lung.central_resistance_cmH2O_s_per_L = 0.8 * r + conditions_.tube_extra_resistance_cmH2O_s_per_L;
  lung.resistance1_cmH2O_s_per_L = 0.4 * r * conditions_.peripheral_resistance_factor;
  lung.resistance2_cmH2O_s_per_L = lung.resistance1_cmH2O_s_per_L + patient.slow_compartment_extra_resistance_cmH2O_s_per_L;
  lung.leak_conductance_L_per_s_per_cmH2O = conditions_.leak_conductance_L_per_s_per_cmH2O;
  mechanics_.configure(lung);
  conditions_stale_ = false;
}

void Engine::set_up() {
  refresh_conditions();
  const Parameters& p = conditions_.effective;
  const double start_pressure = p.vent.mode == VentMode::standby ? 0.0 : p.vent.peep_cmH2O;
  mechanics_.rest_at(start_pressure);
  ventilator_.set_up(p.vent, time_s(), mechanics_.volume_L());

  // First estimate of the blood gases (alveolar gas equation, Fick, shunt mixing); stabilisation refines it.
  const AirwayGas gas = airway_gas();
  const double PACO2 = 40.0;
  const double PAO2 = std::max(1.0, inspired_PO2_mmHg(gas) - PACO2 / p.patient.respiratory_quotient);
  const double Hb = p.patient.hemoglobin_g_per_dL;
  const double output = std::max(1.0, p.patient.cardiac_output_L_per_min);
  const double extraction = p.patient.oxygen_consumption_mL_per_min / (output * dL_per_L);
  const double shunt = std::min(p.patient.shunt_fraction, 0.9);
  const double capillary_O2 = O2_content_mL_per_dL(PAO2, Hb);
  const double arterial_O2 = std::max(extraction + 1.0, capillary_O2 - shunt * extraction / (1.0 - shunt));
  const double venous_PCO2 = PACO2 + p.patient.respiratory_quotient * extraction / CO2_content_slope_mL_per_dL_per_mmHg;
  pools_.set_up({arterial_O2, CO2_content_mL_per_dL(PACO2)}, {arterial_O2 - extraction, 0.0}, venous_PCO2);
  gas_exchange_.set_up(PAO2, PACO2, gas);
  post_oxygenator_ = pools_.venous();
  native_output_L_per_min_ = p.patient.cardiac_output_L_per_min;
  heart_rate_per_min_ = p.patient.heart_rate_per_min;
  pump_speed_rpm_ = p.ecmo.mode == EcmoMode::off ? 0.0 : p.ecmo.pump_speed_rpm;
  if (p.ecmo.mode == EcmoMode::vv) {
    // On VV-ECMO the right heart already receives oxygenated blood. Without it in the first estimate a patient
    // with no lung function would start near death and its heart fail before the circuit could help, so the
    // estimate iterates the circuit and Messaï's mixing to a fixed point first.
    const double full_shunt = std::clamp(p.patient.shunt_fraction, 0.0, 1.0);
    for (int i = 0; i < 30; ++i) {
      run_ecmo(0.0);
      const BloodGasContent mixed =
          pulmonary_arterial_blood(effective_flow_L_per_min_, output, post_oxygenator_, pools_.venous());
      const double arterial = (1.0 - full_shunt) * capillary_O2 + full_shunt * mixed.O2_mL_per_dL;
      pools_.set_up({arterial, CO2_content_mL_per_dL(PACO2)}, {std::max(1.0, arterial - extraction), 0.0}, venous_PCO2);
    }
  }
  recruited_fraction_ = std::clamp(start_pressure / p.patient.recruitment_pressure_cmH2O, 0.0, 1.0);
  supply_ = systemic_supply(native_output_L_per_min_, pools_.arterial(), false, 0.0, post_oxygenator_,
                            p.patient.upper_body_flow_fraction);
  update_blood_gases(0.0);
  SpO2_ = haemoglobin_saturation(upper_PO2_mmHg_);
}

void Engine::stabilize() {
  // Alveolar ventilation is measured over whole breaths (first to last breath start after a 10 s warm-up), so
  // that a part breath at either end does not bias it.
  double lung_volume_sum_L = 0.0;
  double fresh_L = 0.0;
  double counted_fresh_L = 0.0;
  bool counting = false;
  double first_breath_s = 0.0;
  double last_breath_s = 0.0;
  for (std::int64_t i = 0; i < settle_steps; ++i) {
    step();
    lung_volume_sum_L += lung_gas_volume_L();
    fresh_L += gas_exchange_.take_fresh_gas_L();
    if (!ventilator_.breath_started() || i * step_s < 10.0) continue;
    if (!counting) {
      counting = true;
      first_breath_s = time_s();
      fresh_L = 0.0;
    } else {
      last_breath_s = time_s();
      counted_fresh_L = fresh_L;
    }
  }
  const double fresh_L_per_s = last_breath_s > first_breath_s ? counted_fresh_L / (last_breath_s - first_breath_s)
                                                              : fresh_L / (settle_breaths_s - 10.0);
  const double mean_lung_L = lung_volume_sum_L / static_cast<double>(settle_steps);
  const int blood_steps = static_cast<int>(settle_blood_s / settle_blood_step_s);
  for (int i = 0; i < blood_steps; ++i) {
    gas_exchange_.ventilate_continuously(fresh_L_per_s, mean_lung_L, airway_gas(), settle_blood_step_s);
    perfuse(settle_blood_step_s);
  }
  for (std::int64_t i = 0; i < settle_steps; ++i) step();
  gas_exchange_.take_fresh_gas_L();
  log_.clear();
  logged_alarms_ = 0;
  update_alarms();
}

void Engine::advance(double duration_s) {
  const auto steps = static_cast<std::int64_t>(std::llround(duration_s / step_s));
  for (std::int64_t i = 0; i < steps; ++i) step();
}

std::string Engine::set(std::string_view name, std::string_view value, Actor actor) {
  if (name.starts_with("fault.")) {
    const auto fault = find_fault(name.substr(6));
    if (!fault) return "unknown fault: " + std::string(name.substr(6));
    double severity = 0.0;
    const ParameterInfo severity_info{name, "", "", 0, 1, {}, nullptr, nullptr};
    if (auto error = parse_parameter_value(severity_info, value, severity); !error.empty()) return error;
    return set_fault(*fault, severity, actor);
  }
  const ParameterInfo* info = find_parameter(name);
  if (info == nullptr) return "unknown parameter: " + std::string(name);
  double number = 0.0;
  if (auto error = parse_parameter_value(*info, value, number); !error.empty()) return error;
  return set_number(name, number, actor);
}

std::string Engine::set_number(std::string_view name, double value, Actor actor) {
  if (auto error = set_parameter(parameters_, name, value); !error.empty()) return error;
  conditions_stale_ = true;
  const ParameterInfo* info = find_parameter(name);
  log_.push_back({time_s(), "setting", std::string(name), format_parameter_value(*info, value), actor});
  return "";
}

std::string Engine::set_fault(Fault fault, double severity, Actor actor) {
  if (!(severity >= 0.0 && severity <= 1.0)) return "fault severity must be within 0…1";
  faults_[fault] = severity;
  conditions_stale_ = true;
  log_.push_back({time_s(), "fault", std::string(fault_name(fault)), format_value(severity), actor});
  return "";
}

std::string Engine::intervene(std::string_view action, Actor actor) {
  if (!apply_intervention(action, faults_, parameters_)) return "unknown intervention: " + std::string(action);
  conditions_stale_ = true;
  log_.push_back({time_s(), "intervention", std::string(action), "", actor});
  return "";
}

double Engine::output(std::string_view name) const {
  const OutputInfo* info = find_output(name);
  return info == nullptr ? std::numeric_limits<double>::quiet_NaN() : outputs_.*(info->field);
}

void Engine::update_alarms() {
  const Parameters& p = conditions_.effective;
  std::uint32_t alarms = p.vent.mode == VentMode::standby ? 0u : ventilator_.alarms();
  auto raise = [&alarms](Alarm alarm, bool on) {
    if (on) alarms |= alarm_bit(alarm);
  };
  raise(Alarm::low_SpO2, outputs_.SpO2 < 0.88);
  raise(Alarm::low_blood_pressure, outputs_.mean_arterial_pressure_mmHg < 60.0);
  if (p.ecmo.mode != EcmoMode::off) {
    raise(Alarm::ecmo_low_flow, std::abs(circuit_.flow_L_per_min) < p.ecmo.low_flow_limit_L_per_min);
    raise(Alarm::ecmo_drainage_pressure, circuit_.drainage_pressure_mmHg < p.ecmo.drainage_pressure_limit_mmHg);
    raise(Alarm::ecmo_pressure_drop, outputs_.oxygenator_pressure_drop_mmHg > p.ecmo.pressure_drop_limit_mmHg);
    raise(Alarm::ecmo_bubble, conditions_.air_in_circuit);
    raise(Alarm::ecmo_sweep_gas, parameters_.ecmo.sweep_gas_flow_L_per_min > 0.0 &&
                                     p.ecmo.sweep_gas_flow_L_per_min < 0.1 * parameters_.ecmo.sweep_gas_flow_L_per_min);
    raise(Alarm::ecmo_pump_stopped, p.ecmo.pump_speed_rpm >= 500.0 && pump_speed_rpm_ < 500.0);
  }
  alarms_ = alarms;
  if (alarms_ == logged_alarms_) return;
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(Alarm::count); ++i) {
    const auto alarm = static_cast<Alarm>(i);
    const bool now = (alarms_ & alarm_bit(alarm)) != 0;
    const bool before = (logged_alarms_ & alarm_bit(alarm)) != 0;
    if (now != before) log_.push_back({time_s(), now ? "alarm_on" : "alarm_off", std::string(alarm_name(alarm)), "", Actor::scenario});
  }
  logged_alarms_ = alarms_;
}

}  // namespace kenshu::sim
