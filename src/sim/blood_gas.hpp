#pragma once
// Blood gas relationships: O2 dissociation (Severinghaus 1979), O2 content, a linear CO2 dissociation curve and
// the Henderson–Hasselbalch equation. Pure functions, no state.

namespace kenshu::sim {

// Haemoglobin O2 saturation (0–1) at a PO2, standard conditions (Severinghaus JW, J Appl Physiol 1979;46:599–602):
// S = 1 / (23400 / (PO2³ + 150·PO2) + 1).
double haemoglobin_saturation(double PO2_mmHg);

// dS/dPO2 of the same curve, per mmHg.
double haemoglobin_saturation_slope_per_mmHg(double PO2_mmHg);

// O2 content = 1.34·Hb·S + 0.003·PO2 (mL O2 per dL of blood).
double O2_content_mL_per_dL(double PO2_mmHg, double hemoglobin_g_per_dL);

// The PO2 whose O2 content is the one given (inverse of O2_content_mL_per_dL), by safeguarded Newton iteration.
double PO2_from_O2_content_mmHg(double O2_content_mL_per_dL, double hemoglobin_g_per_dL, double guess_PO2_mmHg = 40);

// Whole-blood CO2 content, linear over the physiological range (PCO2 20–80 mmHg): 48 mL/dL at 40 mmHg and
// 0.65 mL/dL per mmHg, the slope between arterial and mixed venous points in West's Respiratory Physiology.
inline constexpr double CO2_content_intercept_mL_per_dL = 22.0;
inline constexpr double CO2_content_slope_mL_per_dL_per_mmHg = 0.65;
double CO2_content_mL_per_dL(double PCO2_mmHg);
double PCO2_from_CO2_content_mmHg(double CO2_content_mL_per_dL);

// Plasma bicarbonate after acute respiratory change: +0.1 mmol/L per mmHg of PCO2 above 40 (the acute
// buffering rule, Brackett et al. NEJM 1965).
double acute_bicarbonate_mmol_per_L(double metabolic_bicarbonate_mmol_per_L, double PCO2_mmHg);

// pH = 6.1 + log10(HCO3 / (0.03·PCO2)) (Henderson–Hasselbalch).
double blood_pH(double bicarbonate_mmol_per_L, double PCO2_mmHg);

}  // namespace kenshu::sim
