// What the back office reads and writes about applications: summaries for the list, review state, internal notes.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/application.hpp"

namespace soci {
class session;
}

namespace kenshu::store {

struct MemberSummary {
  std::string id;
  std::string name;
  std::string name_kana;
  domain::Profession profession = domain::Profession::other;
  std::string department;
  int years_of_experience = 0;
  std::string email;
  std::string hospital_name;  // for rosters
};

struct ApplicationSummary {
  std::string id;
  std::string reference;
  std::string status;
  std::string review_status;
  domain::Hospital hospital;
  std::string contact_name;
  std::string contact_name_kana;
  std::string contact_email;
  bool any_session = false;
  std::vector<std::string> session_ids;  // ranked
  std::vector<MemberSummary> members;
  std::string created_at;
  std::string updated_at;
};

struct NoteRow {
  std::string id;
  std::string author_label;
  std::string body;
  std::string created_at;
};

// Every application of a year with its hospital, members and preferences, oldest first. A year holds hundreds,
// not millions: filtering and sorting happen in app/ on the result.
std::vector<ApplicationSummary> application_summaries(soci::session& s, const std::string& year_id);

std::string review_status_of(soci::session& s, const std::string& application_id);
void set_review_status(soci::session& s, const std::string& application_id, const std::string& review_status,
                       const std::string& now);
void set_manage_token_hash(soci::session& s, const std::string& application_id, const std::string& hash,
                           const std::string& now);

void insert_note(soci::session& s, const std::string& application_id, const std::optional<std::string>& author_user_id,
                 const NoteRow& n);
std::vector<NoteRow> notes_of(soci::session& s, const std::string& application_id);

}  // namespace kenshu::store
