#include "app/sim_attempts.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

#include "store/learning_store.hpp"
#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "domain/api_error.hpp"
#include "store/program_store.hpp"
#include "store/ids.hpp"
#include "store/row.hpp"

namespace kenshu::app {
namespace json = boost::json;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The member the signed-in address is (the most recent year's), or request.not_found.
store::ParticipantRow participant_of(soci::session& s, const Principal& pr) {
  if (pr.is_staff() || pr.email.empty()) throw ApiError("request.not_found");
  auto rows = store::participants_by_email(s, pr.email);
  if (rows.empty()) throw ApiError("request.not_found");
  return rows.front();
}

json::object attempt_json(const soci::row& r) {
  json::value debrief;
  try {
    debrief = json::parse(store::text(r, 6));
  } catch (const std::exception&) {
    debrief = json::object{};
  }
  return json::object{{"id", store::text(r, 0)},          {"scenario_id", store::text(r, 1)},
                      {"started_at", store::text(r, 2)},  {"duration_s", store::integer(r, 3)},
                      {"score", store::integer(r, 4)},    {"max_score", store::integer(r, 5)},
                      {"debrief", std::move(debrief)},    {"created_at", store::text(r, 7)}};
}

constexpr const char* kColumns = "id, scenario_id, started_at, duration_s, score, max_score, debrief, created_at";

}  // namespace

json::value save_sim_attempt(App& app, const Principal& pr, const SimAttemptInput& in) {
  const std::string now = app.clock.now_utc();
  const std::string id = store::new_id();
  const std::string email = lower(pr.email);
  app.db.write([&](soci::session& s) {
    const auto member = participant_of(s, pr);
    s << "INSERT INTO sim_attempts (id, email, member_id, scenario_id, started_at, duration_s, score, max_score, "
         "debrief, created_at) VALUES (:id, :e, :m, :sc, :st, :d, :p, :mx, :db, :c)",
        soci::use(id), soci::use(email), soci::use(member.member_id), soci::use(in.scenario_id),
        soci::use(in.started_at), soci::use(in.duration_s), soci::use(in.score), soci::use(in.max_score),
        soci::use(in.debrief), soci::use(now);
    // Keep the newest kSimKeptPerPerson of this address.
    s << "DELETE FROM sim_attempts WHERE email = :e AND id NOT IN (SELECT id FROM sim_attempts WHERE email = :e2 "
         "ORDER BY created_at DESC, started_at DESC, id LIMIT :n)",
        soci::use(email, "e"), soci::use(email, "e2"), soci::use(kSimKeptPerPerson, "n");
  });
  return app.db.read([&](soci::session& s) -> json::value {
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT " << kColumns << " FROM sim_attempts WHERE id = :i", soci::use(id));
    for (const auto& r : rs) return json::object{{"attempt", attempt_json(r)}};
    throw ApiError("request.not_found");
  });
}

json::value list_sim_attempts(App& app, const Principal& pr) {
  return app.db.read([&](soci::session& s) -> json::value {
    participant_of(s, pr);
    const std::string email = lower(pr.email);
    json::array list;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT " << kColumns
                                            << " FROM sim_attempts WHERE email = :e "
                                               "ORDER BY created_at DESC, started_at DESC, id",
                                  soci::use(email));
    for (const auto& r : rs) list.push_back(attempt_json(r));
    return json::object{{"attempts", std::move(list)}};
  });
}

json::value sim_attempts_for_staff(App& app, const Principal& p, const std::string& year_key,
                                   const std::string& session_id) {
  require(p, domain::Capability::review_applications);
  // A write transaction: the read of personal data is recorded in the audit log with it.
  return app.db.write([&](soci::session& s) -> json::value {
    const auto y = store::find_year(s, year_key);
    if (!y) throw ApiError("program.year_not_found");
    json::array rows;
    for (const auto& m : store::participants_of_year(s, y->id)) {
      if (!session_id.empty() && m.session_id != session_id) continue;
      if (p.role != domain::Role::admin && p.role != domain::Role::staff &&
          std::find(p.session_ids.begin(), p.session_ids.end(), m.session_id) == p.session_ids.end())
        continue;
      json::array list;
      soci::rowset<soci::row> rs = (s.prepare << "SELECT id, scenario_id, started_at, duration_s, score, max_score "
                                                 "FROM sim_attempts WHERE member_id = :m "
                                                 "ORDER BY created_at DESC, started_at DESC, id",
                                    soci::use(m.member_id));
      for (const auto& r : rs)
        list.push_back({{"id", store::text(r, 0)}, {"scenario_id", store::text(r, 1)},
                        {"started_at", store::text(r, 2)}, {"duration_s", store::integer(r, 3)},
                        {"score", store::integer(r, 4)}, {"max_score", store::integer(r, 5)}});
      rows.push_back({{"member_id", m.member_id}, {"reference", m.reference}, {"hospital", m.hospital},
                      {"session_id", m.session_id}, {"name", m.name}, {"profession", m.profession},
                      {"attempts", std::move(list)}});
    }
    audit_read(app, s, Actor::of(p), "sim_attempts", y->id);
    return json::object{{"year", y->key}, {"participants", std::move(rows)}};
  });
}

}  // namespace kenshu::app
