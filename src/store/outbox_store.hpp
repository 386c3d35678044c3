// The mail outbox: rows written in the transaction of the change that causes them, delivered by mail/sender.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace kenshu::store {

struct OutboxMail {
  std::string id;
  std::string kind;  // e.g. application_confirmation
  std::string to_address;
  std::string subject;
  std::string body_text;
  std::optional<std::string> related_id;
  int attempts = 0;
};

void enqueue_mail(soci::session& s, const OutboxMail& m, const std::string& now);
// Several mails of one change, through one prepared statement (the writer thread is the bottleneck under load).
void enqueue_mails(soci::session& s, const std::vector<OutboxMail>& mails, const std::string& now);
std::vector<OutboxMail> due_mail(soci::session& s, const std::string& now, int limit);
void mark_mail_sent(soci::session& s, const std::string& id, const std::string& now);
void mark_mail_failed(soci::session& s, const std::string& id, const std::string& error,
                      const std::string& next_attempt_at);
long long count_unsent_mail(soci::session& s);

}  // namespace kenshu::store
