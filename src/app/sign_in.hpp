// Signing in and out, and the server-side sessions behind the cookie.
// Staff: password, then a TOTP code or a recovery code (each step answers with a new session id, so an id planted
// before sign-in is worth nothing). Contacts and participants: an e-mail link (app/email_sign_in.hpp).
#pragma once
#include <optional>
#include <string>

#include "app/app.hpp"
#include "app/principal.hpp"

namespace kenshu::app {

// What the cookie carries (the token) and what unsafe requests must echo (the CSRF token).
struct SessionTicket {
  std::string token;
  std::string csrf_token;
};

struct SignInResult {
  SessionTicket ticket;
  bool second_factor_required = false;
  std::optional<Principal> principal;  // when signed in
};

std::string normalise_email(std::string_view email);  // trimmed, lower case

// Throws auth.invalid_credentials for any wrong address or password (or a disabled account) and auth.throttled
// while the account or the address waits: the same answers whether or not an account exists. `previous_token` is
// the session cookie sent with the request, if any: that session ends.
SignInResult sign_in_with_password(App& app, const std::string& email, const std::string& password,
                                   const Client& client, const std::string& previous_token);

// Exactly one of `totp_code` and `recovery_code` is used. Throws auth.required when the pending session is unknown
// or expired, auth.invalid_code, auth.throttled.
SignInResult sign_in_second_factor(App& app, const std::string& pending_token, const std::string& totp_code,
                                   const std::string& recovery_code, const Client& client);

// The signed-in person of a session token, or nullopt (unknown, pending, idle too long, past its absolute end,
// account disabled). Refreshes the idle timer.
std::optional<Principal> resolve_session(App& app, const std::string& token, const Client& client);

// Starts a session for a person (contact, participant) confirmed by an e-mail link, inside the caller's transaction.
SessionTicket start_person_session(App& app, soci::session& s, const std::string& email, const Client& client,
                                   const std::string& previous_token);

void sign_out(App& app, const std::string& token);
// Ends every session of the signed-in person, on every device.
void sign_out_everywhere(App& app, const Principal& p);

}  // namespace kenshu::app
