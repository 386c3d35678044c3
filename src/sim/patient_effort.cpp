#include "sim/patient_effort.hpp"

#include <algorithm>
#include <cmath>

#include "sim/constants.hpp"

namespace kenshu::sim {

void PatientEffort::advance(const EffortDrive& drive, double, double dt, SplitMix64& random) {
  started_this_step_ = false;
  since_start_s_ += dt;
  if (drive.rate_per_min <= 0.0 || drive.peak_pressure_cmH2O <= 0.0) {
    muscle_pressure_cmH2O_ = 0.0;
    active_ = false;
    since_start_s_ = 1e9;
    return;
  }
  if (since_start_s_ >= cycle_s_) {
    since_start_s_ = 0.0;
    cycle_s_ = seconds_per_minute / drive.rate_per_min * (1.0 + 0.05 * random.symmetric());
    amplitude_cmH2O_ = drive.peak_pressure_cmH2O * (1.0 + 0.05 * random.symmetric());
    inspiratory_time_s_ = std::min(drive.inspiratory_time_s, 0.9 * cycle_s_);
    started_this_step_ = true;
  }
  active_ = since_start_s_ < inspiratory_time_s_;
  muscle_pressure_cmH2O_ = active_ ? amplitude_cmH2O_ * std::sin(pi * since_start_s_ / inspiratory_time_s_) : 0.0;
}

void AsynchronyMonitor::on_effort_start(double, bool ventilator_inspiring) {
  if (pending_) close_pending();
  pending_ = true;
  pending_in_inspiration_ = ventilator_inspiring;
  pending_end_s_ = -1.0;
  pending_breaths_ = 0;
}

void AsynchronyMonitor::on_breath_start(double) {
  if (pending_) ++pending_breaths_;
}

void AsynchronyMonitor::on_step(double time_s, bool effort_active) {
  if (!pending_) return;
  if (!effort_active && pending_end_s_ < 0.0) pending_end_s_ = time_s;
  if (pending_end_s_ >= 0.0 && time_s > pending_end_s_ + window_after_effort_s) close_pending();
}

void AsynchronyMonitor::close_pending() {
  bool asynchronous = false;
  if (pending_in_inspiration_) {
    asynchronous = pending_breaths_ >= 1;
    if (asynchronous) ++double_triggered_;
  } else if (pending_breaths_ == 0) {
    asynchronous = true;
    ++ineffective_;
  } else if (pending_breaths_ >= 2) {
    asynchronous = true;
    ++double_triggered_;
  }
  recent_[static_cast<std::size_t>(next_)] = asynchronous;
  next_ = (next_ + 1) % static_cast<int>(recent_.size());
  recorded_ = std::min(recorded_ + 1, static_cast<int>(recent_.size()));
  pending_ = false;
}

double AsynchronyMonitor::index() const {
  if (recorded_ == 0) return 0.0;
  const auto count = std::count(recent_.begin(), recent_.begin() + recorded_, true);
  return static_cast<double>(count) / recorded_;
}

}  // namespace kenshu::sim
