#pragma once
// Validation: check points of the engine against published values and ranges, read from data
// (data/sim/validation.json). A check evaluates a published relationship directly (a function), or runs the
// engine and measures an output: its average at the end, its slope over an interval, its difference between two
// runs, or its difference from Messaï's formula.
#include <string>
#include <string_view>
#include <vector>

namespace kenshu::sim {

struct CheckResult {
  std::string id;
  std::string description;
  std::string source;
  std::string published;
  std::string unit;
  double min = 0.0;
  double max = 0.0;
  double value = 0.0;
  bool pass = false;
  std::string error;
};

struct ValidationReport {
  std::vector<CheckResult> results;
  std::string error;  // the file itself could not be read
  bool all_pass() const;
};

ValidationReport run_validation(std::string_view json_text);

}  // namespace kenshu::sim
