// Every route of the API, registered in one place; a file per resource builds its handlers.
#pragma once
#include "api/router.hpp"
#include "app/app.hpp"

namespace kenshu::api {

Router make_router(app::App& app);

void add_health_routes(Router& r, app::App& app);
void add_openapi_routes(Router& r);
void add_program_routes(Router& r, app::App& app);
void add_application_routes(Router& r, app::App& app);
void add_manage_routes(Router& r, app::App& app);
void add_auth_routes(Router& r, app::App& app);
void add_user_routes(Router& r, app::App& app);
void add_admin_application_routes(Router& r, app::App& app);
void add_admin_session_routes(Router& r, app::App& app);
void add_export_routes(Router& r, app::App& app);
void add_privacy_routes(Router& r, app::App& app);
void add_selection_routes(Router& r, app::App& app);
void add_member_replacement_routes(Router& r, app::App& app);
void add_learning_routes(Router& r, app::App& app);
void add_questionnaire_routes(Router& r, app::App& app);
void add_sim_attempt_routes(Router& r, app::App& app);

}  // namespace kenshu::api
