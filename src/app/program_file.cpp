#include "app/program_file.hpp"

#include <boost/json.hpp>
#include <toml++/toml.h>

#include <set>
#include <stdexcept>

#include "domain/prefectures.hpp"

namespace kenshu::app {
namespace {
using namespace std::chrono;

struct Reader {
  std::string file;

  [[noreturn]] void fail(const std::string& what) const { throw std::runtime_error(file + ": " + what); }

  std::string str(const toml::node_view<const toml::node>& n, const std::string& name) const {
    auto v = n.value<std::string>();
    if (!v || v->empty()) fail("missing text " + name);
    return *v;
  }
  std::string str_or(const toml::node_view<const toml::node>& n, std::string fallback) const {
    return n.value<std::string>().value_or(std::move(fallback));
  }
  int integer(const toml::node_view<const toml::node>& n, const std::string& name) const {
    auto v = n.value<int64_t>();
    if (!v) fail("missing number " + name);
    return static_cast<int>(*v);
  }
  L10n l10n(const toml::node_view<const toml::node>& n, const std::string& name) const {
    return {str(n["ja"], name + ".ja"), str(n["en"], name + ".en")};
  }
  std::string instant(const toml::node_view<const toml::node>& n, const std::string& name) const {
    auto t = time::parse_instant(str(n, name));
    if (!t) fail(name + " is not an ISO 8601 instant with offset");
    return time::to_utc_string(*t);
  }
};

year_month_day next_sunday(year_month_day d) {
  sys_days day{d};
  while (weekday{day} != Sunday) day += days{1};
  return year_month_day{day};
}

// A demo year has no fixed dates: each session is N days after today (moved to a Sunday) or after another session.
std::string session_date(const Reader& r, const toml::table& t, const std::vector<SessionSpec>& earlier,
                         year_month_day today) {
  if (auto d = t["date"].value<std::string>()) {
    if (!time::parse_date(*d)) r.fail("session date " + *d + " is not YYYY-MM-DD");
    return *d;
  }
  const int offset = r.integer(toml::node_view<const toml::node>(t["date_offset_days"]), "date_offset_days");
  if (auto after = t["after_session"].value<int64_t>()) {
    for (const auto& s : earlier)
      if (s.number == *after) return time::to_date_string(year_month_day{sys_days{*time::parse_date(s.date)} + days{offset}});
    r.fail("after_session names an unknown earlier session");
  }
  return time::to_date_string(next_sunday(year_month_day{sys_days{today} + days{offset}}));
}

// [selection]: ecmo_cases_threshold = N gives the default tiers (see domain::default_selection_rules); a list of
// [[selection.tiers]] (any_of = [...designations], min_ecmo_cases = N) states them in order instead.
SelectionSettings read_selection(const Reader& r, const toml::table& root) {
  SelectionSettings out;
  const auto* t = root["selection"].as_table();
  if (!t) return out;
  const toml::node_view<const toml::node> n{*t};
  auto non_negative = [&](const char* key, int fallback) {
    const auto v = n[key].value<int64_t>();
    if (!v) return fallback;
    if (*v < 0 || *v > 100000) r.fail(std::string("selection.") + key + " must be a number ≥ 0");
    return static_cast<int>(*v);
  };
  out.rules = domain::default_selection_rules(non_negative("ecmo_cases_threshold", 10));
  if (n["max_teams_per_prefecture_per_session"]) {
    const int k = non_negative("max_teams_per_prefecture_per_session", 0);
    if (k < 1) r.fail("selection.max_teams_per_prefecture_per_session must be ≥ 1");
    out.rules.max_teams_per_prefecture_per_session = k;
  }
  out.confirm_days = non_negative("confirm_days", 14);
  if (out.confirm_days < 1) r.fail("selection.confirm_days must be ≥ 1");
  out.promotion_stops_days_before = non_negative("promotion_stops_days_before", 7);
  if (const auto* tiers = n["tiers"].as_array()) {
    out.rules.tiers.clear();
    for (const auto& node : *tiers) {
      const toml::node_view<const toml::node> tn{node};
      domain::TierRule rule;
      if (const auto* any = tn["any_of"].as_array())
        for (const auto& d : *any) {
          const std::string name = d.value<std::string>().value_or("");
          if (name == "critical_care_center") rule.any_of.push_back(domain::Designation::critical_care_center);
          else if (name == "advanced_critical_care_center")
            rule.any_of.push_back(domain::Designation::advanced_critical_care_center);
          else if (name == "advanced_treatment_hospital")
            rule.any_of.push_back(domain::Designation::advanced_treatment_hospital);
          else r.fail("selection.tiers.any_of: unknown designation " + name);
        }
      rule.min_ecmo_cases = static_cast<int>(tn["min_ecmo_cases"].value<int64_t>().value_or(0));
      if (rule.min_ecmo_cases < 0) r.fail("selection.tiers.min_ecmo_cases must be ≥ 0");
      out.rules.tiers.push_back(rule);
    }
  }
  return out;
}

}  // namespace

std::string default_close_at(const std::string& date, int close_days_before) {
  const auto d = time::parse_date(date);
  if (!d) throw std::runtime_error("bad date " + date);
  const year_month_day last_day{sys_days{*d} - days{close_days_before}};
  return time::to_utc_string(time::jst_start_of(year_month_day{sys_days{last_day} + days{1}}) - milliseconds{1});
}

ProgramSpec read_program_file(const std::string& path, year_month_day today) {
  Reader r{path};
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    r.fail(std::string(e.description()));
  }
  const toml::node_view<const toml::node> root{t};
  ProgramSpec spec;
  auto& y = spec.year;
  y.key = r.str(root["key"], "key");
  y.is_demo = root["is_demo"].value<bool>().value_or(false);
  y.label = r.l10n(root["label"], "label");
  y.title = r.l10n(root["title"], "title");
  y.reference_prefix = r.str(root["reference_prefix"], "reference_prefix");
  y.close_days_before = root["close_days_before"].value<int64_t>().value_or(42);
  y.team_min_size = static_cast<int>(root["team"]["min_size"].value<int64_t>().value_or(2));
  y.team_max_size = static_cast<int>(root["team"]["max_size"].value<int64_t>().value_or(8));
  if (y.team_min_size < 2 || y.team_max_size < y.team_min_size) r.fail("team sizes must satisfy 2 ≤ min ≤ max");
  y.privacy_version = r.str(root["privacy"]["version"], "privacy.version");
  y.privacy_text = r.l10n(root["privacy"]["text"], "privacy.text");
  y.secretariat_name = r.l10n(root["secretariat"]["name"], "secretariat.name");
  y.secretariat_email = r.str(root["secretariat"]["email"], "secretariat.email");
  if (auto offset = root["applications_open_offset_days"].value<int64_t>())
    y.applications_open_at = time::to_utc_string(time::jst_start_of(year_month_day{sys_days{today} + days{*offset}}));
  else y.applications_open_at = r.instant(root["applications_open_at"], "applications_open_at");
  if (root["applications_close_at"]) y.applications_close_at = r.instant(root["applications_close_at"], "applications_close_at");

  if (auto* notes = t["notes"].as_array()) {
    boost::json::array arr;
    for (std::size_t i = 0; i < notes->size(); ++i) {
      const L10n note = r.l10n(toml::node_view<const toml::node>{(*notes)[i]}, "notes[" + std::to_string(i) + "]");
      arr.push_back(boost::json::object{{"ja", note.ja}, {"en", note.en}});
    }
    y.notes_json = boost::json::serialize(arr);
  }

  const int default_teams = static_cast<int>(root["capacity"]["teams"].value<int64_t>().value_or(8));
  const int default_people = static_cast<int>(root["capacity"]["people"].value<int64_t>().value_or(32));
  int position = 0;
  if (auto* courses = t["courses"].as_array())
    for (auto& c : *courses) {
      const toml::node_view<const toml::node> n{c};
      store::CourseRow row{"", r.str(n["code"], "courses.code"), r.l10n(n["name"], "courses.name"),
                           r.str(n["starts"], "courses.starts"), r.str(n["ends"], "courses.ends"), ++position};
      if (row.code != "ventilator" && row.code != "ecmo") r.fail("course code must be ventilator or ecmo");
      spec.courses.push_back(row);
    }
  if (spec.courses.empty()) r.fail("no [[courses]]");

  std::set<int> numbers;
  if (auto* sessions = t["sessions"].as_array())
    for (auto& node : *sessions) {
      const auto* st = node.as_table();
      if (!st) r.fail("[[sessions]] must be tables");
      const toml::node_view<const toml::node> n{node};
      SessionSpec s;
      s.number = r.integer(n["number"], "sessions.number");
      if (!numbers.insert(s.number).second) r.fail("session number " + std::to_string(s.number) + " repeated");
      s.date = session_date(r, *st, spec.sessions, today);
      s.region = r.l10n(n["region"], "sessions.region");
      s.prefecture_code = r.integer(n["prefecture_code"], "sessions.prefecture_code");
      if (!domain::prefecture(s.prefecture_code)) r.fail("prefecture_code must be 1–47");
      s.venue = r.l10n(n["venue"], "sessions.venue");
      s.capacity_teams = static_cast<int>(n["capacity_teams"].value<int64_t>().value_or(default_teams));
      s.capacity_people = static_cast<int>(n["capacity_people"].value<int64_t>().value_or(default_people));
      if (n["applications_close_at"]) s.applications_close_at = r.instant(n["applications_close_at"], "applications_close_at");
      spec.sessions.push_back(s);
    }
  if (spec.sessions.empty()) r.fail("no [[sessions]]");
  spec.selection = read_selection(r, t);
  y.fiscal_year = static_cast<int>(root["fiscal_year"].value<int64_t>().value_or(0));
  if (y.fiscal_year == 0) {
    // A fiscal year runs April to March: the first session decides it.
    const auto first = *time::parse_date(spec.sessions.front().date);
    y.fiscal_year = int(first.year()) - (unsigned(first.month()) < 4 ? 1 : 0);
  }
  return spec;
}

}  // namespace kenshu::app
