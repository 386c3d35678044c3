#include "domain/access.hpp"

#include <algorithm>
#include <array>

namespace kenshu::domain {
namespace {

constexpr std::array kRoles = std::to_array<RoleInfo>({
    {Role::admin, "admin", true},
    {Role::staff, "staff", true},
    {Role::coordinator, "coordinator", false},
    {Role::instructor, "instructor", false},
    {Role::ministry, "ministry", false},
});

using S = Scope;
struct Grant {
  Capability capability;
  S admin, staff, coordinator, instructor, ministry;
};

// One row per capability, one column per role.
constexpr std::array kGrants = std::to_array<Grant>({
    //                                 admin   staff   coordinator             instructor              ministry
    {Capability::manage_accounts,      S::all, S::none, S::none,               S::none,               S::none},
    {Capability::view_audit_log,       S::all, S::none, S::none,               S::none,               S::none},
    {Capability::manage_retention,     S::all, S::none, S::none,               S::none,               S::none},
    {Capability::review_applications,  S::all, S::all,  S::assigned_sessions,  S::none,               S::none},
    {Capability::manage_sessions,      S::all, S::all,  S::none,               S::none,               S::none},
    {Capability::setup_programme,      S::all, S::all,  S::none,               S::none,               S::none},
    {Capability::send_notifications,   S::all, S::all,  S::none,               S::none,               S::none},
    {Capability::export_data,          S::all, S::all,  S::none,               S::none,               S::none},
    {Capability::view_roster,          S::all, S::all,  S::assigned_sessions,  S::assigned_sessions,  S::none},
    {Capability::view_aggregates,      S::all, S::all,  S::none,               S::none,               S::all},
});

}  // namespace

std::span<const RoleInfo> all_roles() { return kRoles; }

std::optional<Role> role_from(std::string_view name) {
  for (const auto& r : kRoles)
    if (r.name == name) return r.role;
  return std::nullopt;
}

std::string_view to_string(Role r) { return kRoles[static_cast<std::size_t>(r)].name; }

bool second_factor_required(Role r) { return kRoles[static_cast<std::size_t>(r)].second_factor_required; }

Scope scope_of(Role r, Capability c) {
  auto g = std::find_if(kGrants.begin(), kGrants.end(), [c](const Grant& x) { return x.capability == c; });
  if (g == kGrants.end()) return Scope::none;
  switch (r) {
    case Role::admin: return g->admin;
    case Role::staff: return g->staff;
    case Role::coordinator: return g->coordinator;
    case Role::instructor: return g->instructor;
    case Role::ministry: return g->ministry;
  }
  return Scope::none;
}

}  // namespace kenshu::domain
