// The application use cases against a real SQLite file.
#include <atomic>
#include <thread>

#include "app/apply.hpp"
#include "app/manage_application.hpp"
#include "domain/api_error.hpp"
#include "fixture.hpp"
#include "store/application_store.hpp"
#include "store/outbox_store.hpp"

using namespace kenshu;

namespace {
app::ApplyInput input(itest::Fixture& f, const std::string& hospital, std::optional<std::string> key = {}) {
  return {"", f.draft(hospital), Lang::ja, std::move(key), "hash-" + hospital};
}
long long count_rows(itest::Fixture& f, const char* sql) {
  long long n = 0;
  f.db->read([&](soci::session& s) { s << sql, soci::into(n); });
  return n;
}
}  // namespace

TEST(Apply, SavesTheApplicationWithItsMailsInOneTransaction) {
  itest::Fixture f;
  const auto out = app::apply(*f.app, input(f, "第一病院"));
  EXPECT_EQ(out.status, 201);
  EXPECT_NE(out.body.find("\"reference\":\"DEMO-0001\""), std::string::npos);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM applications"), 1);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM members"), 4);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM preferences"), 2);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM outbox WHERE kind = 'application_submitted'"), 1);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM outbox WHERE kind = 'member_registered'"), 4);
}

// The mails are rendered before the write transaction; the reference, assigned inside it, is filled in there.
TEST(Apply, EveryMailCarriesTheAssignedReference) {
  itest::Fixture f;
  app::apply(*f.app, input(f, "第一病院"));
  app::apply(*f.app, input(f, "第二病院"));
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM outbox o JOIN applications a ON a.id = o.related_id "
                          "WHERE instr(o.subject || o.body_text, a.reference) > 0"),
            10);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM outbox WHERE instr(subject || body_text, char(31)) > 0"), 0);
}

TEST(Apply, ARejectedApplicationWritesNothing) {
  itest::Fixture f;
  auto in = input(f, "第一病院");
  in.draft.members[0].profession = domain::Profession::other;
  EXPECT_THROW(app::apply(*f.app, in), ApiError);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM applications"), 0);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM outbox"), 0);
}

TEST(Apply, TheSameIdempotencyKeyAnswersTheFirstAnswer) {
  itest::Fixture f;
  const auto first = app::apply(*f.app, input(f, "第一病院", "key-1"));
  const auto again = app::apply(*f.app, input(f, "第一病院", "key-1"));
  EXPECT_EQ(first.body, again.body);
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM applications"), 1);
  auto other = input(f, "第二病院", "key-1");
  try {
    app::apply(*f.app, other);
    FAIL() << "a reused key with another body was accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "idempotency.key_reused");
  }
}

TEST(Apply, ConcurrentRetriesWithOneKeyCreateOneApplication) {
  itest::Fixture f;
  std::vector<std::thread> threads;
  std::atomic<int> replayed{0};
  for (int i = 0; i < 16; ++i)
    threads.emplace_back([&] { replayed += app::apply(*f.app, input(f, "第一病院", "same-key")).replayed; });
  for (auto& t : threads) t.join();
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM applications"), 1);
  EXPECT_EQ(replayed.load(), 15);
}

TEST(Apply, OneActiveApplicationPerHospitalUnderConcurrency) {
  itest::Fixture f;
  std::atomic<int> created{0}, duplicates{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 24; ++i)
    threads.emplace_back([&, i] {
      auto in = input(f, "同時病院");
      in.request_hash = "h" + std::to_string(i);
      try {
        app::apply(*f.app, in);
        ++created;
      } catch (const ApiError& e) {
        if (e.code() == "application.duplicate_hospital") ++duplicates;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(duplicates.load(), 23);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM applications"), 1);
}

TEST(Apply, AWithdrawnApplicationFreesTheHospital) {
  itest::Fixture f;
  app::apply(*f.app, input(f, "第一病院"));
  // The token is only in the mail: read it back from the outbox as the contact would.
  std::string body;
  f.db->read([&](soci::session& s) {
    s << "SELECT body_text FROM outbox WHERE kind = 'application_submitted'", soci::into(body);
  });
  const auto at = body.find("/manage#");
  ASSERT_NE(at, std::string::npos);
  const std::string token = body.substr(at + 8, 43);
  EXPECT_NE(body.find("https://kenshu.example.jp/manage#"), std::string::npos) << "links use the configured URL";
  const auto view = app::withdraw_application(*f.app, token);
  EXPECT_EQ(view.record.status, "withdrawn");
  EXPECT_EQ(app::apply(*f.app, input(f, "第一病院")).status, 201);
}

TEST(Manage, MembersKeepTheirIdWhileTheirEmailStays) {
  itest::Fixture f;
  app::apply(*f.app, input(f, "第一病院"));
  std::string body;
  f.db->read([&](soci::session& s) {
    s << "SELECT body_text FROM outbox WHERE kind = 'application_submitted'", soci::into(body);
  });
  const std::string token = body.substr(body.find("/manage#") + 8, 43);
  const auto before = app::view_application(*f.app, token);
  app::ApplicationPatch patch;
  patch.members = before.record.members;
  std::swap((*patch.members)[1], (*patch.members)[2]);
  (*patch.members)[3].email = "new@example.jp";
  const auto after = app::update_application(*f.app, token, patch);
  EXPECT_EQ(after.record.member_ids[0], before.record.member_ids[0]);
  EXPECT_EQ(after.record.member_ids[1], before.record.member_ids[2]);
  EXPECT_EQ(after.record.member_ids[2], before.record.member_ids[1]);
  EXPECT_NE(after.record.member_ids[3], before.record.member_ids[3]);
  EXPECT_EQ(count_rows(f, "SELECT COUNT(*) FROM members"), 4);
  EXPECT_EQ(after.history.size(), 2u);
}

TEST(Manage, AnUnknownTokenIsNotFound) {
  itest::Fixture f;
  try {
    app::view_application(*f.app, "nope");
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "application.not_found");
    EXPECT_EQ(e.status(), 404);
  }
}
