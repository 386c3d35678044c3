#include "sim/ecmo_circuit.hpp"

#include <algorithm>
#include <cmath>

namespace kenshu::sim {

namespace {
constexpr double flow_bound_L_per_min = 12.0;
constexpr int solver_iterations = 100;
constexpr double solver_tolerance_mmHg = 1e-9;
constexpr double solver_tolerance_L_per_min = 1e-12;

double drainage_pressure(const CircuitInputs& in, double flow) {
  return vessel_pressure_at_cannula_mmHg(in.access, flow) -
         cannula_pressure_drop_mmHg(CannulaRole::drainage, in.drainage_cannula_Fr, flow) -
         kink_pressure_drop_mmHg(in.drainage_kink_severity, flow);
}

double return_line_pressure(const CircuitInputs& in, double flow) {
  return in.return_site_pressure_mmHg + in.return_site_slope_mmHg_min_per_L * flow +
         cannula_pressure_drop_mmHg(CannulaRole::return_flow, in.return_cannula_Fr, flow);
}

// Head the pump has to spare at this flow: positive means the flow would rise.
double head_surplus(const CircuitInputs& in, double flow) {
  const double needed = return_line_pressure(in, flow) + in.oxygenator_resistance_mmHg_min_per_L * flow -
                        drainage_pressure(in, flow);
  return pump_head_mmHg(in.pump, in.pump_speed_rpm, flow) - needed;
}
}  // namespace

CircuitState solve_circuit(const CircuitInputs& in) {
  CircuitState state;
  if (in.clamped) {
    // Between the clamps the pump builds its shut-off head; nothing moves.
    state.drainage_pressure_mmHg = 0.0;
    state.pre_oxygenator_pressure_mmHg = pump_head_mmHg(in.pump, in.pump_speed_rpm, 0.0);
    state.post_oxygenator_pressure_mmHg = state.pre_oxygenator_pressure_mmHg;
    return state;
  }
  // The surplus falls monotonically with flow (pump head falls, every loss rises), so a bracketing method always
  // finds its zero. Regula falsi with the Illinois modification keeps the bracket and converges superlinearly
  // (about 8 evaluations instead of bisection's 36), which matters: this runs every physiology step.
  double lo = -flow_bound_L_per_min;
  double hi = flow_bound_L_per_min;
  double f_lo = head_surplus(in, lo);
  double f_hi = head_surplus(in, hi);
  double flow = f_lo <= 0.0 ? lo : hi;
  if (f_lo > 0.0 && f_hi < 0.0) {
    int kept = 0;  // which end was kept last time: −1 low, +1 high
    for (int i = 0; i < solver_iterations; ++i) {
      flow = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
      const double f = head_surplus(in, flow);
      if (std::abs(f) < solver_tolerance_mmHg || hi - lo < solver_tolerance_L_per_min) break;
      if (f > 0.0) {
        lo = flow;
        f_lo = f;
        if (kept == 1) f_hi *= 0.5;
        kept = 1;
      } else {
        hi = flow;
        f_hi = f;
        if (kept == -1) f_lo *= 0.5;
        kept = -1;
      }
    }
  }
  if (std::abs(flow) < 1e-6) flow = 0.0;
  state.flow_L_per_min = flow;
  state.drainage_pressure_mmHg = drainage_pressure(in, flow);
  state.post_oxygenator_pressure_mmHg = return_line_pressure(in, flow);
  state.pre_oxygenator_pressure_mmHg = state.post_oxygenator_pressure_mmHg + in.oxygenator_resistance_mmHg_min_per_L * flow;
  const double excess = flow - available_drainage_flow_L_per_min(in.access);
  state.collapse_severity = std::clamp(excess / 0.3, 0.0, 1.0);
  return state;
}

}  // namespace kenshu::sim
