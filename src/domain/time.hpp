// Instants are stored in UTC and shown in Japan time (UTC+9, no daylight saving); session days are Japan dates.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kenshu::time {

using Clock = std::chrono::system_clock;
using Instant = std::chrono::time_point<Clock, std::chrono::milliseconds>;

inline constexpr std::chrono::hours kJstOffset{9};

std::string to_utc_string(Instant t);  // 2025-07-28T00:00:00.000Z, the stored form (sorts as text)
std::string to_jst_string(Instant t);  // 2025-07-28T09:00:00+09:00, the shown form
std::optional<Instant> parse_instant(std::string_view s);  // ISO 8601 with Z or ±hh:mm

std::optional<std::chrono::year_month_day> parse_date(std::string_view s);  // YYYY-MM-DD
std::string to_date_string(std::chrono::year_month_day d);
std::chrono::year_month_day jst_date_of(Instant t);
Instant jst_start_of(std::chrono::year_month_day d);  // 00:00 Japan time that day
Instant jst_at(std::chrono::year_month_day d, int hour, int minute);

// Days from one Japan date to another (negative when `to` is earlier).
int days_between(std::chrono::year_month_day from, std::chrono::year_month_day to);

// 2025-08-24 → "令和7年8月24日（日）" / "Sun 24 Aug 2025".
std::string wareki_date(std::chrono::year_month_day d);
std::string english_date(std::chrono::year_month_day d);
std::string_view weekday_ja(std::chrono::year_month_day d);

}  // namespace kenshu::time
