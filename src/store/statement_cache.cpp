#include "store/statement_cache.hpp"

#include <soci/sqlite3/soci-sqlite3.h>  // includes <sqlite3.h> inside namespace sqlite_api

#include <mutex>
#include <unordered_map>

namespace kenshu::store {
namespace {

using namespace sqlite_api;

using Statements = std::unordered_map<const char*, sqlite3_stmt*>;

// Per connection. The registry's lock is held only to find a connection's map; the map itself belongs to the thread
// that holds the connection.
std::mutex registry_mutex;
std::unordered_map<sqlite3*, Statements> registry;

}  // namespace

sqlite3* sqlite_handle(soci::session& s) {
  // Checked by name: Debian's SOCI does not export the back end's typeinfo, so no dynamic_cast.
  if (s.get_backend_name() != "sqlite3") throw soci::soci_error("statement cache: not an SQLite session");
  return static_cast<soci::sqlite3_session_backend*>(s.get_backend())->conn_;
}

namespace {

[[noreturn]] void fail(sqlite3* db, const char* what) {
  throw soci::soci_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

}  // namespace

using namespace sqlite_api;

Stmt::~Stmt() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

Stmt& Stmt::text(std::string_view v) {
  // Not copied (SQLITE_STATIC): copying every text of a submit was a twentieth of the writer thread's time.
  if (sqlite3_bind_text(st_, next_param_++, v.data(), static_cast<int>(v.size()), SQLITE_STATIC) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}

Stmt& Stmt::integer(long long v) {
  if (sqlite3_bind_int64(st_, next_param_++, v) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

Stmt& Stmt::null() {
  if (sqlite3_bind_null(st_, next_param_++) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

void Stmt::run() {
  while (next()) {
  }
}

bool Stmt::next() {
  const int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "step");
}

long long Stmt::column_integer(int i) const { return sqlite3_column_int64(st_, i); }

bool Stmt::column_null(int i) const { return sqlite3_column_type(st_, i) == SQLITE_NULL; }

std::string Stmt::column_text(int i) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, i));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, i))) : std::string();
}

Stmt cached(soci::session& s, const char* sql) {
  sqlite3* db = sqlite_handle(s);
  Statements* statements = nullptr;
  {
    std::lock_guard lock(registry_mutex);
    statements = &registry[db];
  }
  sqlite3_stmt*& st = (*statements)[sql];
  if (!st && sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
    st = nullptr;
    fail(db, "prepare");
  }
  return Stmt(db, st);
}

void forget_statements(soci::session& s) {
  sqlite3* db = sqlite_handle(s);
  std::lock_guard lock(registry_mutex);
  auto it = registry.find(db);
  if (it == registry.end()) return;
  for (auto& [sql, st] : it->second) sqlite3_finalize(st);
  registry.erase(it);
}

}  // namespace kenshu::store
