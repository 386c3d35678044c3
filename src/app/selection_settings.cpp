#include "app/selection_settings.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace kenshu::app {

const char* to_string(domain::Designation d) {
  switch (d) {
    case domain::Designation::critical_care_center: return "critical_care_center";
    case domain::Designation::advanced_critical_care_center: return "advanced_critical_care_center";
    case domain::Designation::advanced_treatment_hospital: return "advanced_treatment_hospital";
  }
  return "?";
}

namespace {

domain::Designation designation_from(const std::string& s) {
  if (s == "critical_care_center") return domain::Designation::critical_care_center;
  if (s == "advanced_critical_care_center") return domain::Designation::advanced_critical_care_center;
  if (s == "advanced_treatment_hospital") return domain::Designation::advanced_treatment_hospital;
  throw std::runtime_error("unknown designation " + s);
}

}  // namespace

boost::json::value to_json(const SelectionSettings& s) {
  boost::json::array tiers;
  for (const auto& t : s.rules.tiers) {
    boost::json::array any;
    for (auto d : t.any_of) any.push_back(boost::json::value(to_string(d)));
    tiers.push_back({{"any_of", any}, {"min_ecmo_cases", t.min_ecmo_cases}});
  }
  boost::json::object o{{"tiers", tiers},
                        {"confirm_days", s.confirm_days},
                        {"promotion_stops_days_before", s.promotion_stops_days_before}};
  if (s.rules.max_teams_per_prefecture_per_session)
    o["max_teams_per_prefecture_per_session"] = *s.rules.max_teams_per_prefecture_per_session;
  else o["max_teams_per_prefecture_per_session"] = nullptr;
  return o;
}

SelectionSettings selection_settings_from_json(const std::string& json) {
  const boost::json::object o = boost::json::parse(json).as_object();
  SelectionSettings s;
  s.rules.tiers.clear();
  for (const auto& t : o.at("tiers").as_array()) {
    domain::TierRule rule;
    for (const auto& d : t.at("any_of").as_array()) rule.any_of.push_back(designation_from(std::string(d.as_string())));
    rule.min_ecmo_cases = static_cast<int>(t.at("min_ecmo_cases").to_number<std::int64_t>());
    s.rules.tiers.push_back(rule);
  }
  if (auto* k = o.if_contains("max_teams_per_prefecture_per_session"); k && !k->is_null())
    s.rules.max_teams_per_prefecture_per_session = static_cast<int>(k->to_number<std::int64_t>());
  s.confirm_days = static_cast<int>(o.at("confirm_days").to_number<std::int64_t>());
  s.promotion_stops_days_before = static_cast<int>(o.at("promotion_stops_days_before").to_number<std::int64_t>());
  return s;
}

}  // namespace kenshu::app
