#include "store/review_store.hpp"

#include <soci/soci.h>

#include <map>

#include "store/row.hpp"

namespace kenshu::store {

std::vector<ApplicationSummary> application_summaries(soci::session& s, const std::string& year_id) {
  std::vector<ApplicationSummary> out;
  std::map<std::string, std::size_t> index;
  {
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT a.id, a.reference, a.status, a.review_status, a.contact_name, a.contact_name_kana, "
                      "a.contact_email, a.any_session, a.created_at, a.updated_at, h.name, h.name_kana, "
                      "h.prefecture_code, h.critical_care_center, h.advanced_treatment_hospital, h.ecmo_cases_vv, "
                      "h.ecmo_cases_va, h.postal_code, h.address, h.phone "
                      "FROM applications a JOIN hospitals h ON h.application_id = a.id "
                      "WHERE a.program_year_id = :y ORDER BY a.seq",
         soci::use(year_id));
    for (const auto& r : rs) {
      ApplicationSummary a;
      a.id = text(r, 0);
      a.reference = text(r, 1);
      a.status = text(r, 2);
      a.review_status = text(r, 3);
      a.contact_name = text(r, 4);
      a.contact_name_kana = text(r, 5);
      a.contact_email = text(r, 6);
      a.any_session = boolean(r, 7);
      a.created_at = text(r, 8);
      a.updated_at = text(r, 9);
      a.hospital.name = text(r, 10);
      a.hospital.name_kana = text(r, 11);
      a.hospital.prefecture_code = static_cast<int>(integer(r, 12));
      a.hospital.critical_care_center =
          domain::critical_care_center_from(text(r, 13)).value_or(domain::CriticalCareCenter::none);
      a.hospital.advanced_treatment_hospital = boolean(r, 14);
      a.hospital.ecmo_cases_last_year = {static_cast<int>(integer(r, 15)), static_cast<int>(integer(r, 16))};
      a.hospital.postal_code = text(r, 17);
      a.hospital.address = text(r, 18);
      a.hospital.phone = text(r, 19);
      index[a.id] = out.size();
      out.push_back(std::move(a));
    }
  }
  {
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT m.application_id, m.id, m.name, m.name_kana, m.profession, m.department, "
                      "m.years_of_experience, m.email FROM members m JOIN applications a ON a.id = m.application_id "
                      "WHERE a.program_year_id = :y ORDER BY m.application_id, m.position",
         soci::use(year_id));
    for (const auto& r : rs) {
      auto it = index.find(text(r, 0));
      if (it == index.end()) continue;
      auto& a = out[it->second];
      a.members.push_back({text(r, 1), text(r, 2), text(r, 3),
                           domain::profession_from(text(r, 4)).value_or(domain::Profession::other), text(r, 5),
                           static_cast<int>(integer(r, 6)), text(r, 7), a.hospital.name});
    }
  }
  {
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT p.application_id, p.session_id FROM preferences p "
                      "JOIN applications a ON a.id = p.application_id WHERE a.program_year_id = :y "
                      "ORDER BY p.application_id, p.rank",
         soci::use(year_id));
    for (const auto& r : rs) {
      auto it = index.find(text(r, 0));
      if (it != index.end()) out[it->second].session_ids.push_back(text(r, 1));
    }
  }
  return out;
}

std::string review_status_of(soci::session& s, const std::string& application_id) {
  std::string status;
  s << "SELECT review_status FROM applications WHERE id = :id", soci::use(application_id), soci::into(status);
  return status;
}

void set_review_status(soci::session& s, const std::string& application_id, const std::string& review_status,
                       const std::string& now) {
  s << "UPDATE applications SET review_status = :r, updated_at = :u WHERE id = :id", soci::use(review_status),
      soci::use(now), soci::use(application_id);
}

void set_manage_token_hash(soci::session& s, const std::string& application_id, const std::string& hash,
                           const std::string& now) {
  s << "UPDATE applications SET manage_token_hash = :h, updated_at = :u WHERE id = :id", soci::use(hash),
      soci::use(now), soci::use(application_id);
}

void insert_note(soci::session& s, const std::string& application_id, const std::optional<std::string>& author_user_id,
                 const NoteRow& n) {
  soci::indicator ind = author_user_id ? soci::i_ok : soci::i_null;
  const std::string author = author_user_id.value_or("");
  s << "INSERT INTO application_notes (id, application_id, author_user_id, author_label, body, created_at) "
       "VALUES (:id, :a, :u, :l, :b, :c)",
      soci::use(n.id), soci::use(application_id), soci::use(author, ind), soci::use(n.author_label),
      soci::use(n.body), soci::use(n.created_at);
}

std::vector<NoteRow> notes_of(soci::session& s, const std::string& application_id) {
  std::vector<NoteRow> out;
  soci::rowset<soci::row> rs = (s.prepare << "SELECT id, author_label, body, created_at FROM application_notes "
                                             "WHERE application_id = :a ORDER BY created_at, id",
                                soci::use(application_id));
  for (const auto& r : rs) out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3)});
  return out;
}

}  // namespace kenshu::store
