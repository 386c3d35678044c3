#include "sim/gas_exchange.hpp"

#include <algorithm>

#include "sim/blood_gas.hpp"
#include "sim/constants.hpp"

namespace kenshu::sim {

namespace {
constexpr double smallest_lung_gas_L = 0.1;
}  // namespace

double inspired_PO2_mmHg(const AirwayGas& gas) {
  // Inspired gas is warmed and saturated with water vapour before it reaches the alveoli.
  return gas.FiO2 * (gas.barometric_pressure_mmHg - water_vapour_pressure_mmHg);
}

void GasExchange::set_up(double alveolar_PO2, double alveolar_PCO2, const AirwayGas& gas) {
  alveolar_PO2_mmHg_ = alveolar_PO2;
  alveolar_PCO2_mmHg_ = alveolar_PCO2;
  dead_space_exhaled_L_ = gas.anatomic_dead_space_L;
  dead_space_PO2_mmHg_ = alveolar_PO2;
  dead_space_PCO2_mmHg_ = alveolar_PCO2;
  mouth_PCO2_mmHg_ = 0.0;
  fresh_gas_L_ = 0.0;
}

double GasExchange::perfused_volume_L(double lung_gas_volume_L, const AirwayGas& gas) const {
  return (1.0 - gas.alveolar_dead_space_fraction) * std::max(lung_gas_volume_L, smallest_lung_gas_L);
}

void GasExchange::ventilate(double flow_L_per_s, double lung_gas_volume_L, const AirwayGas& gas, double dt) {
  const double volume_in_L = flow_L_per_s * dt;
  const double dead_space_L = gas.anatomic_dead_space_L;
  const double f_ads = gas.alveolar_dead_space_fraction;
  if (volume_in_L > 0.0) {
    // Inspiration: the exhaled gas left in the dead space goes back first, then fresh gas.
    const double rebreathed_L = std::min(volume_in_L, dead_space_exhaled_L_);
    const double fresh_L = volume_in_L - rebreathed_L;
    dead_space_exhaled_L_ -= rebreathed_L;
    fresh_gas_L_ += fresh_L;
    const double before_L = perfused_volume_L(lung_gas_volume_L, gas);
    const double added_L = (1.0 - f_ads) * volume_in_L;
    const double inspired_O2 = inspired_PO2_mmHg(gas);
    alveolar_PO2_mmHg_ = (alveolar_PO2_mmHg_ * before_L +
                          (1.0 - f_ads) * (fresh_L * inspired_O2 + rebreathed_L * dead_space_PO2_mmHg_)) /
                         (before_L + added_L);
    alveolar_PCO2_mmHg_ = (alveolar_PCO2_mmHg_ * before_L + (1.0 - f_ads) * rebreathed_L * dead_space_PCO2_mmHg_) /
                          (before_L + added_L);
    mouth_PCO2_mmHg_ = 0.0;
    return;
  }
  // Expiration: mixed alveolar gas (perfused alveoli diluted by dead-space alveoli holding inspired gas) fills the
  // dead space from the lung end; the mouth sees it once the fresh gas ahead of it has left.
  const double out_L = -volume_in_L;
  dead_space_exhaled_L_ = std::min(dead_space_L, dead_space_exhaled_L_ + out_L);
  dead_space_PCO2_mmHg_ = (1.0 - f_ads) * alveolar_PCO2_mmHg_;
  dead_space_PO2_mmHg_ = (1.0 - f_ads) * alveolar_PO2_mmHg_ + f_ads * inspired_PO2_mmHg(gas);
  const double filled = dead_space_L > 0.0 ? dead_space_exhaled_L_ / dead_space_L : 1.0;
  // Phase II of the capnogram: a short mixing front instead of a step.
  const double front = std::clamp((filled - 0.6) / 0.4, 0.0, 1.0);
  if (out_L > 0.0) mouth_PCO2_mmHg_ = front * dead_space_PCO2_mmHg_;
}

void GasExchange::ventilate_continuously(double fresh_L_per_s, double lung_gas_volume_L, const AirwayGas& gas,
                                         double dt) {
  // Each perfused alveolus receives fresh gas in proportion to its volume: dP_A/dt = V̇_A·(P_I − P_A)/V_lung.
  const double turnover = std::min(1.0, fresh_L_per_s * dt / std::max(lung_gas_volume_L, smallest_lung_gas_L));
  alveolar_PO2_mmHg_ += turnover * (inspired_PO2_mmHg(gas) - alveolar_PO2_mmHg_);
  alveolar_PCO2_mmHg_ += turnover * (0.0 - alveolar_PCO2_mmHg_);
}

CapillaryResult GasExchange::exchange(double pulmonary_flow_L_per_min, double shunt_fraction, double venous_O2,
                                      double venous_CO2, double hemoglobin, double lung_gas_volume_L,
                                      const AirwayGas& gas, double dt) {
  const double shunt = std::clamp(shunt_fraction, 0.0, 1.0);
  const double capillary_flow_dL_per_min = pulmonary_flow_L_per_min * (1.0 - shunt) * dL_per_L;
  const double capillary_O2 = O2_content_mL_per_dL(alveolar_PO2_mmHg_, hemoglobin);
  const double capillary_CO2 = CO2_content_mL_per_dL(alveolar_PCO2_mmHg_);
  CapillaryResult result;
  result.O2_uptake_mL_per_min = capillary_flow_dL_per_min * (capillary_O2 - venous_O2);
  result.CO2_output_mL_per_min = capillary_flow_dL_per_min * (venous_CO2 - capillary_CO2);
  result.pulmonary_venous_O2_mL_per_dL = (1.0 - shunt) * capillary_O2 + shunt * venous_O2;
  result.pulmonary_venous_CO2_mL_per_dL = (1.0 - shunt) * capillary_CO2 + shunt * venous_CO2;
  // What the blood took or gave changes the alveolar gas: STPD mL → BTPS L → partial pressure in this volume.
  const double dry_pressure = gas.barometric_pressure_mmHg - water_vapour_pressure_mmHg;
  const double per_mL = btps_per_stpd / mL_per_L * dry_pressure / perfused_volume_L(lung_gas_volume_L, gas) *
                        dt / seconds_per_minute;
  alveolar_PO2_mmHg_ = std::max(0.0, alveolar_PO2_mmHg_ - result.O2_uptake_mL_per_min * per_mL);
  alveolar_PCO2_mmHg_ = std::max(0.0, alveolar_PCO2_mmHg_ + result.CO2_output_mL_per_min * per_mL);
  return result;
}

double GasExchange::take_fresh_gas_L() {
  const double fresh = fresh_gas_L_;
  fresh_gas_L_ = 0.0;
  return fresh;
}

}  // namespace kenshu::sim
