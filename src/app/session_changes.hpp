// A change of a session's date or venue: recorded with its time (pages mark it) and, when staff make it, told to
// every team that may be placed in the session.
#pragma once
#include <string>
#include <vector>

#include "store/program_store.hpp"

namespace kenshu::app {

// Records what changed between before and after (date, venue); returns the rows written.
std::vector<store::SessionChangeRow> record_session_changes(soci::session& s, const store::SessionRow& before,
                                                            const store::SessionRow& after, const std::string& now);

}  // namespace kenshu::app
