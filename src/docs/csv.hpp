// CSV for Excel: UTF-8 with a byte-order mark (so Japanese opens correctly), CRLF, RFC 4180 quoting, and cells that
// a spreadsheet would run as a formula neutralised.
#pragma once
#include <string>
#include <string_view>

#include "docs/table.hpp"

namespace kenshu::docs {

// A cell is dangerous when any of its lines starts — after spaces — with = + - @, a tab or a carriage return:
// spreadsheets run such a cell as a formula (CSV injection).
bool is_formula_like(std::string_view cell);

// The cell as it goes into the file: a dangerous cell gets a leading apostrophe, then RFC 4180 quoting if needed.
std::string csv_cell(std::string_view cell);

std::string to_csv(const Table& table);

}  // namespace kenshu::docs
