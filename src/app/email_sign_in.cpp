#include "app/email_sign_in.hpp"

#include "app/auth_policy.hpp"
#include "app/secrets.hpp"
#include "domain/api_error.hpp"
#include "domain/field_rules.hpp"
#include "store/auth_store.hpp"
#include "store/ids.hpp"
#include "store/outbox_store.hpp"

namespace kenshu::app {

std::string email_sign_in_link(const App& app, const std::string& token) {
  return app.public_url + "/sign-in/email#" + token;
}

void request_email_link(App& app, const std::string& email_in, Lang lang, const Client& client) {
  const time::Instant now = app.clock.now();
  const std::string nows = time::to_utc_string(now);
  Problems problems;
  const std::string email = normalise_email(domain::check_email(problems, "email", email_in));
  if (!problems.empty()) problems.throw_if_any();  // a malformed address says nothing about who exists

  // Known or not, the request costs one write transaction, so that its timing tells nothing either.
  app.db.write([&](soci::session& s) {
    if (!store::is_known_person_email(s, email)) return;
    const std::string since = time::to_utc_string(now - auth_policy::kEmailLinkLifetime);
    if (store::count_email_links_since(s, email, since) >= auth_policy::kEmailLinksPerQuarterHour) return;
    const std::string token = new_token();
    store::insert_email_link(s, {hash_token(token), email, nows,
                                 time::to_utc_string(now + auth_policy::kEmailLinkLifetime), std::nullopt,
                                 client.ip});
    mail::Data d;
    d.set("sign_in_link", email_sign_in_link(app, token));
    d.set("minutes", std::to_string(auth_policy::kEmailLinkLifetime.count()));
    const auto m = app.templates.render("email_sign_in", lang, d);
    store::enqueue_mail(s, {store::new_id(), "email_sign_in", email, m.subject, m.body, std::nullopt, 0}, nows);
  });
}

SessionTicket confirm_email_link(App& app, const std::string& token, const Client& client,
                                 const std::string& previous_token) {
  if (token.empty() || token.size() > 128) throw ApiError("auth.email_link_invalid");
  const time::Instant now = app.clock.now();
  const std::string hash = hash_token(token);
  return app.db.write([&](soci::session& s) {
    auto link = store::find_email_link(s, hash);
    const auto expires = link ? time::parse_instant(link->expires_at) : std::nullopt;
    if (!link || link->used_at || !expires || now >= *expires) throw ApiError("auth.email_link_invalid");
    if (!store::use_email_link(s, hash, time::to_utc_string(now))) throw ApiError("auth.email_link_invalid");
    return start_person_session(app, s, link->email, client, previous_token);
  });
}

}  // namespace kenshu::app
