// Who is asking: the signed-in person a request carries, from the session cookie (see api/auth_context.cpp).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"

namespace kenshu::app {

// Where a request comes from, for sessions, throttling and the audit log.
struct Client {
  std::string ip;
  std::string user_agent;
};

struct Principal {
  enum class Kind { staff, person };
  Kind kind = Kind::staff;
  std::string session_hash;  // the auth session (its id is only ever stored hashed)
  std::string csrf_token;
  std::string user_id;       // staff only
  std::string email;
  std::string display_name;  // staff only
  domain::Role role = domain::Role::ministry;  // staff only
  std::vector<std::string> session_ids;        // the sessions (開催回) assigned to a coordinator or instructor
  Client client;

  bool is_staff() const { return kind == Kind::staff; }
};

// Who did something, as the audit log records it.
struct Actor {
  std::optional<std::string> user_id;
  std::string label;  // e-mail, 'cli' or 'system'
  std::string ip;

  static Actor of(const Principal& p) { return {p.user_id, p.email, p.client.ip}; }
  static Actor cli() { return {std::nullopt, "cli", ""}; }
};

}  // namespace kenshu::app
