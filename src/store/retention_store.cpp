#include "store/retention_store.hpp"

#include <soci/soci.h>

#include <cctype>

#include <boost/json.hpp>

#include "store/row.hpp"

namespace kenshu::store {
namespace {

std::vector<std::string> ids(soci::session& s, const std::string& sql, const std::string& arg) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rs = (s.prepare << sql, soci::use(arg));
  for (const auto& r : rs) out.push_back(text(r, 0));
  return out;
}

void erase_contact(soci::session& s, const std::string& application_id, const std::string& now) {
  s << "UPDATE applications SET contact_name = '', contact_name_kana = '', contact_department = '', "
       "contact_email = '', contact_phone = '', manage_token_hash = 'erased:' || id, purged_at = :now, "
       "updated_at = :now2 WHERE id = :id",
      soci::use(now), soci::use(now), soci::use(application_id);
}

void erase_member(soci::session& s, const std::string& member_id, const std::string& now) {
  s << "UPDATE members SET name = '', name_kana = '', department = '', email = '', erased_at = :now, "
       "updated_at = :now2 WHERE id = :id",
      soci::use(now), soci::use(now), soci::use(member_id);
  // Simulator attempts carry the address and the debrief: nothing of them is kept for an erased member.
  s << "DELETE FROM sim_attempts WHERE member_id = :id", soci::use(member_id);
  // Pre-learning: studied lectures, test attempts with their answers, questionnaire answers (free text may name
  // people) and reminders go with the member; the report's aggregates are computed before the retention ends.
  for (const char* table : {"lecture_progress", "quiz_attempts", "questionnaire_responses"})
    s << "DELETE FROM " << table << " WHERE member_id = :id", soci::use(member_id);
  s << "DELETE FROM reminders_sent WHERE recipient = :id", soci::use(member_id);
}

void erase_mail(soci::session& s, const std::string& mail_id) {
  s << "UPDATE outbox SET to_address = '', subject = '', body_text = '', last_error = NULL WHERE id = :id",
      soci::use(mail_id);
}


boost::json::array rows_json(soci::session& s, const std::string& sql, const std::vector<std::string>& ids) {
  boost::json::array out;
  for (const auto& id : ids) {
    soci::rowset<soci::row> rs = (s.prepare << sql, soci::use(id));
    for (const auto& r : rs) {
      boost::json::object o;
      for (std::size_t i = 0; i < r.size(); ++i) {
        const std::string name = r.get_properties(i).get_name();
        if (r.get_indicator(i) == soci::i_null) o[name] = nullptr;
        else if (r.get_properties(i).get_data_type() == soci::dt_string) o[name] = r.get<std::string>(i);
        else o[name] = integer(r, i);
      }
      out.push_back(std::move(o));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> applications_to_purge(soci::session& s, const std::string& cutoff_date) {
  return ids(s,
             "SELECT a.id FROM applications a WHERE a.purged_at IS NULL AND a.program_year_id IN "
             "(SELECT program_year_id FROM sessions GROUP BY program_year_id HAVING MAX(date) < :cutoff) "
             "ORDER BY a.id",
             cutoff_date);
}

void purge_application(soci::session& s, const std::string& application_id, const std::string& now) {
  erase_contact(s, application_id, now);
  for (const auto& m : ids(s, "SELECT id FROM members WHERE application_id = :a", application_id))
    erase_member(s, m, now);
  for (const auto& m : ids(s, "SELECT id FROM outbox WHERE related_id = :a", application_id)) erase_mail(s, m);
  s << "DELETE FROM application_notes WHERE application_id = :a", soci::use(application_id);
  s << "DELETE FROM member_replacements WHERE application_id = :a", soci::use(application_id);
  s << "UPDATE application_events SET detail_json = '{}' WHERE application_id = :a", soci::use(application_id);
}

int purge_sent_mail_bodies(soci::session& s, const std::string& cutoff, bool dry_run) {
  int n = 0;
  s << "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL AND sent_at < :c AND body_text <> ''", soci::use(cutoff),
      soci::into(n);
  if (!dry_run && n > 0)
    s << "UPDATE outbox SET body_text = '' WHERE sent_at IS NOT NULL AND sent_at < :c", soci::use(cutoff);
  return n;
}

int purge_idempotency_keys(soci::session& s, const std::string& cutoff, bool dry_run) {
  int n = 0;
  s << "SELECT COUNT(*) FROM idempotency_keys WHERE created_at < :c", soci::use(cutoff), soci::into(n);
  if (!dry_run && n > 0) s << "DELETE FROM idempotency_keys WHERE created_at < :c", soci::use(cutoff);
  return n;
}

int purge_sign_in_state(soci::session& s, const std::string& now, const std::string& day_ago, bool dry_run) {
  struct Rule {
    const char* table;
    const char* where;  // :a = now, :b = a day ago; SOCI wants each bound name used, so every rule names both
  };
  static constexpr Rule kRules[] = {
      {"auth_sessions", "expires_at < :a OR last_seen_at < :b"},
      {"email_login_links", "expires_at < :b AND created_at < :a"},
      {"setup_tokens", "expires_at < :a AND created_at < :b"},
      {"login_throttle", "last_failure_at < :b AND (locked_until IS NULL OR locked_until < :a)"},
  };
  int total = 0;
  for (const auto& r : kRules) {
    int n = 0;
    s << "SELECT COUNT(*) FROM " << r.table << " WHERE " << r.where, soci::use(now, "a"), soci::use(day_ago, "b"),
        soci::into(n);
    if (!dry_run && n > 0) s << "DELETE FROM " << r.table << " WHERE " << r.where, soci::use(now, "a"), soci::use(day_ago, "b");
    total += n;
  }
  return total;
}

PersonRecords records_of_person(soci::session& s, const std::string& email) {
  PersonRecords r;
  r.contact_of = ids(s, "SELECT id FROM applications WHERE lower(contact_email) = lower(:e) ORDER BY created_at", email);
  r.member_ids = ids(s, "SELECT id FROM members WHERE lower(email) = lower(:e) ORDER BY created_at", email);
  r.mail_ids = ids(s, "SELECT id FROM outbox WHERE lower(to_address) = lower(:e) ORDER BY created_at", email);
  // new_member_json is Boost.JSON's compact form: "email":"…" (quotes and backslashes in an address are escaped).
  std::string quoted = boost::json::serialize(boost::json::value(email));
  for (auto& c : quoted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string pattern = "%\"email\":";
  for (char c : quoted) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  r.replacement_ids = ids(s, "SELECT id FROM member_replacements WHERE lower(new_member_json) LIKE :p ESCAPE '\\' "
                             "ORDER BY requested_at", pattern);
  return r;
}

void erase_person(soci::session& s, const PersonRecords& r, const std::string& now) {
  for (const auto& a : r.contact_of) erase_contact(s, a, now);
  for (const auto& m : r.member_ids) erase_member(s, m, now);
  for (const auto& m : r.mail_ids) erase_mail(s, m);
  for (const auto& id : r.replacement_ids) s << "DELETE FROM member_replacements WHERE id = :id", soci::use(id);
}

boost::json::object person_export(soci::session& s, const PersonRecords& rec) {
  boost::json::object out;
  out["as_contact"] = rows_json(s,
                                "SELECT a.id, a.reference, a.status, a.contact_name, a.contact_name_kana, "
                                "a.contact_department, a.contact_email, a.contact_phone, a.privacy_version, "
                                "a.consent_no_recording, a.consented_at, a.created_at, a.updated_at, "
                                "h.name AS hospital_name FROM applications a JOIN hospitals h ON "
                                "h.application_id = a.id WHERE a.id = :id",
                                rec.contact_of);
  out["as_member"] = rows_json(s,
                               "SELECT m.id, a.reference, m.name, m.name_kana, m.profession, m.department, "
                               "m.years_of_experience, m.email, m.created_at, m.updated_at FROM members m "
                               "JOIN applications a ON a.id = m.application_id WHERE m.id = :id",
                               rec.member_ids);
  out["mails"] = rows_json(s,
                           "SELECT id, kind, to_address, subject, body_text, created_at, sent_at FROM outbox "
                           "WHERE id = :id",
                           rec.mail_ids);
  out["sim_attempts"] = rows_json(s,
                                  "SELECT id, scenario_id, started_at, duration_s, score, max_score, debrief, "
                                  "created_at FROM sim_attempts WHERE member_id = :id ORDER BY created_at",
                                  rec.member_ids);
  out["member_replacements"] = rows_json(s,
                                         "SELECT r.id, a.reference, r.old_member_name, r.new_member_json, r.status, "
                                         "r.decision_reason, r.requested_at, r.decided_at FROM member_replacements r "
                                         "JOIN applications a ON a.id = r.application_id WHERE r.id = :id",
                                         rec.replacement_ids);
  out["lecture_progress"] = rows_json(s,
                                      "SELECT l.slug AS lecture, p.studied_at FROM lecture_progress p JOIN lectures l "
                                      "ON l.id = p.lecture_id WHERE p.member_id = :id ORDER BY p.studied_at",
                                      rec.member_ids);
  out["quiz_attempts"] = rows_json(s,
                                   "SELECT id, quiz_id, started_at, submitted_at, answers_json, "
                                   "CAST(percent AS TEXT) AS percent, passed FROM quiz_attempts WHERE member_id = :id "
                                   "ORDER BY started_at",
                                   rec.member_ids);
  out["questionnaire_responses"] = rows_json(s,
                                             "SELECT phase, profession, answers_json, submitted_at FROM "
                                             "questionnaire_responses WHERE member_id = :id ORDER BY submitted_at",
                                             rec.member_ids);
  return out;
}

}  // namespace kenshu::store
