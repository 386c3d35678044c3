// The signed-in person of a request: the session cookie, the CSRF token and the Origin check, read from plain
// headers (Beast stays in http/). Unsafe methods (anything but GET and HEAD) need a matching Origin, and, once
// signed in, the session's CSRF token in X-CSRF-Token.
#pragma once
#include <optional>
#include <string>

#include "api/request.hpp"
#include "app/app.hpp"
#include "app/principal.hpp"
#include "app/sign_in.hpp"

namespace kenshu::api {

// The client address is the peer's, or, when the peer is a trusted proxy ([server] trusted_proxies), the last
// address its X-Forwarded-For names (the one the proxy itself saw).
app::Client client_of(const app::App& app, const Request& req);

// `__Host-kenshu_session` when the public URL is https (the prefix requires Secure); `kenshu_session` over plain
// http, where a browser would refuse a `__Host-` cookie.
std::string session_cookie_name(const app::App& app);
std::string session_token(const app::App& app, const Request& req);  // "" when absent
void set_session_cookie(const app::App& app, Response& res, const std::string& token);
void clear_session_cookie(const app::App& app, Response& res);

// Throws auth.csrf unless the request's Origin is the configured public URL's.
void require_same_origin(const app::App& app, const Request& req);

// The signed-in person, or throws auth.required (401). Checks Origin and CSRF token for unsafe methods.
app::Principal require_signed_in(app::App& app, const Request& req);
// The same for staff only: a person signed in by e-mail link gets request.not_found, as for any route out of reach.
app::Principal require_staff(app::App& app, const Request& req);

}  // namespace kenshu::api
