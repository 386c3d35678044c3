#include "store/db.hpp"

#include <pthread.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include "domain/api_error.hpp"
#include "domain/time.hpp"
#include "store/migrations.hpp"
#include "store/statement_cache.hpp"

namespace kenshu::store {
namespace {

constexpr int kWalRestartFrames = 4096;  // about 16 MB of WAL

std::string quoted(const std::string& path) {
  std::string out = "\"";
  for (char c : path) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string now_utc() { return time::to_utc_string(std::chrono::time_point_cast<std::chrono::milliseconds>(time::Clock::now())); }

}  // namespace

void exec_script(soci::session& s, const std::string& sql) {
  if (s.get_backend_name() == "sqlite3") {
    // SOCI prepares one statement at a time; a migration holds many (and triggers with inner semicolons).
    auto* be = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(be->conn_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite_api::sqlite3_free(err);
      throw std::runtime_error("SQL script failed: " + msg);
    }
  } else {
    s << sql;  // libpq runs a multi-statement string without parameters as is
  }
}

Db::Db(DbOptions options) : options_(std::move(options)) {
  writer_ = open(false);
  // A submit's statements allocate many small cells and cursors; SQLite's default lookaside (100 slots) ran out at
  // once and a tenth of the writer thread went to malloc (bench apply). 1,000 slots of 1,200 bytes: 1.2 MB.
  if (sqlite_api::sqlite3_db_config(sqlite_handle(*writer_), SQLITE_DBCONFIG_LOOKASIDE, nullptr, 1200, 1000) != SQLITE_OK)
    spdlog::warn("SQLite lookaside not enlarged");
  *writer_ << "PRAGMA journal_mode=WAL";
  // SQLite would checkpoint inside a commit every 1,000 pages; a thread of its own does it, and restart_wal() between
  // batches once the WAL is large.
  *writer_ << "PRAGMA wal_autocheckpoint=0";
  // A group commit of hundreds of applications dirties more pages than the default 2 MB cache: SQLite then spilled
  // them into the WAL in the middle of the transaction, page by page and again after each change (bench apply).
  *writer_ << "PRAGMA cache_size=-65536";
  *writer_ << "PRAGMA cache_spill=OFF";
  // Each job's SAVEPOINT keeps the old image of every page it touches first: in memory, not in a temporary file.
  *writer_ << "PRAGMA temp_store=MEMORY";
  sqlite_api::sqlite3_wal_hook(
      sqlite_handle(*writer_),
      [](void* self, sqlite_api::sqlite3*, const char*, int frames) {
        static_cast<Db*>(self)->wal_frames_.store(frames);
        return 0;  // SQLITE_OK
      },
      this);
  // Named, so that `top -H` and perf tell the writer from the handler threads.
  writer_thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kenshu-writer");
    writer_loop();
  });
  checkpoint_thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "kenshu-ckpt");
    checkpoint_loop();
  });
}

void Db::checkpoint_loop() {
  Session s;  // opened on first use: at start the migrations may hold the database
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    checkpoint_wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; });
    if (stopping_) break;
    lock.unlock();
    try {
      if (!s) s = open(false);
      *s << "PRAGMA wal_checkpoint(PASSIVE)";  // never waits for readers or the writer
    } catch (const std::exception& e) {
      spdlog::warn("WAL checkpoint: {}", e.what());
      s.reset();
    }
    lock.lock();
  }
}

Db::~Db() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  checkpoint_wake_.notify_all();
  if (writer_thread_.joinable()) writer_thread_.join();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
}

void Db::CloseSession::operator()(soci::session* s) const {
  try {
    forget_statements(*s);
  } catch (const std::exception& e) {
    spdlog::error("closing a connection: {}", e.what());
  }
  delete s;
}

Db::Session Db::open(bool read_only) {
  Session s(new soci::session(soci::sqlite3, "db=" + quoted(options_.path) + " timeout=" +
                                                 std::to_string(options_.busy_timeout_s) + " synchronous=full"));
  *s << "PRAGMA foreign_keys=ON";
  if (read_only) *s << "PRAGMA query_only=ON";
  return s;
}

Db::Session Db::acquire_reader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!readers_.empty()) {
      auto s = std::move(readers_.back());
      readers_.pop_back();
      return s;
    }
  }
  return open(true);
}

void Db::release_reader(Session s) {
  std::lock_guard lock(readers_mutex_);
  readers_.push_back(std::move(s));
}

Db::ReadTx::ReadTx(soci::session& s) : s_(s) { cached(s_, "BEGIN").run(); }

Db::ReadTx::~ReadTx() {
  try {
    cached(s_, "COMMIT").run();
  } catch (const std::exception& e) {
    spdlog::error("read transaction end failed: {}", e.what());
  }
}

void Db::submit(std::function<void(soci::session&)> run) {
  Job job{std::move(run), {}};
  auto done = job.done.get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  done.get();  // rethrows the job's own exception
}

void Db::on_commit(std::function<void()> hook) {
  std::lock_guard lock(mutex_);
  commit_hooks_.push_back(std::move(hook));
}

DbStats Db::stats() {
  std::lock_guard lock(mutex_);
  return stats_;
}

void Db::writer_loop() {
  for (;;) {
    std::vector<Job> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left to write
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    commit_batch(batch);
    if (wal_frames_.load() > kWalRestartFrames) restart_wal();
  }
}

// Under steady load the checkpoint thread never catches up with the writer, so the WAL only grew: every commit then
// wrote into new file pages, which the kernel zeroes first (a fifth of the writer's time in bench apply). A
// checkpoint here, between batches, ends with the WAL fully copied back, so the next commit starts it from the top,
// over pages already in the page cache. It runs after the batch is acknowledged: only the next batch waits for it,
// and the checkpoint thread has usually copied part of the WAL by then.
void Db::restart_wal() {
  try {
    cached(*writer_, "PRAGMA wal_checkpoint(PASSIVE)").run();
  } catch (const std::exception& e) {
    spdlog::warn("WAL checkpoint on the writer: {}", e.what());
  }
  wal_frames_.store(0);
}

// Every job gets a savepoint, so one job's failure undoes only its own rows; one COMMIT makes the batch durable.
void Db::commit_batch(std::vector<Job>& batch) {
  std::vector<std::exception_ptr> errors(batch.size());
  soci::session& s = *writer_;
  try {
    cached(s, "BEGIN IMMEDIATE").run();
  } catch (...) {
    for (auto& job : batch) job.done.set_exception(std::make_exception_ptr(ApiError("server.unavailable")));
    spdlog::error("BEGIN IMMEDIATE failed");
    return;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    try {
      cached(s, "SAVEPOINT job").run();
      batch[i].run(s);
      cached(s, "RELEASE job").run();
    } catch (...) {
      errors[i] = std::current_exception();
      try {
        cached(s, "ROLLBACK TO job").run();
        cached(s, "RELEASE job").run();
      } catch (const std::exception& e) {
        spdlog::error("rollback to savepoint failed: {}", e.what());
      }
    }
  }
  try {
    cached(s, "COMMIT").run();
  } catch (const std::exception& e) {
    spdlog::error("group commit of {} transactions failed: {}", batch.size(), e.what());
    try {
      s << "ROLLBACK";
    } catch (...) {
    }
    for (auto& err : errors)
      if (!err) err = std::make_exception_ptr(ApiError("server.unavailable"));
  }
  std::vector<std::function<void()>> hooks;
  {
    std::lock_guard lock(mutex_);
    stats_.transactions += batch.size();
    stats_.commits += 1;
    hooks = commit_hooks_;
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (errors[i]) batch[i].done.set_exception(errors[i]);
    else batch[i].done.set_value();
  }
  for (auto& hook : hooks) hook();
}

int Db::migrate() {
  auto s = open(false);
  exec_script(*s,
              "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
              "applied_at TEXT NOT NULL)");
  int applied = 0;
  for (const Migration& m : migrations()) {
    *s << "BEGIN IMMEDIATE";
    try {
      int done = 0;
      *s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version), soci::into(done);
      if (done == 0) {
        exec_script(*s, m.sql);
        std::string at = now_utc();
        *s << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)", soci::use(m.version),
            soci::use(m.name), soci::use(at);
        ++applied;
        spdlog::info("applied migration {}", m.name);
      }
      *s << "COMMIT";
    } catch (...) {
      *s << "ROLLBACK";
      throw;
    }
  }
  return applied;
}

int Db::schema_version() {
  return read([](soci::session& s) {
    int v = 0;
    soci::indicator ind;
    s << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
    return ind == soci::i_ok ? v : 0;
  });
}

bool Db::ready() {
  try {
    return !migrations().empty() && schema_version() == migrations().back().version;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace kenshu::store
