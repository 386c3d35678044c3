#include "app/apply.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <cstdio>

#include "app/application_mail.hpp"
#include "app/program_view.hpp"
#include "app/secrets.hpp"
#include "domain/api_error.hpp"
#include "domain/application_rules.hpp"
#include "store/application_store.hpp"
#include "store/ids.hpp"
#include "store/idempotency_store.hpp"

namespace kenshu::app {
namespace {

constexpr const char* kIdempotencyScope = "POST /api/applications";

std::string reference_of(const std::string& prefix, int seq) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", seq);
  return prefix + "-" + buf;
}

std::optional<ApplyOutput> replay(soci::session& s, const ApplyInput& in) {
  if (!in.idempotency_key) return std::nullopt;
  auto stored = store::find_idempotent(s, kIdempotencyScope, *in.idempotency_key);
  if (!stored) return std::nullopt;
  if (stored->request_hash != in.request_hash) throw ApiError("idempotency.key_reused", "Idempotency-Key");
  return ApplyOutput{stored->status, stored->body, true};
}

domain::ApplicationDraft checked(const YearContext& ctx, const domain::ApplicationDraft& draft) {
  const bool any_open = std::any_of(ctx.rules.sessions.begin(), ctx.rules.sessions.end(),
                                    [](const domain::OpenSession& s) { return s.open; });
  if (!any_open) throw ApiError("application.window_closed");
  return domain::normalise_and_check(draft, ctx.rules);
}

store::ApplicationRecord record_of(const YearContext& ctx, const domain::ApplicationDraft& d, const ApplyInput& in,
                                   const std::string& token_hash, const std::string& now) {
  store::ApplicationRecord a;
  a.id = store::new_id();
  a.program_year_id = ctx.year.id;
  a.status = "submitted";
  a.hospital_key = domain::hospital_key(d.hospital);
  a.hospital = d.hospital;
  a.contact = d.contact;
  a.members = d.members;
  a.preferences = d.preferences;
  a.privacy_version = d.consents.privacy_notice_version;
  a.consent_no_recording = d.consents.no_recording;
  a.consented_at = now;
  a.manage_token_hash = token_hash;
  a.locale = in.lang == Lang::en ? "en" : "ja";
  a.created_at = now;
  a.updated_at = now;
  return a;
}

}  // namespace

ApplyOutput apply(App& app, const ApplyInput& in) {
  const time::Instant now_t = app.clock.now();
  const std::string now = time::to_utc_string(now_t);
  YearContext ctx = cached_year_context(app, in.year_key, now_t);
  if (in.idempotency_key)
    if (auto first = app.db.read([&](soci::session& s) { return replay(s, in); })) return *first;
  const domain::ApplicationDraft draft = checked(ctx, in.draft);
  const std::string token = new_token();
  store::ApplicationRecord a = record_of(ctx, draft, in, hash_token(token), now);
  std::vector<PreparedMail> mails = submitted_mails(app, a, ctx, token);  // rendered here, not on the writer thread

  return app.db.write([&](soci::session& s) {
    if (auto first = replay(s, in)) return *first;  // a retry raced the first attempt
    if (store::hospital_has_active_application(s, ctx.year.id, a.hospital_key))
      throw ApiError("application.duplicate_hospital", "hospital.name");
    a.seq = store::next_application_seq(s, ctx.year.id);
    a.reference = reference_of(ctx.year.reference_prefix, a.seq);
    store::insert_application(s, a);
    store::add_application_event(s, a.id, {now, "submitted", "contact", "{}"});
    enqueue_prepared(s, std::move(mails), a.id, a.reference, now);
    ApplyOutput out{201,
                    boost::json::serialize(boost::json::object{{"id", a.id},
                                                               {"reference", a.reference},
                                                               {"status", a.status},
                                                               {"program_year", ctx.year.key}}),
                    false};
    if (in.idempotency_key)
      store::save_idempotent(s, kIdempotencyScope, *in.idempotency_key, {in.request_hash, out.status, out.body}, now);
    return out;
  });
}

void check_application(App& app, const std::string& year_key, const domain::ApplicationDraft& draft) {
  const time::Instant now = app.clock.now();
  YearContext ctx = cached_year_context(app, year_key, now);
  const auto normalised = checked(ctx, draft);
  const std::string key = domain::hospital_key(normalised.hospital);
  const bool taken =
      app.db.read([&](soci::session& s) { return store::hospital_has_active_application(s, ctx.year.id, key); });
  if (taken) throw ApiError("application.duplicate_hospital", "hospital.name");
}

}  // namespace kenshu::app
