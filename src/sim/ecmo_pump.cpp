#include "sim/ecmo_pump.hpp"

#include <algorithm>
#include <cmath>

namespace kenshu::sim {

namespace {
constexpr double motor_time_constant_s = 0.3;
}  // namespace

double pump_head_mmHg(const PumpCurve& pump, double speed_rpm, double flow) {
  const double krpm = std::max(0.0, speed_rpm) / 1000.0;
  return pump.head_factor * pump.head_mmHg_per_krpm2 * krpm * krpm - pump.flow_loss_mmHg_min2_per_L2 * flow * std::abs(flow);
}

double pump_speed_after_rpm(double speed, double target, double dt) {
  const double next = target + (speed - target) * std::exp(-dt / motor_time_constant_s);
  return std::abs(next - target) < 0.5 ? target : next;  // settle exactly instead of creeping forever
}

}  // namespace kenshu::sim
