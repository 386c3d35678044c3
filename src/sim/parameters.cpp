#include "sim/parameters.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "sim/json.hpp"

namespace kenshu::sim {

namespace {

constexpr std::array<std::string_view, 6> vent_mode_labels{"standby", "VC-CMV", "PC-CMV", "PSV", "CPAP", "SIMV"};
constexpr std::array<std::string_view, 3> ecmo_mode_labels{"off", "VV", "VA"};

// A numeric field of one section: the lambdas read and write it by member, so the table stays one line per field.
#define KENSHU_NUMBER(section, field, unit, lo, hi, doc)                              \
  ParameterInfo {                                                                      \
    #section "." #field, unit, doc, lo, hi, {},                                        \
        [](const Parameters& p) { return static_cast<double>(p.section.field); },      \
        [](Parameters& p, double v) { p.section.field = v; }                           \
  }

const std::array parameters_by_name{
    KENSHU_NUMBER(patient, weight_kg, "kg", 1, 300, "predicted body weight; mL/kg settings refer to it"),
    KENSHU_NUMBER(patient, compliance_L_per_cmH2O, "L/cmH2O", 0.002, 0.2, "static compliance of the respiratory system"),
    KENSHU_NUMBER(patient, airway_resistance_cmH2O_s_per_L, "cmH2O·s/L", 1, 100, "inspiratory resistance, tracheal tube included"),
    KENSHU_NUMBER(patient, slow_compartment_fraction, "1", 0.05, 0.95, "share of compliance in the second lung compartment"),
    KENSHU_NUMBER(patient, slow_compartment_extra_resistance_cmH2O_s_per_L, "cmH2O·s/L", 0, 200, "extra resistance to the second compartment (heterogeneous time constants)"),
    KENSHU_NUMBER(patient, relaxed_lung_volume_L, "L", 0.3, 5, "lung gas volume at zero airway pressure (FRC without PEEP)"),
    KENSHU_NUMBER(patient, spontaneous_rate_per_min, "1/min", 0, 60, "rate of the patient's own inspiratory efforts (0: none)"),
    KENSHU_NUMBER(patient, muscle_pressure_cmH2O, "cmH2O", 0, 40, "peak inspiratory muscle pressure of each effort"),
    KENSHU_NUMBER(patient, neural_inspiratory_time_s, "s", 0.3, 3, "duration of each inspiratory effort"),
    KENSHU_NUMBER(patient, anatomic_dead_space_mL, "mL", 20, 600, "series dead space, airway and apparatus"),
    KENSHU_NUMBER(patient, alveolar_dead_space_fraction, "1", 0, 0.8, "share of alveolar ventilation reaching unperfused alveoli"),
    KENSHU_NUMBER(patient, shunt_fraction, "1", 0, 1, "venous admixture (Qs/Qt) at zero PEEP"),
    KENSHU_NUMBER(patient, recruitable_shunt_fraction, "1", 0, 1, "part of the shunt that PEEP can reopen"),
    KENSHU_NUMBER(patient, recruitment_pressure_cmH2O, "cmH2O", 1, 40, "total PEEP at which all recruitable lung is open"),
    KENSHU_NUMBER(patient, oxygen_consumption_mL_per_min, "mL/min", 50, 800, "whole-body O2 consumption (STPD)"),
    KENSHU_NUMBER(patient, respiratory_quotient, "1", 0.6, 1.2, "CO2 production / O2 consumption"),
    KENSHU_NUMBER(patient, hemoglobin_g_per_dL, "g/dL", 3, 22, "haemoglobin concentration"),
    KENSHU_NUMBER(patient, cardiac_output_L_per_min, "L/min", 0, 15, "native cardiac output before ventilation and fault effects"),
    KENSHU_NUMBER(patient, heart_rate_per_min, "1/min", 20, 200, "resting heart rate"),
    KENSHU_NUMBER(patient, systemic_vascular_resistance_mmHg_min_per_L, "mmHg·min/L", 3, 60, "systemic vascular resistance"),
    KENSHU_NUMBER(patient, central_venous_pressure_mmHg, "mmHg", 0, 30, "central venous pressure with normal volume status"),
    KENSHU_NUMBER(patient, bicarbonate_mmol_per_L, "mmol/L", 5, 50, "metabolic bicarbonate (at PCO2 40 mmHg)"),
    KENSHU_NUMBER(patient, arterial_blood_volume_L, "L", 0.2, 3, "blood in the left heart and arteries (mixing delay)"),
    KENSHU_NUMBER(patient, venous_blood_volume_L, "L", 0.5, 8, "blood in the veins and right heart (mixing delay)"),
    KENSHU_NUMBER(patient, tissue_CO2_capacitance_mL_per_mmHg, "mL/mmHg", 0, 200, "fast tissue CO2 store"),
    KENSHU_NUMBER(patient, arterial_compliance_mL_per_mmHg, "mL/mmHg", 0.3, 5, "arterial compliance (sets pulse pressure)"),
    KENSHU_NUMBER(patient, upper_body_flow_fraction, "1", 0.1, 0.6, "share of systemic flow to the aortic arch and coronaries"),
    KENSHU_NUMBER(patient, va_unloading_per_L_per_min, "1/(L/min)", 0, 0.3, "share of native output lost per L/min of VA-ECMO flow"),
    ParameterInfo{"vent.mode", "", "ventilation mode", 0, 5, vent_mode_labels,
                  [](const Parameters& p) { return static_cast<double>(p.vent.mode); },
                  [](Parameters& p, double v) { p.vent.mode = static_cast<VentMode>(static_cast<int>(v)); }},
    KENSHU_NUMBER(vent, tidal_volume_mL, "mL", 20, 2000, "set tidal volume (VC-CMV, SIMV)"),
    KENSHU_NUMBER(vent, pressure_above_peep_cmH2O, "cmH2O", 0, 60, "inspiratory pressure above PEEP (PC-CMV)"),
    KENSHU_NUMBER(vent, pressure_support_cmH2O, "cmH2O", 0, 40, "pressure support above PEEP (PSV, SIMV)"),
    KENSHU_NUMBER(vent, peep_cmH2O, "cmH2O", 0, 30, "positive end-expiratory pressure"),
    KENSHU_NUMBER(vent, rate_per_min, "1/min", 1, 60, "mandatory rate"),
    KENSHU_NUMBER(vent, inspiratory_time_s, "s", 0.2, 5, "inspiratory time (pause included)"),
    KENSHU_NUMBER(vent, ie_ratio_E_per_I, "1", 0, 6, "E in I:E = 1:E; above zero it sets the inspiratory time from the rate"),
    KENSHU_NUMBER(vent, FiO2, "1", 0.21, 1, "inspired O2 fraction"),
    KENSHU_NUMBER(vent, flow_trigger_L_per_min, "L/min", 0, 20, "flow trigger sensitivity (0: off)"),
    KENSHU_NUMBER(vent, pressure_trigger_cmH2O, "cmH2O", 0, 20, "pressure trigger sensitivity below PEEP (0: off)"),
    KENSHU_NUMBER(vent, rise_time_s, "s", 0, 1, "time for pressure to reach its target"),
    KENSHU_NUMBER(vent, expiratory_trigger_fraction, "1", 0.05, 0.8, "PSV ends inspiration below this share of peak flow"),
    KENSHU_NUMBER(vent, inspiratory_pause_s, "s", 0, 2, "end-inspiratory pause in VC-CMV"),
    KENSHU_NUMBER(vent, max_flow_L_per_min, "L/min", 30, 240, "most flow the ventilator can deliver"),
    KENSHU_NUMBER(vent, high_pressure_limit_cmH2O, "cmH2O", 10, 80, "high airway pressure alarm; VC breaths end here"),
    KENSHU_NUMBER(vent, low_pressure_limit_cmH2O, "cmH2O", 0, 40, "low peak pressure alarm"),
    KENSHU_NUMBER(vent, low_tidal_volume_limit_mL, "mL", 0, 1000, "low exhaled tidal volume alarm"),
    KENSHU_NUMBER(vent, low_minute_volume_limit_L_per_min, "L/min", 0, 20, "low exhaled minute volume alarm"),
    KENSHU_NUMBER(vent, high_rate_limit_per_min, "1/min", 10, 80, "high total rate alarm"),
    KENSHU_NUMBER(vent, apnea_time_s, "s", 5, 60, "apnoea alarm delay"),
    ParameterInfo{"ecmo.mode", "", "ECMO configuration", 0, 2, ecmo_mode_labels,
                  [](const Parameters& p) { return static_cast<double>(p.ecmo.mode); },
                  [](Parameters& p, double v) { p.ecmo.mode = static_cast<EcmoMode>(static_cast<int>(v)); }},
    KENSHU_NUMBER(ecmo, pump_speed_rpm, "rpm", 0, 5000, "centrifugal pump speed"),
    KENSHU_NUMBER(ecmo, sweep_gas_flow_L_per_min, "L/min", 0, 15, "sweep gas flow through the oxygenator"),
    KENSHU_NUMBER(ecmo, FdO2, "1", 0.21, 1, "O2 fraction of the sweep gas"),
    KENSHU_NUMBER(ecmo, drainage_cannula_Fr, "Fr", 12, 31, "drainage cannula size"),
    KENSHU_NUMBER(ecmo, return_cannula_Fr, "Fr", 12, 31, "return cannula size"),
    KENSHU_NUMBER(ecmo, cannula_tip_distance_cm, "cm", 0, 40, "distance between drainage and return tips (VV)"),
    KENSHU_NUMBER(ecmo, drainage_catchment_fraction, "1", 0.2, 1, "share of venous return passing the drainage tip before the return jet (VV)"),
    KENSHU_NUMBER(ecmo, venous_access_resistance_mmHg_min_per_L, "mmHg·min/L", 0.2, 20, "resistance of the vein leading to the drainage cannula"),
    KENSHU_NUMBER(ecmo, oxygenator_O2_diffusing_capacity_mL_per_min_per_mmHg, "mL/min/mmHg", 0, 5, "membrane O2 diffusing capacity"),
    KENSHU_NUMBER(ecmo, oxygenator_shunt_fraction, "1", 0, 1, "share of blood crossing the oxygenator without reaching equilibrium"),
    KENSHU_NUMBER(ecmo, oxygenator_CO2_conductance_mL_per_min_per_mmHg, "mL/min/mmHg", 0, 200, "membrane CO2 conductance"),
    KENSHU_NUMBER(ecmo, oxygenator_resistance_mmHg_min_per_L, "mmHg·min/L", 0.5, 100, "oxygenator blood-path resistance"),
    KENSHU_NUMBER(ecmo, pump_head_mmHg_per_krpm2, "mmHg/krpm²", 5, 100, "pump shut-off head per (1000 rpm)²"),
    KENSHU_NUMBER(ecmo, pump_flow_loss_mmHg_min2_per_L2, "mmHg·min²/L²", 1, 100, "fall of pump head with flow²"),
    KENSHU_NUMBER(ecmo, clamped, "0/1", 0, 1, "1: circuit clamped, no flow"),
    KENSHU_NUMBER(ecmo, low_flow_limit_L_per_min, "L/min", 0, 8, "low circuit flow alarm"),
    KENSHU_NUMBER(ecmo, drainage_pressure_limit_mmHg, "mmHg", -300, 0, "drainage (pre-pump) pressure alarm"),
    KENSHU_NUMBER(ecmo, pressure_drop_limit_mmHg, "mmHg", 5, 200, "oxygenator pressure drop alarm"),
    KENSHU_NUMBER(env, barometric_pressure_mmHg, "mmHg", 400, 1000, "barometric pressure"),
};

#undef KENSHU_NUMBER

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

std::span<const ParameterInfo> parameter_table() { return parameters_by_name; }

const ParameterInfo* find_parameter(std::string_view name) {
  for (const auto& info : parameters_by_name) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

std::string parse_parameter_value(const ParameterInfo& info, std::string_view text, double& value) {
  for (std::size_t i = 0; i < info.choices.size(); ++i) {
    if (info.choices[i] == text) {
      value = static_cast<double>(i);
      return "";
    }
  }
  // Users type ".5" for 0.5; JSON does not allow it, so the missing zero is put back before reading.
  const bool bare_point = text.starts_with(".") || text.starts_with("-.");
  const std::string number = bare_point ? std::string(text).insert(text[0] == '-' ? 1 : 0, "0") : std::string(text);
  std::size_t used = 0;
  if (!json::read_number(number, value, used) || used != number.size()) {
    std::string message = std::string(info.name) + ": not a value: \"" + std::string(text) + "\"";
    if (!info.choices.empty()) {
      message += " (one of";
      for (auto choice : info.choices) message += " " + std::string(choice);
      message += ")";
    }
    return message;
  }
  return "";
}

std::string set_parameter(Parameters& parameters, std::string_view name, double value) {
  const ParameterInfo* info = find_parameter(name);
  if (info == nullptr) return "unknown parameter: " + std::string(name);
  if (!std::isfinite(value) || value < info->min || value > info->max) {
    return std::string(name) + ": " + format_number(value) + " is outside " + format_number(info->min) + "…" +
           format_number(info->max) + " " + std::string(info->unit);
  }
  if (!info->choices.empty() && value != std::floor(value)) return std::string(name) + ": not a choice";
  info->set(parameters, value);
  return "";
}

std::string set_parameter_text(Parameters& parameters, std::string_view name, std::string_view text) {
  const ParameterInfo* info = find_parameter(name);
  if (info == nullptr) return "unknown parameter: " + std::string(name);
  double value = 0.0;
  if (auto error = parse_parameter_value(*info, text, value); !error.empty()) return error;
  return set_parameter(parameters, name, value);
}

std::string format_parameter_value(const ParameterInfo& info, double value) {
  const auto index = static_cast<std::size_t>(value);
  if (!info.choices.empty() && index < info.choices.size()) return std::string(info.choices[index]);
  return format_number(value);
}

std::string_view vent_mode_name(VentMode mode) { return vent_mode_labels[static_cast<std::size_t>(mode)]; }
std::string_view ecmo_mode_name(EcmoMode mode) { return ecmo_mode_labels[static_cast<std::size_t>(mode)]; }

}  // namespace kenshu::sim
