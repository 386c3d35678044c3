// Exports as a download: CSV (the first table) or XLSX (a sheet per table), personal data so never cached; and the
// language of their headings (`?lang=` or Accept-Language).
#pragma once
#include <string>
#include <vector>

#include "api/request.hpp"
#include "docs/table.hpp"

namespace kenshu::api {

Response spreadsheet_response(const std::vector<docs::Table>& sheets, const std::string& base_name, bool xlsx);
Lang export_lang(const Request& req);

}  // namespace kenshu::api
