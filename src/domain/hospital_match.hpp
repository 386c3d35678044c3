// The official lists of 救命救急センター and 特定機能病院 (CSV as the Ministry publishes them each year) and matching
// a hospital's declared name to them: NFKC, corporation prefixes (株式会社, 医療法人…) and spaces left out,
// 附属/付属 the same, within the same prefecture.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/api_error.hpp"
#include "domain/application.hpp"

namespace kenshu::domain {

enum class HospitalListKind { critical_care_center, advanced_treatment_hospital };
const char* to_string(HospitalListKind k);
std::optional<HospitalListKind> hospital_list_kind_from(std::string_view s);

struct ListedHospital {
  std::string name;         // as listed (UTF-8, NFKC)
  int prefecture_code = 0;  // 1–47
  bool advanced = false;    // 高度救命救急センター (critical-care list only)
  int line = 0;             // in the file
};

// The key two names match on: NFKC, spaces and corporation prefixes left out, 付属 → 附属, ASCII lower case.
std::string hospital_match_key(std::string_view name);

// A prefecture by its Japanese name (東京都, 東京), English name (Tokyo) or JIS code ("13"); 0 when unknown.
int prefecture_code_from(std::string_view s);

// The listed hospital a declared one is: same prefecture and the same key, or else the only listed hospital of the
// prefecture whose key ends with the other's (a corporation's own name before the hospital's, 慶應義塾 慶應義塾大学病院).
const ListedHospital* match_hospital(const std::vector<ListedHospital>& list, std::string_view name,
                                     int prefecture_code);

// Parses a published list: UTF-8 (with or without BOM) or Shift_JIS (CP932); a header row names the columns
// (名称/医療機関名/病院名/施設名/name…, 都道府県/prefecture…, and for 救命救急センター 高度/区分/advanced…).
// Every bad line is an error `hospital_list.*` with field "line N" (or "line N: column"); nothing is returned then.
std::vector<ListedHospital> parse_hospital_list(std::string_view bytes, HospitalListKind kind);

// The CSV bytes as UTF-8: returned unchanged when valid UTF-8 (BOM removed), converted from CP932 otherwise;
// nullopt when neither.
std::optional<std::string> csv_to_utf8(std::string_view bytes);

// Why an application is flagged against the lists (empty: it agrees). Only lists that were imported are used.
struct HospitalFlag {
  std::string reason;  // hospital_unmatched | critical_care_mismatch | advanced_treatment_mismatch
  std::string detail;  // e.g. "declared advanced, listed regular"
};
std::vector<HospitalFlag> check_declared_type(const Hospital& h, const std::vector<ListedHospital>* critical_care,
                                              const std::vector<ListedHospital>* advanced_treatment);

}  // namespace kenshu::domain
