// POST /api/applications (submit, idempotent with Idempotency-Key) and POST /api/applications/check.
#include <algorithm>
#include <cctype>

#include "api/application_json.hpp"
#include "api/json_reader.hpp"
#include "api/routes.hpp"
#include "app/apply.hpp"
#include "app/secrets.hpp"

namespace kenshu::api {
namespace {

constexpr std::size_t kApplicationBody = 64 * 1024;

std::optional<std::string> idempotency_key(const Request& req) {
  const auto key = req.header("idempotency-key");
  if (key.empty()) return std::nullopt;
  const bool ok = key.size() <= 128 && std::all_of(key.begin(), key.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
                  });
  if (!ok) throw ApiError("idempotency.bad_key", "Idempotency-Key");
  return std::string(key);
}

}  // namespace

void add_application_routes(Router& r, app::App& app) {
  r.add({"POST", "/api/applications", kApplicationBody,
         [&app](Request& req) {
           const auto key = idempotency_key(req);
           DecodedApplication decoded = decode_application(parse_json_body(req));
           app::ApplyInput in{decoded.program_year, std::move(decoded.draft), req.lang, key,
                              app::sha256_hex(req.body)};
           app::ApplyOutput out = app::apply(app, in);
           Response res = Response::json(out.status, out.body, true);
           if (out.replayed) res.headers.push_back({"Idempotent-Replayed", "true"});
           return res;
         },
         {}});
  r.add({"POST", "/api/applications/check", kApplicationBody,
         [&app](Request& req) {
           DecodedApplication decoded = decode_application(parse_json_body(req));
           app::check_application(app, decoded.program_year, decoded.draft);
           return Response::json(200, R"({"ok":true})", true);
         },
         {}});
}

}  // namespace kenshu::api
