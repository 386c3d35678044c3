// Selection in the product: dry runs (stored as drafts), pins and exclusions, publishing, confirming and declining a
// place, releasing unconfirmed places, and promotion from the waitlist. The engine is domain/selection.hpp.
//
// Roles: dry runs, runs, pins and exclusions need review_applications (a coordinator: only its sessions);
// publishing, releasing and the placements of a session need manage_sessions.
#pragma once
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/manage_application.hpp"
#include "app/principal.hpp"
#include "app/selection_settings.hpp"
#include "store/selection_store.hpp"

namespace kenshu::app {

// The rules of the year (the programme file's [selection]; defaults when a year has none).
SelectionSettings selection_settings_of(soci::session& s, const std::string& year_id);

struct CapacityOverride {
  std::string session_id;
  int capacity_teams = 0;
  int capacity_people = 0;
};

struct DryRunRequest {
  std::string year_key;  // empty: the current year
  std::vector<std::string> session_ids;
  std::vector<CapacityOverride> capacity_overrides;  // what-if; publishing makes them the sessions' capacities
  std::optional<std::uint64_t> seed;                 // to re-run a published selection; drawn when absent
};

// A run with its result (the JSON the back office shows: teams, counts by tier, region and session).
struct RunView {
  store::SelectionRunRow run;
  boost::json::value result;
};

RunView selection_dry_run(App& app, const Principal& p, const DryRunRequest& request);
RunView selection_run(App& app, const Principal& p, const std::string& run_id);
std::vector<store::SelectionRunRow> selection_runs(App& app, const Principal& p, const std::string& year_key);

struct PinsView {
  std::string year_key;
  std::vector<store::PinRow> pins;
  std::vector<store::PinRow> excludes;
};
PinsView selection_pins(App& app, const Principal& p, const std::string& year_key);
PinsView pin_application(App& app, const Principal& p, const std::string& application_id,
                         const std::string& session_id, const std::string& reason);
PinsView unpin_application(App& app, const Principal& p, const std::string& application_id, const std::string& reason);
PinsView exclude_application(App& app, const Principal& p, const std::string& application_id,
                             const std::string& reason);
PinsView unexclude_application(App& app, const Principal& p, const std::string& application_id,
                               const std::string& reason);

struct PublishResult {
  RunView run;
  int accepted = 0;
  int waitlisted = 0;
  int not_selected = 0;
  int mails = 0;
};
// One transaction: outcomes, waitlists and mails written, the run and its seed published. Refuses a run whose
// input (applications, pins, places, rules) changed since the dry run: run it again.
PublishResult selection_publish(App& app, const Principal& p, const std::string& run_id);

// The contact, from the management link.
ApplicationView confirm_placement(App& app, const std::string& token);
ApplicationView decline_placement(App& app, const std::string& token);

struct ReleaseResult {
  std::vector<std::string> released;  // application ids
  std::vector<std::string> promoted;
};
// Releases one unconfirmed place (application_id), or every unconfirmed place of a session past its confirm_by.
ReleaseResult release_places(App& app, const Principal& p, const std::string& session_id,
                             const std::string& application_id, const std::string& reason);

struct SessionPlacements {
  store::SessionRow session;
  std::vector<store::PlacementRow> placements;  // accepted and others that held a place here
  std::vector<store::WaitlistRow> waitlist;     // waiting, by position
  std::map<std::string, std::pair<std::string, std::string>> teams;  // application id → (reference, hospital name)
};
SessionPlacements session_placements(App& app, const Principal& p, const std::string& session_id);

// A published run's lottery, for everyone: its seed and the references (受付番号) in the order it drew them, so that
// anyone can re-draw it (docs/selection.md, scripts/redraw-lottery). References only: no names, no hospitals.
struct PublishedDraw {
  std::string run_id;
  std::string published_at;  // UTC
  std::vector<std::string> session_ids;
  std::string seed;                    // decimal uint64
  std::optional<std::string> method;   // how the order follows from seed and references; absent for older runs
  std::vector<std::string> order;      // references, the first drawn first
};
// The year's published runs, the latest first. Public: no capability needed.
std::vector<PublishedDraw> published_draws(App& app, const std::string& year_key);

// For the management view: the team's outcome, waitlist positions and what it may do now.
std::optional<PlacementView> placement_view(App& app, soci::session& s, const std::string& application_id,
                                            time::Instant now);

}  // namespace kenshu::app
