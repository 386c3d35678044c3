#include "app/audit.hpp"

#include <boost/json/serialize.hpp>

#include "store/audit_store.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace {

std::optional<std::string> json_or_null(const boost::json::value& v) {
  if (v.is_null()) return std::nullopt;
  return boost::json::serialize(v);
}

void write(App& app, soci::session& s, const Actor& actor, const char* action, const std::string& entity,
           const std::string& entity_id, std::optional<std::string> before, std::optional<std::string> after) {
  store::insert_audit(s, {store::new_id(), app.clock.now_utc(), actor.user_id, actor.label, actor.ip, action, entity,
                          entity_id, std::move(before), std::move(after)});
}

}  // namespace

void audit_read(App& app, soci::session& s, const Actor& actor, const std::string& entity,
                const std::string& entity_id) {
  write(app, s, actor, "read", entity, entity_id, std::nullopt, std::nullopt);
}

void audit_change(App& app, soci::session& s, const Actor& actor, const std::string& entity,
                  const std::string& entity_id, const boost::json::value& before, const boost::json::value& after) {
  write(app, s, actor, "change", entity, entity_id, json_or_null(before), json_or_null(after));
}

}  // namespace kenshu::app
