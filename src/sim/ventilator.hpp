#pragma once
// The ventilator: VC-CMV, PC-CMV, PSV, CPAP and SIMV (volume-controlled mandatory breaths with pressure support).
// Each step it says what drives the airway (command), then watches what happened (observe): it triggers and
// cycles breaths, measures each breath as a real ventilator displays it, and raises alarms.
#include <array>
#include <cstdint>

#include "sim/parameters.hpp"
#include "sim/respiratory_mechanics.hpp"

namespace kenshu::sim {

enum class BreathPhase { expiration, inspiration, pause };
enum class BreathKind { none, volume_control, pressure_control, pressure_support };

struct VentilatorObservation {
  double time_s = 0.0;
  double airway_pressure_cmH2O = 0.0;
  double patient_flow_L_per_s = 0.0;
  double ventilator_flow_L_per_s = 0.0;
  double static_pressure_cmH2O = 0.0;
  double muscle_pressure_cmH2O = 0.0;
  double mouth_PCO2_mmHg = 0.0;
  double lung_volume_L = 0.0;
};

struct VentilatorMeasurements {
  double peak_pressure_cmH2O = 0.0;
  double plateau_pressure_cmH2O = 0.0;
  double total_PEEP_cmH2O = 0.0;
  double mean_airway_pressure_cmH2O = 0.0;
  double exhaled_tidal_volume_mL = 0.0;
  double inspired_tidal_volume_mL = 0.0;
  double minute_volume_L_per_min = 0.0;
  double rate_per_min = 0.0;
  double leak_fraction = 0.0;
  double EtCO2_mmHg = 0.0;
  double volume_mL = 0.0;  // above the volume at the start of the current breath
};

class Ventilator {
 public:
  void set_up(const VentilatorSettings& settings, double time_s, double lung_volume_L);
  AirwaySource command(const VentilatorSettings& settings) const;
  void observe(const VentilatorSettings& settings, const VentilatorObservation& observation, double dt_s);

  bool breath_started() const { return breath_started_; }
  bool inspiring() const { return phase_ != BreathPhase::expiration; }
  BreathKind breath_kind() const { return kind_; }
  const VentilatorMeasurements& measurements() const { return measured_; }
  std::uint32_t alarms() const { return alarms_; }

  static double inspiratory_time_s(const VentilatorSettings& settings);

 private:
  struct BreathRecord {
    double duration_s = 0.0;
    double exhaled_mL = 0.0;
  };

  void accumulate(const VentilatorObservation& observation, double dt_s);
  bool inspiration_over(const VentilatorSettings& settings, const VentilatorObservation& observation) const;
  void end_inspiration(const VentilatorSettings& settings, const VentilatorObservation& observation);
  bool patient_triggered(const VentilatorSettings& settings, const VentilatorObservation& observation) const;
  BreathKind mandatory_due(const VentilatorSettings& settings, double time_s);
  BreathKind triggered_kind(const VentilatorSettings& settings);
  void start_breath(const VentilatorSettings& settings, const VentilatorObservation& observation, BreathKind kind);
  void finish_breath(const VentilatorSettings& settings, const VentilatorObservation& observation);
  void update_rate_and_volume(double time_s);
  void update_continuous_alarms(const VentilatorSettings& settings, const VentilatorObservation& observation,
                                double dt_s);

  BreathPhase phase_ = BreathPhase::expiration;
  BreathKind kind_ = BreathKind::none;
  double phase_elapsed_s_ = 0.0;
  double breath_start_s_ = 0.0;
  double breath_start_volume_L_ = 0.0;
  bool breath_started_ = false;
  // SIMV: one mandatory breath per cycle of 60/rate seconds.
  double simv_cycle_start_s_ = 0.0;
  bool simv_mandatory_given_ = false;
  // The breath in progress.
  double peak_pressure_cmH2O_ = 0.0;
  double peak_inspiratory_flow_L_per_s_ = 0.0;
  double inspired_L_ = 0.0;
  double exhaled_L_ = 0.0;
  double pressure_time_cmH2O_s_ = 0.0;
  double max_mouth_PCO2_mmHg_ = 0.0;
  bool exceeded_high_pressure_ = false;
  // The last completed breaths, for rate and minute volume.
  std::array<BreathRecord, 8> history_{};
  int history_next_ = 0;
  int history_count_ = 0;
  double low_pressure_elapsed_s_ = 0.0;
  VentilatorMeasurements measured_;
  std::uint32_t alarms_ = 0;
};

}  // namespace kenshu::sim
