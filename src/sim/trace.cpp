#include "sim/trace.hpp"

#include <cstdio>

namespace kenshu::sim {

std::vector<const OutputInfo*> trace_columns(std::string_view names, std::string& error) {
  std::vector<const OutputInfo*> columns;
  if (names.empty()) {
    for (const auto& info : output_table()) columns.push_back(&info);
    return columns;
  }
  while (!names.empty()) {
    const auto comma = names.find(',');
    const std::string_view name = names.substr(0, comma);
    if (const OutputInfo* info = find_output(name)) {
      columns.push_back(info);
    } else {
      error = "unknown output: " + std::string(name);
      return {};
    }
    names = comma == std::string_view::npos ? std::string_view{} : names.substr(comma + 1);
  }
  return columns;
}

std::string trace_header(const std::vector<const OutputInfo*>& columns) {
  std::string line;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) line += ',';
    line += columns[i]->name;
  }
  return line + '\n';
}

std::string trace_row(const Outputs& outputs, const std::vector<const OutputInfo*>& columns) {
  std::string line;
  char buffer[32];
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) line += ',';
    std::snprintf(buffer, sizeof buffer, "%.6g", outputs.*(columns[i]->field));
    line += buffer;
  }
  return line + '\n';
}

}  // namespace kenshu::sim
