#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "docs/csv.hpp"
#include "docs/xlsx.hpp"

using namespace kenshu::docs;

TEST(Csv, FormulaTriggersAreNeutralised) {
  for (const char* cell : {"=1+1", "+81", "-2", "@SUM(A1)", "\tx", "\rx", "  =cmd", "\xE3\x80\x80=cmd", "ok\n=cmd",
                           "ok\n  @x"})
    EXPECT_TRUE(is_formula_like(cell)) << cell;
  for (const char* cell : {"山田 太郎", "03-1234-5678", "a=b", "", " ", "x@example.jp", "ok\nfine"})
    EXPECT_FALSE(is_formula_like(cell)) << cell;
}

TEST(Csv, CellsAreQuotedOnlyWhenNeeded) {
  EXPECT_EQ(csv_cell("abc"), "abc");
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
  EXPECT_EQ(csv_cell("line\n=1"), "\"'line\n=1\"");
}

TEST(Csv, TableHasBomCrlfAndNumbers) {
  Table t{"申込", {"受付番号", "人数"}, {{std::string("R7-0001"), 4.0}, {std::string("=evil"), 2.5}}};
  EXPECT_EQ(to_csv(t), "\xEF\xBB\xBF受付番号,人数\r\nR7-0001,4\r\n'=evil,2.5\r\n");
}

TEST(Xlsx, ReadsBackWithOpenpyxl) {
  Table a{"申込一覧", {"受付番号", "病院名", "人数"},
          {{std::string("R7-0001"), std::string("大垣市民病院"), 4.0}, {std::string("=1+1"), std::string("x"), 2.0}}};
  Table b{"a/b:c*d?[e]", {"x"}, {}};
  const std::string bytes = to_xlsx({a, b});
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  const auto path = std::filesystem::temp_directory_path() / "kenshu-export-test.xlsx";
  std::ofstream(path, std::ios::binary) << bytes;
  const std::string script =
      "/usr/bin/python3 -c \"import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.worksheets[0]; "
      "print(wb.sheetnames[0], wb.sheetnames[1], ws['A1'].value, ws['B2'].value, ws['C2'].value, ws['A3'].value, "
      "ws['A3'].data_type, ws.freeze_panes)\" " + path.string();
  FILE* p = popen(script.c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[512] = {};
  const std::size_t n = fread(buf, 1, sizeof buf - 1, p);
  pclose(p);
  std::filesystem::remove(path);
  // The formula-looking text stays text ('s'), never a formula ('f').
  EXPECT_EQ(std::string(buf, n), "申込一覧 a_b_c_d__e_ 受付番号 大垣市民病院 4 =1+1 s A2\n");
}
