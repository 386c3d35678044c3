#include "api/routes.hpp"

namespace kenshu::api {

Router make_router(app::App& app) {
  Router r;
  add_health_routes(r, app);
  add_openapi_routes(r);
  add_program_routes(r, app);
  add_application_routes(r, app);
  add_manage_routes(r, app);
  add_auth_routes(r, app);
  add_user_routes(r, app);
  add_admin_application_routes(r, app);
  add_admin_session_routes(r, app);
  add_export_routes(r, app);
  add_privacy_routes(r, app);
  add_selection_routes(r, app);
  add_member_replacement_routes(r, app);
  add_learning_routes(r, app);
  add_questionnaire_routes(r, app);
  add_sim_attempt_routes(r, app);
  return r;
}

}  // namespace kenshu::api
