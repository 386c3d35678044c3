// Who may do what: the roles of the back office and the table of their capabilities, declared once here and
// enforced in one place (app/access_control.cpp). Scope says whether a capability covers every record or only
// those of the sessions assigned to the person.
#pragma once
#include <optional>
#include <span>
#include <string_view>

namespace kenshu::domain {

enum class Role { admin, staff, coordinator, instructor, ministry };

enum class Capability {
  manage_accounts,       // invite, list, disable staff accounts
  view_audit_log,        // search and export the audit log
  manage_retention,      // retention periods, purge, a person's export and erasure
  review_applications,   // read and annotate applications and teams, change their status
  manage_sessions,       // sessions, capacities, dates, venues
  setup_programme,       // programme years, lectures, tests, questionnaires
  send_notifications,    // notices to teams
  export_data,           // CSV and XLSX exports of personal data
  view_roster,           // names, profession and hospital of a session's participants (no contact data)
  view_aggregates,       // figures without a row about a person, small groups suppressed
};

enum class Scope { none, assigned_sessions, all };

struct RoleInfo {
  Role role;
  std::string_view name;       // as stored and sent: "admin", "staff", …
  bool second_factor_required;  // TOTP is mandatory for these roles
};

std::span<const RoleInfo> all_roles();
std::optional<Role> role_from(std::string_view name);
std::string_view to_string(Role r);
bool second_factor_required(Role r);

// The table of the issue: what a role may do, and over which records.
Scope scope_of(Role r, Capability c);
inline bool may(Role r, Capability c) { return scope_of(r, c) != Scope::none; }

}  // namespace kenshu::domain
