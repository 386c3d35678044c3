// The official lists of 救命救急センター and 特定機能病院: staff import the Ministry's CSV for a year; applications whose
// declared type disagrees with an imported list, or whose hospital cannot be matched to one, are flagged, and a run
// is published only when every flag of its teams is reviewed (with a reason, audited).
#pragma once
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "store/hospital_list_store.hpp"

namespace kenshu::app {

struct HospitalListImport {
  std::string year_key;
  std::string kind;
  int entries = 0;
  int flags = 0;  // unresolved flags of the year after the import
};
// Needs manage_sessions. The body is the CSV (UTF-8 or Shift_JIS); a bad file imports nothing.
HospitalListImport import_hospital_list(App& app, const Principal& p, const std::string& year_key,
                                        const std::string& kind, const std::string& csv);
std::vector<store::HospitalListRow> hospital_lists(App& app, const Principal& p, const std::string& year_key);

struct SelectionFlag {
  std::string application_id;
  std::string reference;
  std::string hospital_name;
  int prefecture_code = 0;
  std::string reason;  // hospital_unmatched | critical_care_mismatch | advanced_treatment_mismatch
  std::string detail;
  std::optional<store::FlagReviewRow> review;  // set when reviewed for this very detail
};
std::vector<SelectionFlag> selection_flags(App& app, const Principal& p, const std::string& year_key);
// Marks every current flag of the application reviewed.
std::vector<SelectionFlag> review_flags(App& app, const Principal& p, const std::string& application_id,
                                        const std::string& reason);

// The flags of a year's active applications (only those in `only`, when given), inside a transaction.
std::vector<SelectionFlag> flags_of_year(soci::session& s, const std::string& year_id,
                                         const std::set<std::string>* only = nullptr);
int unresolved_flags(const std::vector<SelectionFlag>& flags);

}  // namespace kenshu::app
