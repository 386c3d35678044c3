// The reference of the `apply` benchmark: what the disk allows without group commit. A bare single-threaded loop
// writes exactly the rows one submitted application writes (applications, hospitals, 4 members, 2 preferences,
// 1 application event, 5 outbox mails of the rendered size) in one synchronous=FULL WAL transaction per
// application, with statements prepared once. No HTTP, no JSON, no rules, no templates.
// With APPS_PER_COMMIT above 1 the same loop commits that many applications at once, with the server writer's page
// cache settings: the storage ceiling, what a perfect group commit could reach on this disk and this CPU.
//
//   apply_reference DB_FILE [SECONDS] [APPS_PER_COMMIT]
//     → prints {"apps":N,"seconds":S,"apps_per_s":R,"apps_per_commit":K}
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/migrations.hpp"

namespace {

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error("exec: " + msg);
  }
}

struct Stmt {
  sqlite3* db;
  sqlite3_stmt* st = nullptr;
  int next = 1;
  Stmt(sqlite3* d, const char* sql) : db(d) { check(db, sqlite3_prepare_v2(db, sql, -1, &st, nullptr), sql); }
  ~Stmt() { sqlite3_finalize(st); }
  Stmt& t(const std::string& v) {
    check(db, sqlite3_bind_text(st, next++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
    return *this;
  }
  Stmt& i(long long v) {
    check(db, sqlite3_bind_int64(st, next++, v), "bind");
    return *this;
  }
  Stmt& null() {
    check(db, sqlite3_bind_null(st, next++), "bind");
    return *this;
  }
  void run() {
    check(db, sqlite3_step(st), "step");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    next = 1;
  }
};

// Random-looking opaque ids of the server's length (22 characters), cheap to make.
std::string id_of(const char* kind, long long n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%021lld", kind, n);
  return std::string(buf).substr(0, 22);
}

std::string bytes(std::size_t n, const std::string& unit) {
  std::string out;
  while (out.size() + unit.size() <= n) out += unit;
  out.append(n - out.size(), 'x');
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DB_FILE [SECONDS] [APPS_PER_COMMIT]\n", argv[0]);
    return 2;
  }
  const double seconds = argc > 2 ? std::atof(argv[2]) : 5.0;
  const long long per_commit = argc > 3 ? std::max(1LL, std::atoll(argv[3])) : 1;
  sqlite3* db = nullptr;
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  try {
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000");
    for (const auto& m : kenshu::store::migrations()) exec(db, m.sql);
    // As store/db.cpp sets the writer: a large batch must not spill pages into the WAL mid-transaction.
    if (per_commit > 1) exec(db, "PRAGMA cache_size=-65536; PRAGMA cache_spill=OFF; PRAGMA temp_store=MEMORY");
    const std::string now = "2026-12-01T00:00:00.000Z";
    exec(db,
         "INSERT INTO program_years (id, key, fiscal_year, label_ja, label_en, title_ja, title_en, reference_prefix, "
         "applications_open_at, privacy_version, privacy_text_ja, privacy_text_en, secretariat_name_ja, "
         "secretariat_name_en, secretariat_email, created_at, updated_at) VALUES ('year', 'bench', 2026, 'b', 'b', "
         "'b', 'b', 'B', '" + now + "', '1', 't', 't', 's', 's', 's@example.jp', '" + now + "', '" + now + "');"
         "INSERT INTO sessions (id, program_year_id, number, date, region_ja, region_en, prefecture_code, venue_ja, "
         "venue_en, capacity_teams, capacity_people, applications_close_at, created_at, updated_at) VALUES "
         "('session1', 'year', 1, '2027-01-31', 'r', 'r', 13, 'v', 'v', 8, 32, '" + now + "', '" + now + "', '" +
         now + "'), ('session2', 'year', 2, '2027-02-21', 'r', 'r', 13, 'v', 'v', 8, 32, '" + now + "', '" + now +
         "', '" + now + "');");

    Stmt begin(db, "BEGIN IMMEDIATE"), commit(db, "COMMIT");
    Stmt app(db,
             "INSERT INTO applications (id, program_year_id, seq, reference, status, hospital_key, contact_name, "
             "contact_name_kana, contact_department, contact_email, contact_phone, any_session, privacy_version, "
             "consent_no_recording, consented_at, manage_token_hash, locale, created_at, updated_at) VALUES "
             "(?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?, 0, '1', 1, ?, ?, 'ja', ?, ?)");
    Stmt hospital(db,
                  "INSERT INTO hospitals (application_id, name, name_kana, prefecture_code, postal_code, address, "
                  "phone, critical_care_center, advanced_treatment_hospital, ecmo_cases_vv, ecmo_cases_va) VALUES "
                  "(?, ?, ?, 13, '100-0001', ?, '03-1234-5678', 'advanced', 1, 3, 4)");
    Stmt member(db,
                "INSERT INTO members (id, application_id, position, name, name_kana, profession, department, "
                "years_of_experience, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Stmt pref(db, "INSERT INTO preferences (application_id, rank, session_id) VALUES (?, ?, ?)");
    Stmt event(db,
               "INSERT INTO application_events (id, application_id, at, event, actor, detail_json) VALUES "
               "(?, ?, ?, 'submitted', 'contact', '{}')");
    Stmt mail(db,
              "INSERT INTO outbox (id, kind, to_address, subject, body_text, related_id, created_at, "
              "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

    // Sizes of the server's rendered Japanese mails (bytes of subject and body).
    const std::string contact_subject = bytes(85, "申込"), contact_body = bytes(2064, "申込内容です。\n");
    const std::string member_subject = bytes(103, "登録"), member_body = bytes(1609, "登録されました。\n");
    const char* professions[] = {"doctor", "nurse", "nurse", "clinical_engineer"};

    const auto start = std::chrono::steady_clock::now();
    const auto until = start + std::chrono::duration<double>(seconds);
    long long n = 0;
    long long ids = 0;
    while (std::chrono::steady_clock::now() < until) {
      ++n;
      const std::string a = id_of("a", n), stamp = now, hname = "ベンチ参照病院" + std::to_string(n);
      char ref[32];
      std::snprintf(ref, sizeof ref, "B-%04lld", n);
      if ((n - 1) % per_commit == 0) begin.run();
      app.t(a).t("year").i(n).t(ref).t("13|" + hname).t("山田 太郎").t("ヤマダ タロウ").t("救急科")
          .t("c" + std::to_string(n) + "@example.jp").t("03-1234-5678").t(stamp)
          .t(bytes(64, id_of("h", n))).t(stamp).t(stamp).run();
      hospital.t(a).t(hname).t("ベンチサンショウビョウイン").t("東京都千代田区1-1").run();
      for (int m = 0; m < 4; ++m) {
        const long long k = ++ids;
        member.t(id_of("m", k)).t(a).i(m + 1).t("鈴木 花子").t("スズキ ハナコ").t(professions[m]).t("ICU").i(8)
            .t("m" + std::to_string(k) + "@example.jp").t(stamp).t(stamp).run();
      }
      pref.t(a).i(1).t("session1").run();
      pref.t(a).i(2).t("session2").run();
      event.t(id_of("e", n)).t(a).t(stamp).run();
      ++ids;
      mail.t(id_of("o", ids)).t("application_submitted").t("c@example.jp").t(contact_subject).t(contact_body)
          .t(a).t(stamp).t(stamp).run();
      for (int m = 0; m < 4; ++m) {
        ++ids;
        mail.t(id_of("o", ids)).t("member_registered").t("m@example.jp").t(member_subject).t(member_body).t(a)
            .t(stamp).t(stamp).run();
      }
      if (n % per_commit == 0) commit.run();
    }
    if (n % per_commit != 0) commit.run();  // the last, partial batch counts only once it is durable
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("{\"apps\":%lld,\"seconds\":%.3f,\"apps_per_s\":%.1f,\"apps_per_commit\":%lld}\n", n, elapsed,
                n / elapsed, per_commit);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "apply_reference: %s\n", e.what());
    sqlite3_close(db);
    return 1;
  }
  sqlite3_close(db);
  return 0;
}
