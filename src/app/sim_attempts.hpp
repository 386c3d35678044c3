// Simulator practice attempts kept for a participant (issue 5): the practice page saves each finished scenario run
// of a person signed in by e-mail link whose address is a participating member's, and lists their own. Anyone else
// (staff, an address that is no participant's) gets request.not_found, as for the rest of the portal.
#pragma once
#include <boost/json/value.hpp>

#include <string>

#include "app/app.hpp"
#include "app/principal.hpp"

namespace kenshu::app {

// Limits of one attempt as the API accepts it.
inline constexpr std::size_t kSimDebriefMaxBytes = 32 * 1024;  // the debrief JSON as serialized
inline constexpr int kSimMaxDurationS = 24 * 3600;
inline constexpr int kSimMaxScore = 100000;
inline constexpr int kSimKeptPerPerson = 200;  // the oldest beyond this are dropped when a new one is saved

struct SimAttemptInput {
  std::string scenario_id;  // [a-z0-9_]{1,64}
  std::string started_at;   // ISO 8601 UTC
  int duration_s = 0;
  int score = 0;
  int max_score = 0;
  std::string debrief;      // serialized JSON object, at most kSimDebriefMaxBytes
};

// {attempt: {...}}: the attempt as stored.
boost::json::value save_sim_attempt(App& app, const Principal& p, const SimAttemptInput& in);
// {attempts: [...]}: the person's own, the newest first.
boost::json::value list_sim_attempts(App& app, const Principal& p);

// Staff: {year, participants: [{member_id, reference, hospital, session_id, name, profession, attempts: [...]}]}, the
// year's participants (of one session if given; a coordinator or instructor sees their sessions only) with their
// attempts, the newest first, without the debriefs. The read is audited.
boost::json::value sim_attempts_for_staff(App& app, const Principal& p, const std::string& year_key,
                                          const std::string& session_id);

}  // namespace kenshu::app
