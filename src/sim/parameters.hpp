#pragma once
// Every parameter of the patient and every setting of the devices, with its unit in its name. Defaults describe a
// healthy 70 kg adult on pressure-controlled ventilation with no ECMO. `--set section.name=value` and scenario
// files address them by the dotted names of parameter_table().
#include <span>
#include <string>
#include <string_view>

namespace kenshu::sim {

enum class VentMode { standby, vc_cmv, pc_cmv, psv, cpap, simv };
enum class EcmoMode { off, vv, va };

struct PatientParameters {
  double weight_kg = 70.0;  // predicted body weight, the basis of mL/kg settings
  double compliance_L_per_cmH2O = 0.06;
  double airway_resistance_cmH2O_s_per_L = 10.0;  // inspiratory, tracheal tube included
  double slow_compartment_fraction = 0.5;          // share of compliance in the second compartment
  double slow_compartment_extra_resistance_cmH2O_s_per_L = 0.0;
  double relaxed_lung_volume_L = 2.0;  // lung gas at zero airway pressure (FRC without PEEP)
  double spontaneous_rate_per_min = 0.0;
  double muscle_pressure_cmH2O = 0.0;  // peak of the inspiratory muscle pressure
  double neural_inspiratory_time_s = 1.0;
  double anatomic_dead_space_mL = 150.0;  // series dead space, apparatus included
  double alveolar_dead_space_fraction = 0.08;
  double shunt_fraction = 0.11;  // venous admixture at zero PEEP
  double recruitable_shunt_fraction = 0.0;
  double recruitment_pressure_cmH2O = 20.0;  // total PEEP that reopens all recruitable lung
  double oxygen_consumption_mL_per_min = 250.0;
  double respiratory_quotient = 0.8;
  double hemoglobin_g_per_dL = 14.0;
  double cardiac_output_L_per_min = 5.0;
  double heart_rate_per_min = 75.0;
  double systemic_vascular_resistance_mmHg_min_per_L = 17.0;
  double central_venous_pressure_mmHg = 8.0;
  double bicarbonate_mmol_per_L = 24.0;
  double arterial_blood_volume_L = 1.0;
  double venous_blood_volume_L = 3.5;
  double tissue_CO2_capacitance_mL_per_mmHg = 15.0;
  double arterial_compliance_mL_per_mmHg = 1.5;
  double upper_body_flow_fraction = 0.35;  // aortic arch and coronary share of systemic flow
  double va_unloading_per_L_per_min = 0.05;  // native output lost per L/min of VA-ECMO flow
};

struct VentilatorSettings {
  VentMode mode = VentMode::pc_cmv;
  double tidal_volume_mL = 490.0;
  double pressure_above_peep_cmH2O = 10.0;
  double pressure_support_cmH2O = 8.0;
  double peep_cmH2O = 5.0;
  double rate_per_min = 15.0;
  double inspiratory_time_s = 1.1;
  double ie_ratio_E_per_I = 0.0;  // when above zero, sets the inspiratory time from the rate instead
  double FiO2 = 0.3;
  double flow_trigger_L_per_min = 2.0;
  double pressure_trigger_cmH2O = 0.0;  // 0: pressure trigger off
  double rise_time_s = 0.1;
  double expiratory_trigger_fraction = 0.25;  // PSV cycles off below this share of peak flow
  double inspiratory_pause_s = 0.0;
  double max_flow_L_per_min = 180.0;
  double high_pressure_limit_cmH2O = 40.0;
  double low_pressure_limit_cmH2O = 4.0;
  double low_tidal_volume_limit_mL = 200.0;
  double low_minute_volume_limit_L_per_min = 3.0;
  double high_rate_limit_per_min = 40.0;
  double apnea_time_s = 20.0;
};

struct EcmoSettings {
  EcmoMode mode = EcmoMode::off;
  double pump_speed_rpm = 3000.0;
  double sweep_gas_flow_L_per_min = 4.0;
  double FdO2 = 1.0;
  double drainage_cannula_Fr = 25.0;
  double return_cannula_Fr = 21.0;
  double cannula_tip_distance_cm = 15.0;
  double drainage_catchment_fraction = 0.7;  // share of venous return reaching the drainage tip first
  double venous_access_resistance_mmHg_min_per_L = 1.0;
  double oxygenator_O2_diffusing_capacity_mL_per_min_per_mmHg = 0.8;
  double oxygenator_shunt_fraction = 0.08;  // blood that passes the fibres without reaching equilibrium
  double oxygenator_CO2_conductance_mL_per_min_per_mmHg = 30.0;
  double oxygenator_resistance_mmHg_min_per_L = 5.0;
  double pump_head_mmHg_per_krpm2 = 38.0;
  double pump_flow_loss_mmHg_min2_per_L2 = 10.0;
  double clamped = 0.0;  // 1: lines clamped, no flow
  double low_flow_limit_L_per_min = 1.5;
  double drainage_pressure_limit_mmHg = -100.0;
  double pressure_drop_limit_mmHg = 50.0;
};

struct Environment {
  double barometric_pressure_mmHg = 760.0;
};

struct Parameters {
  PatientParameters patient;
  VentilatorSettings vent;
  EcmoSettings ecmo;
  Environment env;
};

// One settable quantity: its dotted name, unit, meaning, allowed range and how to read and write it.
struct ParameterInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view description;
  double min;
  double max;
  std::span<const std::string_view> choices;  // non-empty for enumerations: value is the index
  double (*get)(const Parameters&);
  void (*set)(Parameters&, double);
};

std::span<const ParameterInfo> parameter_table();
const ParameterInfo* find_parameter(std::string_view name);

// Parses "12.5", or a choice label such as "PC-CMV" for an enumeration. Returns an error message or "".
std::string parse_parameter_value(const ParameterInfo& info, std::string_view text, double& value);

// Sets by name with range checking. Returns an error message, or "" when done.
std::string set_parameter(Parameters& parameters, std::string_view name, double value);
std::string set_parameter_text(Parameters& parameters, std::string_view name, std::string_view text);

// The label of an enumeration's value, or the number formatted.
std::string format_parameter_value(const ParameterInfo& info, double value);

std::string_view vent_mode_name(VentMode mode);
std::string_view ecmo_mode_name(EcmoMode mode);

}  // namespace kenshu::sim
