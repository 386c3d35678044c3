// Shared by the selection use cases (not an interface of its own): the engine's input read from the database,
// the result as stored JSON, promotion from the waitlist and the selection mails.
#pragma once
#include <boost/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "app/program_view.hpp"
#include "app/selection.hpp"
#include "domain/selection.hpp"
#include "store/review_store.hpp"

namespace kenshu::app {

struct RunInput {
  store::ProgramYearRow year;
  std::vector<store::SessionRow> sessions;  // of the year, capacities with the overrides applied
  SelectionSettings settings;
  domain::SelectionInput input;
  std::map<std::string, store::ApplicationSummary> teams;  // the applications in the input, by id
  std::string hash;  // of everything the result depends on
};

// Checks the sessions (known, of the year, window closed) and overrides; reads pool, pins, exclusions and places.
RunInput build_run_input(App& app, soci::session& s, const std::string& year_key,
                         const std::vector<std::string>& session_ids, const std::vector<CapacityOverride>& overrides,
                         std::uint64_t seed);

boost::json::object result_json(const RunInput& in, const domain::SelectionResult& r);
boost::json::array overrides_json(const std::vector<CapacityOverride>& overrides);
std::vector<CapacityOverride> overrides_from(const std::string& json);
std::vector<std::string> session_ids_from(const std::string& json);

// The last moment an accepted team may confirm: confirm_days from now, and before the session day.
std::string confirm_by_for(const store::SessionRow& session, const SelectionSettings& settings, time::Instant now);
// Promotion stops promotion_stops_days_before the session day.
bool promotion_open(const store::SessionRow& session, const SelectionSettings& settings, time::Instant now);

// Fills the session's free places from its waitlist in position order (people capacity and the prefecture limit
// kept), each promoted team mailed; inside the caller's write transaction. Returns the promoted application ids.
std::vector<std::string> promote_waitlisted(App& app, soci::session& s, const std::string& session_id,
                                            time::Instant now);

// A team leaves (declined, released, withdrawn): its place or its waitlist entries go, and a freed place is
// offered to the next waitlisted team. Returns the promoted application ids.
std::vector<std::string> give_up(App& app, soci::session& s, const std::string& application_id,
                                 const std::string& to, time::Instant now);

// Mails about selection, to the contact: selection_accepted, selection_waitlisted, selection_not_selected,
// selection_promoted, selection_released, placement_confirmed, placement_declined.
void enqueue_selection_mail(App& app, soci::session& s, const std::string& kind, const std::string& application_id,
                            time::Instant now);

}  // namespace kenshu::app
