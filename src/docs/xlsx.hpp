// XLSX workbooks (libxlsxwriter): a sheet per table, bold frozen header row, autofilter, text always written as
// text (never as a formula), numbers as numbers.
#pragma once
#include <string>
#include <vector>

#include "docs/table.hpp"

namespace kenshu::docs {

// The bytes of an .xlsx file; throws std::runtime_error if libxlsxwriter fails.
std::string to_xlsx(const std::vector<Table>& sheets);

}  // namespace kenshu::docs
