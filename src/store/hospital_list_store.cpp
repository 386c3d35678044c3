#include "store/hospital_list_store.hpp"

#include <soci/soci.h>

#include "store/row.hpp"

namespace kenshu::store {
namespace {

constexpr const char* kReplacementColumns =
    "SELECT id, application_id, member_id, old_member_name, new_member_json, status, decision_reason, "
    "decided_by_label, requested_at, decided_at FROM member_replacements ";

ReplacementRow replacement_from(const soci::row& r) {
  return {text(r, 0),          text(r, 1),          text(r, 2), text(r, 3),          text(r, 4),
          text(r, 5),          optional_text(r, 6), optional_text(r, 7), text(r, 8), optional_text(r, 9)};
}

}  // namespace

void replace_hospital_list(soci::session& s, const std::string& year_id, domain::HospitalListKind kind,
                           const std::vector<domain::ListedHospital>& entries, const std::optional<std::string>& user_id,
                           const std::string& label, const std::string& now) {
  const std::string k = domain::to_string(kind);
  s << "DELETE FROM hospital_list_entries WHERE program_year_id = :y AND kind = :k", soci::use(year_id), soci::use(k);
  s << "DELETE FROM hospital_lists WHERE program_year_id = :y AND kind = :k", soci::use(year_id), soci::use(k);
  Opt by(user_id);
  const int n = static_cast<int>(entries.size());
  s << "INSERT INTO hospital_lists (program_year_id, kind, entries, imported_by, imported_by_label, imported_at) "
       "VALUES (:y, :k, :n, :u, :l, :t)",
      soci::use(year_id), soci::use(k), soci::use(n), soci::use(by.value, by.ind), soci::use(label), soci::use(now);
  for (const auto& e : entries) {
    const int advanced = e.advanced ? 1 : 0;
    s << "INSERT INTO hospital_list_entries (program_year_id, kind, line, name, prefecture_code, advanced) "
         "VALUES (:y, :k, :l, :n, :p, :a)",
        soci::use(year_id), soci::use(k), soci::use(e.line), soci::use(e.name), soci::use(e.prefecture_code),
        soci::use(advanced);
  }
}

std::vector<HospitalListRow> hospital_lists_of(soci::session& s, const std::string& year_id) {
  std::vector<HospitalListRow> out;
  soci::rowset<soci::row> rs = (s.prepare << "SELECT kind, entries, imported_by_label, imported_at FROM hospital_lists "
                                             "WHERE program_year_id = :y ORDER BY kind",
                                soci::use(year_id));
  for (const auto& r : rs) out.push_back({text(r, 0), static_cast<int>(integer(r, 1)), text(r, 2), text(r, 3)});
  return out;
}

std::optional<std::vector<domain::ListedHospital>> hospital_list(soci::session& s, const std::string& year_id,
                                                                 domain::HospitalListKind kind) {
  const std::string k = domain::to_string(kind);
  int n = 0;
  s << "SELECT COUNT(*) FROM hospital_lists WHERE program_year_id = :y AND kind = :k", soci::use(year_id),
      soci::use(k), soci::into(n);
  if (n == 0) return std::nullopt;
  std::vector<domain::ListedHospital> out;
  soci::rowset<soci::row> rs = (s.prepare << "SELECT name, prefecture_code, advanced, line FROM hospital_list_entries "
                                             "WHERE program_year_id = :y AND kind = :k ORDER BY line",
                                soci::use(year_id), soci::use(k));
  for (const auto& r : rs)
    out.push_back({text(r, 0), static_cast<int>(integer(r, 1)), boolean(r, 2), static_cast<int>(integer(r, 3))});
  return out;
}

std::vector<FlagReviewRow> flag_reviews_of(soci::session& s, const std::string& year_id) {
  std::vector<FlagReviewRow> out;
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT f.application_id, f.reason, f.detail, f.review_reason, f.by_label, f.at "
                    "FROM selection_flag_reviews f JOIN applications a ON a.id = f.application_id "
                    "WHERE a.program_year_id = :y ORDER BY f.at",
       soci::use(year_id));
  for (const auto& r : rs) out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), text(r, 5)});
  return out;
}

void save_flag_review(soci::session& s, const FlagReviewRow& r, const std::optional<std::string>& user_id) {
  Opt by(user_id);
  s << "INSERT INTO selection_flag_reviews (application_id, reason, detail, review_reason, by_user_id, by_label, at) "
       "VALUES (:a, :r, :d, :rr, :u, :l, :t) ON CONFLICT (application_id, reason) DO UPDATE SET "
       "detail = excluded.detail, review_reason = excluded.review_reason, by_user_id = excluded.by_user_id, "
       "by_label = excluded.by_label, at = excluded.at",
      soci::use(r.application_id), soci::use(r.reason), soci::use(r.detail), soci::use(r.review_reason),
      soci::use(by.value, by.ind), soci::use(r.by_label), soci::use(r.at);
}

void insert_replacement(soci::session& s, const ReplacementRow& r) {
  s << "INSERT INTO member_replacements (id, application_id, member_id, old_member_name, new_member_json, status, "
       "requested_at) VALUES (:id, :a, :m, :o, :n, :s, :t)",
      soci::use(r.id), soci::use(r.application_id), soci::use(r.member_id), soci::use(r.old_member_name),
      soci::use(r.new_member_json), soci::use(r.status), soci::use(r.requested_at);
}

std::optional<ReplacementRow> find_replacement(soci::session& s, const std::string& id) {
  soci::rowset<soci::row> rs = (s.prepare << std::string(kReplacementColumns) + "WHERE id = :id", soci::use(id));
  for (const auto& r : rs) return replacement_from(r);
  return std::nullopt;
}

std::vector<ReplacementRow> replacements_of(soci::session& s, const std::string& application_id) {
  std::vector<ReplacementRow> out;
  soci::rowset<soci::row> rs =
      (s.prepare << std::string(kReplacementColumns) + "WHERE application_id = :a ORDER BY requested_at, id",
       soci::use(application_id));
  for (const auto& r : rs) out.push_back(replacement_from(r));
  return out;
}

int decide_replacement(soci::session& s, const std::string& id, const std::string& status, const std::string& reason,
                       const std::optional<std::string>& user_id, const std::string& label, const std::string& now) {
  Opt by(user_id);
  soci::statement st = (s.prepare << "UPDATE member_replacements SET status = :s, decision_reason = :r, "
                                     "decided_by = :u, decided_by_label = :l, decided_at = :t "
                                     "WHERE id = :id AND status = 'pending'",
                        soci::use(status), soci::use(reason), soci::use(by.value, by.ind), soci::use(label),
                        soci::use(now), soci::use(id));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

}  // namespace kenshu::store
