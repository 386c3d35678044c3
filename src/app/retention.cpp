#include "app/retention.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/secrets.hpp"
#include "domain/api_error.hpp"
#include "domain/field_rules.hpp"
#include "store/application_store.hpp"
#include "store/retention_store.hpp"

namespace kenshu::app {
namespace {

namespace json = boost::json;

std::string days_before(time::Instant now, int days) {
  return time::to_utc_string(now - std::chrono::hours(24) * days);
}

std::string date_days_before(time::Instant now, int days) {
  return time::to_date_string(time::jst_date_of(now - std::chrono::hours(24) * days));
}

json::object report_json(const PurgeReport& r) {
  return {{"dry_run", r.dry_run},
          {"applications", r.applications},
          {"sent_mail_bodies", r.sent_mail_bodies},
          {"idempotency_keys", r.idempotency_keys},
          {"sign_in_rows", r.sign_in_rows}};
}

std::string checked_email(const std::string& raw) {
  std::string e = raw;
  for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (e.empty()) throw ApiError("field.required", "email");
  if (e.size() > 254 || e.find('@') == std::string::npos || e.find_first_of("\r\n ") != std::string::npos)
    throw ApiError("field.bad_email", "email");
  return e;
}

}  // namespace

PurgeReport purge(App& app, const Actor& actor, bool dry_run) {
  const auto now = app.clock.now();
  const auto& rc = app.config.retention;
  return app.db.write([&](soci::session& s) {
    PurgeReport r;
    r.dry_run = dry_run;
    const auto apps = store::applications_to_purge(s, date_days_before(now, rc.personal_data_days));
    r.applications = static_cast<int>(apps.size());
    if (!dry_run)
      for (const auto& id : apps) store::purge_application(s, id, time::to_utc_string(now));
    r.sent_mail_bodies = store::purge_sent_mail_bodies(s, days_before(now, rc.sent_mail_days), dry_run);
    r.idempotency_keys = store::purge_idempotency_keys(s, days_before(now, rc.idempotency_days), dry_run);
    r.sign_in_rows = store::purge_sign_in_state(s, time::to_utc_string(now), days_before(now, 1), dry_run);
    const bool erased_any = r.applications + r.sent_mail_bodies + r.idempotency_keys + r.sign_in_rows > 0;
    if (!dry_run && erased_any) audit_change(app, s, actor, "retention.purge", "", nullptr, report_json(r));
    return r;
  });
}

json::object export_person(App& app, const Actor& actor, const std::string& raw_email) {
  const std::string email = checked_email(raw_email);
  return app.db.write([&](soci::session& s) {
    const auto rec = store::records_of_person(s, email);
    json::object out = store::person_export(s, rec);
    out["email"] = email;
    out["exported_at"] = time::to_jst_string(app.clock.now());
    audit_read(app, s, actor, "person.export", sha256_hex(email));
    return out;
  });
}

int erase_person(App& app, const Actor& actor, const std::string& raw_email) {
  const std::string email = checked_email(raw_email);
  return app.db.write([&](soci::session& s) {
    const auto rec = store::records_of_person(s, email);
    const int n = static_cast<int>(rec.contact_of.size() + rec.member_ids.size() + rec.mail_ids.size() +
                                   rec.replacement_ids.size());
    store::erase_person(s, rec, app.clock.now_utc());
    // The entry stays; it names the person only by a hash of the address, so that a later request can be matched.
    audit_change(app, s, actor, "person.erase", sha256_hex(email), nullptr,
                 {{"applications_as_contact", rec.contact_of.size()},
                  {"member_records", rec.member_ids.size()},
                  {"mails", rec.mail_ids.size()},
                  {"member_replacements", rec.replacement_ids.size()}});
    return n;
  });
}

PurgeReport purge_as(App& app, const Principal& p, bool dry_run) {
  require(p, domain::Capability::manage_retention);
  return purge(app, Actor::of(p), dry_run);
}

json::object export_person_as(App& app, const Principal& p, const std::string& email) {
  require(p, domain::Capability::manage_retention);
  return export_person(app, Actor::of(p), email);
}

int erase_person_as(App& app, const Principal& p, const std::string& email) {
  require(p, domain::Capability::manage_retention);
  return erase_person(app, Actor::of(p), email);
}

void purge_daily(App& app) {
  const PurgeReport r = purge(app, {std::nullopt, "system", ""}, false);
  spdlog::info("daily purge: {} applications, {} mail bodies, {} idempotency keys, {} sign-in rows", r.applications,
               r.sent_mail_bodies, r.idempotency_keys, r.sign_in_rows);
}

}  // namespace kenshu::app
