#include "app/accounts.hpp"

#include <boost/json.hpp>
#include <sodium.h>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/auth_policy.hpp"
#include "app/passwords.hpp"
#include "app/secrets.hpp"
#include "app/sign_in.hpp"
#include "app/totp.hpp"
#include "docs/qr_svg.hpp"
#include "domain/api_error.hpp"
#include "domain/field_rules.hpp"
#include "store/auth_store.hpp"
#include "store/ids.hpp"
#include "store/outbox_store.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {
namespace {

constexpr const char* kTotpIssuer = "kenshu";

boost::json::value user_json(const store::UserRow& u, const std::vector<std::string>& sessions) {
  boost::json::array ids;
  for (const auto& s : sessions) ids.push_back(boost::json::value(s));
  return {{"email", u.email}, {"display_name", u.display_name}, {"role", u.role}, {"disabled", u.disabled},
          {"second_factor", u.totp_confirmed}, {"password_set", u.password_hash.has_value()}, {"session_ids", ids}};
}

UserView view_of(soci::session& s, store::UserRow u) {
  UserView v;
  v.session_ids = store::assigned_sessions(s, u.id);
  v.recovery_codes_left = store::count_unused_recovery_codes(s, u.id);
  v.user = std::move(u);
  return v;
}

NewUser checked(const NewUser& in) {
  Problems p;
  NewUser out = in;
  out.email = normalise_email(domain::check_email(p, "email", in.email));
  const auto role = domain::role_from(in.role);
  if (!role) p.add("field.bad_enum", "role");
  if (!in.display_name.empty()) out.display_name = domain::check_text(p, "display_name", in.display_name, {});
  else out.display_name = out.email.substr(0, out.email.find('@'));
  const bool scoped = role == domain::Role::coordinator || role == domain::Role::instructor;
  if (!scoped && !in.session_ids.empty()) p.add("field.out_of_range", "session_ids");
  if (in.session_ids.size() > 100) p.add("field.out_of_range", "session_ids");
  p.throw_if_any();
  return out;
}

std::string issue_setup_token(soci::session& s, const std::string& user_id, time::Instant now) {
  const std::string token = new_token();
  store::insert_setup_token(s, {hash_token(token), user_id, std::nullopt, time::to_utc_string(now),
                                time::to_utc_string(now + auth_policy::kSetupLinkLifetime), std::nullopt});
  return token;
}

// Inside the caller's transaction: the account, its assigned sessions, its set-up link and the audit entry.
CreatedUser create_in(App& app, soci::session& s, const NewUser& in, const Actor& by) {
  const time::Instant now = app.clock.now();
  const std::string nows = time::to_utc_string(now);
  if (store::find_user_by_email(s, in.email)) throw ApiError("user.email_taken", "email");
  for (std::size_t i = 0; i < in.session_ids.size(); ++i)
    if (!store::find_session(s, in.session_ids[i]))
      throw ApiError("preferences.unknown_session", "session_ids." + std::to_string(i));
  store::UserRow u;
  u.id = store::new_id();
  u.email = in.email;
  u.display_name = in.display_name;
  u.role = in.role;
  u.created_by = by.user_id;
  u.created_at = nows;
  u.updated_at = nows;
  store::insert_user(s, u);
  store::assign_sessions(s, u.id, in.session_ids, nows);
  const std::string token = issue_setup_token(s, u.id, now);
  audit_change(app, s, by, "user", u.id, nullptr, user_json(u, in.session_ids));
  return {view_of(s, u), setup_link(app, token)};
}

std::string role_label(const std::string& role, Lang lang) {
  static const std::pair<const char*, const char*> labels[] = {
      {"管理者", "administrator"}, {"事務局", "secretariat staff"}, {"地域コーディネーター", "coordinator"},
      {"インストラクター", "instructor"}, {"厚生労働省（閲覧）", "ministry viewer"}};
  const auto r = domain::role_from(role).value_or(domain::Role::ministry);
  const auto& l = labels[static_cast<int>(r)];
  return lang == Lang::en ? l.second : l.first;
}

struct ValidToken {
  store::SetupTokenRow token;
  store::UserRow user;
};

ValidToken valid_setup_token(soci::session& s, const std::string& token, time::Instant now) {
  if (token.empty() || token.size() > 128) throw ApiError("auth.setup_link_invalid");
  auto t = store::find_setup_token(s, hash_token(token));
  const auto expires = t ? time::parse_instant(t->expires_at) : std::nullopt;
  if (!t || t->used_at || !expires || now >= *expires) throw ApiError("auth.setup_link_invalid");
  auto u = store::find_user(s, t->user_id);
  if (!u || u->disabled) throw ApiError("auth.setup_link_invalid");
  return {*t, *u};
}

std::string new_recovery_code() {
  // 80 random bits as 16 base32 characters, shown in groups of four: enough entropy for an unsalted hash.
  static const char* alphabet = "abcdefghijkmnpqrstuvwxyz23456789";  // no l, o, 0, 1: easy to copy by hand
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  std::string code;
  for (int i = 0; i < 16; ++i) {
    if (i && i % 4 == 0) code += '-';
    code += alphabet[bytes[i] & 31];
  }
  return code;
}

std::string without_dashes(const std::string& code) {
  std::string out;
  for (char c : code)
    if (c != '-') out += c;
  return out;
}

}  // namespace

std::string setup_link(const App& app, const std::string& token) { return app.public_url + "/admin/setup#" + token; }

CreatedUser add_user(App& app, const NewUser& in, const Actor& by) {
  const NewUser user = checked(in);
  return app.db.write([&](soci::session& s) { return create_in(app, s, user, by); });
}

CreatedUser reset_user(App& app, const std::string& email, const Actor& by) {
  const time::Instant now = app.clock.now();
  return app.db.write([&](soci::session& s) {
    auto u = store::find_user_by_email(s, normalise_email(email));
    if (!u) throw ApiError("user.not_found", "email");
    const auto before = user_json(*u, store::assigned_sessions(s, u->id));
    const std::string nows = time::to_utc_string(now);
    store::clear_user_credentials(s, u->id, nows);
    store::replace_recovery_codes(s, u->id, {}, nows);
    store::delete_auth_sessions_of_user(s, u->id);
    const std::string token = issue_setup_token(s, u->id, now);
    auto fresh = store::find_user(s, u->id);
    audit_change(app, s, by, "user", u->id, before, user_json(*fresh, store::assigned_sessions(s, u->id)));
    return CreatedUser{view_of(s, *fresh), setup_link(app, token)};
  });
}

UserView invite_user(App& app, const Principal& by, const NewUser& in) {
  require(by, domain::Capability::manage_accounts);
  const NewUser user = checked(in);
  const time::Instant now = app.clock.now();
  return app.db.write([&](soci::session& s) {
    CreatedUser created = create_in(app, s, user, Actor::of(by));
    mail::Data d;
    d.set("display_name", created.view.user.display_name);
    d.set("role_label", role_label(user.role, user.lang));
    d.set("setup_link", created.setup_link);
    d.set("expires_at", time::to_jst_string(now + auth_policy::kSetupLinkLifetime).substr(0, 16).replace(10, 1, " "));
    const auto m = app.templates.render("staff_invitation", user.lang, d);
    store::enqueue_mail(s, {store::new_id(), "staff_invitation", user.email, m.subject, m.body, created.view.user.id, 0},
                        time::to_utc_string(now));
    return created.view;
  });
}

std::vector<UserView> list_users(App& app, const Principal& by) {
  require(by, domain::Capability::manage_accounts);
  return app.db.write([&](soci::session& s) {
    std::vector<UserView> out;
    for (auto& u : store::list_users(s)) out.push_back(view_of(s, std::move(u)));
    audit_read(app, s, Actor::of(by), "users", "");
    return out;
  });
}

UserView get_user(App& app, const Principal& by, const std::string& id) {
  require(by, domain::Capability::manage_accounts);
  return app.db.write([&](soci::session& s) {
    auto u = store::find_user(s, id);
    if (!u) throw ApiError("user.not_found");
    audit_read(app, s, Actor::of(by), "user", id);
    return view_of(s, *u);
  });
}

UserView set_user_disabled(App& app, const Principal& by, const std::string& id, bool disabled) {
  require(by, domain::Capability::manage_accounts);
  const std::string now = app.clock.now_utc();
  return app.db.write([&](soci::session& s) {
    auto u = store::find_user(s, id);
    if (!u) throw ApiError("user.not_found");
    if (disabled && u->role == "admin" && !u->disabled && store::count_enabled_admins(s) <= 1)
      throw ApiError("user.last_admin");
    const auto sessions = store::assigned_sessions(s, id);
    const auto before = user_json(*u, sessions);
    store::set_user_disabled(s, id, disabled, now);
    if (disabled) store::delete_auth_sessions_of_user(s, id);
    auto fresh = store::find_user(s, id);
    audit_change(app, s, Actor::of(by), "user", id, before, user_json(*fresh, sessions));
    return view_of(s, *fresh);
  });
}

SetupStart start_setup(App& app, const std::string& token) {
  const time::Instant now = app.clock.now();
  return app.db.write([&](soci::session& s) {
    ValidToken v = valid_setup_token(s, token, now);
    // The secret stays the same across reloads of the page until set-up is complete.
    std::string secret = v.token.pending_totp_secret.value_or("");
    if (secret.empty()) {
      secret = new_totp_secret();
      store::set_pending_totp(s, v.token.token_hash, secret);
    }
    SetupStart out;
    out.email = v.user.email;
    out.display_name = v.user.display_name;
    out.role = v.user.role;
    out.second_factor_required =
        domain::second_factor_required(domain::role_from(v.user.role).value_or(domain::Role::admin));
    out.totp_secret = secret;
    out.otpauth_uri = totp_uri(kTotpIssuer, v.user.email, secret);
    out.qr_svg = docs::qr_svg(out.otpauth_uri);
    return out;
  });
}

std::vector<std::string> complete_setup(App& app, const std::string& token, const std::string& password,
                                        const std::string& totp_code) {
  const time::Instant now = app.clock.now();
  const std::string nows = time::to_utc_string(now);
  ValidToken v = app.db.read([&](soci::session& s) { return valid_setup_token(s, token, now); });
  check_password(app, password, v.user.email, v.user.display_name);
  const bool required = domain::second_factor_required(domain::role_from(v.user.role).value_or(domain::Role::admin));
  if (required && totp_code.empty()) throw ApiError("request.missing_field", "totp_code");
  const std::string hash = hash_password(password);  // slow: outside the transaction

  std::vector<std::string> codes;
  for (int i = 0; i < auth_policy::kRecoveryCodes; ++i) codes.push_back(new_recovery_code());
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(hash_token(without_dashes(c)));

  app.db.write([&](soci::session& s) {
    ValidToken fresh = valid_setup_token(s, token, now);  // a second tab may have finished first
    std::optional<std::string> secret;
    long long counter = -1;
    if (!totp_code.empty()) {
      if (!fresh.token.pending_totp_secret) throw ApiError("auth.invalid_code", "totp_code");
      auto step = verify_totp(*fresh.token.pending_totp_secret, totp_code, now, -1);
      if (!step) throw ApiError("auth.invalid_code", "totp_code");
      secret = fresh.token.pending_totp_secret;
      counter = *step;
    }
    const auto sessions = store::assigned_sessions(s, fresh.user.id);
    const auto before = user_json(fresh.user, sessions);
    store::set_user_credentials(s, fresh.user.id, hash, secret, counter, nows);
    store::replace_recovery_codes(s, fresh.user.id, secret ? hashes : std::vector<std::string>{}, nows);
    store::mark_setup_token_used(s, fresh.token.token_hash, nows);
    store::delete_auth_sessions_of_user(s, fresh.user.id);
    auto after = store::find_user(s, fresh.user.id);
    audit_change(app, s, {fresh.user.id, fresh.user.email, ""}, "user", fresh.user.id, before,
                 user_json(*after, sessions));
  });
  return totp_code.empty() ? std::vector<std::string>{} : codes;
}

}  // namespace kenshu::app
