#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "domain/api_error.hpp"
#include "domain/error_catalog.hpp"

using namespace kenshu;

TEST(ErrorCatalog, EveryCodeHasStatusAndBothLanguages) {
  for (const auto& e : all_errors()) {
    EXPECT_GE(e.status, 400) << e.code;
    EXPECT_LT(e.status, 600) << e.code;
    EXPECT_FALSE(e.message_ja.empty()) << e.code;
    EXPECT_FALSE(e.message_en.empty()) << e.code;
    EXPECT_NE(e.code.find('.'), std::string_view::npos) << "codes are area.reason: " << e.code;
  }
}

TEST(ErrorCatalog, ApiErrorTakesItsStatusFromTheCatalogue) {
  EXPECT_EQ(ApiError("team.no_doctor", "members").status(), 400);
  EXPECT_EQ(ApiError("application.duplicate_hospital").status(), 409);
  EXPECT_EQ(ApiError("request.too_large").status(), 413);
  EXPECT_EQ(error_message("team.no_nurse", Lang::en), "A team must include at least one nurse.");
}

TEST(ErrorCatalog, ValidationErrorLeadsWithTheFirstProblem) {
  ApiError e(std::vector<FieldError>{{"team.no_doctor", "members"}, {"field.bad_email", "contact.email"}});
  EXPECT_EQ(e.code(), "team.no_doctor");
  EXPECT_EQ(e.field(), "members");
  EXPECT_EQ(e.details().size(), 2u);
}

// Every code the source throws must be declared, so that no answer falls back to server.internal by accident.
TEST(ErrorCatalog, EveryCodeUsedInTheSourceIsDeclared) {
  const std::filesystem::path src = std::filesystem::path(KENSHU_SOURCE_DIR) / "src";
  const std::regex use(R"re((?:ApiError\(|\.add\(|reject\([^,]+,[^,]+,\s*|error\()"([a-z_]+\.[a-z_]+)")re");
  std::set<std::string> missing;
  int found = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(src)) {
    if (f.path().extension() != ".cpp" && f.path().extension() != ".hpp") continue;
    std::ifstream in(f.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (std::sregex_iterator it(text.begin(), text.end(), use), end; it != end; ++it) {
      ++found;
      if (!find_error((*it)[1].str())) missing.insert((*it)[1].str() + " in " + f.path().filename().string());
    }
  }
  EXPECT_GT(found, 20);
  EXPECT_TRUE(missing.empty()) << [&] {
    std::string s;
    for (const auto& m : missing) s += m + "\n";
    return s;
  }();
}

// docs/errors.md lists every code (the API documentation promises it).
TEST(ErrorCatalog, DocsListEveryCode) {
  std::ifstream in(std::filesystem::path(KENSHU_SOURCE_DIR) / "docs" / "errors.md");
  ASSERT_TRUE(in) << "docs/errors.md is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  for (const auto& e : all_errors()) EXPECT_NE(ss.str().find("`" + std::string(e.code) + "`"), std::string::npos) << e.code;
}
