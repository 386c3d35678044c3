// One fixed step of the engine: every model advanced in order, then the outputs published.
#include <algorithm>
#include <cmath>

#include "sim/blood_gas.hpp"
#include "sim/constants.hpp"
#include "sim/engine.hpp"
#include "sim/recirculation.hpp"

namespace kenshu::sim {

namespace {
constexpr double recruitment_time_constant_s = 30.0;
constexpr double heart_rate_time_constant_s = 5.0;
constexpr double pulse_oximeter_time_constant_s = 8.0;

double relax(double value, double target, double dt, double time_constant) {
  return target + (value - target) * std::exp(-dt / time_constant);
}
}  // namespace

void Engine::step() {
  if (conditions_stale_) refresh_conditions();
  breathe();
  ++step_index_;
  if (step_index_ % steps_per_physiology_step == 0) perfuse(step_s * steps_per_physiology_step);
  publish();
  update_alarms();
}

void Engine::breathe() {
  const Parameters& p = conditions_.effective;
  const EffortDrive drive{p.patient.spontaneous_rate_per_min, p.patient.muscle_pressure_cmH2O,
                          p.patient.neural_inspiratory_time_s};
  effort_.advance(drive, time_s(), step_s, random_);
  if (effort_.started_this_step()) asynchrony_.on_effort_start(time_s(), ventilator_.inspiring());

  const double lung_gas_before_L = lung_gas_volume_L();
  mechanics_.advance(ventilator_.command(p.vent), effort_.muscle_pressure_cmH2O(), step_s);
  gas_exchange_.ventilate(mechanics_.patient_flow_L_per_s(), lung_gas_before_L, airway_gas(), step_s);

  VentilatorObservation seen;
  seen.time_s = time_s() + step_s;
  seen.airway_pressure_cmH2O = mechanics_.airway_pressure_cmH2O();
  seen.patient_flow_L_per_s = mechanics_.patient_flow_L_per_s();
  seen.ventilator_flow_L_per_s = mechanics_.ventilator_flow_L_per_s();
  seen.static_pressure_cmH2O = mechanics_.static_pressure_cmH2O();
  seen.muscle_pressure_cmH2O = effort_.muscle_pressure_cmH2O();
  seen.mouth_PCO2_mmHg = gas_exchange_.mouth_PCO2_mmHg();
  seen.lung_volume_L = mechanics_.volume_L();
  ventilator_.observe(p.vent, seen, step_s);
  if (ventilator_.breath_started()) asynchrony_.on_breath_start(seen.time_s);
  asynchrony_.on_step(seen.time_s, effort_.active());
}

void Engine::perfuse(double dt) {
  if (conditions_stale_) refresh_conditions();
  const Parameters& p = conditions_.effective;
  const PatientParameters& patient = p.patient;

  // PEEP holds recruitable lung open; it opens and closes over tens of seconds.
  const double open_target = std::clamp(ventilator_.measurements().total_PEEP_cmH2O / patient.recruitment_pressure_cmH2O, 0.0, 1.0);
  recruited_fraction_ = relax(recruited_fraction_, open_target, dt, recruitment_time_constant_s);
  shunt_fraction_ = std::clamp(patient.shunt_fraction - patient.recruitable_shunt_fraction * recruited_fraction_, 0.0, 1.0);

  CardiacInputs heart;
  heart.resting_output_L_per_min = patient.cardiac_output_L_per_min;
  heart.baseline_CVP_mmHg = conditions_.baseline_CVP_mmHg;
  heart.CVP_mmHg = patient.central_venous_pressure_mmHg;
  heart.mean_airway_pressure_cmH2O = ventilator_.measurements().mean_airway_pressure_cmH2O;
  heart.coronary_SaO2 = haemoglobin_saturation(upper_PO2_mmHg_);
  heart.obstruction_factor = conditions_.cardiac_obstruction_factor;
  heart.veno_arterial = p.ecmo.mode == EcmoMode::va;
  heart.ecmo_flow_L_per_min = circuit_.flow_L_per_min;
  heart.va_unloading_per_L_per_min = patient.va_unloading_per_L_per_min;
  native_output_L_per_min_ = native_cardiac_output_L_per_min(heart);

  run_ecmo(dt);

  // The right heart receives native venous blood, joined in VV by the oxygenator's effective flow (Messaï).
  const BloodGasContent venous = pools_.venous();
  const BloodGasContent pulmonary_arterial =
      p.ecmo.mode == EcmoMode::vv
          ? pulmonary_arterial_blood(effective_flow_L_per_min_, native_output_L_per_min_, post_oxygenator_, venous)
          : venous;
  lung_ = gas_exchange_.exchange(native_output_L_per_min_, shunt_fraction_, pulmonary_arterial.O2_mL_per_dL,
                                 pulmonary_arterial.CO2_mL_per_dL, patient.hemoglobin_g_per_dL, lung_gas_volume_L(),
                                 airway_gas(), dt);
  pools_.fill_arterial(native_output_L_per_min_,
                       {lung_.pulmonary_venous_O2_mL_per_dL, lung_.pulmonary_venous_CO2_mL_per_dL},
                       patient.arterial_blood_volume_L, dt);
  supply_ = systemic_supply(native_output_L_per_min_, pools_.arterial(), heart.veno_arterial, circuit_.flow_L_per_min,
                            post_oxygenator_, patient.upper_body_flow_fraction);
  tissue_ = pools_.perfuse(supply_, patient.oxygen_consumption_mL_per_min, patient.respiratory_quotient,
                           patient.venous_blood_volume_L, patient.tissue_CO2_capacitance_mL_per_mmHg, dt);

  haemodynamics_ = arterial_pressures(supply_.flow_L_per_min, native_output_L_per_min_, heart_rate_per_min_,
                                      patient.systemic_vascular_resistance_mmHg_min_per_L,
                                      patient.central_venous_pressure_mmHg, patient.arterial_compliance_mL_per_mmHg);
  update_blood_gases(dt);
  const double target_rate = target_heart_rate_per_min(patient.heart_rate_per_min,
                                                       haemodynamics_.mean_arterial_pressure_mmHg,
                                                       haemoglobin_saturation(upper_PO2_mmHg_));
  heart_rate_per_min_ = relax(heart_rate_per_min_, target_rate, dt, heart_rate_time_constant_s);
  SpO2_ = relax(SpO2_, haemoglobin_saturation(upper_PO2_mmHg_), dt, pulse_oximeter_time_constant_s);
  chatter_jitter_ = 0.7 + 0.3 * random_.uniform();
}

void Engine::run_ecmo(double dt) {
  const Parameters& p = conditions_.effective;
  const EcmoSettings& ecmo = p.ecmo;
  if (ecmo.mode == EcmoMode::off) {
    pump_speed_rpm_ = 0.0;
    circuit_ = CircuitState{};
    oxygenator_ = OxygenatorResult{};
    recirculation_ = 0.0;
    effective_flow_L_per_min_ = 0.0;
    post_oxygenator_ = pools_.venous();
    return;
  }
  pump_speed_rpm_ = pump_speed_after_rpm(pump_speed_rpm_, ecmo.pump_speed_rpm * conditions_.pump_speed_factor, dt);
  const bool va = ecmo.mode == EcmoMode::va;
  CircuitInputs circuit;
  circuit.pump_speed_rpm = pump_speed_rpm_;
  circuit.pump = {ecmo.pump_head_mmHg_per_krpm2, ecmo.pump_flow_loss_mmHg_min2_per_L2, conditions_.pump_head_factor};
  circuit.drainage_cannula_Fr = ecmo.drainage_cannula_Fr;
  circuit.return_cannula_Fr = ecmo.return_cannula_Fr;
  circuit.oxygenator_resistance_mmHg_min_per_L = ecmo.oxygenator_resistance_mmHg_min_per_L;
  circuit.access = {p.patient.central_venous_pressure_mmHg, ecmo.venous_access_resistance_mmHg_min_per_L};
  circuit.drainage_kink_severity = conditions_.drainage_kink_severity;
  const double svr = p.patient.systemic_vascular_resistance_mmHg_min_per_L;
  circuit.return_site_pressure_mmHg = p.patient.central_venous_pressure_mmHg + (va ? svr * native_output_L_per_min_ : 0.0);
  circuit.return_site_slope_mmHg_min_per_L = va ? svr : 0.0;
  circuit.clamped = ecmo.clamped >= 0.5;
  circuit_ = solve_circuit(circuit);

  const double flow = circuit_.flow_L_per_min;
  const BloodGasContent venous = pools_.venous();
  BloodGasContent drained = venous;
  if (va) {
    recirculation_ = 0.0;
    effective_flow_L_per_min_ = flow;
  } else {
    recirculation_ = recirculation_fraction({ecmo.cannula_tip_distance_cm, ecmo.drainage_catchment_fraction}, flow,
                                           native_output_L_per_min_);
    effective_flow_L_per_min_ = effective_ecmo_flow_L_per_min(flow, recirculation_, native_output_L_per_min_);
    drained = drained_blood(recirculation_, post_oxygenator_, venous);
  }
  OxygenatorInputs membrane;
  membrane.blood_flow_L_per_min = flow;
  membrane.inlet = drained;
  membrane.inlet_PO2_guess_mmHg = oxygenator_.inlet_PO2_mmHg > 0.0 ? oxygenator_.inlet_PO2_mmHg : venous_PO2_mmHg_;
  membrane.hemoglobin_g_per_dL = p.patient.hemoglobin_g_per_dL;
  membrane.sweep_gas_flow_L_per_min = ecmo.sweep_gas_flow_L_per_min;
  membrane.FdO2 = ecmo.FdO2;
  membrane.barometric_pressure_mmHg = p.env.barometric_pressure_mmHg;
  membrane.O2_diffusing_capacity_mL_per_min_per_mmHg = ecmo.oxygenator_O2_diffusing_capacity_mL_per_min_per_mmHg;
  membrane.shunt_fraction = ecmo.oxygenator_shunt_fraction;
  membrane.CO2_conductance_mL_per_min_per_mmHg = ecmo.oxygenator_CO2_conductance_mL_per_min_per_mmHg;
  oxygenator_ = oxygenate(membrane);
  post_oxygenator_ = oxygenator_.outlet;
}

void Engine::update_blood_gases(double) {
  const double Hb = conditions_.effective.patient.hemoglobin_g_per_dL;
  upper_PO2_mmHg_ = PO2_from_O2_content_mmHg(supply_.upper_body.O2_mL_per_dL, Hb, upper_PO2_mmHg_);
  lower_PO2_mmHg_ = PO2_from_O2_content_mmHg(supply_.lower_body.O2_mL_per_dL, Hb, lower_PO2_mmHg_);
  venous_PO2_mmHg_ = PO2_from_O2_content_mmHg(pools_.venous().O2_mL_per_dL, Hb, venous_PO2_mmHg_);
}

}  // namespace kenshu::sim

namespace kenshu::sim {

void Engine::publish() {
  const Parameters& p = conditions_.effective;
  const VentilatorMeasurements& m = ventilator_.measurements();
  Outputs& o = outputs_;
  o.time_s = time_s();
  o.airway_pressure_cmH2O = mechanics_.airway_pressure_cmH2O();
  o.flow_L_per_min = mechanics_.patient_flow_L_per_s() * seconds_per_minute;
  o.volume_mL = m.volume_mL;
  o.muscle_pressure_cmH2O = effort_.muscle_pressure_cmH2O();
  o.capnogram_PCO2_mmHg = gas_exchange_.mouth_PCO2_mmHg();
  o.peak_pressure_cmH2O = m.peak_pressure_cmH2O;
  o.plateau_pressure_cmH2O = m.plateau_pressure_cmH2O;
  o.total_PEEP_cmH2O = m.total_PEEP_cmH2O;
  o.intrinsic_PEEP_cmH2O = std::max(0.0, m.total_PEEP_cmH2O - p.vent.peep_cmH2O);
  o.driving_pressure_cmH2O = m.plateau_pressure_cmH2O - m.total_PEEP_cmH2O;
  o.mean_airway_pressure_cmH2O = m.mean_airway_pressure_cmH2O;
  o.tidal_volume_mL = m.exhaled_tidal_volume_mL;
  o.inspired_tidal_volume_mL = m.inspired_tidal_volume_mL;
  o.minute_volume_L_per_min = m.minute_volume_L_per_min;
  o.measured_rate_per_min = m.rate_per_min;
  o.leak_fraction = m.leak_fraction;
  o.EtCO2_mmHg = m.EtCO2_mmHg;
  o.asynchrony_index = asynchrony_.index();

  if (step_index_ % steps_per_physiology_step == 0 || o.PaO2_mmHg == 0.0) {
    const PatientParameters& patient = p.patient;
    o.alveolar_PO2_mmHg = gas_exchange_.alveolar_PO2_mmHg();
    o.alveolar_PCO2_mmHg = gas_exchange_.alveolar_PCO2_mmHg();
    o.effective_shunt_fraction = shunt_fraction_;
    o.PaO2_mmHg = upper_PO2_mmHg_;
    o.PaCO2_mmHg = PCO2_from_CO2_content_mmHg(supply_.upper_body.CO2_mL_per_dL);
    o.SaO2 = haemoglobin_saturation(upper_PO2_mmHg_);
    o.SpO2 = SpO2_;
    o.bicarbonate_mmol_per_L = acute_bicarbonate_mmol_per_L(patient.bicarbonate_mmol_per_L, o.PaCO2_mmHg);
    o.pH = blood_pH(o.bicarbonate_mmol_per_L, o.PaCO2_mmHg);
    o.lower_body_PaO2_mmHg = lower_PO2_mmHg_;
    o.lower_body_SaO2 = haemoglobin_saturation(lower_PO2_mmHg_);
    o.PvO2_mmHg = venous_PO2_mmHg_;
    o.SvO2 = haemoglobin_saturation(venous_PO2_mmHg_);
    o.PvCO2_mmHg = pools_.venous_PCO2_mmHg();
    o.lung_O2_uptake_mL_per_min = lung_.O2_uptake_mL_per_min;
    o.lung_CO2_output_mL_per_min = lung_.CO2_output_mL_per_min;
    o.oxygen_delivery_mL_per_min = supply_.flow_L_per_min * dL_per_L * supply_.mixed.O2_mL_per_dL;
    o.oxygen_consumption_mL_per_min = tissue_.O2_consumption_mL_per_min;
    o.native_cardiac_output_L_per_min = native_output_L_per_min_;
    o.systemic_flow_L_per_min = supply_.flow_L_per_min;
    o.heart_rate_per_min = heart_rate_per_min_;
    o.mean_arterial_pressure_mmHg = haemodynamics_.mean_arterial_pressure_mmHg;
    o.systolic_pressure_mmHg = haemodynamics_.systolic_pressure_mmHg;
    o.diastolic_pressure_mmHg = haemodynamics_.diastolic_pressure_mmHg;
    o.central_venous_pressure_mmHg = patient.central_venous_pressure_mmHg;
  }
  cardiac_phase_ = std::fmod(cardiac_phase_ + step_s * heart_rate_per_min_ / seconds_per_minute, 1.0);
  o.arterial_pressure_mmHg = arterial_waveform_mmHg(haemodynamics_, cardiac_phase_);
  publish_ecmo();
}

void Engine::publish_ecmo() {
  Outputs& o = outputs_;
  o.ecmo_pump_speed_rpm = pump_speed_rpm_;
  o.recirculation_fraction = recirculation_;
  o.effective_ecmo_flow_L_per_min = effective_flow_L_per_min_;
  o.pre_oxygenator_pressure_mmHg = circuit_.pre_oxygenator_pressure_mmHg;
  o.post_oxygenator_pressure_mmHg = circuit_.post_oxygenator_pressure_mmHg;
  o.oxygenator_pressure_drop_mmHg = circuit_.pre_oxygenator_pressure_mmHg - circuit_.post_oxygenator_pressure_mmHg;
  const bool running = conditions_.effective.ecmo.mode != EcmoMode::off;
  o.pre_oxygenator_PO2_mmHg = running ? oxygenator_.inlet_PO2_mmHg : 0.0;
  o.pre_oxygenator_SO2 = haemoglobin_saturation(o.pre_oxygenator_PO2_mmHg);
  o.post_oxygenator_PO2_mmHg = running ? oxygenator_.outlet_PO2_mmHg : 0.0;
  o.post_oxygenator_SO2 = haemoglobin_saturation(o.post_oxygenator_PO2_mmHg);
  o.post_oxygenator_PCO2_mmHg = running ? oxygenator_.outlet_PCO2_mmHg : 0.0;
  o.ecmo_O2_transfer_mL_per_min = oxygenator_.O2_transfer_mL_per_min;
  o.ecmo_CO2_removal_mL_per_min = oxygenator_.CO2_removal_mL_per_min;
  // A collapsing vein snaps shut and reopens around the cannula: flow and drainage pressure shake (chattering).
  const double chatter = circuit_.collapse_severity;
  const double shake = chatter * chatter_jitter_ * std::abs(std::sin(2.0 * pi * 1.5 * o.time_s));
  o.ecmo_flow_L_per_min = circuit_.flow_L_per_min * (1.0 - 0.15 * shake);
  o.drainage_pressure_mmHg = circuit_.drainage_pressure_mmHg - 30.0 * shake;
  o.ecmo_chattering = chatter > 0.2 ? 1.0 : 0.0;
}

}  // namespace kenshu::sim
