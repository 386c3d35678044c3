#include "store/user_store.hpp"

#include <soci/soci.h>

#include "store/ids.hpp"
#include "store/row.hpp"

namespace kenshu::store {
namespace {

constexpr const char* kUserColumns =
    "id, email, display_name, role, password_hash, totp_secret, totp_confirmed, totp_last_counter, disabled, "
    "created_by, created_at, updated_at, last_sign_in_at, disabled_at";

UserRow user_from(const soci::row& r) {
  UserRow u;
  u.id = text(r, 0);
  u.email = text(r, 1);
  u.display_name = text(r, 2);
  u.role = text(r, 3);
  u.password_hash = optional_text(r, 4);
  u.totp_secret = optional_text(r, 5);
  u.totp_confirmed = boolean(r, 6);
  u.totp_last_counter = integer(r, 7);
  u.disabled = boolean(r, 8);
  u.created_by = optional_text(r, 9);
  u.created_at = text(r, 10);
  u.updated_at = text(r, 11);
  u.last_sign_in_at = optional_text(r, 12);
  u.disabled_at = optional_text(r, 13);
  return u;
}

std::optional<UserRow> find_user_where(soci::session& s, const char* where, const std::string& value) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT " << kUserColumns << " FROM users WHERE " << where, soci::use(value));
  for (const auto& r : rs) return user_from(r);
  return std::nullopt;
}

soci::indicator null_if_empty(const std::optional<std::string>& v) { return v ? soci::i_ok : soci::i_null; }

}  // namespace

void insert_user(soci::session& s, const UserRow& u) {
  const std::string created_by = u.created_by.value_or("");
  soci::indicator created_by_ind = null_if_empty(u.created_by);
  int disabled = u.disabled ? 1 : 0;
  s << "INSERT INTO users (id, email, display_name, role, disabled, created_by, created_at, updated_at) "
       "VALUES (:id, :e, :n, :r, :d, :cb, :c, :u)",
      soci::use(u.id), soci::use(u.email), soci::use(u.display_name), soci::use(u.role), soci::use(disabled),
      soci::use(created_by, created_by_ind), soci::use(u.created_at), soci::use(u.updated_at);
}

std::optional<UserRow> find_user(soci::session& s, const std::string& id) { return find_user_where(s, "id = :v", id); }

std::optional<UserRow> find_user_by_email(soci::session& s, const std::string& lower_email) {
  return find_user_where(s, "email = :v", lower_email);
}

std::vector<UserRow> list_users(soci::session& s) {
  std::vector<UserRow> out;
  soci::rowset<soci::row> rs = (s.prepare << "SELECT " << kUserColumns << " FROM users ORDER BY email");
  for (const auto& r : rs) out.push_back(user_from(r));
  return out;
}

long long count_enabled_admins(soci::session& s) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0", soci::into(n);
  return n;
}

void set_user_credentials(soci::session& s, const std::string& id, const std::string& password_hash,
                          const std::optional<std::string>& totp_secret, long long totp_counter,
                          const std::string& now) {
  const std::string secret = totp_secret.value_or("");
  soci::indicator secret_ind = null_if_empty(totp_secret);
  int confirmed = totp_secret ? 1 : 0;
  s << "UPDATE users SET password_hash = :p, totp_secret = :t, totp_confirmed = :c, totp_last_counter = :n, "
       "updated_at = :u WHERE id = :id",
      soci::use(password_hash), soci::use(secret, secret_ind), soci::use(confirmed), soci::use(totp_counter),
      soci::use(now), soci::use(id);
}

void clear_user_credentials(soci::session& s, const std::string& id, const std::string& now) {
  s << "UPDATE users SET password_hash = NULL, totp_secret = NULL, totp_confirmed = 0, totp_last_counter = -1, "
       "updated_at = :n WHERE id = :id",
      soci::use(now), soci::use(id);
}

void set_totp_counter(soci::session& s, const std::string& id, long long counter) {
  s << "UPDATE users SET totp_last_counter = :n WHERE id = :id AND totp_last_counter < :n2", soci::use(counter),
      soci::use(id), soci::use(counter);
}

void set_user_disabled(soci::session& s, const std::string& id, bool disabled, const std::string& now) {
  int d = disabled ? 1 : 0;
  std::string at = disabled ? now : std::string();
  soci::indicator at_ind = disabled ? soci::i_ok : soci::i_null;
  s << "UPDATE users SET disabled = :d, disabled_at = :a, updated_at = :u WHERE id = :id", soci::use(d),
      soci::use(at, at_ind), soci::use(now), soci::use(id);
}

void set_last_sign_in(soci::session& s, const std::string& id, const std::string& now) {
  s << "UPDATE users SET last_sign_in_at = :a WHERE id = :id", soci::use(now), soci::use(id);
}

void assign_sessions(soci::session& s, const std::string& user_id, const std::vector<std::string>& session_ids,
                     const std::string& now) {
  s << "DELETE FROM user_session_assignments WHERE user_id = :u", soci::use(user_id);
  for (const auto& sid : session_ids)
    s << "INSERT INTO user_session_assignments (user_id, session_id, created_at) VALUES (:u, :s, :c)",
        soci::use(user_id), soci::use(sid), soci::use(now);
}

std::vector<std::string> assigned_sessions(soci::session& s, const std::string& user_id) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rs = (s.prepare << "SELECT session_id FROM user_session_assignments WHERE user_id = :u "
                                             "ORDER BY session_id",
                                soci::use(user_id));
  for (const auto& r : rs) out.push_back(text(r, 0));
  return out;
}

void replace_recovery_codes(soci::session& s, const std::string& user_id, const std::vector<std::string>& hashes,
                            const std::string& now) {
  s << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(user_id);
  for (const auto& h : hashes) {
    const std::string id = new_id();
    s << "INSERT INTO recovery_codes (id, user_id, code_hash, created_at) VALUES (:id, :u, :h, :c)", soci::use(id),
        soci::use(user_id), soci::use(h), soci::use(now);
  }
}

bool use_recovery_code(soci::session& s, const std::string& user_id, const std::string& hash,
                       const std::string& now) {
  soci::statement st = (s.prepare << "UPDATE recovery_codes SET used_at = :n WHERE user_id = :u AND code_hash = :h "
                                     "AND used_at IS NULL",
                        soci::use(now), soci::use(user_id), soci::use(hash));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

long long count_unused_recovery_codes(soci::session& s, const std::string& user_id) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :u AND used_at IS NULL", soci::use(user_id),
      soci::into(n);
  return n;
}

void insert_setup_token(soci::session& s, const SetupTokenRow& t) {
  s << "UPDATE setup_tokens SET used_at = :n WHERE user_id = :u AND used_at IS NULL", soci::use(t.created_at),
      soci::use(t.user_id);
  s << "INSERT INTO setup_tokens (token_hash, user_id, created_at, expires_at) VALUES (:h, :u, :c, :e)",
      soci::use(t.token_hash), soci::use(t.user_id), soci::use(t.created_at), soci::use(t.expires_at);
}

std::optional<SetupTokenRow> find_setup_token(soci::session& s, const std::string& hash) {
  soci::rowset<soci::row> rs = (s.prepare << "SELECT token_hash, user_id, pending_totp_secret, created_at, "
                                             "expires_at, used_at FROM setup_tokens WHERE token_hash = :h",
                                soci::use(hash));
  for (const auto& r : rs)
    return SetupTokenRow{text(r, 0), text(r, 1), optional_text(r, 2), text(r, 3), text(r, 4), optional_text(r, 5)};
  return std::nullopt;
}

void set_pending_totp(soci::session& s, const std::string& hash, const std::string& secret) {
  s << "UPDATE setup_tokens SET pending_totp_secret = :s WHERE token_hash = :h", soci::use(secret), soci::use(hash);
}

void mark_setup_token_used(soci::session& s, const std::string& hash, const std::string& now) {
  s << "UPDATE setup_tokens SET used_at = :n WHERE token_hash = :h", soci::use(now), soci::use(hash);
}

}  // namespace kenshu::store
