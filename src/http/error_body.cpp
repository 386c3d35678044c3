#include "http/error_body.hpp"

#include <boost/json.hpp>

namespace kenshu::http {

api::Response error_response(const ApiError& e, const std::string& request_id, Lang lang) {
  boost::json::array details;
  for (const auto& d : e.details())
    details.push_back({{"code", d.code}, {"field", d.field}, {"message", error_message(d.code, lang)}});
  boost::json::object body{{"error",
                            {{"code", e.code()},
                             {"field", e.field()},
                             {"message", error_message(e.code(), lang)},
                             {"request_id", request_id},
                             {"details", details}}}};
  return api::Response::json(e.status(), boost::json::serialize(body), true);
}

}  // namespace kenshu::http
