// The whole application checked against the year it is for: fields, team, preferences, consents.
#pragma once
#include <string>
#include <vector>

#include "domain/application.hpp"
#include "domain/team_rules.hpp"

namespace kenshu::domain {

struct OpenSession {
  std::string id;
  bool open = false;  // its application window is open now
};

struct ApplicationContext {
  TeamRules team;
  std::string privacy_notice_version;
  std::vector<OpenSession> sessions;  // every session of the year
};

// Returns the draft in normal form (NFKC, katakana readings, canonical postal code); throws ApiError listing every
// problem found. `check_consents` is false for edits, which do not re-ask consent.
ApplicationDraft normalise_and_check(const ApplicationDraft& draft, const ApplicationContext& ctx,
                                     bool check_consents = true);

// One member in normal form, problems under members[i].*: a member replacing another after acceptance.
Member normalise_member(Problems& p, const Member& in, std::size_t i);

// The same hospital across applications: NFKC name without spaces, and its prefecture.
std::string hospital_key(const Hospital& h);

}  // namespace kenshu::domain
