#pragma once
// Physical and physiological constants shared by the models. Each one says where it comes from.

namespace kenshu::sim {

// Saturated water vapour pressure at 37 °C: inspired gas is humidified before it reaches the alveoli.
inline constexpr double water_vapour_pressure_mmHg = 47.0;
// Hüfner's number as used clinically (1.34 mL O2 per g of haemoglobin at full saturation).
inline constexpr double hufner_mL_O2_per_g_Hb = 1.34;
// Solubility of O2 in plasma at 37 °C (Henry's law): 0.003 mL O2 per dL of blood per mmHg.
inline constexpr double O2_solubility_mL_per_dL_per_mmHg = 0.003;
// Solubility of CO2 in plasma at 37 °C, used by the Henderson–Hasselbalch equation (mmol/L per mmHg).
inline constexpr double CO2_solubility_mmol_per_L_per_mmHg = 0.03;
// pK' of the bicarbonate buffer in plasma at 37 °C.
inline constexpr double bicarbonate_pK = 6.1;
// Gas volumes exchanged by blood are STPD; alveolar gas is BTPS: (310/273)·(760/(760−47)) at sea level.
inline constexpr double btps_per_stpd = 1.2104;
// 1 cmH2O = 0.7356 mmHg.
inline constexpr double mmHg_per_cmH2O = 0.7356;
inline constexpr double seconds_per_minute = 60.0;
inline constexpr double dL_per_L = 10.0;
inline constexpr double mL_per_L = 1000.0;
inline constexpr double pi = 3.14159265358979323846;

}  // namespace kenshu::sim
