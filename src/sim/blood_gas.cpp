#include "sim/blood_gas.hpp"

#include <algorithm>
#include <cmath>

#include "sim/constants.hpp"

namespace kenshu::sim {

namespace {
constexpr double severinghaus_k = 23400.0;
constexpr double severinghaus_linear = 150.0;
// Above this PO2 haemoglobin is fully saturated for every purpose of the simulator.
constexpr double highest_PO2_mmHg = 3000.0;
}  // namespace

double haemoglobin_saturation(double PO2_mmHg) {
  if (PO2_mmHg <= 0.0) return 0.0;
  const double u = PO2_mmHg * (PO2_mmHg * PO2_mmHg + severinghaus_linear);
  return u / (u + severinghaus_k);
}

double haemoglobin_saturation_slope_per_mmHg(double PO2_mmHg) {
  if (PO2_mmHg <= 0.0) return 0.0;
  const double u = PO2_mmHg * (PO2_mmHg * PO2_mmHg + severinghaus_linear);
  const double du = 3.0 * PO2_mmHg * PO2_mmHg + severinghaus_linear;
  const double d = u + severinghaus_k;
  return severinghaus_k * du / (d * d);
}

double O2_content_mL_per_dL(double PO2_mmHg, double hemoglobin_g_per_dL) {
  return hufner_mL_O2_per_g_Hb * hemoglobin_g_per_dL * haemoglobin_saturation(PO2_mmHg) +
         O2_solubility_mL_per_dL_per_mmHg * std::max(PO2_mmHg, 0.0);
}

double PO2_from_O2_content_mmHg(double content, double hemoglobin_g_per_dL, double guess) {
  if (content <= 0.0) return 0.0;
  double lo = 0.0;
  double hi = highest_PO2_mmHg;
  if (content >= O2_content_mL_per_dL(hi, hemoglobin_g_per_dL)) {
    // Beyond full saturation only dissolved O2 grows.
    return hi + (content - O2_content_mL_per_dL(hi, hemoglobin_g_per_dL)) / O2_solubility_mL_per_dL_per_mmHg;
  }
  double p = std::clamp(guess, 1.0, hi);
  const double binding = hufner_mL_O2_per_g_Hb * hemoglobin_g_per_dL;
  for (int i = 0; i < 40; ++i) {
    const double f = O2_content_mL_per_dL(p, hemoglobin_g_per_dL) - content;
    if (std::abs(f) < 1e-9) break;
    // Keep a bracket so that Newton never leaves it: the curve is S-shaped and Newton alone can overshoot.
    (f > 0.0 ? hi : lo) = p;
    const double slope = binding * haemoglobin_saturation_slope_per_mmHg(p) + O2_solubility_mL_per_dL_per_mmHg;
    double next = p - f / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (std::abs(next - p) < 1e-7) {
      p = next;
      break;
    }
    p = next;
  }
  return p;
}

double CO2_content_mL_per_dL(double PCO2_mmHg) {
  return CO2_content_intercept_mL_per_dL + CO2_content_slope_mL_per_dL_per_mmHg * PCO2_mmHg;
}

double PCO2_from_CO2_content_mmHg(double content) {
  return std::max(0.0, (content - CO2_content_intercept_mL_per_dL) / CO2_content_slope_mL_per_dL_per_mmHg);
}

double acute_bicarbonate_mmol_per_L(double metabolic_bicarbonate_mmol_per_L, double PCO2_mmHg) {
  return metabolic_bicarbonate_mmol_per_L + 0.1 * (PCO2_mmHg - 40.0);
}

double blood_pH(double bicarbonate_mmol_per_L, double PCO2_mmHg) {
  const double dissolved = CO2_solubility_mmol_per_L_per_mmHg * std::max(PCO2_mmHg, 1.0);
  return bicarbonate_pK + std::log10(std::max(bicarbonate_mmol_per_L, 1.0) / dissolved);
}

}  // namespace kenshu::sim
