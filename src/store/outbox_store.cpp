#include "store/outbox_store.hpp"

#include <soci/soci.h>

#include "store/row.hpp"
#include "store/statement_cache.hpp"

namespace kenshu::store {

void enqueue_mail(soci::session& s, const OutboxMail& m, const std::string& now) {
  cached(s,
         "INSERT INTO outbox (id, kind, to_address, subject, body_text, related_id, created_at, next_attempt_at) "
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .text(m.id)
      .text(m.kind)
      .text(m.to_address)
      .text(m.subject)
      .text(m.body_text)
      .text_or_null(m.related_id)
      .text(now)
      .text(now)
      .run();
}

void enqueue_mails(soci::session& s, const std::vector<OutboxMail>& mails, const std::string& now) {
  for (const auto& m : mails) enqueue_mail(s, m, now);
}

std::vector<OutboxMail> due_mail(soci::session& s, const std::string& now, int limit) {
  std::vector<OutboxMail> out;
  soci::rowset<soci::row> rs =
      (s.prepare << "SELECT id, kind, to_address, subject, body_text, related_id, attempts FROM outbox "
                    "WHERE sent_at IS NULL AND next_attempt_at <= :n ORDER BY next_attempt_at, id LIMIT :l",
       soci::use(now), soci::use(limit));
  for (const auto& r : rs)
    out.push_back({text(r, 0), text(r, 1), text(r, 2), text(r, 3), text(r, 4), optional_text(r, 5),
                   static_cast<int>(integer(r, 6))});
  return out;
}

void mark_mail_sent(soci::session& s, const std::string& id, const std::string& now) {
  cached(s, "UPDATE outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?")
      .text(now)
      .text(id)
      .run();
}

void mark_mail_failed(soci::session& s, const std::string& id, const std::string& error,
                      const std::string& next_attempt_at) {
  s << "UPDATE outbox SET attempts = attempts + 1, last_error = :e, next_attempt_at = :n WHERE id = :id",
      soci::use(error), soci::use(next_attempt_at), soci::use(id);
}

long long count_unsent_mail(soci::session& s) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL", soci::into(n);
  return n;
}

}  // namespace kenshu::store
