#include <gtest/gtest.h>

#include "domain/access.hpp"

using namespace kenshu::domain;

TEST(Access, RoleNamesRoundTrip) {
  for (const auto& r : all_roles()) {
    EXPECT_EQ(role_from(r.name), r.role);
    EXPECT_EQ(to_string(r.role), r.name);
  }
  EXPECT_FALSE(role_from("root"));
  EXPECT_FALSE(role_from("Admin"));
}

TEST(Access, SecondFactorIsMandatoryForAdminAndStaff) {
  EXPECT_TRUE(second_factor_required(Role::admin));
  EXPECT_TRUE(second_factor_required(Role::staff));
  EXPECT_FALSE(second_factor_required(Role::ministry));
}

TEST(Access, TheTableOfTheIssue) {
  EXPECT_EQ(scope_of(Role::admin, Capability::manage_accounts), Scope::all);
  EXPECT_EQ(scope_of(Role::admin, Capability::view_audit_log), Scope::all);
  EXPECT_EQ(scope_of(Role::staff, Capability::manage_accounts), Scope::none);
  EXPECT_EQ(scope_of(Role::staff, Capability::view_audit_log), Scope::none);
  EXPECT_EQ(scope_of(Role::staff, Capability::export_data), Scope::all);
  EXPECT_EQ(scope_of(Role::coordinator, Capability::review_applications), Scope::assigned_sessions);
  EXPECT_EQ(scope_of(Role::coordinator, Capability::export_data), Scope::none);
  EXPECT_EQ(scope_of(Role::instructor, Capability::view_roster), Scope::assigned_sessions);
  EXPECT_EQ(scope_of(Role::instructor, Capability::review_applications), Scope::none);
}

TEST(Access, MinistrySeesAggregatesOnly) {
  for (auto c : {Capability::manage_accounts, Capability::view_audit_log, Capability::manage_retention,
                 Capability::review_applications, Capability::manage_sessions, Capability::setup_programme,
                 Capability::send_notifications, Capability::export_data, Capability::view_roster})
    EXPECT_FALSE(may(Role::ministry, c));
  EXPECT_TRUE(may(Role::ministry, Capability::view_aggregates));
}
