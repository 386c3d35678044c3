#include "store/idempotency_store.hpp"

#include <soci/soci.h>

#include "store/row.hpp"

namespace kenshu::store {

std::optional<StoredResponse> find_idempotent(soci::session& s, const std::string& scope, const std::string& key) {
  soci::rowset<soci::row> rs = (s.prepare << "SELECT request_hash, status, response_body FROM idempotency_keys "
                                             "WHERE scope = :s AND key = :k",
                                soci::use(scope), soci::use(key));
  for (const auto& r : rs) return StoredResponse{text(r, 0), static_cast<int>(integer(r, 1)), text(r, 2)};
  return std::nullopt;
}

void save_idempotent(soci::session& s, const std::string& scope, const std::string& key, const StoredResponse& r,
                     const std::string& now) {
  s << "INSERT INTO idempotency_keys (scope, key, request_hash, status, response_body, created_at) "
       "VALUES (:s, :k, :h, :st, :b, :c)",
      soci::use(scope), soci::use(key), soci::use(r.request_hash), soci::use(r.status), soci::use(r.body),
      soci::use(now);
}

}  // namespace kenshu::store
