// Staff accounts: created from the command line (`kenshu user add`) or invited by an admin; set up by their owner
// through a one-time link (password, authenticator, recovery codes); listed and disabled by admins.
#pragma once
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "store/user_store.hpp"

namespace kenshu::app {

struct NewUser {
  std::string email;
  std::string display_name;  // empty = the part of the address before '@'
  std::string role;
  std::vector<std::string> session_ids;  // coordinator and instructor only
  Lang lang = Lang::ja;
};

struct UserView {
  store::UserRow user;
  std::vector<std::string> session_ids;
  long long recovery_codes_left = 0;
};

struct CreatedUser {
  UserView view;
  std::string setup_link;
};

// From the command line: checks, creates the account and returns its one-time set-up link.
CreatedUser add_user(App& app, const NewUser& in, const Actor& by);
// A new set-up link for an existing account (lost authenticator, or a link that expired); the password and second
// factor are cleared and every session ends. Command line only.
CreatedUser reset_user(App& app, const std::string& email, const Actor& by);
// An admin invites: the same, with the link sent to the invitee by mail (never shown to the admin).
UserView invite_user(App& app, const Principal& by, const NewUser& in);

std::vector<UserView> list_users(App& app, const Principal& by);
UserView get_user(App& app, const Principal& by, const std::string& id);
UserView set_user_disabled(App& app, const Principal& by, const std::string& id, bool disabled);

struct SetupStart {
  std::string email;
  std::string display_name;
  std::string role;
  bool second_factor_required = true;
  std::string totp_secret;
  std::string otpauth_uri;
  std::string qr_svg;
};

// Throws auth.setup_link_invalid for an unknown, used or expired link.
SetupStart start_setup(App& app, const std::string& token);
// Sets the password and (required for admin and staff) the authenticator, confirmed by a code from it; returns the
// recovery codes, shown once.
std::vector<std::string> complete_setup(App& app, const std::string& token, const std::string& password,
                                        const std::string& totp_code);

std::string setup_link(const App& app, const std::string& token);

}  // namespace kenshu::app
