// The secretariat's review of applications: the filtered list, one application with its history and internal notes,
// notes, review state with a reason, and a request to the contact to correct the application.
// Every read of personal data here is written to the audit log in the same transaction.
#pragma once
#include <string>
#include <vector>

#include "app/manage_application.hpp"
#include "app/principal.hpp"
#include "store/review_store.hpp"

namespace kenshu::app {

struct ApplicationQuery {
  std::string year_key;       // empty: the current year
  std::string session_id;     // ranked this session (or any session)
  std::string status;         // submitted | withdrawn
  std::string review_status;  // new | in_review | needs_correction | complete | ineligible
  int prefecture_code = 0;
  std::string hospital_type;  // advanced_critical_care | critical_care | advanced_treatment | other
  std::string profession;     // the team has a member of this profession
  std::string q;              // in hospital, contact and member names and フリガナ (NFKC, ひらがな = カタカナ)
  std::string sort = "reference";  // reference | created_at | updated_at | hospital | prefecture; "-" first = descending
  int page = 1;
  int per_page = 50;
};

struct ApplicationPage {
  std::string year_key;
  std::vector<store::ApplicationSummary> items;
  int total = 0;
  int page = 1;
  int per_page = 50;
  std::vector<store::SessionRow> sessions;
};

// Checks the query's values; throws ApiError (field.bad_enum, field.out_of_range) naming the parameter.
void check_query(const ApplicationQuery& q);

// The applications the person may see (a coordinator: those that may be placed in an assigned session).
ApplicationPage list_applications(App& app, const Principal& p, const ApplicationQuery& q);

// Every application of the list, unpaged, for exports (audited as an export).
std::vector<store::ApplicationSummary> export_applications(App& app, const Principal& p, const ApplicationQuery& q,
                                                           std::vector<store::SessionRow>& sessions);

struct StaffApplicationView {
  ApplicationView view;
  std::string review_status;
  std::vector<store::NoteRow> notes;
};

StaffApplicationView staff_view_application(App& app, const Principal& p, const std::string& id);
StaffApplicationView add_note(App& app, const Principal& p, const std::string& id, const std::string& body);
StaffApplicationView change_review_status(App& app, const Principal& p, const std::string& id,
                                          const std::string& review_status, const std::string& reason);
// Issues a fresh management link (the old one stops working) and mails it with the message.
StaffApplicationView request_correction(App& app, const Principal& p, const std::string& id,
                                        const std::string& message);

}  // namespace kenshu::app
