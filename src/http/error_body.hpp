// The one place an ApiError becomes an HTTP answer: {"error":{code, field, message, request_id, details}}.
#pragma once
#include "api/request.hpp"
#include "domain/api_error.hpp"

namespace kenshu::http {

api::Response error_response(const ApiError& e, const std::string& request_id, Lang lang);

}  // namespace kenshu::http
