#include <gtest/gtest.h>

#include "domain/field_rules.hpp"
#include "domain/text.hpp"

using namespace kenshu;

TEST(Text, NormalizesFullWidthAndHalfWidthWithNfkc) {
  EXPECT_EQ(text::normalize("ＡＢＣ１２３"), "ABC123");
  EXPECT_EQ(text::normalize("ｶﾀｶﾅ"), "カタカナ");
  EXPECT_EQ(text::normalize("  東京　"), "東京");
}

TEST(Text, RejectsInvalidUtf8) {
  EXPECT_FALSE(text::is_valid_utf8("\xff\xfe"));
  EXPECT_FALSE(text::normalize("abc\xc3").has_value());
  EXPECT_TRUE(text::is_valid_utf8("病院"));
}

TEST(Text, ReadingsAreKatakana) {
  EXPECT_TRUE(text::is_katakana_reading("ヤマダ タロウ"));
  EXPECT_TRUE(text::is_katakana_reading("ヴィーナス・ケア"));
  EXPECT_FALSE(text::is_katakana_reading("山田"));
  EXPECT_FALSE(text::is_katakana_reading("yamada"));
  EXPECT_EQ(text::hiragana_to_katakana("やまだ たろう"), "ヤマダ タロウ");
}

TEST(Text, CountsCharactersNotBytes) {
  EXPECT_EQ(text::length_in_chars("病院"), 2u);
  EXPECT_EQ(text::length_in_chars("abc"), 3u);
}

TEST(Text, FindsLineBreaksIncludingUnicodeSeparators) {
  EXPECT_TRUE(text::has_line_break("a\nb"));
  EXPECT_TRUE(text::has_line_break("a\rb"));
  EXPECT_TRUE(text::has_line_break("a\u2028b"));
  EXPECT_FALSE(text::has_line_break("a b"));
}

TEST(FieldRules, TextIsTrimmedBoundedAndSingleLine) {
  Problems p;
  EXPECT_EQ(domain::check_text(p, "f", " 病院 ", {}), "病院");
  EXPECT_TRUE(p.empty());
  domain::check_text(p, "f", std::string(101, 'a'), {.max_chars = 100});
  domain::check_text(p, "g", "two\nlines", {});
  domain::check_text(p, "h", "   ", {});
  domain::check_text(p, "i", "bell\x07", {});
  ASSERT_EQ(p.list().size(), 4u);
  EXPECT_EQ(p.list()[0].code, "field.too_long");
  EXPECT_EQ(p.list()[1].code, "field.line_break");
  EXPECT_EQ(p.list()[2].code, "field.required");
  EXPECT_EQ(p.list()[3].code, "field.bad_text");
}

TEST(FieldRules, KanaAcceptsHiraganaAndHalfWidthAsKatakana) {
  Problems p;
  EXPECT_EQ(domain::check_kana(p, "k", "すずき はなこ"), "スズキ ハナコ");
  EXPECT_EQ(domain::check_kana(p, "k", "ｽｽﾞｷ"), "スズキ");
  EXPECT_TRUE(p.empty());
  domain::check_kana(p, "k", "鈴木");
  ASSERT_EQ(p.list().size(), 1u);
  EXPECT_EQ(p.list()[0].code, "field.not_katakana");
}

TEST(FieldRules, Email) {
  Problems p;
  EXPECT_EQ(domain::check_email(p, "e", "Taro@Example.JP"), "Taro@example.jp");
  EXPECT_EQ(domain::check_email(p, "e", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ"), "taro@example.jp");
  EXPECT_TRUE(p.empty());
  for (const char* bad : {"taro", "taro@", "@example.jp", "taro@example", "ta ro@example.jp", "a@b@c.jp",
                          "taro@-example.jp", "taro..x@example.jp", "taro@example.jp\nBcc: x@y.jp"})
    domain::check_email(p, "e", bad);
  EXPECT_EQ(p.list().size(), 9u);
}

TEST(FieldRules, PhoneAndPostalCode) {
  Problems p;
  EXPECT_EQ(domain::check_phone(p, "p", "０３－１２３４－５６７８"), "03-1234-5678");
  EXPECT_EQ(domain::check_phone(p, "p", "09012345678"), "09012345678");
  EXPECT_EQ(domain::check_postal_code(p, "z", "1000001"), "100-0001");
  EXPECT_EQ(domain::check_postal_code(p, "z", "１００－０００１"), "100-0001");
  EXPECT_TRUE(p.empty());
  domain::check_phone(p, "p", "12345");
  domain::check_phone(p, "p", "3-1234-5678");
  domain::check_phone(p, "p", "03-1234-567a");
  domain::check_postal_code(p, "z", "100-00011");
  domain::check_postal_code(p, "z", "10-00001");
  EXPECT_EQ(p.list().size(), 5u);
}

TEST(Text, InvisibleFormatCharactersAreRefused) {
  EXPECT_TRUE(kenshu::text::has_control_char("山田\u200B太郎"));   // zero-width space
  EXPECT_TRUE(kenshu::text::has_control_char("\uFEFF山田"));       // BOM
  EXPECT_TRUE(kenshu::text::has_control_char("abc\u202Edef"));     // right-to-left override
  EXPECT_TRUE(kenshu::text::has_control_char("a\u0085b"));         // C1 next line
  EXPECT_FALSE(kenshu::text::has_control_char("山田 太郎　ヤマダ"));
  EXPECT_FALSE(kenshu::text::has_control_char("naïve café"));
}
