#pragma once
// What the engine publishes after every step: monitors, ventilator measurements, blood gases and the ECMO
// console. Saturations are fractions (0–1). output_table() names every field for traces, JSON and the C API.
#include <cstdint>
#include <span>
#include <string_view>

namespace kenshu::sim {

struct Outputs {
  double time_s = 0;
  // Ventilator, sampled every step (waveforms).
  double airway_pressure_cmH2O = 0;
  double flow_L_per_min = 0;  // into the patient, positive on inspiration
  double volume_mL = 0;       // above the end-expiratory volume of the current breath
  double muscle_pressure_cmH2O = 0;
  double capnogram_PCO2_mmHg = 0;
  // Ventilator, measured breath by breath.
  double peak_pressure_cmH2O = 0;
  double plateau_pressure_cmH2O = 0;
  double total_PEEP_cmH2O = 0;
  double intrinsic_PEEP_cmH2O = 0;
  double driving_pressure_cmH2O = 0;
  double mean_airway_pressure_cmH2O = 0;
  double tidal_volume_mL = 0;  // exhaled
  double inspired_tidal_volume_mL = 0;
  double minute_volume_L_per_min = 0;
  double measured_rate_per_min = 0;
  double leak_fraction = 0;
  double EtCO2_mmHg = 0;
  double asynchrony_index = 0;
  // Gas exchange and blood gases.
  double alveolar_PO2_mmHg = 0;
  double alveolar_PCO2_mmHg = 0;
  double effective_shunt_fraction = 0;
  double PaO2_mmHg = 0;  // right radial artery (upper body) in VA
  double PaCO2_mmHg = 0;
  double SaO2 = 0;
  double SpO2 = 0;
  double pH = 0;
  double bicarbonate_mmol_per_L = 0;
  double lower_body_PaO2_mmHg = 0;
  double lower_body_SaO2 = 0;
  double PvO2_mmHg = 0;
  double SvO2 = 0;
  double PvCO2_mmHg = 0;
  double lung_O2_uptake_mL_per_min = 0;
  double lung_CO2_output_mL_per_min = 0;
  double oxygen_delivery_mL_per_min = 0;
  double oxygen_consumption_mL_per_min = 0;
  // Circulation.
  double native_cardiac_output_L_per_min = 0;
  double systemic_flow_L_per_min = 0;
  double heart_rate_per_min = 0;
  double mean_arterial_pressure_mmHg = 0;
  double systolic_pressure_mmHg = 0;
  double diastolic_pressure_mmHg = 0;
  double arterial_pressure_mmHg = 0;  // waveform
  double central_venous_pressure_mmHg = 0;
  // ECMO console.
  double ecmo_pump_speed_rpm = 0;
  double ecmo_flow_L_per_min = 0;
  double effective_ecmo_flow_L_per_min = 0;
  double recirculation_fraction = 0;
  double drainage_pressure_mmHg = 0;        // P_ven, pump inlet
  double pre_oxygenator_pressure_mmHg = 0;  // P_int
  double post_oxygenator_pressure_mmHg = 0; // P_art
  double oxygenator_pressure_drop_mmHg = 0;
  double pre_oxygenator_SO2 = 0;
  double pre_oxygenator_PO2_mmHg = 0;
  double post_oxygenator_SO2 = 0;
  double post_oxygenator_PO2_mmHg = 0;
  double post_oxygenator_PCO2_mmHg = 0;
  double ecmo_O2_transfer_mL_per_min = 0;
  double ecmo_CO2_removal_mL_per_min = 0;
  double ecmo_chattering = 0;  // 0/1: drainage line shaking
};

struct OutputInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
  double Outputs::*field;
};

std::span<const OutputInfo> output_table();
const OutputInfo* find_output(std::string_view name);

// Alarms raised by the devices and the monitor, one bit each.
enum class Alarm : std::uint32_t {
  high_airway_pressure,
  low_airway_pressure,
  low_tidal_volume,
  low_minute_volume,
  apnea,
  disconnection,
  high_rate,
  low_SpO2,
  low_blood_pressure,
  ecmo_low_flow,
  ecmo_drainage_pressure,
  ecmo_pressure_drop,
  ecmo_bubble,
  ecmo_sweep_gas,
  ecmo_pump_stopped,
  count
};

std::string_view alarm_name(Alarm alarm);
inline constexpr std::uint32_t alarm_bit(Alarm alarm) { return 1u << static_cast<std::uint32_t>(alarm); }

}  // namespace kenshu::sim
