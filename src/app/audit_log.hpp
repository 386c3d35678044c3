// Searching the audit log (admins only); the search itself is recorded, since the log names people.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "store/audit_store.hpp"

namespace kenshu::app {

// Filters as given in a query string; checked here (bad values answer field errors).
struct AuditSearch {
  std::optional<std::string> entity, entity_id, actor_user_id, action, from, to, limit, offset;
};

std::vector<store::AuditRow> search_audit_log(App& app, const Principal& by, const AuditSearch& q);

}  // namespace kenshu::app
