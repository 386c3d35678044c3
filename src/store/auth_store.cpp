#include "store/auth_store.hpp"

#include <soci/soci.h>

#include "store/row.hpp"

namespace kenshu::store {
namespace {

soci::indicator ind(const std::optional<std::string>& v) { return v ? soci::i_ok : soci::i_null; }

long long affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace

void insert_auth_session(soci::session& s, const AuthSessionRow& a) {
  const std::string user_id = a.user_id.value_or(""), email = a.email.value_or("");
  soci::indicator user_id_ind = ind(a.user_id);
  soci::indicator email_ind = ind(a.email);
  s << "INSERT INTO auth_sessions (id_hash, kind, user_id, email, stage, csrf_token, created_at, last_seen_at, "
       "expires_at, ip, user_agent) VALUES (:h, :k, :u, :e, :st, :c, :ca, :ls, :ex, :ip, :ua)",
      soci::use(a.id_hash), soci::use(a.kind), soci::use(user_id, user_id_ind), soci::use(email, email_ind),
      soci::use(a.stage), soci::use(a.csrf_token), soci::use(a.created_at), soci::use(a.last_seen_at),
      soci::use(a.expires_at), soci::use(a.ip), soci::use(a.user_agent);
}

std::optional<AuthSessionRow> find_auth_session(soci::session& s, const std::string& id_hash) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT id_hash, kind, user_id, email, stage, csrf_token, created_at, last_seen_at, expires_at, "
                    "ip, user_agent FROM auth_sessions WHERE id_hash = :h",
       soci::use(id_hash));
  for (const auto& r : rs)
    return AuthSessionRow{text(r, 0), text(r, 1), optional_text(r, 2), optional_text(r, 3),
                          text(r, 4), text(r, 5), text(r, 6),          text(r, 7),
                          text(r, 8), text(r, 9), text(r, 10)};
  return std::nullopt;
}

void touch_auth_session(soci::session& s, const std::string& id_hash, const std::string& now) {
  s << "UPDATE auth_sessions SET last_seen_at = :n WHERE id_hash = :h", soci::use(now), soci::use(id_hash);
}

void delete_auth_session(soci::session& s, const std::string& id_hash) {
  s << "DELETE FROM auth_sessions WHERE id_hash = :h", soci::use(id_hash);
}

long long delete_auth_sessions_of_user(soci::session& s, const std::string& user_id) {
  soci::statement st = (s.prepare << "DELETE FROM auth_sessions WHERE user_id = :u", soci::use(user_id));
  return affected(st);
}

long long delete_auth_sessions_of_email(soci::session& s, const std::string& email) {
  soci::statement st =
      (s.prepare << "DELETE FROM auth_sessions WHERE kind = 'person' AND email = :e", soci::use(email));
  return affected(st);
}

std::optional<ThrottleRow> find_throttle(soci::session& s, const std::string& key) {
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT key, failures, last_failure_at, locked_until FROM login_throttle WHERE key = :k",
       soci::use(key));
  for (const auto& r : rs) return ThrottleRow{text(r, 0), static_cast<int>(integer(r, 1)), text(r, 2), optional_text(r, 3)};
  return std::nullopt;
}

void save_throttle(soci::session& s, const ThrottleRow& t) {
  const std::string locked = t.locked_until.value_or("");
  s << "DELETE FROM login_throttle WHERE key = :k", soci::use(t.key);
  soci::indicator locked_until_ind = ind(t.locked_until);
  s << "INSERT INTO login_throttle (key, failures, last_failure_at, locked_until) VALUES (:k, :f, :l, :u)",
      soci::use(t.key), soci::use(t.failures), soci::use(t.last_failure_at), soci::use(locked, locked_until_ind);
}

void clear_throttle(soci::session& s, const std::string& key) {
  s << "DELETE FROM login_throttle WHERE key = :k", soci::use(key);
}

void insert_email_link(soci::session& s, const EmailLinkRow& l) {
  s << "INSERT INTO email_login_links (token_hash, email, created_at, expires_at, ip) VALUES (:h, :e, :c, :x, :ip)",
      soci::use(l.token_hash), soci::use(l.email), soci::use(l.created_at), soci::use(l.expires_at), soci::use(l.ip);
}

std::optional<EmailLinkRow> find_email_link(soci::session& s, const std::string& token_hash) {
  soci::rowset<soci::row> rs = (s.prepare << "SELECT token_hash, email, created_at, expires_at, used_at, ip "
                                             "FROM email_login_links WHERE token_hash = :h",
                                soci::use(token_hash));
  for (const auto& r : rs)
    return EmailLinkRow{text(r, 0), text(r, 1), text(r, 2), text(r, 3), optional_text(r, 4), text(r, 5)};
  return std::nullopt;
}

bool use_email_link(soci::session& s, const std::string& token_hash, const std::string& now) {
  soci::statement st = (s.prepare << "UPDATE email_login_links SET used_at = :n WHERE token_hash = :h AND "
                                     "used_at IS NULL",
                        soci::use(now), soci::use(token_hash));
  return affected(st) == 1;
}

long long count_email_links_since(soci::session& s, const std::string& email, const std::string& since) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM email_login_links WHERE email = :e AND created_at >= :s", soci::use(email),
      soci::use(since), soci::into(n);
  return n;
}

bool is_known_person_email(soci::session& s, const std::string& lower_email) {
  long long n = 0;
  s << "SELECT (SELECT COUNT(*) FROM applications WHERE LOWER(contact_email) = :e AND status <> 'withdrawn') + "
       "(SELECT COUNT(*) FROM members m JOIN applications a ON a.id = m.application_id "
       "WHERE LOWER(m.email) = :e2 AND a.status <> 'withdrawn')",
      soci::use(lower_email), soci::use(lower_email), soci::into(n);
  return n > 0;
}

}  // namespace kenshu::store
