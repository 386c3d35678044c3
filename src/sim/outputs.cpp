#include "sim/outputs.hpp"

#include <array>

namespace kenshu::sim {

namespace {

#define KENSHU_OUTPUT(field, unit, doc) OutputInfo{#field, unit, doc, &Outputs::field}

const std::array outputs_by_name{
    KENSHU_OUTPUT(time_s, "s", "simulated time since the start of the scenario"),
    KENSHU_OUTPUT(airway_pressure_cmH2O, "cmH2O", "pressure at the Y-piece"),
    KENSHU_OUTPUT(flow_L_per_min, "L/min", "flow into the patient (negative on expiration)"),
    KENSHU_OUTPUT(volume_mL, "mL", "volume above this breath's starting volume"),
    KENSHU_OUTPUT(muscle_pressure_cmH2O, "cmH2O", "inspiratory muscle pressure"),
    KENSHU_OUTPUT(capnogram_PCO2_mmHg, "mmHg", "PCO2 at the airway opening"),
    KENSHU_OUTPUT(peak_pressure_cmH2O, "cmH2O", "peak airway pressure of the last breath"),
    KENSHU_OUTPUT(plateau_pressure_cmH2O, "cmH2O", "end-inspiratory hold pressure of the last breath"),
    KENSHU_OUTPUT(total_PEEP_cmH2O, "cmH2O", "end-expiratory hold pressure"),
    KENSHU_OUTPUT(intrinsic_PEEP_cmH2O, "cmH2O", "total PEEP minus set PEEP"),
    KENSHU_OUTPUT(driving_pressure_cmH2O, "cmH2O", "plateau pressure minus total PEEP"),
    KENSHU_OUTPUT(mean_airway_pressure_cmH2O, "cmH2O", "airway pressure averaged over the last breath"),
    KENSHU_OUTPUT(tidal_volume_mL, "mL", "exhaled tidal volume of the last breath"),
    KENSHU_OUTPUT(inspired_tidal_volume_mL, "mL", "volume delivered by the ventilator in the last breath"),
    KENSHU_OUTPUT(minute_volume_L_per_min, "L/min", "exhaled minute volume"),
    KENSHU_OUTPUT(measured_rate_per_min, "1/min", "total breath rate"),
    KENSHU_OUTPUT(leak_fraction, "1", "(inspired − exhaled) / inspired volume"),
    KENSHU_OUTPUT(EtCO2_mmHg, "mmHg", "end-tidal PCO2"),
    KENSHU_OUTPUT(asynchrony_index, "1", "ineffective and double-triggered efforts / all efforts (last 20)"),
    KENSHU_OUTPUT(alveolar_PO2_mmHg, "mmHg", "PO2 of perfused alveoli"),
    KENSHU_OUTPUT(alveolar_PCO2_mmHg, "mmHg", "PCO2 of perfused alveoli"),
    KENSHU_OUTPUT(effective_shunt_fraction, "1", "venous admixture after recruitment and faults"),
    KENSHU_OUTPUT(PaO2_mmHg, "mmHg", "arterial PO2 (right radial in VA)"),
    KENSHU_OUTPUT(PaCO2_mmHg, "mmHg", "arterial PCO2 (right radial in VA)"),
    KENSHU_OUTPUT(SaO2, "1", "arterial O2 saturation (right radial in VA)"),
    KENSHU_OUTPUT(SpO2, "1", "pulse oximeter on the right hand"),
    KENSHU_OUTPUT(pH, "1", "arterial pH"),
    KENSHU_OUTPUT(bicarbonate_mmol_per_L, "mmol/L", "arterial bicarbonate"),
    KENSHU_OUTPUT(lower_body_PaO2_mmHg, "mmHg", "PO2 of blood reaching the lower body"),
    KENSHU_OUTPUT(lower_body_SaO2, "1", "O2 saturation of blood reaching the lower body"),
    KENSHU_OUTPUT(PvO2_mmHg, "mmHg", "mixed (native) venous PO2"),
    KENSHU_OUTPUT(SvO2, "1", "mixed (native) venous O2 saturation"),
    KENSHU_OUTPUT(PvCO2_mmHg, "mmHg", "mixed venous PCO2"),
    KENSHU_OUTPUT(lung_O2_uptake_mL_per_min, "mL/min", "O2 taken up by the native lung"),
    KENSHU_OUTPUT(lung_CO2_output_mL_per_min, "mL/min", "CO2 given off by the native lung"),
    KENSHU_OUTPUT(oxygen_delivery_mL_per_min, "mL/min", "systemic O2 delivery"),
    KENSHU_OUTPUT(oxygen_consumption_mL_per_min, "mL/min", "O2 actually consumed"),
    KENSHU_OUTPUT(native_cardiac_output_L_per_min, "L/min", "output of the native heart through the lungs"),
    KENSHU_OUTPUT(systemic_flow_L_per_min, "L/min", "flow to the body (native plus VA-ECMO)"),
    KENSHU_OUTPUT(heart_rate_per_min, "1/min", "heart rate"),
    KENSHU_OUTPUT(mean_arterial_pressure_mmHg, "mmHg", "mean arterial pressure"),
    KENSHU_OUTPUT(systolic_pressure_mmHg, "mmHg", "systolic arterial pressure"),
    KENSHU_OUTPUT(diastolic_pressure_mmHg, "mmHg", "diastolic arterial pressure"),
    KENSHU_OUTPUT(arterial_pressure_mmHg, "mmHg", "arterial pressure waveform"),
    KENSHU_OUTPUT(central_venous_pressure_mmHg, "mmHg", "central venous pressure"),
    KENSHU_OUTPUT(ecmo_pump_speed_rpm, "rpm", "actual pump speed"),
    KENSHU_OUTPUT(ecmo_flow_L_per_min, "L/min", "circuit blood flow (negative: retrograde)"),
    KENSHU_OUTPUT(effective_ecmo_flow_L_per_min, "L/min", "circuit flow minus recirculated flow (VV)"),
    KENSHU_OUTPUT(recirculation_fraction, "1", "share of drained blood that is returned blood (VV)"),
    KENSHU_OUTPUT(drainage_pressure_mmHg, "mmHg", "pump inlet pressure (P_ven)"),
    KENSHU_OUTPUT(pre_oxygenator_pressure_mmHg, "mmHg", "pump outlet pressure (P_int)"),
    KENSHU_OUTPUT(post_oxygenator_pressure_mmHg, "mmHg", "return line pressure (P_art)"),
    KENSHU_OUTPUT(oxygenator_pressure_drop_mmHg, "mmHg", "P_int − P_art (ΔP)"),
    KENSHU_OUTPUT(pre_oxygenator_SO2, "1", "saturation of drained blood"),
    KENSHU_OUTPUT(pre_oxygenator_PO2_mmHg, "mmHg", "PO2 of drained blood"),
    KENSHU_OUTPUT(post_oxygenator_SO2, "1", "saturation of returned blood"),
    KENSHU_OUTPUT(post_oxygenator_PO2_mmHg, "mmHg", "PO2 of returned blood"),
    KENSHU_OUTPUT(post_oxygenator_PCO2_mmHg, "mmHg", "PCO2 of returned blood"),
    KENSHU_OUTPUT(ecmo_O2_transfer_mL_per_min, "mL/min", "O2 added by the oxygenator"),
    KENSHU_OUTPUT(ecmo_CO2_removal_mL_per_min, "mL/min", "CO2 removed by the oxygenator"),
    KENSHU_OUTPUT(ecmo_chattering, "0/1", "drainage line chattering"),
};

#undef KENSHU_OUTPUT

constexpr std::array<std::string_view, static_cast<std::size_t>(Alarm::count)> alarm_names{
    "high_airway_pressure", "low_airway_pressure", "low_tidal_volume", "low_minute_volume", "apnea",
    "disconnection",        "high_rate",           "low_SpO2",         "low_blood_pressure", "ecmo_low_flow",
    "ecmo_drainage_pressure", "ecmo_pressure_drop", "ecmo_bubble",     "ecmo_sweep_gas",    "ecmo_pump_stopped",
};

}  // namespace

std::span<const OutputInfo> output_table() { return outputs_by_name; }

const OutputInfo* find_output(std::string_view name) {
  for (const auto& info : outputs_by_name) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string_view alarm_name(Alarm alarm) { return alarm_names[static_cast<std::size_t>(alarm)]; }

}  // namespace kenshu::sim
