#pragma once
// The patient's own breathing: a half-sine inspiratory muscle pressure at the patient's rate, and a monitor that
// classifies each effort against the ventilator's breaths (ineffective effort, double triggering).
#include <array>

#include "sim/prng.hpp"

namespace kenshu::sim {

struct EffortDrive {
  double rate_per_min = 0.0;
  double peak_pressure_cmH2O = 0.0;
  double inspiratory_time_s = 1.0;
};

class PatientEffort {
 public:
  // P_mus(t) = P_max·sin(π·t/T_i) during the neural inspiration, 0 otherwise; cycle length and amplitude vary
  // by ±5 % from breath to breath so that efforts drift against a fixed ventilator rate, as real ones do.
  void advance(const EffortDrive& drive, double time_s, double dt_s, SplitMix64& random);

  double muscle_pressure_cmH2O() const { return muscle_pressure_cmH2O_; }
  bool started_this_step() const { return started_this_step_; }
  bool active() const { return active_; }

 private:
  double since_start_s_ = 1e9;
  double cycle_s_ = 0.0;
  double amplitude_cmH2O_ = 0.0;
  double inspiratory_time_s_ = 1.0;
  double muscle_pressure_cmH2O_ = 0.0;
  bool started_this_step_ = false;
  bool active_ = false;
};

// Asynchrony index (Thille et al., Intensive Care Med 2006): asynchronous efforts over all efforts, here over the
// last 20. An effort begun in expiration is ineffective if it triggers nothing and double-triggered if it triggers
// two breaths; an effort begun during inspiration is asynchronous if it triggers a further breath (stacking).
class AsynchronyMonitor {
 public:
  void on_effort_start(double time_s, bool ventilator_inspiring);
  void on_breath_start(double time_s);
  void on_step(double time_s, bool effort_active);
  double index() const;
  int ineffective_efforts() const { return ineffective_; }
  int double_triggers() const { return double_triggered_; }

 private:
  void close_pending();

  static constexpr double window_after_effort_s = 0.3;
  bool pending_ = false;
  bool pending_in_inspiration_ = false;
  double pending_end_s_ = -1.0;  // below zero while the effort lasts
  int pending_breaths_ = 0;
  std::array<bool, 20> recent_{};
  int recorded_ = 0;
  int next_ = 0;
  int ineffective_ = 0;
  int double_triggered_ = 0;
};

}  // namespace kenshu::sim
