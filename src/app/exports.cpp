#include "app/exports.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "domain/api_error.hpp"
#include "domain/prefectures.hpp"

namespace kenshu::app {
namespace {

std::string l(Lang lang, const char* ja, const char* en) { return lang == Lang::en ? en : ja; }

std::string profession_label(domain::Profession p, Lang lang) {
  static const char* ja[] = {"医師", "看護師", "臨床工学技士", "その他"};
  static const char* en[] = {"Doctor", "Nurse", "Clinical engineer", "Other"};
  return (lang == Lang::en ? en : ja)[static_cast<int>(p)];
}

std::string prefecture_label(int code, Lang lang) {
  const auto* p = domain::prefecture(code);
  return p ? std::string(lang == Lang::en ? p->en : p->ja) : "";
}

std::string ccc_label(domain::CriticalCareCenter c, Lang lang) {
  switch (c) {
    case domain::CriticalCareCenter::advanced: return l(lang, "高度救命救急センター", "Advanced critical care centre");
    case domain::CriticalCareCenter::regular: return l(lang, "救命救急センター", "Critical care centre");
    default: return "";
  }
}

std::string preference_text(const store::ApplicationSummary& a, const std::vector<store::SessionRow>& sessions) {
  std::string out;
  for (const auto& id : a.session_ids) {
    auto s = std::find_if(sessions.begin(), sessions.end(), [&](const store::SessionRow& r) { return r.id == id; });
    if (s == sessions.end()) continue;
    if (!out.empty()) out += " > ";
    out += std::to_string(s->number);
  }
  return out;
}

double num(long long v) { return static_cast<double>(v); }

}  // namespace

docs::Table applications_table(App& app, const Principal& p, const ApplicationQuery& q, Lang lang) {
  std::vector<store::SessionRow> sessions;
  const auto items = export_applications(app, p, q, sessions);
  docs::Table t;
  t.name = l(lang, "申込", "Applications");
  t.headers = {l(lang, "受付番号", "Reference"),        l(lang, "状態", "Status"),
               l(lang, "確認状況", "Review"),           l(lang, "病院名", "Hospital"),
               l(lang, "病院名フリガナ", "Hospital (kana)"), l(lang, "都道府県", "Prefecture"),
               l(lang, "救命救急センター", "Critical care centre"), l(lang, "特定機能病院", "Advanced treatment hospital"),
               l(lang, "ECMO実績VV", "ECMO cases VV"),  l(lang, "ECMO実績VA", "ECMO cases VA"),
               l(lang, "申込責任者", "Contact"),         l(lang, "申込責任者フリガナ", "Contact (kana)"),
               l(lang, "メールアドレス", "E-mail"),       l(lang, "人数", "People"),
               l(lang, "希望開催回（順）", "Sessions ranked"), l(lang, "いずれの回でも可", "Any session"),
               l(lang, "申込日時(UTC)", "Submitted (UTC)")};
  for (const auto& a : items)
    t.rows.push_back({a.reference, a.status, a.review_status, a.hospital.name, a.hospital.name_kana,
                      prefecture_label(a.hospital.prefecture_code, lang),
                      ccc_label(a.hospital.critical_care_center, lang),
                      a.hospital.advanced_treatment_hospital ? l(lang, "はい", "yes") : "",
                      num(a.hospital.ecmo_cases_last_year.vv), num(a.hospital.ecmo_cases_last_year.va), a.contact_name,
                      a.contact_name_kana, a.contact_email, num(static_cast<long long>(a.members.size())),
                      preference_text(a, sessions), a.any_session ? l(lang, "可", "yes") : "", a.created_at});
  return t;
}

docs::Table members_table(App& app, const Principal& p, const ApplicationQuery& q, Lang lang) {
  std::vector<store::SessionRow> sessions;
  const auto items = export_applications(app, p, q, sessions);
  docs::Table t;
  t.name = l(lang, "構成員", "Members");
  t.headers = {l(lang, "受付番号", "Reference"), l(lang, "病院名", "Hospital"),   l(lang, "氏名", "Name"),
               l(lang, "フリガナ", "Name (kana)"), l(lang, "職種", "Profession"), l(lang, "所属部署", "Department"),
               l(lang, "経験年数", "Years of experience"), l(lang, "メールアドレス", "E-mail")};
  for (const auto& a : items)
    for (const auto& m : a.members)
      t.rows.push_back({a.reference, a.hospital.name, m.name, m.name_kana, profession_label(m.profession, lang),
                        m.department, num(m.years_of_experience), m.email});
  return t;
}

docs::Table roster_table(App& app, const Principal& p, const std::string& session_id, Lang lang) {
  return app.db.write([&](soci::session& s) {
    require_session(p, domain::Capability::view_roster, session_id);
    auto session = store::find_session(s, session_id);
    if (!session) throw ApiError("session.not_found");
    docs::Table t;
    t.name = l(lang, "名簿 第", "Roster ") + std::to_string(session->number) + l(lang, "回", "");
    t.headers = {l(lang, "受付番号", "Reference"), l(lang, "病院名", "Hospital"), l(lang, "都道府県", "Prefecture"),
                 l(lang, "氏名", "Name"), l(lang, "フリガナ", "Name (kana)"), l(lang, "職種", "Profession")};
    for (const auto& a : store::application_summaries(s, session->program_year_id)) {
      if (a.status != "submitted" || a.session_ids.empty() || a.session_ids.front() != session_id) continue;
      for (const auto& m : a.members)
        t.rows.push_back({a.reference, a.hospital.name, prefecture_label(a.hospital.prefecture_code, lang), m.name,
                          m.name_kana, profession_label(m.profession, lang)});
    }
    audit_read(app, s, Actor::of(p), "roster", session_id);
    return t;
  });
}

}  // namespace kenshu::app
