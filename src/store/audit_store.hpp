// The append-only audit log (the database refuses UPDATE and DELETE of it).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace kenshu::store {

struct AuditRow {
  std::string id;
  std::string at;
  std::optional<std::string> actor_user_id;
  std::string actor_label;
  std::string ip;
  std::string action;  // read | change
  std::string entity;
  std::string entity_id;
  std::optional<std::string> before_json;
  std::optional<std::string> after_json;
};

struct AuditQuery {
  std::optional<std::string> entity;
  std::optional<std::string> entity_id;
  std::optional<std::string> actor_user_id;
  std::optional<std::string> action;
  std::optional<std::string> from;  // at >= from
  std::optional<std::string> to;    // at < to
  int limit = 100;
  int offset = 0;
};

void insert_audit(soci::session& s, const AuditRow& a);
std::vector<AuditRow> find_audit(soci::session& s, const AuditQuery& q);

}  // namespace kenshu::store
