// Erasing personal data in place: past its retention period, or at a person's request. Rows stay (counts by
// profession, prefecture, hospital type survive for the yearly report); names, contacts and addresses go.
#pragma once
#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace soci {
class session;
}

namespace kenshu::store {

// Applications of programme years whose last session was before `cutoff_date` (YYYY-MM-DD), not yet purged.
std::vector<std::string> applications_to_purge(soci::session& s, const std::string& cutoff_date);
// Erases contact, members, notes, event details and mails of one application.
void purge_application(soci::session& s, const std::string& application_id, const std::string& now);
// Counts (or, unless dry_run, erases) bodies of mails delivered before `cutoff`.
int purge_sent_mail_bodies(soci::session& s, const std::string& cutoff, bool dry_run);
int purge_idempotency_keys(soci::session& s, const std::string& cutoff, bool dry_run);
// Sign-in state that can no longer be used: ended sessions, expired links and set-up tokens, old throttle entries
// (failures are forgotten after a day anyway). `now` and `day_ago` are UTC.
int purge_sign_in_state(soci::session& s, const std::string& now, const std::string& day_ago, bool dry_run);

struct PersonRecords {
  std::vector<std::string> contact_of;  // application ids where the address is the contact's
  std::vector<std::string> member_ids;  // member rows with the address
  std::vector<std::string> mail_ids;    // outbox rows to the address
  std::vector<std::string> replacement_ids;  // member replacement requests naming the address as the new member
};
PersonRecords records_of_person(soci::session& s, const std::string& email);
void erase_person(soci::session& s, const PersonRecords& r, const std::string& now);
// Every column of the person's records, by name.
boost::json::object person_export(soci::session& s, const PersonRecords& r);

}  // namespace kenshu::store
