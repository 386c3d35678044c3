#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/error_catalog.hpp"
#include "domain/password_rules.hpp"

using namespace kenshu::domain;

namespace {

const CommonPasswords& shipped() {
  static const CommonPasswords list = [] {
    std::ifstream in(std::string(KENSHU_SOURCE_DIR) + "/data/common-passwords.txt");
    std::ostringstream text;
    text << in.rdbuf();
    return CommonPasswords::from_text(text.str());
  }();
  return list;
}

std::string problem(std::string_view pw, std::string_view email = {}, std::string_view name = {}) {
  return password_problem(pw, shipped(), email, name).value_or("");
}

}  // namespace

TEST(PasswordRules, ShippedListIsLargeAndLowerCase) {
  EXPECT_GT(shipped().size(), 5000u);
  EXPECT_TRUE(shipped().contains("password"));
  EXPECT_TRUE(shipped().contains("qwertyuiop"));
}

TEST(PasswordRules, AcceptsLongUncommonPhrases) {
  EXPECT_EQ(problem("blue kettle under the pier"), "");
  EXPECT_EQ(problem("Hanami-at-Ueno-7-lanterns"), "");
  EXPECT_EQ(problem("さくらの下で珈琲を三杯飲む日"), "");  // 13 characters, not bytes
}

TEST(PasswordRules, LengthIsCountedInCharacters) {
  EXPECT_EQ(problem("abcdefgh1234"), "password.too_short");  // 12
  EXPECT_EQ(problem("さくらの下で珈琲を三杯"), "password.too_short");  // 11 characters, 33 bytes
  EXPECT_EQ(problem(std::string(257, 'x') + "yz"), "password.too_long");
}

TEST(PasswordRules, RefusesCommonPasswordsAndTheirSuffixedForms) {
  EXPECT_EQ(problem("password12345"), "password.too_common");
  EXPECT_EQ(problem("Password12345!"), "password.too_common");
  EXPECT_EQ(problem("!!!Qwertyuiop2024"), "password.too_common");
  EXPECT_EQ(problem("1234567890123"), "password.too_common");
  EXPECT_EQ(problem("correcthorsebatterystaple"), "password.too_common");
  EXPECT_EQ(problem("ilovesakura2025"), "password.too_common");
}

TEST(PasswordRules, RefusesRepeatedCharacters) {
  EXPECT_EQ(problem("aaaaaaaaaaaaaaaa"), "password.too_common");
  EXPECT_EQ(problem("abababababababab"), "password.too_common");
}

TEST(PasswordRules, RefusesTheOwnAddressOrName) {
  EXPECT_EQ(problem("yamada.taro@example.jp", "yamada.taro@example.jp"), "password.personal");
  EXPECT_EQ(problem("my-yamadataro-pass", "yamadataro@example.jp"), "password.personal");
  EXPECT_EQ(problem("hello Yamada Taro!!", "x@example.jp", "Yamada Taro"), "password.personal");
}

TEST(PasswordRules, RefusesControlCharacters) {
  EXPECT_EQ(problem("line one\nline two"), "field.bad_text");
  EXPECT_EQ(problem(std::string("abc\0defghijklmnop", 17)), "field.bad_text");
}

TEST(PasswordRules, EveryCodeIsDeclared) {
  for (const char* code : {"password.too_short", "password.too_long", "password.too_common", "password.personal"})
    EXPECT_NE(kenshu::find_error(code), nullptr) << code;
}
