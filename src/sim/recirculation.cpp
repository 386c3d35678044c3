#include "sim/recirculation.hpp"

#include <algorithm>
#include <cmath>

#include "sim/constants.hpp"

namespace kenshu::sim {

namespace {
// Share of returned blood reaching drainage holes at zero distance and Q = CO, and its decay length.
constexpr double near_tip_share = 0.3;
constexpr double near_tip_decay_cm = 10.0;
constexpr double most_recirculation = 0.95;
}  // namespace

double recirculation_fraction(const RecirculationGeometry& g, double flow, double cardiac_output) {
  if (flow <= 0.0 || cardiac_output <= 0.0) return 0.0;
  const double proximity = near_tip_share * std::exp(-std::max(0.0, g.tip_distance_cm) / near_tip_decay_cm);
  const double direct = proximity * std::min(flow / cardiac_output, 2.0);
  const double catchment_flow = g.catchment_fraction * cardiac_output;
  const double excess = std::max(0.0, flow - catchment_flow) / flow;
  return std::clamp(direct + excess, 0.0, most_recirculation);
}

double effective_ecmo_flow_L_per_min(double flow, double recirculation, double cardiac_output) {
  return std::clamp(flow * (1.0 - recirculation), 0.0, std::max(0.0, cardiac_output));
}

BloodGasContent drained_blood(double r, const BloodGasContent& post, const BloodGasContent& venous) {
  return {r * post.O2_mL_per_dL + (1.0 - r) * venous.O2_mL_per_dL,
          r * post.CO2_mL_per_dL + (1.0 - r) * venous.CO2_mL_per_dL};
}

BloodGasContent pulmonary_arterial_blood(double effective_flow, double cardiac_output, const BloodGasContent& post,
                                         const BloodGasContent& venous) {
  if (cardiac_output <= 0.0) return venous;
  const double share = std::clamp(effective_flow / cardiac_output, 0.0, 1.0);
  return {share * post.O2_mL_per_dL + (1.0 - share) * venous.O2_mL_per_dL,
          share * post.CO2_mL_per_dL + (1.0 - share) * venous.CO2_mL_per_dL};
}

double messai_pulmonary_arterial_saturation(double effective_flow, double cardiac_output, double post_SO2,
                                            double venous_SO2, double post_PO2, double hemoglobin) {
  if (cardiac_output <= 0.0) return venous_SO2;
  const double share = std::clamp(effective_flow / cardiac_output, 0.0, 1.0);
  const double dissolved = O2_solubility_mL_per_dL_per_mmHg * post_PO2 / (hufner_mL_O2_per_g_Hb * hemoglobin);
  return share * (post_SO2 + dissolved) + (1.0 - share) * venous_SO2;
}

}  // namespace kenshu::sim
