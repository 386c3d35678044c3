// The reason staff give for a change they make by hand (pins, releases, replacements, review of flags): it goes
// into the audit log and sometimes into a mail, so it is normalised text of bounded size.
#pragma once
#include <string>

namespace kenshu::app {

// field.bad_text, field.required (when `required` and blank) or field.too_long (over 2,000 bytes), on field "reason".
std::string staff_reason(const std::string& raw, bool required);

}  // namespace kenshu::app
