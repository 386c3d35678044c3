// The whole engine: published targets for a healthy adult, the relationships issue 5 names, determinism, and
// what each fault shows.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "sim/engine.hpp"

using namespace kenshu::sim;

namespace {

// Averages an output over the last `window_s` of `duration_s`, so the breathing cycle does not bias it.
double settled(Engine& engine, std::string_view output, double duration_s = 60.0, double window_s = 12.0) {
  engine.advance(duration_s - window_s);
  const auto steps = static_cast<int>(window_s / Engine::step_s);
  double sum = 0.0;
  for (int i = 0; i < steps; ++i) {
    engine.step();
    sum += engine.output(output);
  }
  return sum / steps;
}

Parameters with(std::initializer_list<std::pair<const char*, const char*>> settings) {
  Parameters p;
  for (const auto& [name, value] : settings) {
    EXPECT_EQ(set_parameter_text(p, name, value), "") << name;
  }
  return p;
}

Parameters vv_patient() {
  return with({{"ecmo.mode", "VV"}, {"ecmo.pump_speed_rpm", "3000"}, {"patient.shunt_fraction", "0.9"},
               {"ecmo.cannula_tip_distance_cm", "35"}, {"ecmo.drainage_catchment_fraction", "1"}});
}

double run_and_read(const Parameters& p, std::string_view output, double duration_s = 90.0) {
  Engine engine(p);
  return settled(engine, output, duration_s);
}

}  // namespace

// Issue 5: a healthy adult on PC-CMV 7 mL/kg, PEEP 5, FiO2 0.3.
TEST(Engine, HealthyAdultOnPressureControlHasNormalBloodGases) {
  const Parameters p = with({{"vent.mode", "PC-CMV"}, {"vent.peep_cmH2O", "5"}, {"vent.FiO2", "0.3"}});
  Engine engine(p);
  engine.advance(60.0);
  EXPECT_NEAR(engine.outputs().tidal_volume_mL / p.patient.weight_kg, 7.0, 0.3);
  EXPECT_GE(engine.outputs().PaO2_mmHg, 85.0);
  EXPECT_LE(engine.outputs().PaO2_mmHg, 114.0);
  EXPECT_GE(engine.outputs().PaCO2_mmHg, 35.0);
  EXPECT_LE(engine.outputs().PaCO2_mmHg, 42.0);
  EXPECT_GE(engine.outputs().SpO2, 0.96);
  EXPECT_LE(engine.outputs().SpO2, 0.99);
  EXPECT_EQ(engine.alarms(), 0u);
}

TEST(Engine, VolumeControlPlateauIsTidalVolumeOverCompliance) {
  const Parameters p = with({{"vent.mode", "VC-CMV"}, {"vent.tidal_volume_mL", "500"}, {"vent.inspiratory_pause_s", "0.3"}});
  Engine engine(p);
  engine.advance(30.0);
  EXPECT_NEAR(engine.outputs().tidal_volume_mL, 500.0, 5.0);
  EXPECT_NEAR(engine.outputs().driving_pressure_cmH2O, 500.0 / 60.0, 0.3);
  EXPECT_GT(engine.outputs().peak_pressure_cmH2O, engine.outputs().plateau_pressure_cmH2O);
}

TEST(Engine, ShortExpirationWithHighResistanceGivesIntrinsicPEEP) {
  const Parameters open = with({{"vent.mode", "VC-CMV"}});
  const Parameters obstructed = with({{"vent.mode", "VC-CMV"}, {"vent.rate_per_min", "30"},
                                      {"patient.airway_resistance_cmH2O_s_per_L", "30"}});
  EXPECT_LT(run_and_read(open, "intrinsic_PEEP_cmH2O", 30.0), 0.5);
  EXPECT_GT(run_and_read(obstructed, "intrinsic_PEEP_cmH2O", 30.0), 3.0);
}

TEST(Engine, VenoVenousSaturationRisesWithEcmoFlow) {
  double last = 0.0;
  for (const char* rpm : {"1800", "2400", "3000"}) {
    Parameters p = vv_patient();
    set_parameter_text(p, "ecmo.pump_speed_rpm", rpm);
    const double sat = run_and_read(p, "SaO2");
    EXPECT_GT(sat, last + 0.01) << rpm;
    last = sat;
  }
}

TEST(Engine, VenoVenousSaturationFallsWithCardiacOutput) {
  Parameters low = vv_patient();
  set_parameter_text(low, "patient.cardiac_output_L_per_min", "4");
  Parameters high = vv_patient();
  set_parameter_text(high, "patient.cardiac_output_L_per_min", "8");
  EXPECT_GT(run_and_read(low, "SaO2"), run_and_read(high, "SaO2") + 0.02);
}

TEST(Engine, VenoVenousSaturationFallsWithRecirculation) {
  Parameters far = with({{"ecmo.mode", "VV"}, {"ecmo.pump_speed_rpm", "3200"}, {"patient.shunt_fraction", "0.8"},
                         {"ecmo.cannula_tip_distance_cm", "25"}});
  Parameters near = far;
  set_parameter_text(near, "ecmo.cannula_tip_distance_cm", "2");
  set_parameter_text(near, "ecmo.drainage_catchment_fraction", "0.4");
  Engine a(far);
  Engine b(near);
  const double sat_far = settled(a, "SaO2", 90.0);
  const double sat_near = settled(b, "SaO2", 90.0);
  EXPECT_GT(b.outputs().recirculation_fraction, a.outputs().recirculation_fraction + 0.1);
  EXPECT_GT(sat_far, sat_near + 0.02);
}

TEST(Engine, RecirculationRisesWithFlowAndNearerCannulae) {
  auto recirculation = [](const char* rpm, const char* distance) {
    Parameters p = with({{"ecmo.mode", "VV"}, {"ecmo.pump_speed_rpm", rpm}, {"patient.shunt_fraction", "0.5"},
                         {"ecmo.cannula_tip_distance_cm", distance}});
    return run_and_read(p, "recirculation_fraction", 30.0);
  };
  EXPECT_GT(recirculation("4000", "15"), recirculation("2500", "15") + 0.05);
  EXPECT_GT(recirculation("3200", "5"), recirculation("3200", "25") + 0.05);
}

TEST(Engine, PaCO2FallsAsSweepRises) {
  double last = 1e9;
  for (const char* sweep : {"1.5", "3", "6"}) {
    Parameters p = with({{"ecmo.mode", "VV"}, {"ecmo.pump_speed_rpm", "3100"}, {"patient.shunt_fraction", "0.6"},
                         {"vent.pressure_above_peep_cmH2O", "5"}, {"vent.rate_per_min", "10"},
                         {"ecmo.sweep_gas_flow_L_per_min", sweep}});
    const double paco2 = run_and_read(p, "PaCO2_mmHg", 120.0);
    EXPECT_LT(paco2, last - 3.0) << sweep;
    last = paco2;
  }
}

TEST(Engine, DrainagePressureFallsAsFlowRises) {
  double last_pressure = 0.0;
  double last_flow = 0.0;
  for (const char* rpm : {"2000", "2800", "3600", "4400"}) {
    Parameters p = with({{"ecmo.mode", "VV"}, {"ecmo.pump_speed_rpm", rpm}, {"patient.shunt_fraction", "0.5"}});
    Engine engine(p);
    engine.advance(10.0);
    EXPECT_GT(engine.outputs().ecmo_flow_L_per_min, last_flow) << rpm;
    EXPECT_LT(engine.outputs().drainage_pressure_mmHg, last_pressure) << rpm;
    last_flow = engine.outputs().ecmo_flow_L_per_min;
    last_pressure = engine.outputs().drainage_pressure_mmHg;
  }
}

TEST(Engine, VenoArterialFemoralReturnShowsDifferentialHypoxaemia) {
  const Parameters p = with({{"ecmo.mode", "VA"}, {"ecmo.pump_speed_rpm", "3000"}, {"patient.shunt_fraction", "0.7"},
                             {"patient.cardiac_output_L_per_min", "3"}});
  Engine engine(p);
  engine.advance(60.0);
  EXPECT_LT(engine.outputs().SaO2, 0.9);
  EXPECT_GT(engine.outputs().lower_body_SaO2, 0.95);
}

TEST(Engine, SameParametersAndSeedGiveTheSameTrace) {
  const Parameters p = with({{"ecmo.mode", "VV"}, {"patient.spontaneous_rate_per_min", "12"}, {"patient.muscle_pressure_cmH2O", "4"}});
  Engine a(p, 7);
  Engine b(p, 7);
  Engine c(p, 8);
  bool differs_with_seed = false;
  for (int i = 0; i < 4000; ++i) {
    a.step();
    b.step();
    c.step();
    ASSERT_EQ(a.outputs().airway_pressure_cmH2O, b.outputs().airway_pressure_cmH2O) << i;
    ASSERT_EQ(a.outputs().SpO2, b.outputs().SpO2) << i;
    ASSERT_EQ(a.outputs().ecmo_flow_L_per_min, b.outputs().ecmo_flow_L_per_min) << i;
    differs_with_seed = differs_with_seed || a.outputs().airway_pressure_cmH2O != c.outputs().airway_pressure_cmH2O;
  }
  EXPECT_TRUE(differs_with_seed);
}

TEST(Engine, SettingsAreCheckedAndLogged) {
  Engine engine;
  EXPECT_EQ(engine.set("vent.peep_cmH2O", "8"), "");
  EXPECT_NE(engine.set("vent.peep_cmH2O", "80"), "");
  EXPECT_NE(engine.set("vent.nonsense", "1"), "");
  EXPECT_NE(engine.set("vent.mode", "HFOV"), "");
  EXPECT_EQ(engine.set("vent.mode", "PSV"), "");
  EXPECT_EQ(engine.parameters().vent.mode, VentMode::psv);
  EXPECT_NE(engine.intervene("pray"), "");
  ASSERT_EQ(engine.log().size(), 2u);
  EXPECT_EQ(engine.log()[0].name, "vent.peep_cmH2O");
  EXPECT_EQ(engine.log()[1].value, "PSV");
  EXPECT_TRUE(std::isnan(engine.output("no_such_output")));
}

// Each fault, switched on after the patient has settled, shows its signals within a minute.
class FaultSignals : public ::testing::Test {
 protected:
  static Parameters vv() {
    return with({{"ecmo.mode", "VV"}, {"ecmo.pump_speed_rpm", "3200"}, {"patient.shunt_fraction", "0.6"}});
  }
  static Parameters volume_control() { return with({{"vent.mode", "VC-CMV"}, {"vent.inspiratory_pause_s", "0.2"}}); }

  // Runs 20 s, reads the baseline, switches the fault on, runs `after_s` more.
  void run(const Parameters& p, Fault fault, double severity, double after_s = 40.0) {
    engine = std::make_unique<Engine>(p);
    engine->advance(20.0);
    before = engine->outputs();
    engine->set_fault(fault, severity);
    engine->advance(after_s);
  }
  bool alarm(Alarm a) const { return (engine->alarms() & alarm_bit(a)) != 0; }
  const Outputs& now() const { return engine->outputs(); }

  std::unique_ptr<Engine> engine;
  Outputs before;
};

TEST_F(FaultSignals, Hypovolaemia) {
  run(vv(), Fault::hypovolemia, 0.8);
  EXPECT_LT(now().drainage_pressure_mmHg, before.drainage_pressure_mmHg - 50.0);
  EXPECT_LT(now().ecmo_flow_L_per_min, before.ecmo_flow_L_per_min - 0.5);
  EXPECT_TRUE(alarm(Alarm::ecmo_drainage_pressure));
  EXPECT_EQ(now().ecmo_chattering, 1.0);
}

TEST_F(FaultSignals, DrainageLineKink) {
  run(vv(), Fault::drainage_line_kink, 1.0);
  EXPECT_LT(now().drainage_pressure_mmHg, -100.0);
  EXPECT_LT(now().ecmo_flow_L_per_min, before.ecmo_flow_L_per_min - 1.0);
}

TEST_F(FaultSignals, AirInCircuit) {
  run(vv(), Fault::air_in_circuit, 1.0);
  EXPECT_TRUE(alarm(Alarm::ecmo_bubble));
  EXPECT_TRUE(alarm(Alarm::ecmo_low_flow));
  EXPECT_LT(now().SpO2, before.SpO2 - 0.05);
}

TEST_F(FaultSignals, PumpFailure) {
  run(vv(), Fault::pump_failure, 1.0, 10.0);
  EXPECT_EQ(now().ecmo_pump_speed_rpm, 0.0);
  EXPECT_NEAR(now().ecmo_flow_L_per_min, 0.0, 0.05);
  EXPECT_TRUE(alarm(Alarm::ecmo_pump_stopped));
  EXPECT_TRUE(alarm(Alarm::ecmo_low_flow));
}

TEST_F(FaultSignals, PumpFailureOnVenoArterialFlowsBackwards) {
  run(with({{"ecmo.mode", "VA"}, {"patient.cardiac_output_L_per_min", "2.5"}}), Fault::pump_failure, 1.0, 10.0);
  EXPECT_LT(now().ecmo_flow_L_per_min, -0.2);
  EXPECT_LT(now().mean_arterial_pressure_mmHg, before.mean_arterial_pressure_mmHg - 20.0);
  EXPECT_EQ(engine->intervene("clamp_circuit"), "");
  engine->advance(1.0);
  EXPECT_EQ(now().ecmo_flow_L_per_min, 0.0);
}

TEST_F(FaultSignals, OxygenatorFailure) {
  run(vv(), Fault::oxygenator_failure, 0.9);
  EXPECT_LT(now().post_oxygenator_PO2_mmHg, 150.0);
  EXPECT_GT(now().oxygenator_pressure_drop_mmHg, before.oxygenator_pressure_drop_mmHg * 2.0);
  EXPECT_LT(now().ecmo_CO2_removal_mL_per_min, before.ecmo_CO2_removal_mL_per_min);
  EXPECT_TRUE(alarm(Alarm::ecmo_pressure_drop));
}

TEST_F(FaultSignals, GasSupplyFailure) {
  run(vv(), Fault::gas_supply_failure, 1.0);
  EXPECT_TRUE(alarm(Alarm::ecmo_sweep_gas));
  EXPECT_LT(now().post_oxygenator_PO2_mmHg, 60.0);
  EXPECT_GT(now().PaCO2_mmHg, before.PaCO2_mmHg + 2.0);
  EXPECT_EQ(engine->intervene("reconnect_sweep_gas"), "");
  engine->advance(30.0);
  EXPECT_GT(now().post_oxygenator_PO2_mmHg, 300.0);
}

TEST_F(FaultSignals, HighRecirculation) {
  run(vv(), Fault::high_recirculation, 1.0);
  EXPECT_GT(now().recirculation_fraction, before.recirculation_fraction + 0.2);
  EXPECT_GT(now().pre_oxygenator_SO2, before.pre_oxygenator_SO2 + 0.1);
  EXPECT_LT(now().SaO2, before.SaO2);
}

TEST_F(FaultSignals, BronchospasmRaisesPeakNotPlateau) {
  run(volume_control(), Fault::bronchospasm, 0.5);
  EXPECT_GT(now().peak_pressure_cmH2O - before.peak_pressure_cmH2O, 8.0);
  EXPECT_LT(std::abs(now().plateau_pressure_cmH2O - before.plateau_pressure_cmH2O), 4.0);
}

TEST_F(FaultSignals, TubeKinkHitsTheHighPressureLimit) {
  run(volume_control(), Fault::tube_kink, 1.0);
  EXPECT_TRUE(alarm(Alarm::high_airway_pressure));
  EXPECT_LT(now().tidal_volume_mL, before.tidal_volume_mL - 100.0);
}

TEST_F(FaultSignals, SecretionsRaiseResistanceAndShunt) {
  run(volume_control(), Fault::secretions, 1.0);
  EXPECT_GT(now().peak_pressure_cmH2O, before.peak_pressure_cmH2O + 8.0);
  EXPECT_GT(now().effective_shunt_fraction, before.effective_shunt_fraction);
}

TEST_F(FaultSignals, LeakLowersExhaledVolume) {
  run(volume_control(), Fault::circuit_leak, 0.3);
  EXPECT_GT(now().leak_fraction, 0.15);
  EXPECT_LT(now().tidal_volume_mL, before.tidal_volume_mL - 50.0);
}

TEST_F(FaultSignals, Disconnection) {
  run(volume_control(), Fault::disconnection, 1.0, 30.0);
  EXPECT_TRUE(alarm(Alarm::disconnection));
  EXPECT_TRUE(alarm(Alarm::low_airway_pressure));
  EXPECT_LT(now().tidal_volume_mL, 20.0);
  EXPECT_LT(now().SpO2, before.SpO2);
}

TEST_F(FaultSignals, AtelectasisDesaturates) {
  run(volume_control(), Fault::atelectasis, 1.0, 60.0);
  EXPECT_LT(now().SpO2, before.SpO2 - 0.03);
  EXPECT_GT(now().plateau_pressure_cmH2O, before.plateau_pressure_cmH2O + 2.0);
}

TEST_F(FaultSignals, AsynchronyAppearsWithAirHunger) {
  // A short set inspiration (0.8 s) against long neural efforts: double triggering and stacked breaths.
  run(with({{"vent.mode", "VC-CMV"}, {"vent.inspiratory_time_s", "0.8"}, {"vent.rate_per_min", "14"}}), Fault::asynchrony, 0.8, 60.0);
  EXPECT_EQ(before.asynchrony_index, 0.0);
  EXPECT_GT(now().asynchrony_index, 0.1);
  EXPECT_GT(now().measured_rate_per_min, before.measured_rate_per_min + 3.0);
}
