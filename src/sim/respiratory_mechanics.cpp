#include "sim/respiratory_mechanics.hpp"

namespace kenshu::sim {

void RespiratoryMechanics::rest_at(double airway_pressure_cmH2O) {
  volume1_L_ = config_.compliance1_L_per_cmH2O * airway_pressure_cmH2O;
  volume2_L_ = config_.compliance2_L_per_cmH2O * airway_pressure_cmH2O;
  airway_pressure_cmH2O_ = airway_pressure_cmH2O;
  patient_flow_L_per_s_ = 0.0;
  ventilator_flow_L_per_s_ = 0.0;
}

double RespiratoryMechanics::static_pressure_cmH2O() const {
  return (volume1_L_ + volume2_L_) / (config_.compliance1_L_per_cmH2O + config_.compliance2_L_per_cmH2O);
}

RespiratoryMechanics::Flows RespiratoryMechanics::flows(double v1, double v2, double muscle_pressure,
                                                        const AirwaySource& source, bool flow_limited) const {
  const double g1 = 1.0 / config_.resistance1_cmH2O_s_per_L;
  const double g2 = 1.0 / config_.resistance2_cmH2O_s_per_L;
  const double p1 = v1 / config_.compliance1_L_per_cmH2O - muscle_pressure;
  const double p2 = v2 / config_.compliance2_L_per_cmH2O - muscle_pressure;
  // The two compartments seen from the central airway: one pressure behind one resistance (Thévenin).
  const double lung_pressure = (g1 * p1 + g2 * p2) / (g1 + g2);
  const double total_resistance = config_.central_resistance_cmH2O_s_per_L + 1.0 / (g1 + g2);
  const double leak = config_.leak_conductance_L_per_s_per_cmH2O;

  double airway_pressure = source.pressure_cmH2O;
  if (!source.pressure_controlled || flow_limited) {
    // Flow into the Y-piece splits between the patient and the leak: Q = (P − P_lung)/R + G·P.
    const double flow = flow_limited ? source.max_flow_L_per_s : source.flow_L_per_s;
    airway_pressure = (flow + lung_pressure / total_resistance) / (1.0 / total_resistance + leak);
  }
  Flows f{};
  f.airway_pressure_cmH2O = airway_pressure;
  f.patient_L_per_s = (airway_pressure - lung_pressure) / total_resistance;
  f.ventilator_L_per_s = f.patient_L_per_s + leak * airway_pressure;
  const double central_pressure = airway_pressure - config_.central_resistance_cmH2O_s_per_L * f.patient_L_per_s;
  f.compartment1_L_per_s = (central_pressure - p1) * g1;
  f.compartment2_L_per_s = (central_pressure - p2) * g2;
  return f;
}

bool RespiratoryMechanics::needs_flow_limit(const AirwaySource& source, double muscle_pressure) const {
  if (!source.pressure_controlled) return false;
  return flows(volume1_L_, volume2_L_, muscle_pressure, source, false).ventilator_L_per_s > source.max_flow_L_per_s;
}

void RespiratoryMechanics::advance(const AirwaySource& source, double muscle_pressure, double dt) {
  const bool limited = needs_flow_limit(source, muscle_pressure);
  // The flows are affine in the volumes, dV/dt = M·V + k: read k and M off three evaluations.
  const Flows at_zero = flows(0.0, 0.0, muscle_pressure, source, limited);
  const Flows at_e1 = flows(1.0, 0.0, muscle_pressure, source, limited);
  const Flows at_e2 = flows(0.0, 1.0, muscle_pressure, source, limited);
  const double k1 = at_zero.compartment1_L_per_s;
  const double k2 = at_zero.compartment2_L_per_s;
  const double m11 = at_e1.compartment1_L_per_s - k1;
  const double m21 = at_e1.compartment2_L_per_s - k2;
  const double m12 = at_e2.compartment1_L_per_s - k1;
  const double m22 = at_e2.compartment2_L_per_s - k2;
  // Backward Euler: (I − dt·M)·V' = V + dt·k, a 2×2 system solved by Cramer's rule.
  const double a11 = 1.0 - dt * m11;
  const double a12 = -dt * m12;
  const double a21 = -dt * m21;
  const double a22 = 1.0 - dt * m22;
  const double b1 = volume1_L_ + dt * k1;
  const double b2 = volume2_L_ + dt * k2;
  const double det = a11 * a22 - a12 * a21;
  volume1_L_ = (b1 * a22 - a12 * b2) / det;
  volume2_L_ = (a11 * b2 - a21 * b1) / det;

  const Flows now = flows(volume1_L_, volume2_L_, muscle_pressure, source, limited);
  airway_pressure_cmH2O_ = now.airway_pressure_cmH2O;
  patient_flow_L_per_s_ = now.patient_L_per_s;
  ventilator_flow_L_per_s_ = now.ventilator_L_per_s;
}

}  // namespace kenshu::sim
