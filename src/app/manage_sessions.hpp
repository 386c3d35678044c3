// Staff change a session (開催回): capacity, date, venue, closing time. A change of date or venue is recorded (the
// public pages mark it) and every team that may be placed in the session is told by mail, old and new.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "domain/l10n.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {

struct SessionPatch {
  std::optional<std::string> date;  // YYYY-MM-DD, Japan
  std::optional<L10n> venue;
  std::optional<int> capacity_teams;
  std::optional<int> capacity_people;
  std::optional<std::string> applications_close_at;  // ISO 8601 with offset
};

struct SessionUpdate {
  store::SessionRow session;
  std::vector<store::SessionChangeRow> changes;
  int teams_notified = 0;
};

SessionUpdate update_session(App& app, const Principal& p, const std::string& session_id, const SessionPatch& patch);

}  // namespace kenshu::app
