// Accounts, sign-in, throttling and the audit log against a real SQLite file.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/access_control.hpp"
#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "app/passwords.hpp"
#include "app/sign_in.hpp"
#include "app/sign_in_throttle.hpp"
#include "app/totp.hpp"
#include "docs/qr_svg.hpp"
#include "domain/api_error.hpp"
#include "fixture.hpp"
#include "store/audit_store.hpp"
#include "store/auth_store.hpp"

using namespace kenshu;

namespace {

const std::string kPassword = "blue kettle under the pier 7";

std::string token_of(const std::string& link) { return link.substr(link.find('#') + 1); }

std::string code_of(const ApiError& e) { return e.code(); }

template <class F>
std::string error_code(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return code_of(e);
  }
  return "";
}

long long audit_rows(store::Db& db) {
  return db.read([](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM audit_log", soci::into(n);
    return n;
  });
}

struct Account {
  std::string email;
  std::string secret;
  std::vector<std::string> recovery_codes;
};

Account set_up(app::App& a, const std::string& email, const std::string& role) {
  const auto created = app::add_user(a, {email, "", role, {}, Lang::ja}, app::Actor::cli());
  const std::string token = token_of(created.setup_link);
  const auto start = app::start_setup(a, token);
  auto codes = app::complete_setup(a, token, kPassword, app::totp_code(start.totp_secret, a.clock.now()));
  return {email, start.totp_secret, codes};
}

}  // namespace

TEST(Totp, CodesMatchOnceAndWithinOneStep) {
  const std::string secret = app::new_totp_secret();
  EXPECT_EQ(secret.size(), 32u);
  const auto t = time::parse_instant("2026-04-01T00:00:15Z").value();
  const std::string code = app::totp_code(secret, t);
  ASSERT_EQ(code.size(), 6u);
  const auto step = app::verify_totp(secret, code, t, -1);
  ASSERT_TRUE(step);
  EXPECT_EQ(*step, (t.time_since_epoch() / std::chrono::seconds(30)));
  EXPECT_FALSE(app::verify_totp(secret, code, t, *step));  // replay
  EXPECT_TRUE(app::verify_totp(secret, code, t + std::chrono::seconds(30), -1));   // drift of one step
  EXPECT_FALSE(app::verify_totp(secret, code, t + std::chrono::seconds(90), -1));  // too late
  EXPECT_FALSE(app::verify_totp(secret, "12345", t, -1));
  EXPECT_FALSE(app::verify_totp(secret, "abcdef", t, -1));
}

TEST(Totp, Rfc6238ReferenceValue) {
  // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s → 94287082 (8 digits); 6 digits: 287082.
  const auto t = time::Instant(std::chrono::seconds(59));
  EXPECT_EQ(app::totp_code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", t), "287082");
}

TEST(QrSvg, EncodesAnOtpauthUri) {
  const std::string svg = docs::qr_svg(app::totp_uri("kenshu", "a@example.jp", "JBSWY3DPEHPK3PXP"));
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("<path"), std::string::npos);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
}

TEST(Passwords, Argon2idRoundTrip) {
  const std::string h = app::hash_password(kPassword);
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(app::verify_password(h, kPassword));
  EXPECT_FALSE(app::verify_password(h, kPassword + "!"));
}

TEST(Accounts, SetUpThenSignInWithPasswordAndCode) {
  itest::Fixture f;
  const Account acc = set_up(*f.app, "Admin@Example.jp", "admin");
  EXPECT_EQ(acc.recovery_codes.size(), 10u);
  const app::Client client{"192.0.2.1", "test"};
  const auto first = app::sign_in_with_password(*f.app, "admin@example.jp", kPassword, client, "");
  ASSERT_TRUE(first.second_factor_required);
  EXPECT_FALSE(first.principal);
  EXPECT_FALSE(app::resolve_session(*f.app, first.ticket.token, client));  // pending is not signed in
  // The code used at set-up is spent; the next step's code works.
  const auto later = f.app->clock.now() + std::chrono::seconds(30);  // the next step: within the ±1 window
  EXPECT_EQ(error_code([&] {
              app::sign_in_second_factor(*f.app, first.ticket.token, "000000", "", client);
            }),
            "auth.invalid_code");
  const auto done = app::sign_in_second_factor(*f.app, first.ticket.token, app::totp_code(acc.secret, later), "",
                                               client);
  ASSERT_TRUE(done.principal);
  EXPECT_NE(done.ticket.token, first.ticket.token);
  const auto p = app::resolve_session(*f.app, done.ticket.token, client);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->role, domain::Role::admin);
  EXPECT_EQ(p->email, "admin@example.jp");
}

TEST(Accounts, RecoveryCodeSignsInOnce) {
  itest::Fixture f;
  const Account acc = set_up(*f.app, "staff@example.jp", "staff");
  const app::Client client{"192.0.2.2", ""};
  for (const char* expected : {"", "auth.invalid_code"}) {
    const auto first = app::sign_in_with_password(*f.app, acc.email, kPassword, client, "");
    EXPECT_EQ(error_code([&] {
                app::sign_in_second_factor(*f.app, first.ticket.token, "", acc.recovery_codes[3], client);
              }),
              expected);
  }
}

TEST(Accounts, UnknownAndWrongAnswerAlike) {
  itest::Fixture f;
  set_up(*f.app, "known@example.jp", "staff");
  const app::Client client{"192.0.2.3", ""};
  EXPECT_EQ(error_code([&] { app::sign_in_with_password(*f.app, "known@example.jp", "wrong", client, ""); }),
            "auth.invalid_credentials");
  EXPECT_EQ(error_code([&] { app::sign_in_with_password(*f.app, "unknown@example.jp", "wrong", client, ""); }),
            "auth.invalid_credentials");
}

TEST(Accounts, CreatingAndReadingAreAudited) {
  itest::Fixture f;
  const long long before = audit_rows(*f.db);
  set_up(*f.app, "auditor@example.jp", "admin");
  EXPECT_EQ(audit_rows(*f.db), before + 2);  // created, then set up
  const app::Client client{"192.0.2.4", ""};
  const auto created = app::add_user(*f.app, {"coord@example.jp", "", "coordinator", {}, Lang::ja}, app::Actor::cli());
  app::Principal admin;
  admin.user_id = "x";
  admin.email = "auditor@example.jp";
  admin.role = domain::Role::admin;
  admin.client = client;
  const long long mid = audit_rows(*f.db);
  EXPECT_EQ(app::list_users(*f.app, admin).size(), 2u);
  EXPECT_EQ(app::get_user(*f.app, admin, created.view.user.id).user.email, "coord@example.jp");
  EXPECT_EQ(audit_rows(*f.db), mid + 2);
  const auto rows = f.db->read([](soci::session& s) { return store::find_audit(s, {}); });
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.front().ip, "192.0.2.4");
}

TEST(Audit, EntryAndWorkCommitTogether) {
  itest::Fixture f;
  const long long before = audit_rows(*f.db);
  EXPECT_THROW(f.db->write([&](soci::session& s) {
    app::audit_read(*f.app, s, app::Actor::cli(), "application", "x");
    throw ApiError("application.not_found");
  }),
               ApiError);
  EXPECT_EQ(audit_rows(*f.db), before);
}

TEST(Audit, TheDatabaseRefusesUpdateAndDelete) {
  itest::Fixture f;
  f.db->write([&](soci::session& s) { app::audit_read(*f.app, s, app::Actor::cli(), "users", ""); });
  EXPECT_ANY_THROW(f.db->write([](soci::session& s) { s << "UPDATE audit_log SET actor_label = 'x'"; }));
  EXPECT_ANY_THROW(f.db->write([](soci::session& s) { s << "DELETE FROM audit_log"; }));
  EXPECT_EQ(audit_rows(*f.db), 1);
}

TEST(AccessControl, RolesReachOnlyTheirScope) {
  app::Principal p;
  p.role = domain::Role::coordinator;
  p.session_ids = {"s1"};
  EXPECT_NO_THROW(app::require_session(p, domain::Capability::review_applications, "s1"));
  EXPECT_EQ(error_code([&] { app::require_session(p, domain::Capability::review_applications, "s2"); }),
            "request.not_found");
  EXPECT_EQ(error_code([&] { app::require(p, domain::Capability::manage_accounts); }), "request.not_found");
  p.role = domain::Role::staff;
  EXPECT_NO_THROW(app::require_session(p, domain::Capability::review_applications, "s2"));
  p.kind = app::Principal::Kind::person;
  EXPECT_EQ(error_code([&] { app::require(p, domain::Capability::view_aggregates); }), "request.not_found");
}

TEST(Throttle, DelaysGrowAfterFiveFailures) {
  itest::Fixture f;
  const auto t = time::parse_instant("2026-04-01T00:00:00Z").value();
  const std::string key = app::account_throttle_key("x@example.jp");
  auto locked_at = [&](time::Instant now) {
    return !error_code([&] { f.db->read([&](soci::session& s) { app::check_throttle(s, {key}, now); }); }).empty();
  };
  for (int i = 0; i < 4; ++i)
    f.db->write([&](soci::session& s) { app::record_failure(s, key, app::auth_policy::kPerAccount, t); });
  EXPECT_FALSE(locked_at(t));
  f.db->write([&](soci::session& s) { app::record_failure(s, key, app::auth_policy::kPerAccount, t); });
  EXPECT_TRUE(locked_at(t));
  EXPECT_FALSE(locked_at(t + std::chrono::seconds(1)));
  f.db->write([&](soci::session& s) { app::record_failure(s, key, app::auth_policy::kPerAccount, t); });
  EXPECT_TRUE(locked_at(t + std::chrono::seconds(1)));
  EXPECT_FALSE(locked_at(t + std::chrono::seconds(2)));
  for (int i = 0; i < 30; ++i)
    f.db->write([&](soci::session& s) { app::record_failure(s, key, app::auth_policy::kPerAccount, t); });
  EXPECT_TRUE(locked_at(t + std::chrono::minutes(14)));
  EXPECT_FALSE(locked_at(t + std::chrono::minutes(15)));  // capped
  f.db->write([&](soci::session& s) { app::clear_failures(s, key); });
  EXPECT_FALSE(locked_at(t));
}
