#include "sim/cannulae.hpp"

#include <algorithm>
#include <cmath>

namespace kenshu::sim {

namespace {
constexpr double reference_size_Fr = 25.0;
// A 25 Fr multi-stage femoral drainage cannula with its line: ~40 mmHg at 4.5 L/min.
constexpr double laminar_mmHg_min_per_L = 4.0;
constexpr double turbulent_mmHg_min2_per_L2 = 1.1;
// Return cannulae are shorter than drainage cannulae of the same size.
constexpr double return_length_factor = 0.7;
// Slope of the extra drop once the vein collapses, relative to its open resistance.
constexpr double collapse_gain = 300.0;
}  // namespace

double cannula_pressure_drop_mmHg(CannulaRole role, double size_Fr, double flow) {
  const double ratio = reference_size_Fr / std::max(size_Fr, 8.0);
  const double scale = (ratio * ratio) * (ratio * ratio);  // (25 Fr / size)⁴, without pow in the circuit solver's loop
  const double length = role == CannulaRole::return_flow ? return_length_factor : 1.0;
  return length * scale * (laminar_mmHg_min_per_L * flow + turbulent_mmHg_min2_per_L2 * flow * std::abs(flow));
}

double vessel_pressure_at_cannula_mmHg(const VenousAccess& access, double flow) {
  const double open = access.CVP_mmHg - access.resistance_mmHg_min_per_L * flow;
  if (open >= 0.0 || flow <= 0.0) return open;
  return collapse_gain * open;
}

double available_drainage_flow_L_per_min(const VenousAccess& access) {
  return std::max(0.0, access.CVP_mmHg) / access.resistance_mmHg_min_per_L;
}

double kink_pressure_drop_mmHg(double severity, double flow) {
  if (severity <= 0.0) return 0.0;
  return severity * (60.0 * flow + 20.0 * flow * std::abs(flow));
}

}  // namespace kenshu::sim
