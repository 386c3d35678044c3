// Server-side sign-in sessions, the sign-in throttle and e-mail sign-in links.
#pragma once
#include <optional>
#include <string>

namespace soci {
class session;
}

namespace kenshu::store {

struct AuthSessionRow {
  std::string id_hash;
  std::string kind;  // staff | person
  std::optional<std::string> user_id;
  std::optional<std::string> email;
  std::string stage;  // second_factor | signed_in
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;
  std::string ip;
  std::string user_agent;
};

void insert_auth_session(soci::session& s, const AuthSessionRow& a);
std::optional<AuthSessionRow> find_auth_session(soci::session& s, const std::string& id_hash);
void touch_auth_session(soci::session& s, const std::string& id_hash, const std::string& now);
void delete_auth_session(soci::session& s, const std::string& id_hash);
long long delete_auth_sessions_of_user(soci::session& s, const std::string& user_id);
long long delete_auth_sessions_of_email(soci::session& s, const std::string& email);

struct ThrottleRow {
  std::string key;
  int failures = 0;
  std::string last_failure_at;
  std::optional<std::string> locked_until;
};

std::optional<ThrottleRow> find_throttle(soci::session& s, const std::string& key);
void save_throttle(soci::session& s, const ThrottleRow& t);
void clear_throttle(soci::session& s, const std::string& key);

struct EmailLinkRow {
  std::string token_hash;
  std::string email;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> used_at;
  std::string ip;
};

void insert_email_link(soci::session& s, const EmailLinkRow& l);
std::optional<EmailLinkRow> find_email_link(soci::session& s, const std::string& token_hash);
// Marks an unused link as used; false when it was used already (a concurrent confirmation).
bool use_email_link(soci::session& s, const std::string& token_hash, const std::string& now);
long long count_email_links_since(soci::session& s, const std::string& email, const std::string& since);
// Whether anyone may sign in with this address: a contact or member of some application.
bool is_known_person_email(soci::session& s, const std::string& lower_email);

}  // namespace kenshu::store
