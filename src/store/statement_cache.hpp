// Statements compiled once per connection and reused, through SQLite's C API. SOCI compiles a statement at every
// use; under load that was half of the writer thread's time (bench apply), so the hot paths (every transaction's
// BEGIN/SAVEPOINT/COMMIT, submitting an application, the outbox) use this instead. SQLite only: a PostgreSQL back
// end keeps SOCI's own statements behind the same store functions.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include <soci/soci.h>

namespace sqlite_api {  // where SOCI's SQLite back end puts SQLite's C API
struct sqlite3;
struct sqlite3_stmt;
}  // namespace sqlite_api

namespace kenshu::store {

// A cached statement in use: parameters are bound in order; on destruction it is reset for the next user.
// Texts are bound without a copy: each must live until the statement has run, which holds for the chained
// `cached(…).text(x)….run()` (temporaries live to the end of the full expression) and for named arguments.
class Stmt {
 public:
  Stmt(sqlite_api::sqlite3* db, sqlite_api::sqlite3_stmt* st) : db_(db), st_(st) {}
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& text(std::string_view v);
  Stmt& integer(long long v);
  Stmt& null();
  Stmt& text_or_null(const std::optional<std::string>& v) { return v ? text(*v) : null(); }

  void run();  // steps to completion (a statement without rows); throws soci::soci_error on failure
  bool next();  // steps once: true when a row is there
  long long column_integer(int i) const;
  bool column_null(int i) const;
  std::string column_text(int i) const;

 private:
  sqlite_api::sqlite3* db_;
  sqlite_api::sqlite3_stmt* st_;
  int next_param_ = 1;
};

// The statement for `sql` on this connection, compiled on first use. `sql` must be a string literal: its address is
// the key. The connection must be SQLite's and used by one thread at a time (as Db's connections are).
Stmt cached(soci::session& s, const char* sql);

// The connection's SQLite handle (soci-sqlite3.h declares SQLite's C API inside namespace sqlite_api).
sqlite_api::sqlite3* sqlite_handle(soci::session& s);

// Finalises the cached statements of a connection; to be called before it closes.
void forget_statements(soci::session& s);

}  // namespace kenshu::store
