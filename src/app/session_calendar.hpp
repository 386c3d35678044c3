// A session as an iCalendar (.ics) file: one event per course on the session day, in UTC.
#pragma once
#include <string>

#include "app/app.hpp"

namespace kenshu::app {

// Throws session.not_found.
std::string session_calendar(App& app, const std::string& session_id, Lang lang);

}  // namespace kenshu::app
