#include <gtest/gtest.h>

#include "domain/application_rules.hpp"

using namespace kenshu;
using namespace kenshu::domain;

namespace {

Member member(Profession p, const std::string& email) {
  return {"山田 太郎", "ヤマダ タロウ", p, "救急科", 5, email};
}

ApplicationDraft valid_draft() {
  ApplicationDraft d;
  d.hospital = {"テスト病院", "テストビョウイン", 13, "100-0001", "東京都千代田区1-1", "03-1234-5678",
                CriticalCareCenter::advanced, true, {3, 4}};
  d.contact = {"山田 太郎", "ヤマダ タロウ", "救急科", "yamada@example.jp", "03-1234-5678"};
  d.members = {member(Profession::doctor, "a@example.jp"), member(Profession::nurse, "b@example.jp"),
               member(Profession::nurse, "c@example.jp"), member(Profession::clinical_engineer, "d@example.jp")};
  d.preferences = {false, {"s1", "s2"}};
  d.consents = {"v1", true};
  return d;
}

ApplicationContext context() { return {{2, 8}, "v1", {{"s1", true}, {"s2", true}, {"s3", false}}}; }

std::vector<std::string> codes_of(const ApplicationDraft& d) {
  try {
    normalise_and_check(d, context());
  } catch (const ApiError& e) {
    std::vector<std::string> out;
    for (const auto& p : e.details()) out.push_back(p.code + "@" + p.field);
    return out;
  }
  return {};
}

}  // namespace

TEST(TeamRules, TheNoticeTeamOfFourIsValid) { EXPECT_TRUE(codes_of(valid_draft()).empty()); }

TEST(TeamRules, NeedsADoctorAndANurse) {
  auto d = valid_draft();
  d.members[0].profession = Profession::nurse;
  EXPECT_EQ(codes_of(d), std::vector<std::string>{"team.no_doctor@members"});
  d = valid_draft();
  d.members[1].profession = d.members[2].profession = Profession::other;
  EXPECT_EQ(codes_of(d), std::vector<std::string>{"team.no_nurse@members"});
}

TEST(TeamRules, SizeIsBounded) {
  auto d = valid_draft();
  d.members.resize(1);
  auto codes = codes_of(d);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "team.too_small@members"), codes.end());
  d = valid_draft();
  for (int i = 0; i < 5; ++i) d.members.push_back(member(Profession::other, "x" + std::to_string(i) + "@example.jp"));
  EXPECT_EQ(codes_of(d), std::vector<std::string>{"team.too_large@members"});
}

TEST(TeamRules, MemberEmailsAreDistinctIgnoringCase) {
  auto d = valid_draft();
  d.members[3].email = "A@EXAMPLE.JP";
  EXPECT_EQ(codes_of(d), std::vector<std::string>{"team.duplicate_email@members[3].email"});
}

TEST(ApplicationRules, PreferencesNameOpenDistinctSessions) {
  auto d = valid_draft();
  d.preferences.session_ids = {"s1", "s3", "nope", "s1"};
  EXPECT_EQ(codes_of(d), (std::vector<std::string>{"preferences.session_closed@preferences.session_ids[1]",
                                                    "preferences.unknown_session@preferences.session_ids[2]",
                                                    "preferences.duplicate@preferences.session_ids[3]"}));
  d.preferences = {false, {}};
  EXPECT_EQ(codes_of(d), std::vector<std::string>{"preferences.empty@preferences.session_ids"});
  d.preferences = {true, {}};
  EXPECT_TRUE(codes_of(d).empty());
}

TEST(ApplicationRules, ConsentsAreRequiredAndCurrent) {
  auto d = valid_draft();
  d.consents = {"", false};
  EXPECT_EQ(codes_of(d), (std::vector<std::string>{"consent.privacy_required@consents.privacy_notice_version",
                                                    "consent.no_recording_required@consents.no_recording"}));
  d.consents = {"v0", true};
  EXPECT_EQ(codes_of(d), std::vector<std::string>{"consent.privacy_outdated@consents.privacy_notice_version"});
}

TEST(ApplicationRules, EveryFieldProblemIsReportedWithItsPath) {
  auto d = valid_draft();
  d.hospital.name_kana = "病院";
  d.hospital.prefecture_code = 48;
  d.contact.email = "nope";
  d.members[2].years_of_experience = -1;
  EXPECT_EQ(codes_of(d), (std::vector<std::string>{"field.not_katakana@hospital.name_kana",
                                                    "field.bad_prefecture@hospital.prefecture_code",
                                                    "field.bad_email@contact.email",
                                                    "field.out_of_range@members[2].years_of_experience"}));
}

TEST(ApplicationRules, NormalisesWhatItAccepts) {
  auto d = valid_draft();
  d.hospital.name = "ﾃｽﾄ病院 ";
  d.hospital.postal_code = "1000001";
  d.contact.name_kana = "やまだ たろう";
  const auto n = normalise_and_check(d, context());
  EXPECT_EQ(n.hospital.name, "テスト病院");
  EXPECT_EQ(n.hospital.postal_code, "100-0001");
  EXPECT_EQ(n.contact.name_kana, "ヤマダ タロウ");
}

TEST(ApplicationRules, HospitalKeyIgnoresWidthAndSpaces) {
  Hospital a, b;
  a.name = "東京 総合病院";
  b.name = "東京総合病院";
  a.prefecture_code = b.prefecture_code = 13;
  EXPECT_EQ(hospital_key(a), hospital_key(b));
  b.prefecture_code = 14;
  EXPECT_NE(hospital_key(a), hospital_key(b));
}
