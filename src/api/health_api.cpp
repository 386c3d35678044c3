// GET /healthz (the process answers) and GET /readyz (database reachable, every migration applied).
#include "api/routes.hpp"

namespace kenshu::api {

void add_health_routes(Router& r, app::App& app) {
  r.add({"GET", "/healthz", kSmallBody, [](Request&) { return Response::json(200, R"({"status":"ok"})"); }, {}});
  r.add({"GET", "/readyz", kSmallBody,
         [&app](Request&) {
           return app.db.ready() ? Response::json(200, R"({"status":"ready"})")
                                 : Response::json(503, R"({"status":"not_ready"})");
         },
         {}});
}

}  // namespace kenshu::api
