#include "app/sign_in.hpp"

#include <sodium.h>

#include "app/auth_policy.hpp"
#include "app/passwords.hpp"
#include "app/secrets.hpp"
#include "app/sign_in_throttle.hpp"
#include "app/totp.hpp"
#include "domain/api_error.hpp"
#include "domain/text.hpp"
#include "store/auth_store.hpp"
#include "store/user_store.hpp"

namespace kenshu::app {
namespace {

using namespace auth_policy;

constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMaxPassword = 1024;  // bytes: longer input is refused before hashing

std::string ip_of(const Client& c) { return c.ip.empty() ? "unknown" : c.ip; }

std::string clipped(const std::string& s, std::size_t n) { return s.size() <= n ? s : s.substr(0, n); }

// Creates a session row; the caller's previous session (if any) ends in the same transaction.
SessionTicket start_session(soci::session& s, store::AuthSessionRow row, const std::string& previous_token,
                            time::Instant now, time::Instant expires) {
  if (!previous_token.empty()) store::delete_auth_session(s, hash_token(previous_token));
  SessionTicket t{new_token(), new_token()};
  row.id_hash = hash_token(t.token);
  row.csrf_token = t.csrf_token;
  row.created_at = time::to_utc_string(now);
  row.last_seen_at = row.created_at;
  row.expires_at = time::to_utc_string(expires);
  store::insert_auth_session(s, row);
  return t;
}

Principal staff_principal(soci::session& s, const store::UserRow& u, const std::string& session_hash,
                          const std::string& csrf, const Client& client) {
  Principal p;
  p.kind = Principal::Kind::staff;
  p.session_hash = session_hash;
  p.csrf_token = csrf;
  p.user_id = u.id;
  p.email = u.email;
  p.display_name = u.display_name;
  p.role = domain::role_from(u.role).value_or(domain::Role::ministry);
  p.session_ids = store::assigned_sessions(s, u.id);
  p.client = client;
  return p;
}

std::string normalised_recovery_code(std::string_view code) {
  std::string out;
  for (char c : code)
    if (c != '-' && c != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool expired(const std::string& at, time::Instant now) {
  const auto t = time::parse_instant(at);
  return !t || now >= *t;
}

}  // namespace

std::string normalise_email(std::string_view email) {
  while (!email.empty() && (email.front() == ' ' || email.front() == '\t')) email.remove_prefix(1);
  while (!email.empty() && (email.back() == ' ' || email.back() == '\t')) email.remove_suffix(1);
  return text::to_lower_ascii(email);
}

SignInResult sign_in_with_password(App& app, const std::string& email_in, const std::string& password,
                                   const Client& client, const std::string& previous_token) {
  const time::Instant now = app.clock.now();
  const std::string email = clipped(normalise_email(email_in), kMaxEmail);
  const std::vector<std::string> keys{account_throttle_key(email), address_throttle_key(ip_of(client))};

  auto user = app.db.read([&](soci::session& s) {
    check_throttle(s, keys, now);
    return store::find_user_by_email(s, email);
  });
  // Slow hashing runs outside any transaction; an unknown account costs the same time as a known one.
  bool ok = false;
  if (password.size() <= kMaxPassword && user && user->password_hash && !user->disabled)
    ok = verify_password(*user->password_hash, password);
  else
    verify_dummy_password(password.substr(0, kMaxPassword));

  if (!ok) {
    app.db.write([&](soci::session& s) {
      record_failure(s, keys[0], kPerAccount, now);
      record_failure(s, keys[1], kPerAddress, now);
    });
    throw ApiError("auth.invalid_credentials");
  }

  return app.db.write([&](soci::session& s) {
    clear_failures(s, keys[0]);
    SignInResult r;
    store::AuthSessionRow row;
    row.kind = "staff";
    row.user_id = user->id;
    row.ip = ip_of(client);
    row.user_agent = clipped(client.user_agent, 256);
    if (user->totp_confirmed && user->totp_secret) {
      row.stage = "second_factor";
      r.ticket = start_session(s, row, previous_token, now, now + kSecondFactorWindow);
      r.second_factor_required = true;
      return r;
    }
    row.stage = "signed_in";
    r.ticket = start_session(s, row, previous_token, now, now + kAbsoluteTimeout);
    store::set_last_sign_in(s, user->id, time::to_utc_string(now));
    r.principal = staff_principal(s, *user, hash_token(r.ticket.token), r.ticket.csrf_token, client);
    return r;
  });
}

SignInResult sign_in_second_factor(App& app, const std::string& pending_token, const std::string& totp_code,
                                   const std::string& recovery_code, const Client& client) {
  const time::Instant now = app.clock.now();
  const std::string pending_hash = hash_token(pending_token);
  struct Pending {
    store::UserRow user;
    std::vector<std::string> keys;
  };
  auto pending = app.db.read([&](soci::session& s) -> std::optional<Pending> {
    auto session = store::find_auth_session(s, pending_hash);
    if (!session || session->stage != "second_factor" || expired(session->expires_at, now) || !session->user_id)
      return std::nullopt;
    auto user = store::find_user(s, *session->user_id);
    if (!user || user->disabled || !user->totp_secret) return std::nullopt;
    std::vector<std::string> keys{account_throttle_key(user->email), address_throttle_key(ip_of(client))};
    check_throttle(s, keys, now);
    return Pending{*user, keys};
  });
  if (!pending) throw ApiError("auth.required");

  // The code is checked and spent inside the write, so that two requests racing with one code cannot both pass.
  std::optional<SignInResult> result;
  app.db.write([&](soci::session& s) {
    auto user = store::find_user(s, pending->user.id);
    if (!user || !user->totp_secret || !store::find_auth_session(s, pending_hash)) return;
    bool ok = false;
    if (!totp_code.empty()) {
      if (auto step = verify_totp(*user->totp_secret, totp_code, now, user->totp_last_counter)) {
        store::set_totp_counter(s, user->id, *step);
        ok = true;
      }
    } else if (!recovery_code.empty() && recovery_code.size() <= 64) {
      ok = store::use_recovery_code(s, user->id, hash_token(normalised_recovery_code(recovery_code)),
                                    time::to_utc_string(now));
    }
    if (!ok) {
      record_failure(s, pending->keys[0], kPerAccount, now);
      record_failure(s, pending->keys[1], kPerAddress, now);
      return;
    }
    clear_failures(s, pending->keys[0]);
    store::AuthSessionRow row;
    row.kind = "staff";
    row.user_id = user->id;
    row.stage = "signed_in";
    row.ip = ip_of(client);
    row.user_agent = clipped(client.user_agent, 256);
    SignInResult r;
    r.ticket = start_session(s, row, pending_token, now, now + kAbsoluteTimeout);
    store::set_last_sign_in(s, user->id, time::to_utc_string(now));
    r.principal = staff_principal(s, *user, hash_token(r.ticket.token), r.ticket.csrf_token, client);
    result = std::move(r);
  });
  if (!result) throw ApiError("auth.invalid_code");
  return *result;
}

std::optional<Principal> resolve_session(App& app, const std::string& token, const Client& client) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const time::Instant now = app.clock.now();
  const std::string hash = hash_token(token);
  enum class Outcome { none, ended, fresh, stale };
  Outcome outcome = Outcome::none;
  auto principal = app.db.read([&](soci::session& s) -> std::optional<Principal> {
    auto row = store::find_auth_session(s, hash);
    if (!row || row->stage != "signed_in") return std::nullopt;
    const auto last_seen = time::parse_instant(row->last_seen_at);
    if (expired(row->expires_at, now) || !last_seen || now - *last_seen >= kIdleTimeout) {
      outcome = Outcome::ended;
      return std::nullopt;
    }
    outcome = now - *last_seen >= kTouchEvery ? Outcome::stale : Outcome::fresh;
    if (row->kind == "person") {
      Principal p;
      p.kind = Principal::Kind::person;
      p.session_hash = hash;
      p.csrf_token = row->csrf_token;
      p.email = row->email.value_or("");
      p.client = client;
      return p;
    }
    auto user = store::find_user(s, row->user_id.value_or(""));
    if (!user || user->disabled) {
      outcome = Outcome::ended;
      return std::nullopt;
    }
    return staff_principal(s, *user, hash, row->csrf_token, client);
  });
  if (outcome == Outcome::ended) app.db.write([&](soci::session& s) { store::delete_auth_session(s, hash); });
  if (outcome == Outcome::stale)
    app.db.write([&](soci::session& s) { store::touch_auth_session(s, hash, time::to_utc_string(now)); });
  return principal;
}

SessionTicket start_person_session(App& app, soci::session& s, const std::string& email, const Client& client,
                                   const std::string& previous_token) {
  const time::Instant now = app.clock.now();
  store::AuthSessionRow row;
  row.kind = "person";
  row.email = email;
  row.stage = "signed_in";
  row.ip = ip_of(client);
  row.user_agent = clipped(client.user_agent, 256);
  return start_session(s, row, previous_token, now, now + kAbsoluteTimeout);
}

void sign_out(App& app, const std::string& token) {
  if (token.empty() || token.size() > 128) return;
  app.db.write([&](soci::session& s) { store::delete_auth_session(s, hash_token(token)); });
}

void sign_out_everywhere(App& app, const Principal& p) {
  app.db.write([&](soci::session& s) {
    if (p.is_staff()) store::delete_auth_sessions_of_user(s, p.user_id);
    else store::delete_auth_sessions_of_email(s, p.email);
  });
}

}  // namespace kenshu::app
