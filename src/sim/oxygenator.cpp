#include "sim/oxygenator.hpp"

#include <algorithm>
#include <cmath>

#include "sim/blood_gas.hpp"
#include "sim/constants.hpp"

namespace kenshu::sim {

namespace {
constexpr int membrane_segments = 16;
// The sweep gas cannot give up all of its O2: at most this share of what it carries.
constexpr double usable_sweep_O2_share = 0.8;
constexpr double least_flow_L_per_min = 0.01;

// Blood PO2 after the membrane with gas at gas_PO2: each segment's O2 capacity is taken at the PO2 entering it and
// the segment solved exactly for that capacity, so a segment can never overshoot the gas.
double membrane_outlet_PO2(double inlet_PO2, double gas_PO2, double flow_dL_per_min, double hemoglobin,
                           double diffusing_capacity) {
  double p = inlet_PO2;
  const double per_segment = diffusing_capacity / membrane_segments;
  for (int i = 0; i < membrane_segments; ++i) {
    const double slope = hufner_mL_O2_per_g_Hb * hemoglobin * haemoglobin_saturation_slope_per_mmHg(p) +
                         O2_solubility_mL_per_dL_per_mmHg;
    p = gas_PO2 - (gas_PO2 - p) * std::exp(-per_segment / (flow_dL_per_min * slope));
  }
  return p;
}

double CO2_removal_mL_per_min(const OxygenatorInputs& in, double inlet_PCO2, double exchanging_flow_L_per_min) {
  const double blood_capacity = exchanging_flow_L_per_min * dL_per_L * CO2_content_slope_mL_per_dL_per_mmHg;
  const double gas_capacity = in.sweep_gas_flow_L_per_min * mL_per_L / in.barometric_pressure_mmHg;
  const double c_min = std::min(blood_capacity, gas_capacity);
  const double c_max = std::max(blood_capacity, gas_capacity);
  if (c_min <= 0.0 || in.CO2_conductance_mL_per_min_per_mmHg <= 0.0) return 0.0;
  const double effectiveness = counterflow_effectiveness(in.CO2_conductance_mL_per_min_per_mmHg / c_min, c_min / c_max);
  return effectiveness * c_min * inlet_PCO2;  // sweep gas enters with no CO2
}
}  // namespace

double counterflow_effectiveness(double ntu, double ratio) {
  if (ntu <= 0.0) return 0.0;
  if (std::abs(1.0 - ratio) < 1e-6) return ntu / (1.0 + ntu);
  const double e = std::exp(-ntu * (1.0 - ratio));
  return (1.0 - e) / (1.0 - ratio * e);
}

OxygenatorResult oxygenate(const OxygenatorInputs& in) {
  OxygenatorResult out;
  out.outlet = in.inlet;
  out.inlet_PO2_mmHg = PO2_from_O2_content_mmHg(in.inlet.O2_mL_per_dL, in.hemoglobin_g_per_dL, in.inlet_PO2_guess_mmHg);
  out.outlet_PO2_mmHg = out.inlet_PO2_mmHg;
  const double inlet_PCO2 = PCO2_from_CO2_content_mmHg(in.inlet.CO2_mL_per_dL);
  out.outlet_PCO2_mmHg = inlet_PCO2;
  const double flow = std::abs(in.blood_flow_L_per_min);
  if (flow < least_flow_L_per_min || in.sweep_gas_flow_L_per_min <= 0.0) return out;
  const double flow_dL = flow * dL_per_L;
  const double shunt = std::clamp(in.shunt_fraction, 0.0, 1.0);
  const double exchanging_dL = (1.0 - shunt) * flow_dL;

  // O2, limited by the membrane and by blood flow, then by what the sweep gas carries.
  const double gas_PO2 = in.FdO2 * (in.barometric_pressure_mmHg - water_vapour_pressure_mmHg);
  double outlet_O2 = in.inlet.O2_mL_per_dL;
  if (exchanging_dL > 0.0) {
    const double fibre_PO2 = membrane_outlet_PO2(out.inlet_PO2_mmHg, gas_PO2, exchanging_dL, in.hemoglobin_g_per_dL,
                                                 in.O2_diffusing_capacity_mL_per_min_per_mmHg);
    outlet_O2 = (1.0 - shunt) * O2_content_mL_per_dL(fibre_PO2, in.hemoglobin_g_per_dL) + shunt * in.inlet.O2_mL_per_dL;
  }
  const double supply_mL_per_min = usable_sweep_O2_share * in.sweep_gas_flow_L_per_min * in.FdO2 * mL_per_L;
  if (flow_dL * (outlet_O2 - in.inlet.O2_mL_per_dL) > supply_mL_per_min) {
    outlet_O2 = in.inlet.O2_mL_per_dL + supply_mL_per_min / flow_dL;
  }
  out.outlet.O2_mL_per_dL = outlet_O2;
  out.outlet_PO2_mmHg = PO2_from_O2_content_mmHg(outlet_O2, in.hemoglobin_g_per_dL, gas_PO2);
  out.O2_transfer_mL_per_min = flow_dL * (outlet_O2 - in.inlet.O2_mL_per_dL);

  // CO2, by sweep.
  out.CO2_removal_mL_per_min = CO2_removal_mL_per_min(in, inlet_PCO2, (1.0 - shunt) * flow);
  out.outlet.CO2_mL_per_dL = in.inlet.CO2_mL_per_dL - out.CO2_removal_mL_per_min / flow_dL;
  out.outlet_PCO2_mmHg = PCO2_from_CO2_content_mmHg(out.outlet.CO2_mL_per_dL);
  return out;
}

}  // namespace kenshu::sim
