#include "app/access_control.hpp"

#include <algorithm>

#include "domain/api_error.hpp"

namespace kenshu::app {

domain::Scope require(const Principal& p, domain::Capability c) {
  const domain::Scope scope = p.is_staff() ? domain::scope_of(p.role, c) : domain::Scope::none;
  if (scope == domain::Scope::none) throw ApiError("request.not_found");
  return scope;
}

void require_session(const Principal& p, domain::Capability c, const std::string& session_id) {
  if (require(p, c) == domain::Scope::all) return;
  if (std::find(p.session_ids.begin(), p.session_ids.end(), session_id) == p.session_ids.end())
    throw ApiError("request.not_found");
}

}  // namespace kenshu::app
