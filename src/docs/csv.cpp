#include "docs/csv.hpp"

#include <cstdio>

namespace kenshu::docs {
namespace {

bool is_trigger(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// Full-width spaces count as spaces too: spreadsheets strip them before deciding a cell is a formula.
std::size_t skip_spaces(std::string_view s, std::size_t i) {
  for (;;) {
    if (i < s.size() && s[i] == ' ') ++i;
    else if (s.substr(i, 3) == "\xE3\x80\x80") i += 3;
    else return i;
  }
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

}  // namespace

bool is_formula_like(std::string_view cell) {
  std::size_t line_start = 0;
  for (;;) {
    const std::size_t i = skip_spaces(cell, line_start);
    if (i < cell.size() && is_trigger(cell[i])) return true;
    const std::size_t nl = cell.find('\n', line_start);
    if (nl == std::string_view::npos) return false;
    line_start = nl + 1;
  }
}

std::string csv_cell(std::string_view cell) {
  std::string text = is_formula_like(cell) ? "'" + std::string(cell) : std::string(cell);
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string to_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  auto row = [&out](const auto& cells, auto&& text_of) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += text_of(cells[i]);
    }
    out += "\r\n";
  };
  row(table.headers, [](const std::string& h) { return csv_cell(h); });
  for (const auto& r : table.rows)
    row(r, [](const Cell& c) {
      if (const auto* d = std::get_if<double>(&c)) return number_text(*d);
      return csv_cell(std::get<std::string>(c));
    });
  return out;
}

}  // namespace kenshu::docs
