// Applications with their hospital, members, ranked preferences and history.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/application.hpp"

namespace soci {
class session;
}

namespace kenshu::store {

struct ApplicationRecord {
  std::string id;
  std::string program_year_id;
  int seq = 0;
  std::string reference;
  std::string status;
  std::string hospital_key;
  domain::Hospital hospital;
  domain::Contact contact;
  std::vector<domain::Member> members;
  std::vector<std::string> member_ids;  // parallel to members
  domain::Preferences preferences;
  std::string privacy_version;
  bool consent_no_recording = false;
  std::string consented_at;
  std::string manage_token_hash;
  std::string locale = "ja";
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> withdrawn_at;
};

struct ApplicationEvent {
  std::string at;
  std::string event;
  std::string actor;
  std::string detail_json;
};

int next_application_seq(soci::session& s, const std::string& year_id);
bool hospital_has_active_application(soci::session& s, const std::string& year_id, const std::string& hospital_key,
                                     const std::string& except_id = {});
void insert_application(soci::session& s, const ApplicationRecord& a);
std::optional<ApplicationRecord> find_application_by_token_hash(soci::session& s, const std::string& hash);
std::optional<ApplicationRecord> find_application(soci::session& s, const std::string& id);
// Replaces hospital, contact, members (keeping the id of a member whose e-mail stays) and preferences.
void update_application_details(soci::session& s, const ApplicationRecord& a);
void set_application_status(soci::session& s, const std::string& id, const std::string& status,
                            const std::string& now);
void add_application_event(soci::session& s, const std::string& application_id, const ApplicationEvent& e);
std::vector<ApplicationEvent> application_events(soci::session& s, const std::string& application_id);
long long count_applications(soci::session& s);

}  // namespace kenshu::store
