#pragma once
// The whole patient with ventilator and ECMO, advanced in fixed steps. Each model keeps the Pulse lifecycle
// (set up, advance one step, publish outputs): mechanics, ventilator and airway gas every 5 ms; blood gases,
// circulation and the ECMO circuit every 20 ms. Same parameters, faults, actions and seed: same trace.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/circulation.hpp"
#include "sim/ecmo_circuit.hpp"
#include "sim/faults.hpp"
#include "sim/gas_exchange.hpp"
#include "sim/outputs.hpp"
#include "sim/oxygenator.hpp"
#include "sim/parameters.hpp"
#include "sim/patient_effort.hpp"
#include "sim/prng.hpp"
#include "sim/respiratory_mechanics.hpp"
#include "sim/ventilator.hpp"

namespace kenshu::sim {

enum class Actor { trainee, scenario };

struct LogEntry {
  double time_s = 0.0;
  std::string kind;  // alarm_on, alarm_off, fault, intervention, setting
  std::string name;
  std::string value;
  Actor actor = Actor::scenario;
};

enum class Start { steady, cold };

class Engine {
 public:
  static constexpr double step_s = 0.005;
  static constexpr int steps_per_physiology_step = 4;

  // Steady: settles the patient on its settings before t = 0 (about an hour of simulated time, mostly on a reduced
  // model without breaths), as a scenario expects. Cold: starts at t = 0 from the first estimate.
  // Faults given here are present from the start: the patient settles with them.
  explicit Engine(const Parameters& parameters = {}, std::uint64_t seed = 1, Start start = Start::steady,
                  const FaultState& faults = {});

  void step();
  void advance(double duration_s);

  // Sets a parameter ("vent.peep_cmH2O", "ecmo.mode" = "VV") or a fault ("fault.pump_failure" = 1). Returns an
  // error message, or "" when done.
  std::string set(std::string_view name, std::string_view value, Actor actor = Actor::trainee);
  std::string set_number(std::string_view name, double value, Actor actor = Actor::trainee);
  std::string set_fault(Fault fault, double severity, Actor actor = Actor::scenario);
  std::string intervene(std::string_view action, Actor actor = Actor::trainee);

  double time_s() const { return static_cast<double>(step_index_) * step_s; }
  const Outputs& outputs() const { return outputs_; }
  double output(std::string_view name) const;  // NaN when there is no such output
  const Parameters& parameters() const { return parameters_; }
  const FaultState& faults() const { return faults_; }
  std::uint32_t alarms() const { return alarms_; }
  const std::vector<LogEntry>& log() const { return log_; }

 private:
  void set_up();
  void stabilize();
  void refresh_conditions();
  void breathe();
  void perfuse(double dt_s);
  void run_ecmo(double dt_s);
  void update_blood_gases(double dt_s);
  void publish();
  void publish_ecmo();
  void update_alarms();
  AirwayGas airway_gas() const;
  double lung_gas_volume_L() const;

  Parameters parameters_;
  FaultState faults_;
  Conditions conditions_;
  bool conditions_stale_ = true;
  SplitMix64 random_;
  std::int64_t step_index_ = 0;

  RespiratoryMechanics mechanics_;
  Ventilator ventilator_;
  PatientEffort effort_;
  AsynchronyMonitor asynchrony_;
  GasExchange gas_exchange_;
  BloodPools pools_;

  double recruited_fraction_ = 0.0;
  double shunt_fraction_ = 0.0;
  double native_output_L_per_min_ = 5.0;
  double heart_rate_per_min_ = 75.0;
  double cardiac_phase_ = 0.0;
  double SpO2_ = 0.97;
  double pump_speed_rpm_ = 0.0;
  double recirculation_ = 0.0;
  double effective_flow_L_per_min_ = 0.0;
  double chatter_jitter_ = 1.0;
  CircuitState circuit_;
  OxygenatorResult oxygenator_;
  BloodGasContent post_oxygenator_;
  CapillaryResult lung_;
  SystemicSupply supply_;
  TissueExchange tissue_;
  Haemodynamics haemodynamics_;

  // Blood gases, recomputed each physiology step.
  double upper_PO2_mmHg_ = 90.0;
  double lower_PO2_mmHg_ = 90.0;
  double venous_PO2_mmHg_ = 40.0;

  Outputs outputs_;
  std::uint32_t alarms_ = 0;
  std::uint32_t logged_alarms_ = 0;
  std::vector<LogEntry> log_;
};

}  // namespace kenshu::sim
