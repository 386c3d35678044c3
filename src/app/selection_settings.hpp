// A year's selection rules as the programme file states them ([selection]): priority tiers, the prefecture limit,
// how long an accepted team has to confirm, and when promotion from the waitlist stops. Stored as JSON per year.
#pragma once
#include <boost/json/value.hpp>

#include <string>

#include "domain/selection.hpp"

namespace kenshu::app {

struct SelectionSettings {
  domain::SelectionRules rules = domain::default_selection_rules(10);
  int confirm_days = 14;                 // an accepted team confirms within this many days of being told
  int promotion_stops_days_before = 7;   // no promotion from the waitlist this close to the session day
};

boost::json::value to_json(const SelectionSettings& s);
// Throws std::runtime_error on a malformed document (only ever written by to_json).
SelectionSettings selection_settings_from_json(const std::string& json);

const char* to_string(domain::Designation d);

}  // namespace kenshu::app
