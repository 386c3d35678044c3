// The mails an application causes, written to the outbox inside the same transaction as the change.
#pragma once
#include <string>
#include <vector>

#include "app/program_view.hpp"
#include "store/application_store.hpp"

namespace kenshu::app {

// A mail rendered before its transaction: rendering costs more than the inserts, and the write transactions of all
// requests run one after the other on the writer thread, so they do only the writing.
struct PreparedMail {
  std::string kind, to, subject, body;
};

// To the contact: summary and the management link; to each member: that they were registered, with the privacy
// notice. The application's reference is assigned inside the transaction, so the mails carry a placeholder for it
// (control characters never pass the field rules, so no user text contains it).
std::vector<PreparedMail> submitted_mails(App& app, const store::ApplicationRecord& a, const YearContext& ctx,
                                          const std::string& token);
// Writes prepared mails to the outbox with the placeholder replaced by `reference`.
void enqueue_prepared(soci::session& s, std::vector<PreparedMail> mails, const std::string& related_id,
                      const std::string& reference, const std::string& now);
void enqueue_updated_mail(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                          const std::string& now);
void enqueue_withdrawn_mail(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                            const std::string& now);

// Staff ask the contact to correct the application: a fresh management link (the old one stops working) and the
// staff's message.
void enqueue_correction_mail(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                             const std::string& token, const std::string& message, const std::string& now);

// A session's date or venue changed: the contact of every team that may be placed in it is told, old and new.
struct SessionChangeNotice {
  int session_number = 0;
  std::vector<store::SessionChangeRow> changes;
  std::string reconfirm_by;  // the team holds a place in the session and must confirm again by then (shown time)
};
// A member replacement decided by staff: the contact is told (approved or refused, with the staff's reason); an
// approved new member gets the member_registered mail.
void enqueue_replacement_mails(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                               bool approved, const std::string& old_name, const domain::Member* new_member,
                               const std::string& reason, const std::string& now);
void enqueue_session_changed_mail(App& app, soci::session& s, const store::ApplicationRecord& a,
                                  const YearContext& ctx, const SessionChangeNotice& change, const std::string& now);

// What every mail about an application may show (reference, year, hospital, contact, members, preferences,
// secretariat); for mails composed elsewhere (selection).
mail::Data application_mail_data(App& app, const store::ApplicationRecord& a, const YearContext& ctx);
std::string session_label(const store::SessionRow& s, Lang lang);
std::string shown_time(time::Instant t, Lang lang);

// The link a contact manages the application with. The token sits in the fragment, so it never reaches logs.
std::string management_link(const App& app, const std::string& token);

// The last moment the team may change or withdraw: the earliest close of the sessions it may be placed in.
time::Instant editable_until(const store::ApplicationRecord& a, const YearContext& ctx);

}  // namespace kenshu::app
