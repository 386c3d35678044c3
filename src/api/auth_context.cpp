#include "api/auth_context.hpp"

#include <sodium.h>

#include <algorithm>

#include "domain/api_error.hpp"

namespace kenshu::api {
namespace {

bool is_https(const app::App& app) { return app.public_url.rfind("https://", 0) == 0; }

// scheme://host[:port] of a URL, lower case.
std::string origin_of(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const auto path = url.find('/', scheme_end + 3);
  std::string out(url.substr(0, path));
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // The default port is the same origin as no port.
  for (const char* suffix : {"http:", "https:"}) {
    const std::string dflt = std::string(suffix) == "http:" ? ":80" : ":443";
    if (out.rfind(suffix, 0) == 0 && out.size() > dflt.size() && out.ends_with(dflt))
      out.resize(out.size() - dflt.size());
  }
  return out;
}

bool is_unsafe(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

bool equal_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

app::Client client_of(const app::App& app, const Request& req) {
  std::string ip = req.remote;
  // "1.2.3.4:5678" or "[::1]:5678": the address without the port.
  if (!ip.empty() && ip.front() == '[') ip = ip.substr(1, ip.find(']') - 1);
  else if (auto colon = ip.rfind(':'); colon != std::string::npos && ip.find(':') == colon) ip.resize(colon);
  const auto& proxies = app.config.server.trusted_proxies;
  if (std::find(proxies.begin(), proxies.end(), ip) != proxies.end()) {
    std::string_view forwarded = req.header("x-forwarded-for");
    if (auto comma = forwarded.rfind(','); comma != std::string_view::npos) forwarded.remove_prefix(comma + 1);
    while (!forwarded.empty() && forwarded.front() == ' ') forwarded.remove_prefix(1);
    while (!forwarded.empty() && forwarded.back() == ' ') forwarded.remove_suffix(1);
    if (!forwarded.empty() && forwarded.size() <= 45) ip = std::string(forwarded);
  }
  return {ip, std::string(req.header("user-agent").substr(0, 256))};
}

std::string session_cookie_name(const app::App& app) {
  return is_https(app) ? "__Host-kenshu_session" : "kenshu_session";
}

std::string session_token(const app::App& app, const Request& req) {
  const std::string name = session_cookie_name(app);
  for (const auto& [k, v] : req.headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      std::string_view pair = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
  }
  return {};
}

void set_session_cookie(const app::App& app, Response& res, const std::string& token) {
  res.headers.push_back({"Set-Cookie", session_cookie_name(app) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax" +
                                           (is_https(app) ? "; Secure" : "")});
}

void clear_session_cookie(const app::App& app, Response& res) {
  res.headers.push_back({"Set-Cookie", session_cookie_name(app) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" +
                                           (is_https(app) ? "; Secure" : "")});
}

void require_same_origin(const app::App& app, const Request& req) {
  const auto origin = req.header("origin");
  if (origin.empty() || origin_of(origin) != origin_of(app.public_url)) throw ApiError("auth.csrf", "Origin");
}

app::Principal require_signed_in(app::App& app, const Request& req) {
  const std::string token = session_token(app, req);
  auto p = token.empty() ? std::nullopt : app::resolve_session(app, token, client_of(app, req));
  if (!p) throw ApiError("auth.required");
  if (is_unsafe(req.method)) {
    require_same_origin(app, req);
    if (!equal_secret(req.header("x-csrf-token"), p->csrf_token)) throw ApiError("auth.csrf", "X-CSRF-Token");
  }
  return *p;
}

app::Principal require_staff(app::App& app, const Request& req) {
  app::Principal p = require_signed_in(app, req);
  if (!p.is_staff()) throw ApiError("request.not_found");
  return p;
}

}  // namespace kenshu::api
