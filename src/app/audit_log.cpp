#include "app/audit_log.hpp"

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "domain/api_error.hpp"

namespace kenshu::app {
namespace {

int number(Problems& p, const std::optional<std::string>& v, const char* field, int fallback, int min, int max) {
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    const int n = std::stoi(*v, &used);
    if (used == v->size() && n >= min && n <= max) return n;
  } catch (const std::exception&) {
  }
  p.add("field.out_of_range", field);
  return fallback;
}

std::optional<std::string> instant(Problems& p, const std::optional<std::string>& v, const char* field) {
  if (!v) return std::nullopt;
  const auto t = time::parse_instant(*v);
  if (!t) {
    p.add("field.out_of_range", field);
    return std::nullopt;
  }
  return time::to_utc_string(*t);
}

}  // namespace

std::vector<store::AuditRow> search_audit_log(App& app, const Principal& by, const AuditSearch& in) {
  require(by, domain::Capability::view_audit_log);
  Problems p;
  store::AuditQuery q;
  q.entity = in.entity;
  q.entity_id = in.entity_id;
  q.actor_user_id = in.actor_user_id;
  if (in.action && *in.action != "read" && *in.action != "change") p.add("field.bad_enum", "action");
  q.action = in.action;
  q.from = instant(p, in.from, "from");
  q.to = instant(p, in.to, "to");
  q.limit = number(p, in.limit, "limit", 100, 1, 1000);
  q.offset = number(p, in.offset, "offset", 0, 0, 1'000'000);
  p.throw_if_any();
  return app.db.write([&](soci::session& s) {
    auto rows = store::find_audit(s, q);
    audit_read(app, s, Actor::of(by), "audit_log", "");
    return rows;
  });
}

}  // namespace kenshu::app
