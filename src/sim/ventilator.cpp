#include "sim/ventilator.hpp"

#include <algorithm>

#include "sim/constants.hpp"
#include "sim/outputs.hpp"

namespace kenshu::sim {

namespace {
// Triggering is locked out briefly after cycling off, as on real ventilators (and so double triggering needs an
// effort that outlasts this window).
constexpr double trigger_lockout_s = 0.15;
constexpr double support_min_inspiration_s = 0.1;
constexpr double support_max_inspiration_s = 3.0;
constexpr double disconnection_pressure_cmH2O = 1.0;
constexpr double disconnection_delay_s = 3.0;

double cycle_time_s(const VentilatorSettings& s) { return seconds_per_minute / std::max(s.rate_per_min, 1.0); }

bool is_cmv(VentMode mode) { return mode == VentMode::vc_cmv || mode == VentMode::pc_cmv; }

BreathKind cmv_kind(VentMode mode) {
  return mode == VentMode::vc_cmv ? BreathKind::volume_control : BreathKind::pressure_control;
}

double flow_time_s(const VentilatorSettings& s) {
  return std::max(0.1, Ventilator::inspiratory_time_s(s) - s.inspiratory_pause_s);
}
}  // namespace

double Ventilator::inspiratory_time_s(const VentilatorSettings& s) {
  const double cycle = cycle_time_s(s);
  const double ti = s.ie_ratio_E_per_I > 0.0 ? cycle / (1.0 + s.ie_ratio_E_per_I) : s.inspiratory_time_s;
  return std::clamp(ti, 0.2, std::max(0.2, cycle - 0.2));
}

void Ventilator::set_up(const VentilatorSettings&, double time_s, double lung_volume_L) {
  *this = Ventilator{};
  breath_start_s_ = time_s;
  simv_cycle_start_s_ = time_s;
  breath_start_volume_L_ = lung_volume_L;
  phase_ = BreathPhase::expiration;
}

AirwaySource Ventilator::command(const VentilatorSettings& s) const {
  AirwaySource source;
  source.max_flow_L_per_s = s.max_flow_L_per_min / seconds_per_minute;
  if (s.mode == VentMode::standby) return source;  // open to atmosphere
  source.pressure_cmH2O = s.peep_cmH2O;
  if (phase_ == BreathPhase::expiration) return source;
  if (phase_ == BreathPhase::pause) {
    source.pressure_controlled = false;  // both valves closed
    return source;
  }
  const double ramp = s.rise_time_s > 0.0 ? std::min(1.0, phase_elapsed_s_ / s.rise_time_s) : 1.0;
  switch (kind_) {
    case BreathKind::volume_control:
      source.pressure_controlled = false;
      source.flow_L_per_s = s.tidal_volume_mL / mL_per_L / flow_time_s(s);  // square flow wave
      break;
    case BreathKind::pressure_control:
      source.pressure_cmH2O += ramp * s.pressure_above_peep_cmH2O;
      break;
    case BreathKind::pressure_support:
      source.pressure_cmH2O += s.mode == VentMode::cpap ? 0.0 : ramp * s.pressure_support_cmH2O;
      break;
    case BreathKind::none:
      break;
  }
  return source;
}

void Ventilator::observe(const VentilatorSettings& s, const VentilatorObservation& o, double dt) {
  breath_started_ = false;
  if (s.mode == VentMode::standby) {
    phase_ = BreathPhase::expiration;
    alarms_ = 0;
    measured_.volume_mL = (o.lung_volume_L - breath_start_volume_L_) * mL_per_L;
    return;
  }
  phase_elapsed_s_ += dt;
  accumulate(o, dt);
  if (phase_ == BreathPhase::inspiration && inspiration_over(s, o)) {
    const bool hold = kind_ == BreathKind::volume_control && s.inspiratory_pause_s > 0.0 && !exceeded_high_pressure_;
    if (hold) {
      phase_ = BreathPhase::pause;
      phase_elapsed_s_ = 0.0;
    } else {
      end_inspiration(s, o);
    }
  } else if (phase_ == BreathPhase::pause && phase_elapsed_s_ >= s.inspiratory_pause_s) {
    end_inspiration(s, o);
  } else if (phase_ == BreathPhase::expiration) {
    BreathKind next = mandatory_due(s, o.time_s);
    if (next == BreathKind::none && phase_elapsed_s_ >= trigger_lockout_s && patient_triggered(s, o)) {
      next = triggered_kind(s);
    }
    if (next != BreathKind::none) start_breath(s, o, next);
  }
  update_continuous_alarms(s, o, dt);
  measured_.volume_mL = (o.lung_volume_L - breath_start_volume_L_) * mL_per_L;
}

void Ventilator::accumulate(const VentilatorObservation& o, double dt) {
  pressure_time_cmH2O_s_ += o.airway_pressure_cmH2O * dt;
  if (phase_ == BreathPhase::expiration) {
    // The expiratory limb sees what leaves minus the bias flow that replaces the leak.
    exhaled_L_ -= o.ventilator_flow_L_per_s * dt;
    max_mouth_PCO2_mmHg_ = std::max(max_mouth_PCO2_mmHg_, o.mouth_PCO2_mmHg);
    return;
  }
  inspired_L_ += std::max(0.0, o.ventilator_flow_L_per_s) * dt;
  peak_pressure_cmH2O_ = std::max(peak_pressure_cmH2O_, o.airway_pressure_cmH2O);
  peak_inspiratory_flow_L_per_s_ = std::max(peak_inspiratory_flow_L_per_s_, o.patient_flow_L_per_s);
}

bool Ventilator::inspiration_over(const VentilatorSettings& s, const VentilatorObservation& o) const {
  switch (kind_) {
    case BreathKind::volume_control:
      return phase_elapsed_s_ >= flow_time_s(s) - 1e-9 || o.airway_pressure_cmH2O >= s.high_pressure_limit_cmH2O;
    case BreathKind::pressure_control:
      return phase_elapsed_s_ >= inspiratory_time_s(s) - 1e-9;
    case BreathKind::pressure_support:
      if (phase_elapsed_s_ >= support_max_inspiration_s) return true;
      return phase_elapsed_s_ >= support_min_inspiration_s &&
             o.patient_flow_L_per_s < s.expiratory_trigger_fraction * peak_inspiratory_flow_L_per_s_;
    case BreathKind::none:
      return true;
  }
  return true;
}

void Ventilator::end_inspiration(const VentilatorSettings&, const VentilatorObservation& o) {
  measured_.peak_pressure_cmH2O = peak_pressure_cmH2O_;
  measured_.plateau_pressure_cmH2O = o.static_pressure_cmH2O;  // what an inspiratory hold would read
  measured_.inspired_tidal_volume_mL = inspired_L_ * mL_per_L;
  phase_ = BreathPhase::expiration;
  phase_elapsed_s_ = 0.0;
}

bool Ventilator::patient_triggered(const VentilatorSettings& s, const VentilatorObservation& o) const {
  if (s.flow_trigger_L_per_min > 0.0 && o.patient_flow_L_per_s * seconds_per_minute >= s.flow_trigger_L_per_min) {
    return true;
  }
  // With the airway occluded the effort must first overcome any intrinsic PEEP before pressure falls below PEEP.
  const double intrinsic = std::max(0.0, o.static_pressure_cmH2O - s.peep_cmH2O);
  return s.pressure_trigger_cmH2O > 0.0 && o.muscle_pressure_cmH2O - intrinsic >= s.pressure_trigger_cmH2O;
}

BreathKind Ventilator::mandatory_due(const VentilatorSettings& s, double time_s) {
  const double cycle = cycle_time_s(s);
  if (is_cmv(s.mode)) return time_s - breath_start_s_ >= cycle - 1e-9 ? cmv_kind(s.mode) : BreathKind::none;
  if (s.mode != VentMode::simv) return BreathKind::none;
  if (time_s < simv_cycle_start_s_ + cycle - 1e-9) return BreathKind::none;
  while (time_s >= simv_cycle_start_s_ + cycle - 1e-9) simv_cycle_start_s_ += cycle;
  // No breath was synchronised in the cycle just ended: deliver it now, and it counts for the new cycle.
  const bool owed = !simv_mandatory_given_;
  simv_mandatory_given_ = owed;
  return owed ? BreathKind::volume_control : BreathKind::none;
}

BreathKind Ventilator::triggered_kind(const VentilatorSettings& s) {
  if (is_cmv(s.mode)) return cmv_kind(s.mode);
  if (s.mode == VentMode::simv && !simv_mandatory_given_) {
    simv_mandatory_given_ = true;
    return BreathKind::volume_control;
  }
  return BreathKind::pressure_support;
}

void Ventilator::start_breath(const VentilatorSettings& s, const VentilatorObservation& o, BreathKind kind) {
  finish_breath(s, o);
  kind_ = kind;
  phase_ = BreathPhase::inspiration;
  phase_elapsed_s_ = 0.0;
  breath_start_s_ = o.time_s;
  breath_start_volume_L_ = o.lung_volume_L;
  breath_started_ = true;
  peak_pressure_cmH2O_ = o.airway_pressure_cmH2O;
  peak_inspiratory_flow_L_per_s_ = 0.0;
  inspired_L_ = 0.0;
  exhaled_L_ = 0.0;
  pressure_time_cmH2O_s_ = 0.0;
  max_mouth_PCO2_mmHg_ = 0.0;
  exceeded_high_pressure_ = false;
}

void Ventilator::finish_breath(const VentilatorSettings& s, const VentilatorObservation& o) {
  const double duration_s = o.time_s - breath_start_s_;
  if (kind_ == BreathKind::none || duration_s <= 0.0) return;
  measured_.total_PEEP_cmH2O = o.static_pressure_cmH2O;  // what an expiratory hold would read
  measured_.exhaled_tidal_volume_mL = std::max(0.0, exhaled_L_) * mL_per_L;
  measured_.EtCO2_mmHg = max_mouth_PCO2_mmHg_;
  measured_.mean_airway_pressure_cmH2O = pressure_time_cmH2O_s_ / duration_s;
  const double inspired_mL = measured_.inspired_tidal_volume_mL;
  measured_.leak_fraction =
      inspired_mL > 0.0 ? std::clamp((inspired_mL - measured_.exhaled_tidal_volume_mL) / inspired_mL, 0.0, 1.0) : 0.0;
  history_[static_cast<std::size_t>(history_next_)] = {duration_s, measured_.exhaled_tidal_volume_mL};
  history_next_ = (history_next_ + 1) % static_cast<int>(history_.size());
  history_count_ = std::min(history_count_ + 1, static_cast<int>(history_.size()));
  update_rate_and_volume(o.time_s);

  auto set = [this](Alarm alarm, bool on) { alarms_ = on ? alarms_ | alarm_bit(alarm) : alarms_ & ~alarm_bit(alarm); };
  set(Alarm::high_airway_pressure, exceeded_high_pressure_);
  set(Alarm::low_airway_pressure, measured_.peak_pressure_cmH2O < s.low_pressure_limit_cmH2O);
  set(Alarm::low_tidal_volume, measured_.exhaled_tidal_volume_mL < s.low_tidal_volume_limit_mL);
  const bool lost = inspired_mL > 100.0 && measured_.exhaled_tidal_volume_mL < 0.1 * inspired_mL;
  set(Alarm::disconnection, lost || low_pressure_elapsed_s_ >= disconnection_delay_s);
}

void Ventilator::update_rate_and_volume(double time_s) {
  // Averaged over the last eight breaths, as ventilators display them; a breath that is overdue counts as long as
  // it has lasted, so rate and minute volume fall away when breathing stops.
  double duration_s = 0.0;
  double exhaled_mL = 0.0;
  for (int i = 0; i < history_count_; ++i) {
    duration_s += history_[static_cast<std::size_t>(i)].duration_s;
    exhaled_mL += history_[static_cast<std::size_t>(i)].exhaled_mL;
  }
  if (history_count_ == 0 || duration_s <= 0.0) return;
  const double mean_duration_s = std::max(duration_s / history_count_, time_s - breath_start_s_);
  measured_.rate_per_min = seconds_per_minute / mean_duration_s;
  measured_.minute_volume_L_per_min = exhaled_mL / history_count_ / mL_per_L * measured_.rate_per_min;
}

void Ventilator::update_continuous_alarms(const VentilatorSettings& s, const VentilatorObservation& o, double dt) {
  auto set = [this](Alarm alarm, bool on) { alarms_ = on ? alarms_ | alarm_bit(alarm) : alarms_ & ~alarm_bit(alarm); };
  if (o.airway_pressure_cmH2O > s.high_pressure_limit_cmH2O) {
    exceeded_high_pressure_ = true;
    set(Alarm::high_airway_pressure, true);
  }
  low_pressure_elapsed_s_ = o.airway_pressure_cmH2O < disconnection_pressure_cmH2O ? low_pressure_elapsed_s_ + dt : 0.0;
  if (low_pressure_elapsed_s_ >= disconnection_delay_s && s.peep_cmH2O >= 2.0) set(Alarm::disconnection, true);
  const double since_breath_s = o.time_s - breath_start_s_;
  set(Alarm::apnea, since_breath_s > s.apnea_time_s);
  update_rate_and_volume(o.time_s);
  set(Alarm::low_minute_volume, measured_.minute_volume_L_per_min < s.low_minute_volume_limit_L_per_min);
  set(Alarm::high_rate, measured_.rate_per_min > s.high_rate_limit_per_min);
}

}  // namespace kenshu::sim
