// The mails an application causes, written to the outbox inside the same transaction as the change.
#pragma once
#include <string>

#include "app/program_view.hpp"
#include "store/application_store.hpp"

namespace kenshu::app {

// To the contact: summary and the management link; to each member: that they were registered, with the privacy notice.
void enqueue_submitted_mails(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                             const std::string& token, const std::string& now);
void enqueue_updated_mail(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                          const std::string& now);
void enqueue_withdrawn_mail(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                            const std::string& now);

// The link a contact manages the application with. The token sits in the fragment, so it never reaches logs.
std::string management_link(const App& app, const std::string& token);

// The last moment the team may change or withdraw: the earliest close of the sessions it may be placed in.
time::Instant editable_until(const store::ApplicationRecord& a, const YearContext& ctx);

}  // namespace kenshu::app
