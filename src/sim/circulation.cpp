#include "sim/circulation.hpp"

#include <algorithm>
#include <cmath>

#include "sim/blood_gas.hpp"
#include "sim/constants.hpp"

namespace kenshu::sim {

double native_cardiac_output_L_per_min(const CardiacInputs& in) {
  // Frank–Starling, linearised: output follows filling pressure relative to the patient's normal.
  const double preload = in.baseline_CVP_mmHg > 0.0 ? in.CVP_mmHg / in.baseline_CVP_mmHg : 1.0;
  const double preload_factor = std::clamp(0.4 + 0.6 * preload, 0.3, 1.2);
  // Positive intrathoracic pressure impedes venous return: −1 % per cmH2O of mean airway pressure above 10.
  const double thoracic_factor = std::clamp(1.0 - 0.01 * (in.mean_airway_pressure_cmH2O - 10.0), 0.6, 1.0);
  // The myocardium fails when its own supply desaturates below 0.7.
  const double myocardial_factor = std::clamp((in.coronary_SaO2 - 0.4) / 0.3, 0.2, 1.0);
  double output = in.resting_output_L_per_min * preload_factor * thoracic_factor * myocardial_factor *
                  in.obstruction_factor;
  if (in.veno_arterial) {
    // VA drainage empties the right heart and the return raises afterload: the native heart ejects less.
    output *= std::clamp(1.0 - in.va_unloading_per_L_per_min * std::max(0.0, in.ecmo_flow_L_per_min), 0.1, 1.0);
  }
  return std::max(0.0, output);
}

namespace {
BloodGasContent mix(double flow_a, const BloodGasContent& a, double flow_b, const BloodGasContent& b) {
  const double total = flow_a + flow_b;
  if (total <= 0.0) return a;
  return {(flow_a * a.O2_mL_per_dL + flow_b * b.O2_mL_per_dL) / total,
          (flow_a * a.CO2_mL_per_dL + flow_b * b.CO2_mL_per_dL) / total};
}
}  // namespace

SystemicSupply systemic_supply(double native, const BloodGasContent& left_heart, bool veno_arterial,
                               double ecmo_flow, const BloodGasContent& ecmo_return, double upper_fraction) {
  SystemicSupply supply;
  if (!veno_arterial) {
    supply.flow_L_per_min = native;
    supply.mixed = supply.upper_body = supply.lower_body = left_heart;
    supply.venous_outflow_L_per_min = native;
    return supply;
  }
  if (ecmo_flow < 0.0) {
    // Retrograde flow (pump stopped, lines open): arterial blood runs back to the veins through the circuit.
    const double stolen = std::min(native, -ecmo_flow);
    supply.flow_L_per_min = native - stolen;
    supply.mixed = supply.upper_body = supply.lower_body = left_heart;
    supply.venous_outflow_L_per_min = native;
    supply.extra_venous_inflow_L_per_min = stolen;
    supply.extra_venous_inflow = left_heart;
    return supply;
  }
  const double total = native + ecmo_flow;
  const double upper_flow = upper_fraction * total;
  const double native_up = std::min(native, upper_flow);
  const double circuit_up = upper_flow - native_up;
  supply.flow_L_per_min = total;
  supply.mixed = mix(native, left_heart, ecmo_flow, ecmo_return);
  supply.upper_body = mix(native_up, left_heart, circuit_up, ecmo_return);
  supply.lower_body = mix(native - native_up, left_heart, ecmo_flow - circuit_up, ecmo_return);
  if (native - native_up + ecmo_flow - circuit_up <= 0.0) supply.lower_body = supply.upper_body;
  supply.venous_outflow_L_per_min = total;
  return supply;
}

void BloodPools::set_up(const BloodGasContent& arterial, const BloodGasContent& venous, double venous_PCO2) {
  arterial_ = arterial;
  venous_O2_mL_per_dL_ = venous.O2_mL_per_dL;
  venous_PCO2_mmHg_ = venous_PCO2;
}

BloodGasContent BloodPools::venous() const {
  return {venous_O2_mL_per_dL_, CO2_content_mL_per_dL(venous_PCO2_mmHg_)};
}

void BloodPools::fill_arterial(double flow, const BloodGasContent& in, double volume_L, double dt) {
  const double turnover = std::min(1.0, flow / seconds_per_minute * dt / volume_L);
  arterial_.O2_mL_per_dL += turnover * (in.O2_mL_per_dL - arterial_.O2_mL_per_dL);
  arterial_.CO2_mL_per_dL += turnover * (in.CO2_mL_per_dL - arterial_.CO2_mL_per_dL);
}

TissueExchange BloodPools::perfuse(const SystemicSupply& supply, double O2_demand, double RQ, double volume_L,
                                   double tissue_capacitance, double dt) {
  const double minutes = dt / seconds_per_minute;
  const BloodGasContent venous_now = venous();
  // Tissues cannot take more O2 than the blood brings; as venous content approaches zero, VO2 falls with it.
  const double delivered_mL_per_min = supply.flow_L_per_min * dL_per_L * supply.mixed.O2_mL_per_dL;
  const double reserve = std::clamp(venous_O2_mL_per_dL_ / 2.0, 0.0, 1.0);
  TissueExchange tissue;
  tissue.O2_consumption_mL_per_min = std::min(O2_demand * reserve, 0.9 * delivered_mL_per_min);
  tissue.CO2_production_mL_per_min = RQ * tissue.O2_consumption_mL_per_min;

  const double in_flow = supply.flow_L_per_min * dL_per_L;
  const double extra_flow = supply.extra_venous_inflow_L_per_min * dL_per_L;
  const double out_flow = in_flow + extra_flow;
  const double pool_dL = volume_L * dL_per_L;
  // Amount balance of each gas in the pool (mL): inflows minus outflow, minus tissue uptake (O2) plus output (CO2).
  const double O2_change = in_flow * supply.mixed.O2_mL_per_dL + extra_flow * supply.extra_venous_inflow.O2_mL_per_dL -
                           out_flow * venous_now.O2_mL_per_dL - tissue.O2_consumption_mL_per_min;
  const double CO2_change = in_flow * supply.mixed.CO2_mL_per_dL +
                            extra_flow * supply.extra_venous_inflow.CO2_mL_per_dL - out_flow * venous_now.CO2_mL_per_dL +
                            tissue.CO2_production_mL_per_min;
  venous_O2_mL_per_dL_ = std::max(0.0, venous_O2_mL_per_dL_ + O2_change * minutes / pool_dL);
  const double capacitance = pool_dL * CO2_content_slope_mL_per_dL_per_mmHg + tissue_capacitance;
  venous_PCO2_mmHg_ = std::max(1.0, venous_PCO2_mmHg_ + CO2_change * minutes / capacitance);
  return tissue;
}

Haemodynamics arterial_pressures(double systemic_flow, double native_output, double heart_rate, double SVR,
                                 double CVP, double arterial_compliance) {
  Haemodynamics h;
  h.mean_arterial_pressure_mmHg = std::max(CVP, systemic_flow * SVR + CVP);
  const double stroke_volume_mL = heart_rate > 0.0 ? native_output * mL_per_L / heart_rate : 0.0;
  const double pulse_pressure = stroke_volume_mL / arterial_compliance;
  h.systolic_pressure_mmHg = h.mean_arterial_pressure_mmHg + 2.0 / 3.0 * pulse_pressure;
  h.diastolic_pressure_mmHg = h.mean_arterial_pressure_mmHg - 1.0 / 3.0 * pulse_pressure;
  return h;
}

double target_heart_rate_per_min(double resting, double MAP, double SaO2) {
  const double baroreflex = std::clamp(0.8 * (90.0 - MAP), -20.0, 50.0);
  const double chemoreflex = 100.0 * std::clamp(0.92 - SaO2, 0.0, 0.3);
  // Below 50 % saturation the hypoxic heart slows, the prelude to arrest.
  const double hypoxic_slowing = std::clamp((0.5 - SaO2) * 300.0, 0.0, 120.0);
  return std::clamp(resting + baroreflex + chemoreflex - hypoxic_slowing, 20.0, 180.0);
}

double arterial_waveform_mmHg(const Haemodynamics& p, double phase) {
  const double pulse = p.systolic_pressure_mmHg - p.diastolic_pressure_mmHg;
  // A systolic upstroke over the first 15 % of the cycle, then diastolic run-off.
  const double shape = phase < 0.15 ? std::sin(0.5 * pi * phase / 0.15) : std::exp(-(phase - 0.15) / 0.3);
  return p.diastolic_pressure_mmHg + pulse * shape;
}

}  // namespace kenshu::sim
