// The store against a real SQLite file: migrations, group commit, savepoint isolation, durability across a crash.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>

#include "fixture.hpp"
#include "store/ids.hpp"
#include "store/migrations.hpp"
#include "store/statement_cache.hpp"

using namespace kenshu;

TEST(Migrations, ApplyOnceAndRecordTheirVersion) {
  auto dir = itest::temp_dir("mig");
  store::Db db({(dir / "m.db").string()});
  EXPECT_FALSE(db.ready());
  EXPECT_EQ(db.migrate(), static_cast<int>(store::migrations().size()));
  EXPECT_EQ(db.migrate(), 0);
  EXPECT_EQ(db.schema_version(), store::migrations().back().version);
  EXPECT_TRUE(db.ready());
  std::filesystem::remove_all(dir);
}

TEST(Db, UsesWalAndFullSynchronousMode) {
  itest::Fixture f;
  f.db->read([](soci::session& s) {
    std::string mode;
    int sync = 0;
    s << "PRAGMA journal_mode", soci::into(mode);
    EXPECT_EQ(mode, "wal");
    s << "PRAGMA synchronous", soci::into(sync);
    EXPECT_EQ(sync, 2);  // FULL
  });
}

TEST(Db, ConcurrentWritesShareCommits) {
  itest::Fixture f;
  f.db->write([](soci::session& s) { s << "CREATE TABLE t (n INTEGER NOT NULL)"; });
  const auto before = f.db->stats();
  constexpr int kThreads = 64, kEach = 20;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        int n = t * kEach + i;
        f.db->write([&](soci::session& s) { s << "INSERT INTO t (n) VALUES (:n)", soci::use(n); });
      }
    });
  for (auto& t : threads) t.join();
  const auto after = f.db->stats();
  int rows = 0;
  f.db->read([&](soci::session& s) { s << "SELECT COUNT(*) FROM t", soci::into(rows); });
  EXPECT_EQ(rows, kThreads * kEach);
  EXPECT_EQ(after.transactions - before.transactions, static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_LT(after.commits - before.commits, after.transactions - before.transactions)
      << "64 concurrent writers never shared a commit";
}

TEST(Db, AFailingTransactionUndoesOnlyItsOwnRows) {
  itest::Fixture f;
  f.db->write([](soci::session& s) { s << "CREATE TABLE t (n INTEGER NOT NULL)"; });
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&, t] {
      try {
        f.db->write([&](soci::session& s) {
          s << "INSERT INTO t (n) VALUES (:n)", soci::use(t);
          if (t % 2) throw std::runtime_error("odd jobs fail after writing");
        });
      } catch (const std::runtime_error&) {
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  int rows = 0, odd = 0;
  f.db->read([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM t", soci::into(rows);
    s << "SELECT COUNT(*) FROM t WHERE n % 2 = 1", soci::into(odd);
  });
  EXPECT_EQ(failures.load(), 8);
  EXPECT_EQ(rows, 8);
  EXPECT_EQ(odd, 0);
}

// A cached statement that failed (a duplicate key) is reset for the next job, which succeeds with it; the failed
// job's savepoint leaves nothing behind.
TEST(StatementCache, AStatementThatFailedServesTheNextJob) {
  static constexpr const char* kInsert = "INSERT INTO u (k) VALUES (?)";
  itest::Fixture f;
  f.db->write([](soci::session& s) { s << "CREATE TABLE u (k TEXT PRIMARY KEY)"; });
  f.db->write([](soci::session& s) { store::cached(s, kInsert).text("a").run(); });
  EXPECT_THROW(f.db->write([](soci::session& s) { store::cached(s, kInsert).text("a").run(); }), soci::soci_error);
  f.db->write([](soci::session& s) {
    store::cached(s, kInsert).text("b").run();
    store::Stmt st = store::cached(s, "SELECT COUNT(*) FROM u WHERE k IN (?, ?)");
    st.text("a").text("b");
    ASSERT_TRUE(st.next());
    EXPECT_EQ(st.column_integer(0), 2);
  });
}

// Ids are 22 characters of an ASCII-ordered alphabet, unique, and sort in the order they were made (so an index of
// them grows at one end); ids of one millisecond differ in their random part.
TEST(Ids, UniqueOpaqueAndOrderedByTime) {
  std::set<std::string> seen;
  std::string previous_ms_prefix;
  for (int i = 0; i < 2000; ++i) {
    const std::string id = store::new_id();
    ASSERT_EQ(id.size(), 22u);
    ASSERT_EQ(id.find_first_not_of("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"), std::string::npos)
        << id;
    ASSERT_TRUE(seen.insert(id).second) << "duplicate " << id;
    const std::string ms_prefix = id.substr(0, 8);  // the first 48 bits
    ASSERT_GE(ms_prefix, previous_ms_prefix) << "time order";
    previous_ms_prefix = ms_prefix;
  }
  const std::string a = store::new_id();
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  EXPECT_LT(a, store::new_id());
}

// A child process writes and reports each acknowledged write on a pipe; it is killed with SIGKILL mid-stream.
// Every write it acknowledged must be in the file afterwards.
TEST(Db, AcknowledgedWritesSurviveAKill) {
  auto dir = itest::temp_dir("kill");
  const std::string path = (dir / "k.db").string();
  {
    store::Db db({path});
    db.migrate();
    db.write([](soci::session& s) { s << "CREATE TABLE acks (n INTEGER NOT NULL)"; });
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    store::Db db({path});
    std::vector<std::thread> writers;
    for (int t = 0; t < 8; ++t)
      writers.emplace_back([&, t] {
        for (int i = 0;; ++i) {
          int n = t * 1000000 + i;
          db.write([&](soci::session& s) { s << "INSERT INTO acks (n) VALUES (:n)", soci::use(n); });
          if (write(fds[1], &n, sizeof n) != sizeof n) _exit(1);
        }
      });
    for (auto& w : writers) w.join();
    _exit(0);
  }
  close(fds[1]);
  std::vector<int> acked;
  int n;
  while (acked.size() < 400 && read(fds[0], &n, sizeof n) == sizeof n) acked.push_back(n);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  while (read(fds[0], &n, sizeof n) == sizeof n) acked.push_back(n);  // acknowledged just before the kill
  close(fds[0]);
  ASSERT_GE(acked.size(), 400u);
  store::Db db({path});
  int missing = 0;
  db.read([&](soci::session& s) {
    for (int a : acked) {
      int c = 0;
      s << "SELECT COUNT(*) FROM acks WHERE n = :n", soci::use(a), soci::into(c);
      missing += c == 0;
    }
  });
  EXPECT_EQ(missing, 0) << "of " << acked.size() << " acknowledged writes";
  std::filesystem::remove_all(dir);
}
