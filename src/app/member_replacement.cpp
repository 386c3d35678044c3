#include "app/member_replacement.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>

#include "app/access_control.hpp"
#include "app/application_mail.hpp"
#include "app/audit.hpp"
#include "app/program_view.hpp"
#include "app/secrets.hpp"
#include "app/staff_reason.hpp"
#include "domain/api_error.hpp"
#include "domain/application_rules.hpp"
#include "store/application_store.hpp"
#include "store/ids.hpp"
#include "store/selection_store.hpp"

namespace kenshu::app {
namespace json = boost::json;
namespace {

store::ApplicationRecord by_token(soci::session& s, const std::string& token) {
  if (token.empty() || token.size() > 128) throw ApiError("application.not_found");
  auto a = store::find_application_by_token_hash(s, hash_token(token));
  if (!a) throw ApiError("application.not_found");
  return *a;
}

void require_accepted(soci::session& s, const store::ApplicationRecord& a) {
  const auto pl = store::find_placement(s, a.id);
  if (a.status == "withdrawn" || !pl || pl->outcome != "accepted") throw ApiError("replacement.not_accepted");
}

json::object member_to_json(const domain::Member& m) {
  return {{"name", m.name},
          {"name_kana", m.name_kana},
          {"profession", domain::to_string(m.profession)},
          {"department", m.department},
          {"years_of_experience", m.years_of_experience},
          {"email", m.email}};
}

domain::Member member_from_json(const std::string& text) {
  const json::object o = json::parse(text).as_object();
  domain::Member m;
  m.name = std::string(o.at("name").as_string());
  m.name_kana = std::string(o.at("name_kana").as_string());
  m.profession = domain::profession_from(std::string(o.at("profession").as_string())).value_or(domain::Profession::other);
  m.department = std::string(o.at("department").as_string());
  m.years_of_experience = static_cast<int>(o.at("years_of_experience").to_number<std::int64_t>());
  m.email = std::string(o.at("email").as_string());
  return m;
}

// The team with the member replaced, checked against the year's team rules; throws team.* / field problems.
store::ApplicationRecord replaced(App& app, soci::session& s, const store::ApplicationRecord& a,
                                  const std::string& member_id, const domain::Member& raw) {
  const auto it = std::find(a.member_ids.begin(), a.member_ids.end(), member_id);
  if (it == a.member_ids.end()) throw ApiError("replacement.member_not_found", "member_id");
  const auto i = static_cast<std::size_t>(it - a.member_ids.begin());
  auto year = store::find_year_by_id(s, a.program_year_id);
  if (!year) throw ApiError("application.not_found");
  const YearContext ctx = year_context(app, s, year->key, app.clock.now());
  Problems p;
  store::ApplicationRecord out = a;
  out.members[i] = domain::normalise_member(p, raw, i);
  domain::check_team(p, out.members, ctx.rules.team);
  p.throw_if_any();
  return out;
}

}  // namespace

store::ReplacementRow request_member_replacement(App& app, const std::string& token, const std::string& member_id,
                                                 const domain::Member& new_member) {
  return app.db.write([&](soci::session& s) {
    const auto a = by_token(s, token);
    require_accepted(s, a);
    const auto after = replaced(app, s, a, member_id, new_member);
    for (const auto& r : store::replacements_of(s, a.id))
      if (r.member_id == member_id && r.status == "pending") throw ApiError("replacement.pending", "member_id");
    const auto i = static_cast<std::size_t>(std::find(a.member_ids.begin(), a.member_ids.end(), member_id) -
                                            a.member_ids.begin());
    const std::string now = app.clock.now_utc();
    store::ReplacementRow row{store::new_id(), a.id, member_id, a.members[i].name,
                              json::serialize(member_to_json(after.members[i])), "pending", {}, {}, now, {}};
    store::insert_replacement(s, row);
    store::add_application_event(s, a.id, {now, "member_replacement_requested", "contact",
                                           json::serialize(json::object{{"replacement_id", row.id}})});
    return row;
  });
}

std::vector<store::ReplacementRow> member_replacements_of_team(App& app, const std::string& token) {
  return app.db.read([&](soci::session& s) { return store::replacements_of(s, by_token(s, token).id); });
}

std::vector<store::ReplacementRow> member_replacements(App& app, const Principal& p, const std::string& application_id) {
  require(p, domain::Capability::manage_sessions);
  return app.db.write([&](soci::session& s) {
    if (!store::find_application(s, application_id)) throw ApiError("application.not_found");
    audit_read(app, s, Actor::of(p), "member_replacements", application_id);
    return store::replacements_of(s, application_id);
  });
}

store::ReplacementRow decide_member_replacement(App& app, const Principal& p, const std::string& application_id,
                                                const std::string& replacement_id, bool approve,
                                                const std::string& reason) {
  require(p, domain::Capability::manage_sessions);
  const std::string why = staff_reason(reason, !approve);
  return app.db.write([&](soci::session& s) {
    auto a = store::find_application(s, application_id);
    if (!a) throw ApiError("application.not_found");
    auto r = store::find_replacement(s, replacement_id);
    if (!r || r->application_id != application_id) throw ApiError("replacement.not_found");
    if (r->status != "pending") throw ApiError("replacement.decided");
    const std::string now = app.clock.now_utc();
    const domain::Member member = member_from_json(r->new_member_json);
    std::optional<store::ApplicationRecord> after;
    if (approve) {
      require_accepted(s, *a);
      after = replaced(app, s, *a, r->member_id, member);  // the team may have changed since the request
      after->updated_at = now;
      store::update_application_details(s, *after);
    }
    if (store::decide_replacement(s, replacement_id, approve ? "approved" : "refused", why, p.user_id, p.email, now) != 1)
      throw ApiError("replacement.decided");
    audit_change(app, s, Actor::of(p), "member_replacement", replacement_id,
                 {{"status", "pending"}, {"member", r->old_member_name}},
                 {{"status", approve ? "approved" : "refused"}, {"member", member.name}, {"reason", why}});
    store::add_application_event(s, application_id,
                                 {now, approve ? "member_replacement_approved" : "member_replacement_refused",
                                  "staff:" + p.user_id,
                                  json::serialize(json::object{{"replacement_id", replacement_id}})});
    auto year = store::find_year_by_id(s, a->program_year_id);
    if (year) {
      const YearContext ctx = year_context(app, s, year->key, app.clock.now());
      enqueue_replacement_mails(app, s, after ? *after : *a, ctx, approve, r->old_member_name, &member, why, now);
    }
    return *store::find_replacement(s, replacement_id);
  });
}

}  // namespace kenshu::app
