#pragma once
// Traces as CSV: a header of output names with units, then one row per sample. The same scenario and seed give
// the same bytes.
#include <string>
#include <string_view>
#include <vector>

#include "sim/outputs.hpp"

namespace kenshu::sim {

// Every output, or those named in a comma-separated list. Unknown names are reported in `error`.
std::vector<const OutputInfo*> trace_columns(std::string_view names, std::string& error);

std::string trace_header(const std::vector<const OutputInfo*>& columns);
std::string trace_row(const Outputs& outputs, const std::vector<const OutputInfo*>& columns);

}  // namespace kenshu::sim
