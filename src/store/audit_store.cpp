#include "store/audit_store.hpp"

#include <soci/soci.h>

#include "store/row.hpp"

namespace kenshu::store {
namespace {
soci::indicator ind(const std::optional<std::string>& v) { return v ? soci::i_ok : soci::i_null; }
}  // namespace

void insert_audit(soci::session& s, const AuditRow& a) {
  const std::string actor = a.actor_user_id.value_or(""), before = a.before_json.value_or(""),
                    after = a.after_json.value_or("");
  soci::indicator actor_user_id_ind = ind(a.actor_user_id);
  soci::indicator before_json_ind = ind(a.before_json);
  soci::indicator after_json_ind = ind(a.after_json);
  s << "INSERT INTO audit_log (id, at, actor_user_id, actor_label, ip, action, entity, entity_id, before_json, "
       "after_json) VALUES (:id, :at, :u, :l, :ip, :a, :e, :ei, :b, :af)",
      soci::use(a.id), soci::use(a.at), soci::use(actor, actor_user_id_ind), soci::use(a.actor_label),
      soci::use(a.ip), soci::use(a.action), soci::use(a.entity), soci::use(a.entity_id),
      soci::use(before, before_json_ind), soci::use(after, after_json_ind);
}

std::vector<AuditRow> find_audit(soci::session& s, const AuditQuery& q) {
  // Each filter is either unset (matches all) or compared: one prepared statement for every combination.
  const std::string entity = q.entity.value_or(""), entity_id = q.entity_id.value_or(""),
                    actor = q.actor_user_id.value_or(""), action = q.action.value_or(""), from = q.from.value_or(""),
                    to = q.to.value_or("");
  const int use_entity = q.entity ? 1 : 0, use_entity_id = q.entity_id ? 1 : 0, use_actor = q.actor_user_id ? 1 : 0,
            use_action = q.action ? 1 : 0, use_from = q.from ? 1 : 0, use_to = q.to ? 1 : 0;
  std::vector<AuditRow> out;
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT id, at, actor_user_id, actor_label, ip, action, entity, entity_id, before_json, "
                    "after_json FROM audit_log WHERE (:ue = 0 OR entity = :e) AND (:ui = 0 OR entity_id = :ei) "
                    "AND (:ua = 0 OR actor_user_id = :a) AND (:uc = 0 OR action = :c) AND (:uf = 0 OR at >= :f) "
                    "AND (:ut = 0 OR at < :t) ORDER BY at DESC, id LIMIT :lim OFFSET :off",
       soci::use(use_entity), soci::use(entity), soci::use(use_entity_id), soci::use(entity_id), soci::use(use_actor),
       soci::use(actor), soci::use(use_action), soci::use(action), soci::use(use_from), soci::use(from),
       soci::use(use_to), soci::use(to), soci::use(q.limit), soci::use(q.offset));
  for (const auto& r : rs)
    out.push_back({text(r, 0), text(r, 1), optional_text(r, 2), text(r, 3), text(r, 4), text(r, 5), text(r, 6),
                   text(r, 7), optional_text(r, 8), optional_text(r, 9)});
  return out;
}

}  // namespace kenshu::store
