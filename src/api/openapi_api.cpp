// GET /api/openapi.yaml: the API description (docs/openapi.yaml), embedded at build time so it always matches.
#include <string>
#include <string_view>

#include "api/routes.hpp"

namespace kenshu::embedded {
std::string_view openapi_yaml();
}

namespace kenshu::api {

void add_openapi_routes(Router& r) {
  r.add({"GET", "/api/openapi.yaml", kSmallBody,
         [](Request&) {
           Response res;
           res.content_type = "application/yaml; charset=utf-8";
           res.body = std::string(embedded::openapi_yaml());
           return res;
         },
         {}});
}

}  // namespace kenshu::api
