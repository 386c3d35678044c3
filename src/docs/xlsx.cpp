#include "docs/xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace kenshu::docs {
namespace {

// Excel refuses sheet names over 31 characters or with []:*?/\ in them.
std::string sheet_name(const std::string& name, std::size_t index) {
  std::string out;
  for (char c : name) out += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
  if (out.empty()) out = "Sheet" + std::to_string(index + 1);
  // Cut on a UTF-8 boundary: 31 characters is the limit; 31 bytes keeps us under it whatever the script.
  if (out.size() > 31) {
    std::size_t cut = 31;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out;
}

// Column width in Excel units from the longest cell, counting a CJK character as two.
double display_width(const std::string& s) {
  double w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) w += 1;
    else if ((c & 0xC0) != 0x80) w += 2;
  }
  return w;
}

void write_sheet(lxw_workbook* wb, lxw_format* bold, const Table& t, std::size_t index) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(t.name, index).c_str());
  if (!ws) throw std::runtime_error("xlsx: cannot add sheet " + t.name);
  std::vector<double> widths(t.headers.size(), 8);
  for (std::size_t c = 0; c < t.headers.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.headers[c].c_str(), bold);
    widths[c] = std::max(widths[c], display_width(t.headers[c]));
  }
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      const auto col = static_cast<lxw_col_t>(c);
      if (const auto* d = std::get_if<double>(&t.rows[r][c])) {
        worksheet_write_number(ws, row, col, *d, nullptr);
      } else {
        const auto& s = std::get<std::string>(t.rows[r][c]);
        worksheet_write_string(ws, row, col, s.c_str(), nullptr);
        if (c < widths.size()) widths[c] = std::max(widths[c], std::min(display_width(s), 60.0));
      }
    }
  for (std::size_t c = 0; c < widths.size(); ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c] + 2, nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  if (!t.headers.empty())
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(t.rows.size()), static_cast<lxw_col_t>(t.headers.size() - 1));
}

// libxlsxwriter 1.1.4 writes only to a file: a private temporary one, removed whatever happens.
struct TempFile {
  std::filesystem::path path;
  TempFile() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("kenshu-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx");
  }
  ~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

}  // namespace

std::string to_xlsx(const std::vector<Table>& sheets) {
  TempFile file;
  lxw_workbook* wb = workbook_new(file.path.c_str());
  if (!wb) throw std::runtime_error("xlsx: cannot create workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  try {
    for (std::size_t i = 0; i < sheets.size(); ++i) write_sheet(wb, bold, sheets[i], i);
  } catch (...) {
    workbook_close(wb);
    throw;
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx: cannot write workbook");
  std::ifstream in(file.path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace kenshu::docs
