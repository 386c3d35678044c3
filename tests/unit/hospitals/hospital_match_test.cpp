#include <gtest/gtest.h>

#include <functional>

#include "domain/hospital_match.hpp"

using namespace kenshu;
using namespace kenshu::domain;

namespace {

std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code() + " " + e.field();
  }
  return "no error";
}

// "東京都立広尾病院" in CP932.
const std::string kSjisName = "\x93\x8c\x8b\x9e\x93\x73\x97\xa7\x8d\x4c\x94\xf6\x95\x61\x89\x40";

}  // namespace

TEST(HospitalMatch, KeyLeavesOutWidthSpacesAndCorporationPrefixes) {
  EXPECT_EQ(hospital_match_key("ＮＴＴ東日本関東病院"), hospital_match_key("NTT東日本 関東病院"));
  EXPECT_EQ(hospital_match_key("国立大学法人　東京大学医学部附属病院"), hospital_match_key("東京大学医学部附属病院"));
  EXPECT_EQ(hospital_match_key("東京大学医学部付属病院"), hospital_match_key("東京大学医学部附属病院"));
  EXPECT_EQ(hospital_match_key("医療法人社団 ○○会 △△病院"), "○○会△△病院");
  EXPECT_EQ(hospital_match_key("株式会社日立製作所 日立総合病院"), "日立製作所日立総合病院");
  EXPECT_EQ(hospital_match_key("（株）ＡＢＣ病院"), "abc病院");
  EXPECT_EQ(hospital_match_key("地方独立行政法人 大阪府立病院機構 大阪急性期・総合医療センター"),
            "大阪府立病院機構大阪急性期・総合医療センター");
  EXPECT_EQ(hospital_match_key("独立行政法人"), "独立行政法人");  // a prefix alone is a name
}

TEST(HospitalMatch, SamePrefectureOnly) {
  std::vector<ListedHospital> list{{"東京大学医学部附属病院", 13, false, 2}, {"市立病院", 27, false, 3}};
  EXPECT_NE(match_hospital(list, "国立大学法人東京大学医学部付属病院", 13), nullptr);
  EXPECT_EQ(match_hospital(list, "東京大学医学部附属病院", 14), nullptr);
  EXPECT_EQ(match_hospital(list, "市立病院", 13), nullptr);
}

TEST(HospitalMatch, AUniqueSuffixMatchesACorporationsOwnName) {
  std::vector<ListedHospital> list{{"慶應義塾大学病院", 13, false, 2}, {"亀田総合病院", 12, true, 3}};
  EXPECT_EQ(match_hospital(list, "学校法人慶應義塾 慶應義塾大学病院", 13), &list[0]);
  EXPECT_EQ(match_hospital(list, "医療法人鉄蕉会 亀田総合病院", 12), &list[1]);
  // 病院 alone is too short to match on its end.
  std::vector<ListedHospital> short_list{{"A病院", 13, false, 2}};
  EXPECT_EQ(match_hospital(short_list, "B病院", 13), nullptr);
  // Two candidates: no guess.
  std::vector<ListedHospital> two{{"甲会中央総合病院", 13, false, 2}, {"乙会中央総合病院", 13, false, 3}};
  EXPECT_EQ(match_hospital(two, "中央総合病院", 13), nullptr);
}

TEST(HospitalMatch, PrefectureByNameShortNameEnglishOrCode) {
  EXPECT_EQ(prefecture_code_from("東京都"), 13);
  EXPECT_EQ(prefecture_code_from("東京"), 13);
  EXPECT_EQ(prefecture_code_from("京都"), 26);
  EXPECT_EQ(prefecture_code_from("北海道"), 1);
  EXPECT_EQ(prefecture_code_from("Osaka"), 27);
  EXPECT_EQ(prefecture_code_from("１３"), 13);
  EXPECT_EQ(prefecture_code_from("48"), 0);
  EXPECT_EQ(prefecture_code_from("東京府"), 0);
}

TEST(HospitalList, ParsesUtf8WithHeaderVariantsQuotesAndBom) {
  const std::string csv =
      "\xEF\xBB\xBF都道府県名,医療機関名,\"区分\"\r\n"
      "東京都,\"日本医科大学付属病院\",高度救命救急センター\r\n"
      "\r\n"
      "大阪,\"市立病院, 本院\",救命救急センター\r\n";
  auto list = parse_hospital_list(csv, HospitalListKind::critical_care_center);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].name, "日本医科大学付属病院");
  EXPECT_EQ(list[0].prefecture_code, 13);
  EXPECT_TRUE(list[0].advanced);
  EXPECT_EQ(list[0].line, 2);
  EXPECT_EQ(list[1].name, "市立病院, 本院");
  EXPECT_EQ(list[1].prefecture_code, 27);
  EXPECT_FALSE(list[1].advanced);
  EXPECT_EQ(list[1].line, 4);
}

TEST(HospitalList, ParsesShiftJis) {
  const std::string csv = "name,prefecture\n" + kSjisName + ",13\n";
  auto list = parse_hospital_list(csv, HospitalListKind::advanced_treatment_hospital);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "東京都立広尾病院");
  EXPECT_EQ(csv_to_utf8("\x82\xa0"), "あ");
}

TEST(HospitalList, PrefectureFromTheAddressWhenNoPrefectureColumn) {
  auto list = parse_hospital_list("施設名,所在地\nA大学病院,神奈川県横浜市\n", HospitalListKind::advanced_treatment_hospital);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].prefecture_code, 14);
}

TEST(HospitalList, BadFilesAreRefusedWithLineNumbers) {
  const auto ath = HospitalListKind::advanced_treatment_hospital;
  const auto cc = HospitalListKind::critical_care_center;
  EXPECT_EQ(field_of([&] { parse_hospital_list("名称,都道府県\nA病院,東京都\nB病院,火星\n", ath); }),
            "field.bad_prefecture lines[3].prefecture");
  EXPECT_EQ(field_of([&] { parse_hospital_list("名称,都道府県\n,東京都\n", ath); }), "field.required lines[2].name");
  EXPECT_EQ(field_of([&] { parse_hospital_list("名称,都道府県\nA病院,東京都\n\"B病院,東京都\n", ath); }),
            "hospital_list.bad_csv lines[3]");
  EXPECT_EQ(field_of([&] { parse_hospital_list("名称,都道府県\nA病院,東京都\nＡ病院,東京\n", ath); }),
            "hospital_list.duplicate lines[3].name");
  EXPECT_EQ(field_of([&] { parse_hospital_list("名称,都道府県\nA病院,東京都\n", cc); }),
            "hospital_list.missing_column advanced");
  EXPECT_EQ(field_of([&] { parse_hospital_list("名称,都道府県,高度\nA病院,東京都,たぶん\n", cc); }),
            "field.bad_enum lines[2].advanced");
  EXPECT_EQ(field_of([&] { parse_hospital_list("foo,bar\n1,2\n", ath); }), "hospital_list.missing_column name");
  EXPECT_EQ(field_of([&] { parse_hospital_list("名称,都道府県\n", ath); }), "hospital_list.empty file");
  EXPECT_EQ(field_of([&] { parse_hospital_list("\xff\xff\xff", ath); }), "hospital_list.bad_encoding file");
  EXPECT_EQ(field_of([&] { parse_hospital_list("名称,都道府県\nA病院,東京都,x\n", ath); }), "hospital_list.bad_csv lines[2]");
}

TEST(HospitalList, DeclaredTypeIsCheckedAgainstImportedListsOnly) {
  std::vector<ListedHospital> cc{{"A大学病院", 13, true, 2}, {"B市民病院", 13, false, 3}};
  std::vector<ListedHospital> ath{{"A大学病院", 13, false, 2}};
  Hospital h;
  h.name = "国立大学法人 A大学病院";
  h.prefecture_code = 13;
  h.critical_care_center = CriticalCareCenter::advanced;
  h.advanced_treatment_hospital = true;
  EXPECT_TRUE(check_declared_type(h, &cc, &ath).empty());
  h.critical_care_center = CriticalCareCenter::regular;
  auto f = check_declared_type(h, &cc, &ath);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason, "critical_care_mismatch");
  h.name = "B市民病院";
  f = check_declared_type(h, &cc, &ath);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason, "advanced_treatment_mismatch");
  h.name = "C病院";
  f = check_declared_type(h, &cc, &ath);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].reason, "hospital_unmatched");
  // A hospital declaring neither and on no list is an "other" hospital.
  h.critical_care_center = CriticalCareCenter::none;
  h.advanced_treatment_hospital = false;
  EXPECT_TRUE(check_declared_type(h, &cc, &ath).empty());
  // Nothing imported: nothing to disagree with.
  h.critical_care_center = CriticalCareCenter::advanced;
  EXPECT_TRUE(check_declared_type(h, nullptr, nullptr).empty());
}
