#pragma once
// Membrane oxygenator. O2: blood runs along the membrane in segments, each taking D/N·(P_gas − P_blood) mL/min,
// so transfer is limited by blood flow when the membrane is good (blood leaves near P_gas = FdO2·(P_B − 47)) and by
// the membrane when it fails; the sweep gas cannot give more O2 than it carries. CO2: a counter-current exchanger
// between blood (capacity Q·dC/dP) and sweep gas (capacity V̇_sweep/P_B), so CO2 removal rises with sweep gas
// flow and saturates when blood flow limits it (effectiveness–NTU method). A share of blood crosses the fibre
// bundle without reaching equilibrium (uneven blood paths, clot), which keeps post-oxygenator PO2 at the
// 400–550 mmHg seen clinically with FdO2 1.0 and lowers it further when the membrane fails.
#include "sim/circulation.hpp"

namespace kenshu::sim {

struct OxygenatorInputs {
  double blood_flow_L_per_min = 0.0;
  BloodGasContent inlet;
  double inlet_PO2_guess_mmHg = 40.0;
  double hemoglobin_g_per_dL = 14.0;
  double sweep_gas_flow_L_per_min = 0.0;
  double FdO2 = 1.0;
  double barometric_pressure_mmHg = 760.0;
  double O2_diffusing_capacity_mL_per_min_per_mmHg = 0.8;
  double shunt_fraction = 0.08;
  double CO2_conductance_mL_per_min_per_mmHg = 30.0;
};

struct OxygenatorResult {
  BloodGasContent outlet;
  double inlet_PO2_mmHg = 0.0;
  double outlet_PO2_mmHg = 0.0;
  double outlet_PCO2_mmHg = 0.0;
  double O2_transfer_mL_per_min = 0.0;
  double CO2_removal_mL_per_min = 0.0;
};

OxygenatorResult oxygenate(const OxygenatorInputs& in);

// Counter-current heat-exchanger effectiveness for NTU and the capacity ratio C_min/C_max.
double counterflow_effectiveness(double ntu, double capacity_ratio);

}  // namespace kenshu::sim
