// Importing the official hospital lists and the flags they raise on applications (app/hospital_lists.hpp).
#include "app/hospital_lists.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/program_view.hpp"
#include "app/staff_reason.hpp"
#include "domain/api_error.hpp"
#include "store/application_store.hpp"
#include "store/program_store.hpp"
#include "store/review_store.hpp"

namespace kenshu::app {
namespace {

store::ProgramYearRow year_of(App& app, soci::session& s, const std::string& year_key) {
  auto year = store::find_year(s, year_key.empty() ? current_year_key(app, s) : year_key);
  if (!year) throw ApiError("program.year_not_found", "year");
  return *year;
}

}  // namespace

std::vector<SelectionFlag> flags_of_year(soci::session& s, const std::string& year_id,
                                         const std::set<std::string>* only) {
  const auto cc = store::hospital_list(s, year_id, domain::HospitalListKind::critical_care_center);
  const auto at = store::hospital_list(s, year_id, domain::HospitalListKind::advanced_treatment_hospital);
  std::vector<SelectionFlag> out;
  if (!cc && !at) return out;
  const auto reviews = store::flag_reviews_of(s, year_id);
  for (const auto& a : store::application_summaries(s, year_id)) {
    if (a.status == "withdrawn") continue;
    if (only && !only->count(a.id)) continue;
    for (auto& f : domain::check_declared_type(a.hospital, cc ? &*cc : nullptr, at ? &*at : nullptr)) {
      SelectionFlag flag{a.id, a.reference, a.hospital.name, a.hospital.prefecture_code, f.reason, f.detail, {}};
      auto r = std::find_if(reviews.begin(), reviews.end(), [&](const store::FlagReviewRow& r) {
        return r.application_id == a.id && r.reason == f.reason && r.detail == f.detail;
      });
      if (r != reviews.end()) flag.review = *r;
      out.push_back(std::move(flag));
    }
  }
  return out;
}

int unresolved_flags(const std::vector<SelectionFlag>& flags) {
  return static_cast<int>(std::count_if(flags.begin(), flags.end(), [](const SelectionFlag& f) { return !f.review; }));
}

HospitalListImport import_hospital_list(App& app, const Principal& p, const std::string& year_key,
                                        const std::string& kind, const std::string& csv) {
  require(p, domain::Capability::manage_sessions);
  const auto k = domain::hospital_list_kind_from(kind);
  if (!k) throw ApiError("hospital_list.unknown_kind");
  const auto entries = domain::parse_hospital_list(csv, *k);  // throws with line numbers: nothing imported
  return app.db.write([&](soci::session& s) {
    const auto year = year_of(app, s, year_key);
    const auto before = store::hospital_list(s, year.id, *k);
    store::replace_hospital_list(s, year.id, *k, entries, p.user_id, p.email, app.clock.now_utc());
    audit_change(app, s, Actor::of(p), "hospital_list", year.key + ":" + kind,
                 before ? boost::json::value{{"entries", before->size()}} : boost::json::value(nullptr),
                 {{"entries", entries.size()}});
    HospitalListImport out{year.key, kind, static_cast<int>(entries.size()), 0};
    out.flags = unresolved_flags(flags_of_year(s, year.id));
    return out;
  });
}

std::vector<store::HospitalListRow> hospital_lists(App& app, const Principal& p, const std::string& year_key) {
  require(p, domain::Capability::review_applications);
  return app.db.read([&](soci::session& s) { return store::hospital_lists_of(s, year_of(app, s, year_key).id); });
}

std::vector<SelectionFlag> selection_flags(App& app, const Principal& p, const std::string& year_key) {
  require(p, domain::Capability::manage_sessions);  // every application of the year
  return app.db.write([&](soci::session& s) {
    const auto year = year_of(app, s, year_key);
    audit_read(app, s, Actor::of(p), "selection_flags", year.key);
    return flags_of_year(s, year.id);
  });
}

std::vector<SelectionFlag> review_flags(App& app, const Principal& p, const std::string& application_id,
                                        const std::string& reason) {
  require(p, domain::Capability::manage_sessions);
  const std::string why = staff_reason(reason, /*required=*/true);
  return app.db.write([&](soci::session& s) {
    auto a = store::find_application(s, application_id);
    if (!a) throw ApiError("application.not_found");
    const std::set<std::string> only{application_id};
    auto flags = flags_of_year(s, a->program_year_id, &only);
    if (flags.empty()) throw ApiError("selection.flag_not_found");
    const std::string now = app.clock.now_utc();
    boost::json::array reviewed;
    for (auto& f : flags) {
      store::FlagReviewRow r{application_id, f.reason, f.detail, why, p.email, now};
      store::save_flag_review(s, r, p.user_id);
      reviewed.push_back({{"reason", f.reason}, {"detail", f.detail}});
      f.review = r;
    }
    audit_change(app, s, Actor::of(p), "selection_flag", application_id, nullptr,
                 {{"reviewed", reviewed}, {"reason", why}});
    return flags;
  });
}

}  // namespace kenshu::app
