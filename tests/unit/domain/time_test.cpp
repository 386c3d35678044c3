#include <gtest/gtest.h>

#include "domain/time.hpp"

using namespace kenshu;
using namespace std::chrono;

TEST(Time, StoresUtcAndShowsJapanTime) {
  const auto t = *time::parse_instant("2025-08-24T08:30:00+09:00");
  EXPECT_EQ(time::to_utc_string(t), "2025-08-23T23:30:00.000Z");
  EXPECT_EQ(time::to_jst_string(t), "2025-08-24T08:30:00+09:00");
  EXPECT_EQ(time::parse_instant("2025-08-23T23:30:00.000Z"), t);
}

TEST(Time, RejectsMalformedInstants) {
  EXPECT_FALSE(time::parse_instant("2025-08-24"));
  EXPECT_FALSE(time::parse_instant("2025-02-30T00:00:00Z"));
  EXPECT_FALSE(time::parse_instant("2025-08-24T25:00:00Z"));
  EXPECT_FALSE(time::parse_instant("2025-08-24T08:30:00"));
}

TEST(Time, JapanDateOfAnInstant) {
  const auto t = *time::parse_instant("2025-08-23T15:00:00Z");  // 00:00 on the 24th in Japan
  EXPECT_EQ(time::to_date_string(time::jst_date_of(t)), "2025-08-24");
}

TEST(Time, WarekiAndEnglishDates) {
  const auto d = *time::parse_date("2025-08-24");
  EXPECT_EQ(time::wareki_date(d), "令和7年8月24日（日）");
  EXPECT_EQ(time::english_date(d), "Sun 24 Aug 2025");
  EXPECT_EQ(time::wareki_date(*time::parse_date("2019-05-01")), "令和元年5月1日（水）");
  EXPECT_EQ(time::wareki_date(*time::parse_date("2019-04-30")), "平成31年4月30日（火）");
}
