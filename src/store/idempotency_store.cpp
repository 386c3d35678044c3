#include "store/idempotency_store.hpp"

#include <soci/soci.h>

#include "store/row.hpp"
#include "store/statement_cache.hpp"

namespace kenshu::store {

std::optional<StoredResponse> find_idempotent(soci::session& s, const std::string& scope, const std::string& key) {
  Stmt st = cached(s, "SELECT request_hash, status, response_body FROM idempotency_keys WHERE scope = ? AND key = ?");
  st.text(scope).text(key);
  if (!st.next()) return std::nullopt;
  return StoredResponse{st.column_text(0), static_cast<int>(st.column_integer(1)), st.column_text(2)};
}

void save_idempotent(soci::session& s, const std::string& scope, const std::string& key, const StoredResponse& r,
                     const std::string& now) {
  cached(s,
         "INSERT INTO idempotency_keys (scope, key, request_hash, status, response_body, created_at) "
         "VALUES (?, ?, ?, ?, ?, ?)")
      .text(scope)
      .text(key)
      .text(r.request_hash)
      .integer(r.status)
      .text(r.body)
      .text(now)
      .run();
}

}  // namespace kenshu::store
