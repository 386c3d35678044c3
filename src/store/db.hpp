// The database: SQLite in WAL mode with synchronous=FULL. One writer thread batches the write transactions of
// concurrent requests into one durable commit (group commit); readers come from a pool. A caller of write()
// returns only after its own transaction is on disk.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <soci/soci.h>

namespace kenshu::store {

struct DbOptions {
  std::string path;             // SQLite file
  int busy_timeout_s = 10;      // SOCI's default is 0: writers would fail with "database is locked"
  std::size_t max_batch = 512;  // transactions per group commit
};

struct DbStats {
  std::uint64_t transactions = 0;
  std::uint64_t commits = 0;  // fsyncs: transactions / commits is the batching factor
};

class Db {
 public:
  explicit Db(DbOptions options);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Applies pending migrations; returns how many ran.
  int migrate();
  int schema_version();
  bool ready();  // reachable and every embedded migration applied

  // Runs f in a read transaction on a pooled connection.
  template <class F>
  auto read(F&& f) -> std::invoke_result_t<F, soci::session&> {
    Lease lease(*this);
    ReadTx tx(*lease);
    return f(*lease);
  }

  // Runs f inside a write transaction on the writer thread; returns after the commit is durable.
  // An exception thrown by f rolls back f's work only, and is rethrown here.
  template <class F>
  auto write(F&& f) -> std::invoke_result_t<F, soci::session&> {
    using R = std::invoke_result_t<F, soci::session&>;
    if constexpr (std::is_void_v<R>) {
      submit([&](soci::session& s) { f(s); });
    } else {
      std::optional<R> out;
      submit([&](soci::session& s) { out.emplace(f(s)); });
      return std::move(*out);
    }
  }

  // Called on the writer thread after each durable commit (e.g. to wake the mail sender).
  void on_commit(std::function<void()> hook);

  DbStats stats();
  const DbOptions& options() const { return options_; }

 private:
  // A connection that finalises its cached statements (store/statement_cache) before it closes, however it ends:
  // SQLite refuses to close a connection with statements left, and SOCI does not check, so it would leak.
  struct CloseSession {
    void operator()(soci::session* s) const;
  };
  using Session = std::unique_ptr<soci::session, CloseSession>;

  struct Job {
    std::function<void(soci::session&)> run;
    std::promise<void> done;
  };
  class Lease {
   public:
    explicit Lease(Db& db) : db_(db), s_(db.acquire_reader()) {}
    ~Lease() { db_.release_reader(std::move(s_)); }
    soci::session& operator*() { return *s_; }

   private:
    Db& db_;
    Session s_;
  };
  class ReadTx {
   public:
    explicit ReadTx(soci::session& s);
    ~ReadTx();

   private:
    soci::session& s_;
  };

  void submit(std::function<void(soci::session&)> run);
  void writer_loop();
  void commit_batch(std::vector<Job>& batch);
  Session open(bool read_only);
  Session acquire_reader();
  void release_reader(Session s);

  DbOptions options_;
  Session writer_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::vector<std::function<void()>> commit_hooks_;
  DbStats stats_;
  std::mutex readers_mutex_;
  std::vector<Session> readers_;
  std::thread writer_thread_;
  // Frames in the WAL after the last commit (SQLite's WAL hook on the writer connection).
  std::atomic<int> wal_frames_{0};
  void restart_wal();
  std::condition_variable checkpoint_wake_;
  std::thread checkpoint_thread_;  // WAL checkpoints off the writer thread, so commits never wait for one
  void checkpoint_loop();
};

// Runs a multi-statement SQL script (migrations, triggers) on a session.
void exec_script(soci::session& s, const std::string& sql);

}  // namespace kenshu::store
