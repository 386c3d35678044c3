// Official hospital lists, reviews of flagged applications, member replacement requests (db/migrations/0007).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/hospital_match.hpp"

namespace soci {
class session;
}

namespace kenshu::store {

struct HospitalListRow {
  std::string kind;
  int entries = 0;
  std::string imported_by_label;
  std::string imported_at;
};

// Replaces the year's list of that kind.
void replace_hospital_list(soci::session& s, const std::string& year_id, domain::HospitalListKind kind,
                           const std::vector<domain::ListedHospital>& entries, const std::optional<std::string>& user_id,
                           const std::string& label, const std::string& now);
std::vector<HospitalListRow> hospital_lists_of(soci::session& s, const std::string& year_id);
// nullopt when the year has no list of that kind.
std::optional<std::vector<domain::ListedHospital>> hospital_list(soci::session& s, const std::string& year_id,
                                                                 domain::HospitalListKind kind);

struct FlagReviewRow {
  std::string application_id;
  std::string reason;
  std::string detail;
  std::string review_reason;
  std::string by_label;
  std::string at;
};
std::vector<FlagReviewRow> flag_reviews_of(soci::session& s, const std::string& year_id);
void save_flag_review(soci::session& s, const FlagReviewRow& r, const std::optional<std::string>& user_id);

struct ReplacementRow {
  std::string id;
  std::string application_id;
  std::string member_id;
  std::string old_member_name;
  std::string new_member_json;
  std::string status;  // pending | approved | refused
  std::optional<std::string> decision_reason;
  std::optional<std::string> decided_by_label;
  std::string requested_at;
  std::optional<std::string> decided_at;
};
void insert_replacement(soci::session& s, const ReplacementRow& r);
std::optional<ReplacementRow> find_replacement(soci::session& s, const std::string& id);
std::vector<ReplacementRow> replacements_of(soci::session& s, const std::string& application_id);
// pending → status; 0 when it was decided already.
int decide_replacement(soci::session& s, const std::string& id, const std::string& status, const std::string& reason,
                       const std::optional<std::string>& user_id, const std::string& label, const std::string& now);

}  // namespace kenshu::store
