#include "app/dashboard.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/program_view.hpp"
#include "domain/api_error.hpp"
#include "domain/suppression.hpp"
#include "store/review_store.hpp"

namespace kenshu::app {
namespace {

// The hospital's one type for the dashboard, most specific first.
std::string hospital_type(const domain::Hospital& h) {
  if (h.critical_care_center == domain::CriticalCareCenter::advanced) return "advanced_critical_care";
  if (h.critical_care_center == domain::CriticalCareCenter::regular) return "critical_care";
  if (h.advanced_treatment_hospital) return "advanced_treatment";
  return "other";
}

Count shown(std::size_t n, bool suppress) {
  if (suppress && domain::is_suppressed(n)) return std::nullopt;
  return n;
}

// The groups partition a total that is shown too, so a lone withheld group could be recovered by subtraction:
// domain::groups_to_hide withholds a second one in that case.
template <class K>
std::map<K, Count> shown_partition(const std::map<K, std::size_t>& counts, bool suppress) {
  std::map<K, Count> out;
  std::vector<std::size_t> sizes;
  for (const auto& [k, n] : counts) sizes.push_back(n);
  const std::vector<bool> hide = suppress ? domain::groups_to_hide(sizes) : std::vector<bool>(sizes.size(), false);
  std::size_t i = 0;
  for (const auto& [k, n] : counts) out[k] = hide[i++] ? Count{} : Count{n};
  return out;
}

}  // namespace

Dashboard dashboard(App& app, const Principal& p, const std::string& year_key) {
  // Staff see every figure; the Ministry (aggregates only) sees them with small groups withheld.
  const bool staff_view = domain::may(p.role, domain::Capability::review_applications) &&
                          domain::scope_of(p.role, domain::Capability::review_applications) == domain::Scope::all;
  if (!staff_view) require(p, domain::Capability::view_aggregates);
  const bool suppress = !staff_view;
  return app.db.read([&](soci::session& s) {
    Dashboard d;
    d.suppressed = suppress;
    d.year_key = year_key.empty() ? current_year_key(app, s) : year_key;
    auto year = store::find_year(s, d.year_key);
    if (!year) throw ApiError("program.year_not_found", "year");
    const auto sessions = store::sessions_of(s, year->id);
    const auto all = store::application_summaries(s, year->id);
    std::size_t active = 0, withdrawn = 0, people = 0, any = 0;
    std::map<std::string, std::vector<std::size_t>> ranks;
    std::map<std::string, std::size_t> professions{{"doctor", 0}, {"nurse", 0}, {"clinical_engineer", 0}, {"other", 0}};
    std::map<int, std::size_t> prefectures;
    std::map<std::string, std::size_t> types{
        {"advanced_critical_care", 0}, {"critical_care", 0}, {"advanced_treatment", 0}, {"other", 0}};
    for (const auto& a : all) {
      if (a.status == "withdrawn") {
        ++withdrawn;
        continue;
      }
      ++active;
      people += a.members.size();
      if (a.any_session) ++any;
      for (std::size_t i = 0; i < a.session_ids.size(); ++i) {
        auto& v = ranks[a.session_ids[i]];
        if (v.size() <= i) v.resize(i + 1, 0);
        ++v[i];
      }
      for (const auto& m : a.members) ++professions[std::string(domain::to_string(m.profession))];
      ++prefectures[a.hospital.prefecture_code];
      ++types[hospital_type(a.hospital)];
    }
    std::size_t max_rank = 1;
    for (const auto& [id, v] : ranks) max_rank = std::max(max_rank, v.size());
    const std::string now = app.clock.now_utc();
    for (const auto& session : sessions) {
      SessionCounts sc{session, {}, shown(any, suppress)};
      auto v = ranks[session.id];
      v.resize(max_rank, 0);
      for (std::size_t n : v) sc.by_rank.push_back(shown(n, suppress));
      d.sessions.push_back(std::move(sc));
      if (session.applications_close_at > now && (!d.next_close_at || session.applications_close_at < *d.next_close_at)) {
        d.next_close_at = session.applications_close_at;
        d.next_close_session_number = session.number;
      }
    }
    d.applications = shown(active, suppress);
    d.withdrawn = shown(withdrawn, suppress);
    d.people = shown(people, suppress);
    d.by_profession = shown_partition(professions, suppress);
    d.by_prefecture = shown_partition(prefectures, suppress);
    d.by_hospital_type = shown_partition(types, suppress);
    return d;
  });
}

}  // namespace kenshu::app
