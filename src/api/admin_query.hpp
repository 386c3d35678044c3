// Query-string parameters of the back office's lists and exports, read strictly: unknown parameters and
// non-numbers are rejected with the parameter's name.
#pragma once
#include <initializer_list>
#include <string>

#include "api/request.hpp"
#include "app/review_applications.hpp"

namespace kenshu::api {

// Throws request.unknown_field for a parameter not in `known`.
void only_known_params(const Request& req, std::initializer_list<const char*> known);
int int_param(const Request& req, const char* name, int fallback);
app::ApplicationQuery application_query(const Request& req, std::initializer_list<const char*> extra = {});

}  // namespace kenshu::api
