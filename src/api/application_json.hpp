// Applications in JSON: the request bodies of submit and PATCH, and the view behind the management link.
#pragma once
#include <boost/json.hpp>

#include "api/json_reader.hpp"
#include "app/manage_application.hpp"
#include "domain/application.hpp"

namespace kenshu::api {

struct DecodedApplication {
  std::string program_year;
  domain::ApplicationDraft draft;
};

// Throws ApiError listing every structural problem (unknown, missing or mistyped fields).
DecodedApplication decode_application(const boost::json::value& body);
app::ApplicationPatch decode_patch(const boost::json::value& body);

boost::json::object encode_view(const app::ApplicationView& v);
// One team member at `path` (e.g. members[2]); its problems go to `p`.
domain::Member read_member(const boost::json::value& v, const std::string& path, Problems& p);
boost::json::object l10n_json(const L10n& t);
// A stored UTC instant as shown: ISO 8601 in Japan time (+09:00).
std::string jst_text(const std::string& utc);

}  // namespace kenshu::api
