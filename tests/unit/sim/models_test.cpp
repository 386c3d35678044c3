// Each model of the simulator against hand calculations and published values.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/blood_gas.hpp"
#include "sim/cannulae.hpp"
#include "sim/circulation.hpp"
#include "sim/ecmo_circuit.hpp"
#include "sim/ecmo_pump.hpp"
#include "sim/oxygenator.hpp"
#include "sim/recirculation.hpp"
#include "sim/respiratory_mechanics.hpp"

using namespace kenshu::sim;

// Severinghaus JW, J Appl Physiol 1979: the standard O2 dissociation curve.
TEST(BloodGas, SeveringhausCurveAtPublishedPoints) {
  EXPECT_NEAR(haemoglobin_saturation(26.8), 0.50, 0.005);
  EXPECT_NEAR(haemoglobin_saturation(40.0), 0.75, 0.005);
  EXPECT_NEAR(haemoglobin_saturation(60.0), 0.91, 0.005);
  EXPECT_NEAR(haemoglobin_saturation(100.0), 0.98, 0.005);
  EXPECT_EQ(haemoglobin_saturation(0.0), 0.0);
  EXPECT_LT(haemoglobin_saturation(600.0), 1.0);
  EXPECT_GT(haemoglobin_saturation(600.0), 0.9998);
}

TEST(BloodGas, SaturationSlopeMatchesFiniteDifference) {
  for (double p : {10.0, 26.8, 40.0, 80.0, 200.0}) {
    const double numeric = (haemoglobin_saturation(p + 1e-4) - haemoglobin_saturation(p - 1e-4)) / 2e-4;
    EXPECT_NEAR(haemoglobin_saturation_slope_per_mmHg(p), numeric, 1e-7) << p;
  }
}

TEST(BloodGas, OxygenContentByHand) {
  // 1.34 · 15 · S(100) + 0.003 · 100 = 1.34 · 15 · 0.97751 + 0.3 = 19.948 mL/dL.
  EXPECT_NEAR(O2_content_mL_per_dL(100.0, 15.0), 19.948, 0.01);
  // Fully saturated blood at PO2 500 carries 1.5 mL/dL dissolved on top of 1.34 · Hb.
  EXPECT_NEAR(O2_content_mL_per_dL(500.0, 10.0), 13.4 + 1.5, 0.01);
}

TEST(BloodGas, PO2FromContentInvertsContent) {
  for (double p : {5.0, 20.0, 26.8, 40.0, 60.0, 100.0, 400.0, 2500.0, 4000.0}) {
    for (double hb : {7.0, 14.0}) {
      EXPECT_NEAR(PO2_from_O2_content_mmHg(O2_content_mL_per_dL(p, hb), hb), p, 1e-3 * p) << p << " " << hb;
    }
  }
  EXPECT_EQ(PO2_from_O2_content_mmHg(0.0, 14.0), 0.0);
}

TEST(BloodGas, CarbonDioxideAndPH) {
  EXPECT_NEAR(CO2_content_mL_per_dL(40.0), 48.0, 1e-9);
  EXPECT_NEAR(PCO2_from_CO2_content_mmHg(48.0), 40.0, 1e-9);
  // Henderson–Hasselbalch: 6.1 + log10(24 / 1.2) = 7.401.
  EXPECT_NEAR(blood_pH(24.0, 40.0), 7.401, 0.001);
  // Acute respiratory acidosis: PCO2 80 raises HCO3 by 4 and gives pH 7.16 (6.1 + log10(28 / 2.4)).
  const double hco3 = acute_bicarbonate_mmol_per_L(24.0, 80.0);
  EXPECT_NEAR(hco3, 28.0, 1e-9);
  EXPECT_NEAR(blood_pH(hco3, 80.0), 7.167, 0.001);
}

// Two equal compartments (C 0.03 + 0.03 L/cmH2O, peripheral R 4 each) behind a central R of 8: one lung of
// C = 0.06 and R = 8 + 2 = 10, τ = 0.6 s. A pressure step of 10 cmH2O fills V(t) = C·ΔP·(1 − e^(−t/τ)).
TEST(RespiratoryMechanics, PressureStepFillsWithTheTimeConstant) {
  RespiratoryMechanics lung;
  lung.configure({0.03, 0.03, 8.0, 4.0, 4.0, 0.0});
  lung.rest_at(5.0);
  EXPECT_NEAR(lung.volume_L(), 0.3, 1e-12);  // V = C·P
  EXPECT_NEAR(lung.static_pressure_cmH2O(), 5.0, 1e-12);
  AirwaySource source{true, 15.0, 0.0, 10.0};
  const double dt = 0.0005;
  for (int i = 0; i < 1200; ++i) lung.advance(source, 0.0, dt);  // 0.6 s
  EXPECT_NEAR(lung.volume_L() - 0.3, 0.6 * (1.0 - std::exp(-1.0)), 0.002);
  for (int i = 0; i < 20000; ++i) lung.advance(source, 0.0, dt);
  EXPECT_NEAR(lung.volume_L(), 0.9, 1e-4);
  EXPECT_NEAR(lung.patient_flow_L_per_s(), 0.0, 1e-4);
}

TEST(RespiratoryMechanics, ConstantFlowGivesResistivePlusElasticPressure) {
  // Equation of motion: P = PEEP + V/C + R·V̇ with V̇ = 0.5 L/s: after 0.5 s, V = 0.25 L.
  RespiratoryMechanics lung;
  lung.configure({0.03, 0.03, 8.0, 4.0, 4.0, 0.0});
  lung.rest_at(0.0);
  AirwaySource source{false, 0.0, 0.5, 3.0};
  for (int i = 0; i < 100; ++i) lung.advance(source, 0.0, 0.005);
  EXPECT_NEAR(lung.volume_L(), 0.25, 1e-9);
  EXPECT_NEAR(lung.airway_pressure_cmH2O(), 0.25 / 0.06 + 10.0 * 0.5, 0.05);
}

TEST(RespiratoryMechanics, MuscleEffortDrawsAirAndLeakTakesFlow) {
  RespiratoryMechanics lung;
  lung.configure({0.03, 0.03, 8.0, 4.0, 4.0, 0.0});
  lung.rest_at(5.0);
  lung.advance({true, 5.0, 0.0, 3.0}, 5.0, 0.005);
  EXPECT_GT(lung.patient_flow_L_per_s(), 0.0);

  RespiratoryMechanics leaky;
  leaky.configure({0.03, 0.03, 8.0, 4.0, 4.0, 0.01});
  leaky.rest_at(5.0);
  leaky.advance({true, 5.0, 0.0, 3.0}, 0.0, 0.005);
  EXPECT_NEAR(leaky.leak_flow_L_per_s(), 0.05, 1e-9);  // G·P = 0.01 · 5
}

TEST(EcmoPump, HeadFollowsAffinityLawAndFallsWithFlow) {
  const PumpCurve pump{38.0, 10.0, 1.0};
  EXPECT_NEAR(pump_head_mmHg(pump, 3000.0, 0.0), 38.0 * 9.0, 1e-9);
  EXPECT_NEAR(pump_head_mmHg(pump, 3000.0, 4.0), 342.0 - 160.0, 1e-9);
  EXPECT_NEAR(pump_head_mmHg(pump, 0.0, -2.0), 40.0, 1e-9);  // a stopped impeller resists backflow
  EXPECT_NEAR(pump_speed_after_rpm(0.0, 3000.0, 5.0), 3000.0, 1e-9);
}

TEST(Cannulae, PressureDropByHandAndFourthPowerScaling) {
  // 25 Fr drainage at 4.5 L/min: 4·4.5 + 1.1·4.5² = 40.275 mmHg.
  EXPECT_NEAR(cannula_pressure_drop_mmHg(CannulaRole::drainage, 25.0, 4.5), 40.275, 1e-9);
  // Return cannulae are 0.7 of the length; a 21 Fr scales by (25/21)⁴.
  EXPECT_NEAR(cannula_pressure_drop_mmHg(CannulaRole::return_flow, 21.0, 4.5), 0.7 * std::pow(25.0 / 21.0, 4) * 40.275, 1e-9);
  const VenousAccess access{8.0, 1.0};
  EXPECT_NEAR(available_drainage_flow_L_per_min(access), 8.0, 1e-12);
  EXPECT_NEAR(vessel_pressure_at_cannula_mmHg(access, 4.0), 4.0, 1e-12);
  EXPECT_LT(vessel_pressure_at_cannula_mmHg(access, 9.0), -200.0);  // collapse: steep fall
}

TEST(EcmoCircuit, SolvedFlowBalancesPumpHeadAndLosses) {
  CircuitInputs in;
  in.pump_speed_rpm = 3200.0;
  const CircuitState s = solve_circuit(in);
  ASSERT_GT(s.flow_L_per_min, 3.0);
  const double head = pump_head_mmHg(in.pump, in.pump_speed_rpm, s.flow_L_per_min);
  EXPECT_NEAR(s.pre_oxygenator_pressure_mmHg - s.drainage_pressure_mmHg, head, 0.01);
  EXPECT_NEAR(s.pre_oxygenator_pressure_mmHg - s.post_oxygenator_pressure_mmHg,
              in.oxygenator_resistance_mmHg_min_per_L * s.flow_L_per_min, 1e-9);
  // More speed: more flow, more negative drainage pressure.
  in.pump_speed_rpm = 4000.0;
  const CircuitState faster = solve_circuit(in);
  EXPECT_GT(faster.flow_L_per_min, s.flow_L_per_min);
  EXPECT_LT(faster.drainage_pressure_mmHg, s.drainage_pressure_mmHg);
  // Clamped: no flow, the pump shows its shut-off head.
  in.clamped = true;
  const CircuitState clamped = solve_circuit(in);
  EXPECT_EQ(clamped.flow_L_per_min, 0.0);
  EXPECT_NEAR(clamped.pre_oxygenator_pressure_mmHg, 38.0 * 16.0, 1e-9);
}

TEST(Oxygenator, CounterflowEffectivenessLimits) {
  EXPECT_NEAR(counterflow_effectiveness(2.0, 1.0), 2.0 / 3.0, 1e-9);
  EXPECT_NEAR(counterflow_effectiveness(2.0, 0.0), 1.0 - std::exp(-2.0), 1e-9);
  EXPECT_EQ(counterflow_effectiveness(0.0, 0.5), 0.0);
}

TEST(Oxygenator, OxygenByBloodFlowCarbonDioxideBySweep) {
  OxygenatorInputs in;
  in.blood_flow_L_per_min = 4.5;
  in.inlet = {O2_content_mL_per_dL(40.0, 12.0), CO2_content_mL_per_dL(46.0)};
  in.hemoglobin_g_per_dL = 12.0;
  in.sweep_gas_flow_L_per_min = 4.0;
  const OxygenatorResult r = oxygenate(in);
  EXPECT_GT(r.outlet_PO2_mmHg, 350.0);
  EXPECT_LT(r.outlet_PO2_mmHg, 650.0);
  // Transfer = Q·(C_out − C_in).
  EXPECT_NEAR(r.O2_transfer_mL_per_min, 45.0 * (r.outlet.O2_mL_per_dL - in.inlet.O2_mL_per_dL), 1e-9);
  double last = 0.0;
  for (double sweep : {0.5, 1.0, 2.0, 4.0, 8.0}) {
    in.sweep_gas_flow_L_per_min = sweep;
    const double removal = oxygenate(in).CO2_removal_mL_per_min;
    EXPECT_GT(removal, last) << sweep;
    last = removal;
  }
  in.sweep_gas_flow_L_per_min = 0.0;
  const OxygenatorResult off = oxygenate(in);
  EXPECT_EQ(off.CO2_removal_mL_per_min, 0.0);
  EXPECT_EQ(off.O2_transfer_mL_per_min, 0.0);
  // A failing membrane (low diffusing capacity, more shunt) lowers the outlet PO2.
  in.sweep_gas_flow_L_per_min = 4.0;
  in.O2_diffusing_capacity_mL_per_min_per_mmHg = 0.1;
  in.shunt_fraction = 0.4;
  EXPECT_LT(oxygenate(in).outlet_PO2_mmHg, 150.0);
}

TEST(Recirculation, RisesWithFlowAndNearerTips) {
  const RecirculationGeometry far{30.0, 0.7};
  const RecirculationGeometry near{5.0, 0.7};
  EXPECT_EQ(recirculation_fraction(far, 0.0, 5.0), 0.0);
  double last = -1.0;
  for (double flow : {1.0, 2.0, 3.0, 4.0, 5.0, 6.0}) {
    const double r = recirculation_fraction(near, flow, 5.0);
    EXPECT_GT(r, last) << flow;
    EXPECT_GT(r, recirculation_fraction(far, flow, 5.0)) << flow;
    last = r;
  }
  // Below the catchment, only the direct share: 0.3·e^(−0.5)·(2/5).
  EXPECT_NEAR(recirculation_fraction({5.0, 0.7}, 2.0, 5.0), 0.3 * std::exp(-0.5) * 0.4, 1e-12);
}

TEST(Recirculation, MessaiMixingByHand) {
  // EF = (1 − R)·Q = 0.8 · 4 = 3.2 L/min of CO 5: the right heart gets 64 % oxygenator blood.
  EXPECT_NEAR(effective_ecmo_flow_L_per_min(4.0, 0.2, 5.0), 3.2, 1e-12);
  const BloodGasContent post{20.0, 40.0};
  const BloodGasContent venous{10.0, 50.0};
  const BloodGasContent pa = pulmonary_arterial_blood(3.2, 5.0, post, venous);
  EXPECT_NEAR(pa.O2_mL_per_dL, 0.64 * 20.0 + 0.36 * 10.0, 1e-12);
  EXPECT_NEAR(pa.CO2_mL_per_dL, 0.64 * 40.0 + 0.36 * 50.0, 1e-12);
  const BloodGasContent drained = drained_blood(0.2, post, venous);
  EXPECT_NEAR(drained.O2_mL_per_dL, 0.2 * 20.0 + 0.8 * 10.0, 1e-12);
  // Saturation form: 0.64·1.0 + 0.36·0.6 + 0.64·0.003·500/(1.34·10).
  EXPECT_NEAR(messai_pulmonary_arterial_saturation(3.2, 5.0, 1.0, 0.6, 500.0, 10.0),
              0.64 + 0.216 + 0.64 * 1.5 / 13.4, 1e-12);
}

TEST(Circulation, MeanPressureAndPulsePressureByHand) {
  // MAP = 5 · 17 + 8 = 93; SV = 5000/75 = 66.7 mL, pulse pressure 66.7 / 1.5 = 44.4 mmHg.
  const Haemodynamics h = arterial_pressures(5.0, 5.0, 75.0, 17.0, 8.0, 1.5);
  EXPECT_NEAR(h.mean_arterial_pressure_mmHg, 93.0, 1e-9);
  EXPECT_NEAR(h.systolic_pressure_mmHg - h.diastolic_pressure_mmHg, 5000.0 / 75.0 / 1.5, 1e-9);
}

TEST(Circulation, FickVenousContent) {
  // Steady state: venous content settles at C_a − VO2/Q = 18 − 250/50 = 13 mL/dL.
  BloodPools pools;
  pools.set_up({18.0, 48.0}, {15.0, 0.0}, 46.0);
  SystemicSupply supply = systemic_supply(5.0, {18.0, 48.0}, false, 0.0, {}, 0.35);
  for (int i = 0; i < 3000; ++i) pools.perfuse(supply, 250.0, 0.8, 3.5, 15.0, 0.1);
  EXPECT_NEAR(pools.venous().O2_mL_per_dL, 13.0, 0.01);
  // CO2: C_v = C_a + VCO2/Q = 48 + 200/50 = 52 mL/dL.
  EXPECT_NEAR(pools.venous().CO2_mL_per_dL, 52.0, 0.05);
}

TEST(Circulation, VenoArterialFlowReachesTheLowerBodyFirst) {
  const BloodGasContent lungs{10.0, 50.0};
  const BloodGasContent circuit{20.0, 40.0};
  const SystemicSupply s = systemic_supply(2.0, lungs, true, 3.0, circuit, 0.35);
  EXPECT_NEAR(s.flow_L_per_min, 5.0, 1e-12);
  // The arch takes 0.35 · 5 = 1.75 L/min, all from the native heart (2 L/min).
  EXPECT_NEAR(s.upper_body.O2_mL_per_dL, 10.0, 1e-12);
  EXPECT_NEAR(s.lower_body.O2_mL_per_dL, (0.25 * 10.0 + 3.0 * 20.0) / 3.25, 1e-12);
}
