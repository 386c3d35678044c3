#pragma once
// Centrifugal pump. Head H(Q, n) = h·n² − k·Q·|Q| with n in thousands of rpm: the shut-off head follows the pump
// affinity laws (H ∝ n²) and the head falls with the square of flow, the usual quadratic fit of a centrifugal
// pump's H–Q curve. With the impeller stopped the same term resists flow in either direction.

namespace kenshu::sim {

struct PumpCurve {
  double head_mmHg_per_krpm2 = 38.0;
  double flow_loss_mmHg_min2_per_L2 = 10.0;
  double head_factor = 1.0;  // below 1 when air in the pump head de-primes it
};

double pump_head_mmHg(const PumpCurve& pump, double speed_rpm, double flow_L_per_min);

// The impeller's speed follows its set point with the motor's time constant.
double pump_speed_after_rpm(double speed_rpm, double target_rpm, double dt_s);

}  // namespace kenshu::sim
