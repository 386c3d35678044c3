// Staff accounts with their second factor, recovery codes, set-up links and assigned sessions.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace kenshu::store {

struct UserRow {
  std::string id;
  std::string email;
  std::string display_name;
  std::string role;
  std::optional<std::string> password_hash;
  std::optional<std::string> totp_secret;
  bool totp_confirmed = false;
  long long totp_last_counter = -1;
  bool disabled = false;
  std::optional<std::string> created_by;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> last_sign_in_at;
  std::optional<std::string> disabled_at;
};

void insert_user(soci::session& s, const UserRow& u);
std::optional<UserRow> find_user(soci::session& s, const std::string& id);
std::optional<UserRow> find_user_by_email(soci::session& s, const std::string& lower_email);
std::vector<UserRow> list_users(soci::session& s);
long long count_enabled_admins(soci::session& s);
// After set-up: the password and (when enrolled) the confirmed second factor.
void set_user_credentials(soci::session& s, const std::string& id, const std::string& password_hash,
                          const std::optional<std::string>& totp_secret, long long totp_counter,
                          const std::string& now);
void clear_user_credentials(soci::session& s, const std::string& id, const std::string& now);
// Records the time step of an accepted code, so that the same code is refused afterwards.
void set_totp_counter(soci::session& s, const std::string& id, long long counter);
void set_user_disabled(soci::session& s, const std::string& id, bool disabled, const std::string& now);
void set_last_sign_in(soci::session& s, const std::string& id, const std::string& now);

void assign_sessions(soci::session& s, const std::string& user_id, const std::vector<std::string>& session_ids,
                     const std::string& now);
std::vector<std::string> assigned_sessions(soci::session& s, const std::string& user_id);

// Replaces every recovery code of the user.
void replace_recovery_codes(soci::session& s, const std::string& user_id, const std::vector<std::string>& hashes,
                            const std::string& now);
// Marks an unused code as used; false when the user has no such unused code.
bool use_recovery_code(soci::session& s, const std::string& user_id, const std::string& hash,
                       const std::string& now);
long long count_unused_recovery_codes(soci::session& s, const std::string& user_id);

struct SetupTokenRow {
  std::string token_hash;
  std::string user_id;
  std::optional<std::string> pending_totp_secret;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> used_at;
};

// A new link makes the user's earlier unused links void.
void insert_setup_token(soci::session& s, const SetupTokenRow& t);
std::optional<SetupTokenRow> find_setup_token(soci::session& s, const std::string& hash);
void set_pending_totp(soci::session& s, const std::string& hash, const std::string& secret);
void mark_setup_token_used(soci::session& s, const std::string& hash, const std::string& now);

}  // namespace kenshu::store
