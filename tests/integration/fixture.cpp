#include "fixture.hpp"

#include "app/program_view.hpp"

namespace kenshu::itest {

std::vector<std::string> Fixture::open_session_ids() {
  std::vector<std::string> ids;
  for (const auto& s : app::get_program(*app, "").sessions)
    if (s.is_open) ids.push_back(s.row.id);
  return ids;
}

domain::ApplicationDraft Fixture::draft(const std::string& hospital_name) {
  using domain::Profession;
  domain::ApplicationDraft d;
  d.hospital = {hospital_name, "テストビョウイン", 13, "100-0001", "東京都千代田区1-1", "03-1234-5678",
                domain::CriticalCareCenter::advanced, true, {3, 4}};
  d.contact = {"山田 太郎", "ヤマダ タロウ", "救急科", "contact@example.jp", "03-1234-5678"};
  d.members = {{"山田 太郎", "ヤマダ タロウ", Profession::doctor, "救急科", 10, "a@example.jp"},
               {"鈴木 花子", "スズキ ハナコ", Profession::nurse, "ICU", 8, "b@example.jp"},
               {"佐藤 次郎", "サトウ ジロウ", Profession::nurse, "ICU", 5, "c@example.jp"},
               {"田中 三郎", "タナカ サブロウ", Profession::clinical_engineer, "ME", 7, "d@example.jp"}};
  const auto ids = open_session_ids();
  d.preferences = {false, {ids.at(0), ids.at(1)}};
  d.consents = {"2025-1", true};
  return d;
}

}  // namespace kenshu::itest
