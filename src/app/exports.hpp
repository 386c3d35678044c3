// Exports for Excel: applications, members and a session's roster, as tables the api writes as CSV or XLSX.
// Column headings in the language asked for; every export is in the audit log.
#pragma once
#include <string>

#include "app/review_applications.hpp"
#include "docs/table.hpp"

namespace kenshu::app {

docs::Table applications_table(App& app, const Principal& p, const ApplicationQuery& q, Lang lang);
docs::Table members_table(App& app, const Principal& p, const ApplicationQuery& q, Lang lang);

// The participants of a session: name, フリガナ, profession, hospital — no contact data (an instructor may read it).
// Until a selection places teams, the teams that ranked the session first.
docs::Table roster_table(App& app, const Principal& p, const std::string& session_id, Lang lang);

}  // namespace kenshu::app
