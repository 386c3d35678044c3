#include "store/application_store.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "domain/text.hpp"
#include "store/ids.hpp"
#include "store/row.hpp"

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
  std::string ccc = domain::to_string(h.critical_care_center);
  int ath = h.advanced_treatment_hospital ? 1 : 0;
  s << "INSERT INTO hospitals (application_id, name, name_kana, prefecture_code, postal_code, address, phone, "
       "critical_care_center, advanced_treatment_hospital, ecmo_cases_vv, ecmo_cases_va) "
       "VALUES (:a, :n, :k, :p, :z, :ad, :ph, :c, :t, :vv, :va)",
      soci::use(application_id), soci::use(h.name), soci::use(h.name_kana), soci::use(h.prefecture_code),
      soci::use(h.postal_code), soci::use(h.address), soci::use(h.phone), soci::use(ccc), soci::use(ath),
      soci::use(h.ecmo_cases_last_year.vv), soci::use(h.ecmo_cases_last_year.va);
}

void insert_member(soci::session& s, const std::string& id, const std::string& application_id, int position,
                   const domain::Member& m, const std::string& now) {
  std::string profession = domain::to_string(m.profession);
  s << "INSERT INTO members (id, application_id, position, name, name_kana, profession, department, "
       "years_of_experience, email, created_at, updated_at) VALUES (:id, :a, :p, :n, :k, :pr, :d, :y, :e, :c, :u)",
      soci::use(id), soci::use(application_id), soci::use(position), soci::use(m.name), soci::use(m.name_kana),
      soci::use(profession), soci::use(m.department), soci::use(m.years_of_experience), soci::use(m.email),
      soci::use(now), soci::use(now);
}

// One prepared statement for all rows (SOCI bulk binding): the writer thread prepares as little as it can.
void insert_preferences(soci::session& s, const std::string& application_id, const std::vector<std::string>& ids) {
  if (ids.empty()) return;
  std::vector<std::string> apps(ids.size(), application_id);
  std::vector<int> ranks;
  for (std::size_t i = 0; i < ids.size(); ++i) ranks.push_back(static_cast<int>(i + 1));
  s << "INSERT INTO preferences (application_id, rank, session_id) VALUES (:a, :r, :s)", soci::use(apps),
      soci::use(ranks), soci::use(ids);
}

void insert_members(soci::session& s, const std::string& application_id, const std::vector<domain::Member>& members,
                    const std::string& now) {
  if (members.empty()) return;
  const std::size_t n = members.size();
  std::vector<std::string> ids, apps(n, application_id), names, kanas, professions, departments, emails, times(n, now);
  std::vector<int> positions, years;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& m = members[i];
    ids.push_back(new_id());
    positions.push_back(static_cast<int>(i + 1));
    names.push_back(m.name);
    kanas.push_back(m.name_kana);
    professions.push_back(domain::to_string(m.profession));
    departments.push_back(m.department);
    years.push_back(m.years_of_experience);
    emails.push_back(m.email);
  }
  s << "INSERT INTO members (id, application_id, position, name, name_kana, profession, department, "
       "years_of_experience, email, created_at, updated_at) VALUES (:id, :a, :p, :n, :k, :pr, :d, :y, :e, :c, :u)",
      soci::use(ids), soci::use(apps), soci::use(positions), soci::use(names), soci::use(kanas),
      soci::use(professions), soci::use(departments), soci::use(years), soci::use(emails), soci::use(times),
      soci::use(times);
}

}  // namespace

int next_application_seq(soci::session& s, const std::string& year_id) {
  int seq = 0;
  soci::indicator ind;
  s << "SELECT MAX(seq) FROM applications WHERE program_year_id = :y", soci::use(year_id), soci::into(seq, ind);
  return (ind == soci::i_ok ? seq : 0) + 1;
}

bool hospital_has_active_application(soci::session& s, const std::string& year_id, const std::string& hospital_key,
                                     const std::string& except_id) {
  int n = 0;
  s << "SELECT COUNT(*) FROM applications WHERE program_year_id = :y AND hospital_key = :k AND status <> 'withdrawn' "
       "AND id <> :e",
      soci::use(year_id), soci::use(hospital_key), soci::use(except_id), soci::into(n);
  return n > 0;
}

void insert_application(soci::session& s, const ApplicationRecord& a) {
  int any = a.preferences.any_session ? 1 : 0;
  int no_rec = a.consent_no_recording ? 1 : 0;
  s << "INSERT INTO applications (id, program_year_id, seq, reference, status, hospital_key, contact_name, "
       "contact_name_kana, contact_department, contact_email, contact_phone, any_session, privacy_version, "
       "consent_no_recording, consented_at, manage_token_hash, locale, created_at, updated_at) VALUES (:id, :y, :seq, "
       ":ref, :st, :hk, :cn, :ck, :cd, :ce, :cp, :any, :pv, :nr, :ca, :th, :lo, :c, :u)",
      soci::use(a.id), soci::use(a.program_year_id), soci::use(a.seq), soci::use(a.reference), soci::use(a.status),
      soci::use(a.hospital_key), soci::use(a.contact.name), soci::use(a.contact.name_kana),
      soci::use(a.contact.department), soci::use(a.contact.email), soci::use(a.contact.phone), soci::use(any),
      soci::use(a.privacy_version), soci::use(no_rec), soci::use(a.consented_at), soci::use(a.manage_token_hash),
      soci::use(a.locale), soci::use(a.created_at), soci::use(a.updated_at);
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
  std::string id = new_id();
  s << "INSERT INTO application_events (id, application_id, at, event, actor, detail_json) "
       "VALUES (:id, :a, :at, :ev, :ac, :d)",
      soci::use(id), soci::use(application_id), soci::use(e.at), soci::use(e.event), soci::use(e.actor),
      soci::use(e.detail_json);
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
