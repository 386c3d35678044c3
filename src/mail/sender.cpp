#include "mail/sender.hpp"

#include <curl/curl.h>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "mail/message.hpp"
#include "store/db.hpp"

namespace kenshu::mail {
namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t n, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t left = up->data->size() - up->offset;
  const std::size_t len = std::min(left, size * n);
  std::copy_n(up->data->data() + up->offset, len, buffer);
  up->offset += len;
  return len;
}

// 30 s, 1 min, 2 min … capped at 1 h: a relay that is down for a while is not hammered.
std::chrono::seconds backoff(int attempts) {
  const int exp = std::min(attempts, 7);
  return std::min(std::chrono::seconds(30 << exp), std::chrono::seconds(3600));
}

}  // namespace

Sender::Sender(store::Db& db, SenderOptions options, std::function<time::Instant()> now)
    : db_(db), options_(std::move(options)), now_(std::move(now)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (options_.smtp_url.empty()) std::filesystem::create_directories(options_.mail_dir);
}

Sender::~Sender() {
  stop();
  close_smtp();
}

void Sender::start() {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kenshu-mail");
    // Delivery yields the CPU to requests: under a burst of submits, writing five mails each (new files, or SMTP)
    // took a third of the server's CPU (bench apply). Mail follows a little later; nothing waits for it.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kNice);
    loop();
  });
}

void Sender::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Sender::wake() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  cv_.notify_one();
}

void Sender::loop() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, std::chrono::seconds(1), [this] { return pending_ || stopping_; });
      pending_ = false;
    }
    try {
      deliver_due();
    } catch (const std::exception& e) {
      spdlog::error("mail: {}", e.what());
    }
    std::lock_guard lock(mutex_);
    if (stopping_) return;
  }
}

bool Sender::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

// A backlog is delivered in batches; on shutdown the sender stops after the mail in hand (the rest stays in the
// outbox for the next start), so SIGTERM is not held up by a long queue.
// The outcomes of a batch are written in one transaction: one commit per mail let a burst of applications (five mails
// each) outrun the sender. A crash in the middle of a batch sends its delivered mails again (at least once).
int Sender::deliver_due() {
  int delivered = 0;
  while (!stopping()) {
    const std::string now = time::to_utc_string(now_());
    auto due = db_.read([&](soci::session& s) { return store::due_mail(s, now, batch_size()); });
    if (due.empty()) return delivered;
    std::vector<Outcome> outcomes;
    for (const auto& m : due) {
      if (!wait_for_slot()) break;
      outcomes.push_back(attempt(m));
    }
    record(outcomes);
    const auto sent = std::count_if(outcomes.begin(), outcomes.end(), [](const Outcome& o) { return !o.error; });
    delivered += static_cast<int>(sent);
    if (sent == 0) break;  // stopping, or all failing: leave the rest for later
  }
  close_smtp();
  return delivered;
}

// Paced, a batch is about ten seconds of mail: a crash then sends again at most that much (outcomes are recorded
// per batch), where 50 mails at 30 a minute would be a hundred seconds.
int Sender::batch_size() const {
  if (options_.max_per_minute <= 0) return kBatch;
  return std::clamp(options_.max_per_minute / 6, 1, kBatch);
}

// Relays limit how fast one account may send (some to a few dozen mails a minute) and refuse or defer the rest; the
// publication of a selection mails every team at once. Pacing keeps under the limit instead of failing into retries.
bool Sender::wait_for_slot() {
  std::unique_lock lock(mutex_);
  if (options_.max_per_minute > 0) {
    const auto now = std::chrono::steady_clock::now();
    const auto slot = std::max(now, next_slot_);
    next_slot_ = slot + std::chrono::microseconds(60'000'000 / options_.max_per_minute);
    cv_.wait_until(lock, slot, [this] { return stopping_; });
  }
  return !stopping_;
}

Sender::Outcome Sender::attempt(const store::OutboxMail& m) {
  try {
    deliver(m);
    return {m.id, time::to_utc_string(now_()), std::nullopt};
  } catch (const std::exception& e) {
    const bool give_up = m.attempts + 1 >= options_.max_attempts;
    // A mail that failed every attempt waits far in the future; staff see it as unsent.
    const auto next = give_up ? now_() + std::chrono::hours(24 * 365) : now_() + backoff(m.attempts);
    spdlog::warn("mail {} to outbox id {} failed (attempt {}): {}", m.kind, m.id, m.attempts + 1, e.what());
    return {m.id, time::to_utc_string(next), std::string(e.what())};
  }
}

void Sender::record(const std::vector<Outcome>& outcomes) {
  if (outcomes.empty()) return;
  db_.write([&](soci::session& s) {
    for (const Outcome& o : outcomes) {
      if (o.error) store::mark_mail_failed(s, o.id, *o.error, o.at);
      else store::mark_mail_sent(s, o.id, o.at);
    }
  });
}

void Sender::deliver(const store::OutboxMail& m) {
  const auto now = now_();
  Envelope e{options_.from_address, options_.from_name, m.to_address, m.subject, m.body_text,
             m.id + "@" + options_.from_address.substr(options_.from_address.find('@') + 1),
             rfc5322_date(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count())};
  const std::string message = build_message(e);
  if (options_.smtp_url.empty()) write_file(m, message);
  else send_smtp(m.to_address, message);
}

void Sender::close_smtp() {
  if (smtp_) curl_easy_cleanup(static_cast<CURL*>(smtp_));  // says QUIT on an open connection
  smtp_ = nullptr;
}

void Sender::send_smtp(const std::string& to, const std::string& message) {
  if (smtp_) curl_easy_reset(static_cast<CURL*>(smtp_));  // new options; the open connection stays
  else smtp_ = curl_easy_init();
  CURL* curl = static_cast<CURL*>(smtp_);
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  Upload up{&message};
  const std::string from = "<" + options_.from_address + ">";
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + to + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_URL, options_.smtp_url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  if (!options_.smtp_user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.smtp_user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.smtp_password.c_str());
  }
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(rcpt);
  if (rc == CURLE_OK) return;
  close_smtp();  // the next mail starts on a fresh connection
  throw std::runtime_error(std::string("SMTP: ") + curl_easy_strerror(rc));
}

void Sender::write_file(const store::OutboxMail& m, const std::string& message) {
  const auto dir = std::filesystem::path(options_.mail_dir);
  const auto final_path = dir / (time::to_utc_string(now_()).substr(0, 19) + "-" + m.id + ".eml");
  const auto tmp = final_path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << message;
    if (!out.flush()) throw std::runtime_error("cannot write " + tmp);
  }
  std::filesystem::rename(tmp, final_path);  // readers never see half a mail
}

}  // namespace kenshu::mail
