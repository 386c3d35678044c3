#pragma once
// Circulation, lumped: native cardiac output from preload, intrathoracic pressure and myocardial oxygenation;
// arterial pressure from flow and resistance (MAP = Q·SVR + CVP); an arterial and a venous blood pool that carry
// O2 and CO2 between lungs, ECMO and tissues (Fick: the tissues take VO2 out of the blood that passes).

namespace kenshu::sim {

struct BloodGasContent {
  double O2_mL_per_dL = 0.0;
  double CO2_mL_per_dL = 0.0;
};

struct CardiacInputs {
  double resting_output_L_per_min = 5.0;
  double baseline_CVP_mmHg = 8.0;
  double CVP_mmHg = 8.0;  // after volume faults
  double mean_airway_pressure_cmH2O = 0.0;
  double coronary_SaO2 = 0.97;
  double obstruction_factor = 1.0;  // tension pneumothorax and the like
  bool veno_arterial = false;
  double ecmo_flow_L_per_min = 0.0;
  double va_unloading_per_L_per_min = 0.05;
};

// The native heart's output through the lungs, L/min.
double native_cardiac_output_L_per_min(const CardiacInputs& in);

// How the body's arterial supply is made up, and where the venous return goes.
struct SystemicSupply {
  double flow_L_per_min = 0.0;       // to the tissues
  BloodGasContent mixed;             // content of all blood reaching the tissues
  BloodGasContent upper_body;        // aortic arch (right radial, coronaries, brain)
  BloodGasContent lower_body;
  double venous_outflow_L_per_min = 0.0;  // leaving the venous pool (lungs and drainage)
  double extra_venous_inflow_L_per_min = 0.0;  // retrograde VA flow reaching the veins through the circuit
  BloodGasContent extra_venous_inflow;
};

// VV or no ECMO: the body gets what the left heart ejects. VA: native and circuit blood meet in the aorta; the
// arch is served by native ejection first (femoral return flows up the aorta against it: differential hypoxia).
SystemicSupply systemic_supply(double native_output_L_per_min, const BloodGasContent& left_heart, bool veno_arterial,
                               double ecmo_flow_L_per_min, const BloodGasContent& ecmo_return,
                               double upper_body_flow_fraction);

struct TissueExchange {
  double O2_consumption_mL_per_min = 0.0;
  double CO2_production_mL_per_min = 0.0;
};

class BloodPools {
 public:
  void set_up(const BloodGasContent& arterial, const BloodGasContent& venous, double venous_PCO2_mmHg);

  // The left heart and arteries fill from the pulmonary veins: a well-mixed pool.
  void fill_arterial(double flow_L_per_min, const BloodGasContent& pulmonary_venous, double volume_L, double dt_s);

  // Systemic venous blood: receives the tissue outflow, loses VO2 and gains VCO2. CO2 is held by the blood and by
  // a fast tissue store, so venous PCO2 is the state.
  TissueExchange perfuse(const SystemicSupply& supply, double O2_demand_mL_per_min, double respiratory_quotient,
                         double volume_L, double tissue_CO2_capacitance_mL_per_mmHg, double dt_s);

  const BloodGasContent& arterial() const { return arterial_; }
  BloodGasContent venous() const;
  double venous_PCO2_mmHg() const { return venous_PCO2_mmHg_; }

 private:
  BloodGasContent arterial_;
  double venous_O2_mL_per_dL_ = 15.0;
  double venous_PCO2_mmHg_ = 46.0;
};

struct Haemodynamics {
  double mean_arterial_pressure_mmHg = 93.0;
  double systolic_pressure_mmHg = 120.0;
  double diastolic_pressure_mmHg = 80.0;
};

// MAP = systemic flow · SVR + CVP; pulse pressure = native stroke volume / arterial compliance.
Haemodynamics arterial_pressures(double systemic_flow_L_per_min, double native_output_L_per_min,
                                 double heart_rate_per_min, double SVR_mmHg_min_per_L, double CVP_mmHg,
                                 double arterial_compliance_mL_per_mmHg);

// Heart rate target: baroreflex on MAP and chemoreflex on arterial saturation (tachycardia, then bradycardia
// when hypoxaemia is extreme).
double target_heart_rate_per_min(double resting_rate_per_min, double MAP_mmHg, double SaO2);

// Arterial pressure waveform at a phase (0–1) of the cardiac cycle.
double arterial_waveform_mmHg(const Haemodynamics& pressures, double phase);

}  // namespace kenshu::sim
