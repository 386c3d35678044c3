#include "store/application_store.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "domain/text.hpp"
#include "store/ids.hpp"
#include "store/row.hpp"
#include "store/statement_cache.hpp"

namespace kenshu::store {
namespace {

constexpr const char* kApplicationColumns =
    "a.id, a.program_year_id, a.seq, a.reference, a.status, a.hospital_key, a.contact_name, a.contact_name_kana, "
    "a.contact_department, a.contact_email, a.contact_phone, a.any_session, a.privacy_version, "
    "a.consent_no_recording, a.consented_at, a.manage_token_hash, a.locale, a.created_at, a.updated_at, "
    "a.withdrawn_at, h.name, h.name_kana, h.prefecture_code, h.postal_code, h.address, h.phone, "
    "h.critical_care_center, h.advanced_treatment_hospital, h.ecmo_cases_vv, h.ecmo_cases_va";

ApplicationRecord application_from(const soci::row& r) {
  ApplicationRecord a;
  a.id = text(r, 0);
  a.program_year_id = text(r, 1);
  a.seq = static_cast<int>(integer(r, 2));
  a.reference = text(r, 3);
  a.status = text(r, 4);
  a.hospital_key = text(r, 5);
  a.contact = {text(r, 6), text(r, 7), text(r, 8), text(r, 9), text(r, 10)};
  a.preferences.any_session = boolean(r, 11);
  a.privacy_version = text(r, 12);
  a.consent_no_recording = boolean(r, 13);
  a.consented_at = text(r, 14);
  a.manage_token_hash = text(r, 15);
  a.locale = text(r, 16);
  a.created_at = text(r, 17);
  a.updated_at = text(r, 18);
  a.withdrawn_at = optional_text(r, 19);
  a.hospital.name = text(r, 20);
  a.hospital.name_kana = text(r, 21);
  a.hospital.prefecture_code = static_cast<int>(integer(r, 22));
  a.hospital.postal_code = text(r, 23);
  a.hospital.address = text(r, 24);
  a.hospital.phone = text(r, 25);
  a.hospital.critical_care_center =
      domain::critical_care_center_from(text(r, 26)).value_or(domain::CriticalCareCenter::none);
  a.hospital.advanced_treatment_hospital = boolean(r, 27);
  a.hospital.ecmo_cases_last_year = {static_cast<int>(integer(r, 28)), static_cast<int>(integer(r, 29))};
  return a;
}

void load_members_and_preferences(soci::session& s, ApplicationRecord& a) {
  soci::rowset<soci::row> members =
      (s.prepare << "SELECT id, name, name_kana, profession, department, years_of_experience, email FROM members "
                    "WHERE application_id = :a ORDER BY position",
       soci::use(a.id));
  for (const auto& r : members) {
    a.member_ids.push_back(text(r, 0));
    a.members.push_back({text(r, 1), text(r, 2),
                         domain::profession_from(text(r, 3)).value_or(domain::Profession::other), text(r, 4),
                         static_cast<int>(integer(r, 5)), text(r, 6)});
  }
  soci::rowset<soci::row> prefs =
      (s.prepare << "SELECT session_id FROM preferences WHERE application_id = :a ORDER BY rank", soci::use(a.id));
  for (const auto& r : prefs) a.preferences.session_ids.push_back(text(r, 0));
}

std::optional<ApplicationRecord> find_where(soci::session& s, const char* where, const std::string& value) {
  std::optional<ApplicationRecord> out;
  {
    soci::rowset<soci::row> rs = (s.prepare << "SELECT " << kApplicationColumns
                                            << " FROM applications a JOIN hospitals h ON h.application_id = a.id WHERE "
                                            << where,
                                  soci::use(value));
    for (const auto& r : rs) {
      out = application_from(r);
      break;
    }
  }
  if (out) load_members_and_preferences(s, *out);
  return out;
}

void insert_hospital(soci::session& s, const std::string& application_id, const domain::Hospital& h) {
  cached(s,
         "INSERT INTO hospitals (application_id, name, name_kana, prefecture_code, postal_code, address, phone, "
         "critical_care_center, advanced_treatment_hospital, ecmo_cases_vv, ecmo_cases_va) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .text(application_id)
      .text(h.name)
      .text(h.name_kana)
      .integer(h.prefecture_code)
      .text(h.postal_code)
      .text(h.address)
      .text(h.phone)
      .text(domain::to_string(h.critical_care_center))
      .integer(h.advanced_treatment_hospital ? 1 : 0)
      .integer(h.ecmo_cases_last_year.vv)
      .integer(h.ecmo_cases_last_year.va)
      .run();
}

void insert_member(soci::session& s, const std::string& id, const std::string& application_id, int position,
                   const domain::Member& m, const std::string& now) {
  cached(s,
         "INSERT INTO members (id, application_id, position, name, name_kana, profession, department, "
         "years_of_experience, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .text(id)
      .text(application_id)
      .integer(position)
      .text(m.name)
      .text(m.name_kana)
      .text(domain::to_string(m.profession))
      .text(m.department)
      .integer(m.years_of_experience)
      .text(m.email)
      .text(now)
      .text(now)
      .run();
}

void insert_preferences(soci::session& s, const std::string& application_id, const std::vector<std::string>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    cached(s, "INSERT INTO preferences (application_id, rank, session_id) VALUES (?, ?, ?)")
        .text(application_id)
        .integer(static_cast<long long>(i + 1))
        .text(ids[i])
        .run();
  }
}

void insert_members(soci::session& s, const std::string& application_id, const std::vector<domain::Member>& members,
                    const std::string& now) {
  for (std::size_t i = 0; i < members.size(); ++i)
    insert_member(s, new_id(), application_id, static_cast<int>(i + 1), members[i], now);
}

}  // namespace

int next_application_seq(soci::session& s, const std::string& year_id) {
  Stmt st = cached(s, "SELECT MAX(seq) FROM applications WHERE program_year_id = ?");
  st.text(year_id);
  const bool row = st.next();
  return (row && !st.column_null(0) ? static_cast<int>(st.column_integer(0)) : 0) + 1;
}

bool hospital_has_active_application(soci::session& s, const std::string& year_id, const std::string& hospital_key,
                                     const std::string& except_id) {
  Stmt st = cached(s,
                   "SELECT 1 FROM applications WHERE program_year_id = ? AND hospital_key = ? "
                   "AND status <> 'withdrawn' AND id <> ? LIMIT 1");
  st.text(year_id).text(hospital_key).text(except_id);
  return st.next();
}

void insert_application(soci::session& s, const ApplicationRecord& a) {
  cached(s,
         "INSERT INTO applications (id, program_year_id, seq, reference, status, hospital_key, contact_name, "
         "contact_name_kana, contact_department, contact_email, contact_phone, any_session, privacy_version, "
         "consent_no_recording, consented_at, manage_token_hash, locale, created_at, updated_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .text(a.id)
      .text(a.program_year_id)
      .integer(a.seq)
      .text(a.reference)
      .text(a.status)
      .text(a.hospital_key)
      .text(a.contact.name)
      .text(a.contact.name_kana)
      .text(a.contact.department)
      .text(a.contact.email)
      .text(a.contact.phone)
      .integer(a.preferences.any_session ? 1 : 0)
      .text(a.privacy_version)
      .integer(a.consent_no_recording ? 1 : 0)
      .text(a.consented_at)
      .text(a.manage_token_hash)
      .text(a.locale)
      .text(a.created_at)
      .text(a.updated_at)
      .run();
  insert_hospital(s, a.id, a.hospital);
  insert_members(s, a.id, a.members, a.created_at);
  insert_preferences(s, a.id, a.preferences.session_ids);
}

std::optional<ApplicationRecord> find_application_by_token_hash(soci::session& s, const std::string& hash) {
  return find_where(s, "a.manage_token_hash = :h", hash);
}

std::optional<ApplicationRecord> find_application(soci::session& s, const std::string& id) {
  return find_where(s, "a.id = :i", id);
}

void update_application_details(soci::session& s, const ApplicationRecord& a) {
  int any = a.preferences.any_session ? 1 : 0;
  s << "UPDATE applications SET hospital_key = :hk, contact_name = :cn, contact_name_kana = :ck, "
       "contact_department = :cd, contact_email = :ce, contact_phone = :cp, any_session = :any, updated_at = :u "
       "WHERE id = :id",
      soci::use(a.hospital_key), soci::use(a.contact.name), soci::use(a.contact.name_kana),
      soci::use(a.contact.department), soci::use(a.contact.email), soci::use(a.contact.phone), soci::use(any),
      soci::use(a.updated_at), soci::use(a.id);
  s << "DELETE FROM hospitals WHERE application_id = :a", soci::use(a.id);
  insert_hospital(s, a.id, a.hospital);

  // Members keep their id while their e-mail stays, so later records about a person stay attached to them.
  ApplicationRecord before;
  before.id = a.id;
  load_members_and_preferences(s, before);
  std::vector<bool> kept(before.members.size(), false);
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    const domain::Member& m = a.members[i];
    const int position = static_cast<int>(i + 1);
    auto match = std::find_if(before.members.begin(), before.members.end(), [&](const domain::Member& old) {
      return text::to_lower_ascii(old.email) == text::to_lower_ascii(m.email);
    });
    const auto j = static_cast<std::size_t>(match - before.members.begin());
    if (match == before.members.end() || kept[j]) {
      insert_member(s, new_id(), a.id, position, m, a.updated_at);
      continue;
    }
    kept[j] = true;
    std::string profession = domain::to_string(m.profession);
    s << "UPDATE members SET position = :p, name = :n, name_kana = :k, profession = :pr, department = :d, "
         "years_of_experience = :y, email = :e, updated_at = :u WHERE id = :id",
        soci::use(position), soci::use(m.name), soci::use(m.name_kana), soci::use(profession),
        soci::use(m.department), soci::use(m.years_of_experience), soci::use(m.email), soci::use(a.updated_at),
        soci::use(before.member_ids[j]);
  }
  for (std::size_t j = 0; j < kept.size(); ++j)
    if (!kept[j]) s << "DELETE FROM members WHERE id = :id", soci::use(before.member_ids[j]);

  s << "DELETE FROM preferences WHERE application_id = :a", soci::use(a.id);
  insert_preferences(s, a.id, a.preferences.session_ids);
}

void set_application_status(soci::session& s, const std::string& id, const std::string& status,
                            const std::string& now) {
  if (status == "withdrawn")
    s << "UPDATE applications SET status = :s, updated_at = :u, withdrawn_at = :w WHERE id = :id", soci::use(status),
        soci::use(now), soci::use(now), soci::use(id);
  else
    s << "UPDATE applications SET status = :s, updated_at = :u WHERE id = :id", soci::use(status), soci::use(now),
        soci::use(id);
}

void add_application_event(soci::session& s, const std::string& application_id, const ApplicationEvent& e) {
  cached(s, "INSERT INTO application_events (id, application_id, at, event, actor, detail_json) VALUES (?, ?, ?, ?, ?, ?)")
      .text(new_id())
      .text(application_id)
      .text(e.at)
      .text(e.event)
      .text(e.actor)
      .text(e.detail_json)
      .run();
}

std::vector<ApplicationEvent> application_events(soci::session& s, const std::string& application_id) {
  std::vector<ApplicationEvent> out;
  soci::rowset<soci::row> rs = (s.prepare << "SELECT at, event, actor, detail_json FROM application_events "
                                             "WHERE application_id = :a ORDER BY at, id",
                                soci::use(application_id));
  for (const auto& r : rs) out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3)});
  return out;
}

long long count_applications(soci::session& s) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM applications", soci::into(n);
  return n;
}

}  // namespace kenshu::store
