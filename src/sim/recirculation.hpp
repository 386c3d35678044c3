#pragma once
// VV-ECMO: recirculation and the mixing of returned blood with native venous blood (Messaï et al., Intensive
// Care Med 2013;39:327–334). Effective flow EF = (1 − R)·Q_ECMO; the right heart receives EF of oxygenator blood
// and CO − EF of native venous blood, so pulmonary arterial (and, without native lung function, arterial)
// content is (EF·C_post + (CO − EF)·C_v)/CO. Drained blood is R·C_post + (1 − R)·C_v.
#include "sim/circulation.hpp"

namespace kenshu::sim {

struct RecirculationGeometry {
  double tip_distance_cm = 15.0;
  double catchment_fraction = 0.7;  // share of venous return reaching the drainage tip before the return jet
};

// R rises with ECMO flow and with nearer tips. Two parts: returned blood reaching the drainage holes directly,
// falling off exponentially with tip distance and growing with Q/CO; and the excess of drainage over the venous
// return of its catchment, which can only be made up from returned blood.
double recirculation_fraction(const RecirculationGeometry& geometry, double ecmo_flow_L_per_min,
                              double cardiac_output_L_per_min);

double effective_ecmo_flow_L_per_min(double ecmo_flow_L_per_min, double recirculation_fraction,
                                     double cardiac_output_L_per_min);

BloodGasContent drained_blood(double recirculation_fraction, const BloodGasContent& post_oxygenator,
                              const BloodGasContent& native_venous);

BloodGasContent pulmonary_arterial_blood(double effective_flow_L_per_min, double cardiac_output_L_per_min,
                                         const BloodGasContent& post_oxygenator, const BloodGasContent& native_venous);

// Messaï's mixing model written in saturation terms (fractions): SpaO2 = EF/CO·SmO2 + (1 − EF/CO)·SvO2, plus the
// O2 dissolved in the returned blood that binds to venous haemoglobin on mixing, EF/CO·0.003·PmO2/(1.34·Hb).
// Used to check the content-based mixing above.
double messai_pulmonary_arterial_saturation(double effective_flow_L_per_min, double cardiac_output_L_per_min,
                                            double post_oxygenator_SO2, double mixed_venous_SO2,
                                            double post_oxygenator_PO2_mmHg, double hemoglobin_g_per_dL);

}  // namespace kenshu::sim
