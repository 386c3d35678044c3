#pragma once
// Lung gas exchange, lumped. The alveolar gas of perfused alveoli is one well-mixed compartment filled breath by
// breath through a plug-flow series dead space (so the first part of each breath is rebreathed alveolar gas and
// the capnogram has its phases). Alveolar dead space receives its share of fresh gas and dilutes exhaled CO2.
// Pulmonary capillary blood leaves in equilibrium with alveolar gas; shunted blood bypasses it (Riley's
// three-compartment lung, reduced to shunt and dead space).

namespace kenshu::sim {

struct AirwayGas {
  double FiO2 = 0.21;
  double barometric_pressure_mmHg = 760.0;
  double anatomic_dead_space_L = 0.15;
  double alveolar_dead_space_fraction = 0.05;
};

struct CapillaryResult {
  double O2_uptake_mL_per_min = 0.0;     // STPD
  double CO2_output_mL_per_min = 0.0;    // STPD
  double pulmonary_venous_O2_mL_per_dL = 0.0;
  double pulmonary_venous_CO2_mL_per_dL = 0.0;
};

class GasExchange {
 public:
  void set_up(double alveolar_PO2_mmHg, double alveolar_PCO2_mmHg, const AirwayGas& gas);

  // One step of tidal ventilation: flow into the lungs (negative out) with the gas volume of the lungs before it.
  void ventilate(double patient_flow_L_per_s, double lung_gas_volume_L, const AirwayGas& gas, double dt_s);

  // Continuous alveolar ventilation, for settling to steady state without resolving breaths.
  void ventilate_continuously(double fresh_gas_L_per_s, double lung_gas_volume_L, const AirwayGas& gas, double dt_s);

  // Exchange with the blood of one step: equilibrated capillary blood mixed with the shunt.
  CapillaryResult exchange(double pulmonary_flow_L_per_min, double shunt_fraction, double mixed_venous_O2_mL_per_dL,
                           double mixed_venous_CO2_mL_per_dL, double hemoglobin_g_per_dL, double lung_gas_volume_L,
                           const AirwayGas& gas, double dt_s);

  double alveolar_PO2_mmHg() const { return alveolar_PO2_mmHg_; }
  double alveolar_PCO2_mmHg() const { return alveolar_PCO2_mmHg_; }
  double mouth_PCO2_mmHg() const { return mouth_PCO2_mmHg_; }
  // Fresh gas that has reached the alveoli since the last call (L), for measuring alveolar ventilation.
  double take_fresh_gas_L();

 private:
  double perfused_volume_L(double lung_gas_volume_L, const AirwayGas& gas) const;

  double alveolar_PO2_mmHg_ = 100.0;
  double alveolar_PCO2_mmHg_ = 40.0;
  // The series dead space as a plug: how much of it holds exhaled gas, and that gas's partial pressures.
  double dead_space_exhaled_L_ = 0.0;
  double dead_space_PO2_mmHg_ = 100.0;
  double dead_space_PCO2_mmHg_ = 40.0;
  double mouth_PCO2_mmHg_ = 0.0;
  double fresh_gas_L_ = 0.0;
};

double inspired_PO2_mmHg(const AirwayGas& gas);

}  // namespace kenshu::sim
