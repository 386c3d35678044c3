#include "api/admin_query.hpp"

#include <algorithm>
#include <charconv>

#include "domain/api_error.hpp"

namespace kenshu::api {
namespace {

constexpr std::initializer_list<const char*> kApplicationParams{
    "year", "session_id", "status", "review_status", "prefecture_code", "hospital_type", "profession", "q", "sort",
    "page", "per_page", "lang"};

}  // namespace

void only_known_params(const Request& req, std::initializer_list<const char*> known) {
  for (const auto& [k, v] : req.query)
    if (std::none_of(known.begin(), known.end(), [&](const char* n) { return k == n; }))
      throw ApiError("request.unknown_field", k);
}

int int_param(const Request& req, const char* name, int fallback) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return fallback;
  int v = 0;
  const auto* end = it->second.data() + it->second.size();
  auto [p, ec] = std::from_chars(it->second.data(), end, v);
  if (ec != std::errc() || p != end) throw ApiError("request.wrong_type", name);
  return v;
}

app::ApplicationQuery application_query(const Request& req, std::initializer_list<const char*> extra) {
  for (const auto& [k, v] : req.query) {
    const bool known = std::any_of(kApplicationParams.begin(), kApplicationParams.end(), [&](const char* n) { return k == n; }) ||
                       std::any_of(extra.begin(), extra.end(), [&](const char* n) { return k == n; });
    if (!known) throw ApiError("request.unknown_field", k);
  }
  app::ApplicationQuery q;
  q.year_key = req.query_or("year");
  q.session_id = req.query_or("session_id");
  q.status = req.query_or("status");
  q.review_status = req.query_or("review_status");
  q.prefecture_code = int_param(req, "prefecture_code", 0);
  q.hospital_type = req.query_or("hospital_type");
  q.profession = req.query_or("profession");
  q.q = req.query_or("q");
  q.sort = req.query_or("sort", "reference");
  q.page = int_param(req, "page", 1);
  q.per_page = int_param(req, "per_page", 50);
  return q;
}

}  // namespace kenshu::api
