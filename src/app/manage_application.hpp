// The contact's management link: view, change and withdraw one application until its deadline.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/program_view.hpp"
#include "store/application_store.hpp"
#include "store/selection_store.hpp"

namespace kenshu::app {

// What selection decided for the team (only after a run is published).
struct PlacementView {
  store::PlacementRow row;
  std::vector<store::WaitlistRow> waitlist;  // waiting entries, with positions
  bool can_confirm = false;
  bool can_decline = false;
};

struct ApplicationView {
  store::ApplicationRecord record;
  std::vector<store::ApplicationEvent> history;
  std::vector<store::SessionRow> sessions;  // of the year, to describe preferences
  std::string year_key;
  time::Instant editable_until;
  bool editable = false;
  std::optional<PlacementView> placement;
};

// Parts a PATCH may replace; each replaced whole.
struct ApplicationPatch {
  std::optional<domain::Hospital> hospital;
  std::optional<domain::Contact> contact;
  std::optional<std::vector<domain::Member>> members;
  std::optional<domain::Preferences> preferences;
};

// Every function answers application.not_found for an unknown token, never more.
ApplicationView view_application(App& app, const std::string& token);
ApplicationView update_application(App& app, const std::string& token, const ApplicationPatch& patch);
ApplicationView withdraw_application(App& app, const std::string& token);

}  // namespace kenshu::app
