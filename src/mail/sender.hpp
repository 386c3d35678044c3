// Delivers the outbox: by SMTP (libcurl) when configured, otherwise as .eml files. Failed deliveries are retried
// with growing delays; a mail is marked sent only after the relay accepted it (at-least-once delivery).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "domain/time.hpp"
#include "store/outbox_store.hpp"

namespace kenshu::store {
class Db;
}

namespace kenshu::mail {

struct SenderOptions {
  std::string smtp_url;  // empty → write files to mail_dir
  std::string smtp_user;
  std::string smtp_password;
  std::string from_address;
  std::string from_name;
  std::string mail_dir;
  int max_attempts = 8;
  int max_per_minute = 0;  // deliveries paced to at most this many a minute; 0 = as fast as the relay takes them
};

class Sender {
 public:
  Sender(store::Db& db, SenderOptions options, std::function<time::Instant()> now);
  ~Sender();
  void start();
  void stop();  // finishes the mail in hand, records it, then stops; the rest stays in the outbox for the next start
  void wake();  // something was enqueued

 private:
  // Delivers everything due now; returns how many were delivered. Only on the sender's thread: it holds the SMTP
  // connection and the pacing slot.
  int deliver_due();
  bool stopping();
  // What one delivery attempt came to: sent at `at`, or failed with `error` and due again at `at`.
  struct Outcome {
    std::string id;
    std::string at;
    std::optional<std::string> error;
  };
  static constexpr int kBatch = 50;
  static constexpr int kNice = 10;  // the sender thread's CPU priority (0 normal, 19 lowest)

  void loop();
  Outcome attempt(const store::OutboxMail& m);
  void record(const std::vector<Outcome>& outcomes);  // one transaction for a batch
  void deliver(const store::OutboxMail& m);  // throws on failure
  void send_smtp(const std::string& to, const std::string& message);
  void write_file(const store::OutboxMail& m, const std::string& message);
  int batch_size() const;
  bool wait_for_slot();  // false when stopping
  void close_smtp();

  store::Db& db_;
  SenderOptions options_;
  std::function<time::Instant()> now_;
  // One SMTP connection carries a whole backlog (libcurl keeps it in the handle); closed once the outbox is empty.
  void* smtp_ = nullptr;  // libcurl's CURL*, whose header stays in sender.cpp
  std::chrono::steady_clock::time_point next_slot_{};  // real time, even when the application's clock is set
  std::mutex mutex_;
  std::condition_variable cv_;
  bool pending_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kenshu::mail
