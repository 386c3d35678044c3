// A team applies: checked against the rules of the year, saved with its confirmation mails in one transaction.
#pragma once
#include <optional>
#include <string>

#include "app/app.hpp"
#include "domain/application.hpp"
#include "domain/error_catalog.hpp"

namespace kenshu::app {

struct ApplyInput {
  std::string year_key;  // empty = the current year
  domain::ApplicationDraft draft;
  Lang lang = Lang::ja;
  std::optional<std::string> idempotency_key;
  std::string request_hash;  // of the request body: a reused key with another body is refused
};

// The answer as stored for idempotent replay: status and JSON body.
struct ApplyOutput {
  int status = 201;
  std::string body;
  bool replayed = false;
};

ApplyOutput apply(App& app, const ApplyInput& in);

// The same checks without saving anything (`POST /api/applications/check`).
void check_application(App& app, const std::string& year_key, const domain::ApplicationDraft& draft);

}  // namespace kenshu::app
