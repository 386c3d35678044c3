#include "api/spreadsheet_response.hpp"

#include "docs/csv.hpp"
#include "docs/xlsx.hpp"

namespace kenshu::api {

Response spreadsheet_response(const std::vector<docs::Table>& sheets, const std::string& base_name, bool xlsx) {
  Response r;
  r.personal_data = true;
  if (xlsx) {
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = docs::to_xlsx(sheets);
  } else {
    r.content_type = "text/csv; charset=utf-8";
    r.body = sheets.empty() ? std::string() : docs::to_csv(sheets.front());
  }
  r.headers.push_back({"Content-Disposition", "attachment; filename=\"" + base_name + (xlsx ? ".xlsx\"" : ".csv\"")});
  return r;
}

Lang export_lang(const Request& req) {
  const std::string l = req.query_or("lang");
  if (l == "en") return Lang::en;
  if (l == "ja") return Lang::ja;
  return req.lang;
}

}  // namespace kenshu::api
