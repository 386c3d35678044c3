// A table of cells as exports see it: a header row and data rows, each cell text or a number.
#pragma once
#include <string>
#include <variant>
#include <vector>

namespace kenshu::docs {

using Cell = std::variant<std::string, double>;

struct Table {
  std::string name;                  // the sheet's name in a workbook
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

}  // namespace kenshu::docs
