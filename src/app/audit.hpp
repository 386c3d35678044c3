// The audit helper every staff read or change of personal data goes through, inside the transaction of the work
// itself: the entry and the work are committed together, or neither is.
#pragma once
#include <boost/json/value.hpp>

#include <string>

#include "app/app.hpp"
#include "app/principal.hpp"

namespace kenshu::app {

// `entity` names the kind of record ('user', 'application', …; a plural for a list), `entity_id` the record ('' for
// a list).
void audit_read(App& app, soci::session& s, const Actor& actor, const std::string& entity,
                const std::string& entity_id);
void audit_change(App& app, soci::session& s, const Actor& actor, const std::string& entity,
                  const std::string& entity_id, const boost::json::value& before, const boost::json::value& after);

}  // namespace kenshu::app
