// The engine's input read from the database (pool, pins, exclusions, places already taken), and its result as
// the JSON a run stores.
#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "app/access_control.hpp"
#include "app/secrets.hpp"
#include "app/selection_internal.hpp"
#include "domain/api_error.hpp"
#include "domain/application_rules.hpp"
#include "domain/prefectures.hpp"
#include "store/selection_store.hpp"

namespace kenshu::app {
namespace json = boost::json;

namespace {

// A team that already holds or gave up a place this year is out of the pool.
bool in_pool(const std::optional<store::PlacementRow>& p) {
  return !p || p->outcome == "waitlisted" || p->outcome == "not_selected";
}

L10n session_short_label(const store::SessionRow& s) {
  const auto d = time::parse_date(s.date);
  const unsigned m = d ? unsigned(d->month()) : 0, day = d ? unsigned(d->day()) : 0;
  static const char* months[] = {"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return {s.region.ja + std::to_string(m) + "/" + std::to_string(day),
          s.region.en + ", " + std::to_string(day) + " " + months[m < 13 ? m : 0]};
}

json::object l10n(const L10n& t) { return {{"ja", t.ja}, {"en", t.en}}; }

}  // namespace

SelectionSettings selection_settings_of(soci::session& s, const std::string& year_id) {
  auto j = store::selection_settings_json(s, year_id);
  return j ? selection_settings_from_json(*j) : SelectionSettings{};
}

json::array overrides_json(const std::vector<CapacityOverride>& overrides) {
  json::array out;
  for (const auto& o : overrides)
    out.push_back({{"session_id", o.session_id}, {"capacity_teams", o.capacity_teams}, {"capacity_people", o.capacity_people}});
  return out;
}

std::vector<CapacityOverride> overrides_from(const std::string& text) {
  std::vector<CapacityOverride> out;
  const json::value doc = json::parse(text);
  for (const auto& v : doc.as_array())
    out.push_back({std::string(v.at("session_id").as_string()), static_cast<int>(v.at("capacity_teams").to_number<std::int64_t>()),
                   static_cast<int>(v.at("capacity_people").to_number<std::int64_t>())});
  return out;
}

std::vector<std::string> session_ids_from(const std::string& text) {
  std::vector<std::string> out;
  const json::value doc = json::parse(text);
  for (const auto& v : doc.as_array()) out.emplace_back(v.as_string());
  return out;
}

std::string confirm_by_for(const store::SessionRow& session, const SelectionSettings& settings, time::Instant now) {
  time::Instant by = now + std::chrono::days(settings.confirm_days);
  if (auto d = time::parse_date(session.date)) by = std::min(by, time::jst_start_of(*d) - std::chrono::milliseconds(1));
  return time::to_utc_string(by);
}

bool promotion_open(const store::SessionRow& session, const SelectionSettings& settings, time::Instant now) {
  const auto d = time::parse_date(session.date);
  if (!d) return false;
  const std::chrono::year_month_day stop{std::chrono::sys_days{*d} - std::chrono::days(settings.promotion_stops_days_before)};
  return now < time::jst_start_of(stop);
}

RunInput build_run_input(App& app, soci::session& s, const std::string& year_key,
                         const std::vector<std::string>& session_ids, const std::vector<CapacityOverride>& overrides,
                         std::uint64_t seed) {
  const time::Instant now = app.clock.now();
  RunInput in;
  auto year = store::find_year(s, year_key.empty() ? current_year_key(app, s) : year_key);
  if (!year) throw ApiError("program.year_not_found", "year");
  in.year = *year;
  in.sessions = store::sessions_of(s, year->id);
  in.settings = selection_settings_of(s, year->id);
  if (session_ids.empty()) throw ApiError("selection.no_sessions", "session_ids");
  std::set<std::string> run(session_ids.begin(), session_ids.end());
  if (run.size() != session_ids.size()) throw ApiError("selection.duplicate_session", "session_ids");
  for (const auto& id : session_ids) {
    auto it = std::find_if(in.sessions.begin(), in.sessions.end(), [&](const store::SessionRow& r) { return r.id == id; });
    if (it == in.sessions.end()) throw ApiError("session.not_found", "session_ids");
    if (session_is_open(in.year, *it, now)) throw ApiError("selection.session_open", "session_ids");
  }
  for (const auto& o : overrides) {
    if (!run.count(o.session_id)) throw ApiError("session.not_found", "capacity_overrides.session_id");
    if (o.capacity_teams < 0 || o.capacity_teams > 10000) throw ApiError("field.out_of_range", "capacity_overrides.capacity_teams");
    if (o.capacity_people < 0 || o.capacity_people > 100000)
      throw ApiError("field.out_of_range", "capacity_overrides.capacity_people");
    for (auto& r : in.sessions)
      if (r.id == o.session_id) {
        r.capacity_teams = o.capacity_teams;
        r.capacity_people = o.capacity_people;
      }
  }

  std::map<std::string, store::PlacementRow> placed;
  for (auto& p : store::placements_of_year(s, year->id)) placed.emplace(p.application_id, std::move(p));
  std::map<std::string, std::string> pins;
  for (const auto& p : store::pins_of(s, year->id)) pins[p.application_id] = p.session_id;
  std::set<std::string> excluded;
  for (const auto& e : store::excludes_of(s, year->id)) excluded.insert(e.application_id);

  auto& input = in.input;
  input.rules = in.settings.rules;
  input.seed = seed;
  json::array hashed_teams;
  std::set<std::string> taken_hospitals;
  for (auto& a : store::application_summaries(s, year->id)) {
    if (a.status != "submitted") continue;
    auto pl = placed.find(a.id);
    const std::string hospital = domain::hospital_key(a.hospital);
    if (pl != placed.end() && pl->second.outcome == "accepted") taken_hospitals.insert(hospital);
    if (!in_pool(pl == placed.end() ? std::nullopt : std::optional(pl->second))) continue;
    domain::SelectionTeam t;
    t.id = a.id;
    t.reference = a.reference;
    t.hospital_key = hospital;
    t.prefecture_code = a.hospital.prefecture_code;
    t.critical_care_center = a.hospital.critical_care_center;
    t.advanced_treatment_hospital = a.hospital.advanced_treatment_hospital;
    t.ecmo_cases_last_year = a.hospital.ecmo_cases_last_year.vv + a.hospital.ecmo_cases_last_year.va;
    t.people = std::max<int>(1, static_cast<int>(a.members.size()));
    t.preferences = a.session_ids;
    t.any_session = a.any_session;
    if (auto pin = pins.find(a.id); pin != pins.end()) {
      if (!run.count(pin->second)) continue;  // pinned to a session of a later run
      t.pinned_session = pin->second;
    } else {
      t.excluded = excluded.count(a.id) > 0 || a.review_status == "ineligible";
    }
    const bool concerned = t.any_session || t.pinned_session ||
                           std::any_of(t.preferences.begin(), t.preferences.end(), [&](const std::string& id) { return run.count(id) > 0; });
    if (!concerned) continue;
    json::array prefs;
    for (const auto& p : t.preferences) prefs.push_back(json::value(p));
    hashed_teams.push_back({{"id", t.id},
                            {"reference", t.reference},
                            {"hospital", t.hospital_key},
                            {"prefecture", t.prefecture_code},
                            {"ccc", domain::to_string(t.critical_care_center)},
                            {"ath", t.advanced_treatment_hospital},
                            {"ecmo", t.ecmo_cases_last_year},
                            {"people", t.people},
                            {"preferences", prefs},
                            {"any", t.any_session},
                            {"pin", t.pinned_session.value_or("")},
                            {"excluded", t.excluded}});
    input.teams.push_back(std::move(t));
    in.teams.emplace(a.id, std::move(a));
  }
  input.hospitals_already_selected.assign(taken_hospitals.begin(), taken_hospitals.end());

  // Every session a team names, so that explanations can say why not; those chosen take part.
  json::array hashed_sessions;
  for (const auto& r : in.sessions) {
    domain::SelectionSession ss;
    ss.id = r.id;
    ss.label = session_short_label(r);
    ss.capacity_teams = r.capacity_teams;
    ss.capacity_people = r.capacity_people;
    const store::SessionLoad load = store::session_load(s, r.id);
    ss.occupied_teams = std::min(load.teams, r.capacity_teams);
    ss.occupied_people = std::min(load.people, r.capacity_people);
    ss.occupied_teams_by_prefecture = load.teams_by_prefecture;
    ss.in_run = run.count(r.id) > 0;
    hashed_sessions.push_back({{"id", r.id}, {"teams", r.capacity_teams}, {"people", r.capacity_people},
                               {"occupied", load.teams}, {"occupied_people", load.people}, {"in_run", ss.in_run}});
    input.sessions.push_back(std::move(ss));
  }
  json::array taken;
  for (const auto& h : input.hospitals_already_selected) taken.push_back(json::value(h));
  const json::object fingerprint{{"year", year->id},
                                 {"seed", std::to_string(seed)},
                                 {"rules", to_json(in.settings)},
                                 {"teams", hashed_teams},
                                 {"sessions", hashed_sessions},
                                 {"taken", taken}};
  in.hash = sha256_hex(json::serialize(fingerprint));
  return in;
}

json::object result_json(const RunInput& in, const domain::SelectionResult& r) {
  std::map<std::string, std::vector<std::pair<std::string, int>>> waitlists;  // team → (session, position)
  for (const auto& sc : r.sessions)
    for (std::size_t i = 0; i < sc.waitlist.size(); ++i) waitlists[sc.waitlist[i]].push_back({sc.session_id, int(i) + 1});
  auto session_of = [&](const std::string& id) -> const store::SessionRow* {
    for (const auto& s : in.sessions)
      if (s.id == id) return &s;
    return nullptr;
  };

  json::array teams;
  int accepted = 0, waitlisted = 0, not_selected = 0;
  std::map<std::string, int> by_region_count;
  std::map<std::string, L10n> region_names;
  std::map<int, int> by_prefecture;
  for (const auto& t : r.teams) {
    const auto& a = in.teams.at(t.team_id);
    const bool placed = t.outcome == domain::TeamOutcome::selected || t.outcome == domain::TeamOutcome::pinned;
    json::array wl, later, better;
    for (const auto& [sid, pos] : waitlists[t.team_id]) wl.push_back({{"session_id", sid}, {"position", pos}});
    for (const auto& id : t.later_sessions) later.push_back(json::value(id));
    for (const auto& b : t.better_preferences)
      better.push_back({{"session_id", b.session_id}, {"rank", b.rank}, {"reason", domain::to_string(b.reason)}, {"text", l10n(*b.text)}});
    std::string outcome = placed ? "accepted" : (!wl.empty() ? "waitlisted" : "not_selected");
    if (placed) {
      ++accepted;
      if (const auto* s = session_of(*t.session_id)) {
        by_region_count[s->region.en] += 1;
        region_names[s->region.en] = s->region;
      }
      by_prefecture[a.hospital.prefecture_code] += 1;
    } else if (!wl.empty()) ++waitlisted;
    else ++not_selected;
    teams.push_back({{"application_id", t.team_id},
                     {"reference", a.reference},
                     {"hospital_name", a.hospital.name},
                     {"prefecture_code", a.hospital.prefecture_code},
                     {"people", a.members.size()},
                     {"tier", t.tier},
                     {"engine_outcome", domain::to_string(t.outcome)},
                     {"outcome", outcome},
                     {"session_id", t.session_id ? json::value(*t.session_id) : json::value(nullptr)},
                     {"rank", t.rank},
                     {"lottery_position", t.lottery_position},
                     {"waitlist", wl},
                     {"later_session_ids", later},
                     {"better_preferences", better},
                     {"explanation", l10n(t.explanation)}});
  }
  json::array sessions;
  for (const auto& sc : r.sessions) {
    const auto* s = session_of(sc.session_id);
    json::array by_tier, wl;
    for (int n : sc.selected_by_tier) by_tier.push_back(n);
    for (const auto& id : sc.waitlist) wl.push_back(json::value(id));
    sessions.push_back({{"session_id", sc.session_id},
                        {"number", s ? s->number : 0},
                        {"date", s ? s->date : ""},
                        {"region", s ? l10n(s->region) : json::object{}},
                        {"capacity_teams", s ? s->capacity_teams : 0},
                        {"capacity_people", s ? s->capacity_people : 0},
                        {"selected_by_tier", by_tier},
                        {"pinned", sc.pinned},
                        {"teams", sc.teams},
                        {"people", sc.people},
                        {"team_limit", sc.team_limit},
                        {"waitlist", wl}});
  }
  json::array tiers;
  for (const auto& tc : r.tiers)
    tiers.push_back({{"tier", tc.tier},
                     {"name", l10n(tc.name)},
                     {"description", l10n(domain::describe_tier(tc.tier, in.input.rules))},
                     {"teams", tc.teams},
                     {"eligible", tc.eligible},
                     {"selected", tc.selected}});
  json::array regions, prefectures, warnings;
  for (const auto& [key, n] : by_region_count) regions.push_back({{"region", l10n(region_names[key])}, {"teams", n}});
  for (const auto& [code, n] : by_prefecture) {
    const auto* pref = domain::prefecture(code);
    prefectures.push_back({{"prefecture_code", code},
                           {"prefecture", pref ? l10n({std::string(pref->ja), std::string(pref->en)}) : json::object{}},
                           {"teams", n}});
  }
  for (const auto& w : r.warnings) warnings.push_back(l10n(w));
  json::array score_tiers;
  for (auto n : r.score.selected_by_tier) score_tiers.push_back(n);
  return {{"seed", std::to_string(r.seed)},
          {"counts", {{"accepted", accepted}, {"waitlisted", waitlisted}, {"not_selected", not_selected}}},
          {"teams", teams},
          {"sessions", sessions},
          {"tiers", tiers},
          {"by_region", regions},
          {"by_prefecture", prefectures},
          {"warnings", warnings},
          {"score", {{"selected_by_tier", score_tiers}, {"rank_sum", r.score.rank_sum}, {"lottery", r.score.lottery}}},
          {"lottery_method", domain::kLotteryMethod},
          {"exact_optimum", r.people_repair_rounds == 0}};
}

}  // namespace kenshu::app
