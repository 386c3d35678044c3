#pragma once
// Cannulae and the vein they drain. A cannula's pressure drop is laminar plus turbulent, a·Q + b·Q·|Q|, scaled
// by (25 Fr / size)⁴ as Poiseuille's law scales with the fourth power of the diameter. The drained vein behaves
// as a Starling resistor (Permutt's vascular waterfall): it delivers up to CVP / R_access; asking for more
// collapses it around the cannula, flow hardly rises and the drainage pressure falls steeply.

namespace kenshu::sim {

enum class CannulaRole { drainage, return_flow };

double cannula_pressure_drop_mmHg(CannulaRole role, double size_Fr, double flow_L_per_min);

struct VenousAccess {
  double CVP_mmHg = 8.0;
  double resistance_mmHg_min_per_L = 1.0;
};

// Pressure at the drainage cannula's side holes for a flow; negative beyond the collapse point.
double vessel_pressure_at_cannula_mmHg(const VenousAccess& access, double flow_L_per_min);

// Flow the vein can give before it collapses.
double available_drainage_flow_L_per_min(const VenousAccess& access);

// A kinked drainage or return line: extra drop growing with severity 0–1.
double kink_pressure_drop_mmHg(double severity, double flow_L_per_min);

}  // namespace kenshu::sim
