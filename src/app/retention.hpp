// Retention and a person's rights: `kenshu purge` (and the server, daily) erases personal data past the periods
// of [retention]; an admin exports everything held about one person (JSON) or erases it. Each run is audited.
#pragma once
#include <boost/json/object.hpp>

#include <string>

#include "app/app.hpp"
#include "app/principal.hpp"

namespace kenshu::app {

struct PurgeReport {
  bool dry_run = true;
  int applications = 0;       // contact, members, notes and mails erased
  int sent_mail_bodies = 0;
  int idempotency_keys = 0;
  int sign_in_rows = 0;       // ended sessions, expired links and tokens, old throttle entries
};

PurgeReport purge(App& app, const Actor& actor, bool dry_run);

boost::json::object export_person(App& app, const Actor& actor, const std::string& email);
// Erases the person's names and addresses wherever they appear; the count of records touched.
int erase_person(App& app, const Actor& actor, const std::string& email);

// The same checks behind the admin API: manage_retention (admins), else 404.
PurgeReport purge_as(App& app, const Principal& p, bool dry_run);
boost::json::object export_person_as(App& app, const Principal& p, const std::string& email);
int erase_person_as(App& app, const Principal& p, const std::string& email);

// The server's daily run of purge() (app/periodic_job.hpp), logged.
void purge_daily(App& app);

}  // namespace kenshu::app
