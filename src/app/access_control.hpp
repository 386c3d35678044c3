// The one place where a use case asks whether the person may do it (the table is domain/access.cpp).
// Refusals answer 404, as for a record that does not exist: a person learns nothing about what is out of reach.
#pragma once
#include <string>

#include "app/principal.hpp"

namespace kenshu::app {

// The scope granted, or throws ApiError("request.not_found") when the role has none (or the person is not staff).
domain::Scope require(const Principal& p, domain::Capability c);

// For records tied to a session (開催回): throws request.not_found unless the role reaches this session.
void require_session(const Principal& p, domain::Capability c, const std::string& session_id);

}  // namespace kenshu::app
