#pragma once
// The ECMO circuit's hydraulics: vein → drainage cannula (and any kink) → pump → oxygenator → return cannula →
// return site. Flow is where the pump's head equals the circuit's pressure loss; the console pressures follow.
#include "sim/cannulae.hpp"
#include "sim/ecmo_pump.hpp"

namespace kenshu::sim {

struct CircuitInputs {
  double pump_speed_rpm = 0.0;
  PumpCurve pump;
  double drainage_cannula_Fr = 25.0;
  double return_cannula_Fr = 21.0;
  double oxygenator_resistance_mmHg_min_per_L = 5.0;
  VenousAccess access;
  double drainage_kink_severity = 0.0;
  // Pressure at the return site, P0 + slope·Q: the right atrium (VV, slope 0) or the femoral artery (VA, where
  // circuit flow itself raises arterial pressure through the systemic resistance).
  double return_site_pressure_mmHg = 8.0;
  double return_site_slope_mmHg_min_per_L = 0.0;
  bool clamped = false;
};

struct CircuitState {
  double flow_L_per_min = 0.0;
  double drainage_pressure_mmHg = 0.0;        // P_ven, pump inlet
  double pre_oxygenator_pressure_mmHg = 0.0;  // P_int, pump outlet
  double post_oxygenator_pressure_mmHg = 0.0; // P_art, return line
  double collapse_severity = 0.0;             // 0–1: how far drainage exceeds what the vein gives
};

CircuitState solve_circuit(const CircuitInputs& in);

}  // namespace kenshu::sim
