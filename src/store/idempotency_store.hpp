// Stored first answers for requests sent with an Idempotency-Key.
#pragma once
#include <optional>
#include <string>

namespace soci {
class session;
}

namespace kenshu::store {

struct StoredResponse {
  std::string request_hash;
  int status = 0;
  std::string body;
};

std::optional<StoredResponse> find_idempotent(soci::session& s, const std::string& scope, const std::string& key);
void save_idempotent(soci::session& s, const std::string& scope, const std::string& key, const StoredResponse& r,
                     const std::string& now);

}  // namespace kenshu::store
