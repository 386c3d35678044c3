#pragma once
// Respiratory mechanics: the equation of motion P_aw = P_0 + V/C + R·V̇ − P_mus, for two parallel compartments
// behind a shared central (tube and airway) resistance, with a leak to atmosphere at the Y-piece.
// Volumes are measured above the relaxed volume, so a compartment's elastic pressure is V/C and an
// incompletely emptied lung shows intrinsic PEEP by itself.

namespace kenshu::sim {

struct LungMechanicsConfig {
  double compliance1_L_per_cmH2O = 0.03;
  double compliance2_L_per_cmH2O = 0.03;
  double central_resistance_cmH2O_s_per_L = 8.0;
  double resistance1_cmH2O_s_per_L = 4.0;  // peripheral, compartment 1
  double resistance2_cmH2O_s_per_L = 4.0;  // peripheral, compartment 2
  double leak_conductance_L_per_s_per_cmH2O = 0.0;
};

// What drives the Y-piece during one step: a pressure (pressure modes, PEEP) or a flow (volume control).
struct AirwaySource {
  bool pressure_controlled = true;
  double pressure_cmH2O = 0.0;
  double flow_L_per_s = 0.0;
  double max_flow_L_per_s = 3.0;  // a pressure target needing more than this becomes this flow
};

class RespiratoryMechanics {
 public:
  void configure(const LungMechanicsConfig& config) { config_ = config; }
  // Set up at rest at this pressure: each compartment holds V = C·P.
  void rest_at(double airway_pressure_cmH2O);

  // One implicit (backward Euler) step of the two compartment volumes: unconditionally stable for any R·C.
  void advance(const AirwaySource& source, double muscle_pressure_cmH2O, double dt_s);

  double airway_pressure_cmH2O() const { return airway_pressure_cmH2O_; }
  double patient_flow_L_per_s() const { return patient_flow_L_per_s_; }
  double ventilator_flow_L_per_s() const { return ventilator_flow_L_per_s_; }
  double leak_flow_L_per_s() const { return ventilator_flow_L_per_s_ - patient_flow_L_per_s_; }
  double volume_L() const { return volume1_L_ + volume2_L_; }
  double volume1_L() const { return volume1_L_; }
  double volume2_L() const { return volume2_L_; }
  // The pressure an occlusion (hold) manoeuvre would read now: both compartments equalised, muscles relaxed.
  double static_pressure_cmH2O() const;

 private:
  struct Flows {
    double airway_pressure_cmH2O;
    double patient_L_per_s;
    double ventilator_L_per_s;
    double compartment1_L_per_s;
    double compartment2_L_per_s;
  };
  Flows flows(double volume1_L, double volume2_L, double muscle_pressure_cmH2O, const AirwaySource& source,
              bool flow_limited) const;
  bool needs_flow_limit(const AirwaySource& source, double muscle_pressure_cmH2O) const;

  LungMechanicsConfig config_;
  double volume1_L_ = 0.0;
  double volume2_L_ = 0.0;
  double airway_pressure_cmH2O_ = 0.0;
  double patient_flow_L_per_s_ = 0.0;
  double ventilator_flow_L_per_s_ = 0.0;
};

}  // namespace kenshu::sim
