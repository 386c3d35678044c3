#include "domain/time.hpp"

#include <array>
#include <cstdio>

namespace kenshu::time {
using namespace std::chrono;

namespace {

bool read_int(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::string format_parts(Instant t, const char* suffix) {
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld%s", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), long(hms.hours().count()), long(hms.minutes().count()),
                long(hms.seconds().count()), suffix);
  return buf;
}

}  // namespace

std::string to_utc_string(Instant t) {
  const auto ms = (t.time_since_epoch() % seconds(1)).count();
  char frac[32];
  std::snprintf(frac, sizeof frac, ".%03ldZ", long(ms < 0 ? ms + 1000 : ms));
  return format_parts(floor<seconds>(t), frac);
}

std::string to_jst_string(Instant t) { return format_parts(floor<seconds>(t + kJstOffset), "+09:00"); }

std::optional<Instant> parse_instant(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() < 20 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
    return std::nullopt;
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d) || !read_int(s, 11, 2, h) ||
      !read_int(s, 14, 2, mi) || !read_int(s, 17, 2, sec))
    return std::nullopt;
  const year_month_day ymd{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  std::size_t pos = 19;
  int millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    std::size_t digits = 0;
    for (++pos; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, ++digits)
      if (digits < 3) millis = millis * 10 + (s[pos] - '0');
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) millis *= 10;
  }
  minutes offset{0};
  if (pos < s.size() && s[pos] == 'Z') ++pos;
  else if (pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && s[pos + 3] == ':') {
    int oh, om;
    if (!read_int(s, pos + 1, 2, oh) || !read_int(s, pos + 4, 2, om)) return std::nullopt;
    offset = minutes(oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else return std::nullopt;
  if (pos != s.size()) return std::nullopt;
  return Instant{sys_days{ymd}.time_since_epoch() + hours(h) + minutes(mi) + seconds(sec) + milliseconds(millis) - offset};
}

std::optional<year_month_day> parse_date(std::string_view s) {
  int y, m, d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !read_int(s, 0, 4, y) || !read_int(s, 5, 2, m) ||
      !read_int(s, 8, 2, d))
    return std::nullopt;
  const year_month_day ymd{year{y}, month{unsigned(m)}, day{unsigned(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string to_date_string(year_month_day d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()), unsigned(d.day()));
  return buf;
}

year_month_day jst_date_of(Instant t) { return year_month_day{floor<days>(t + kJstOffset)}; }

Instant jst_start_of(year_month_day d) { return Instant{sys_days{d}.time_since_epoch() - kJstOffset}; }

Instant jst_at(year_month_day d, int hour, int minute) { return jst_start_of(d) + hours(hour) + minutes(minute); }

int days_between(year_month_day from, year_month_day to) {
  return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

std::string_view weekday_ja(year_month_day d) {
  static constexpr std::array<std::string_view, 7> names{"日", "月", "火", "水", "木", "金", "土"};
  return names[weekday{sys_days{d}}.c_encoding()];
}

std::string wareki_date(year_month_day d) {
  // Reiwa began on 2019-05-01; earlier dates are not used by this programme, but Heisei is kept for past records.
  const bool reiwa = sys_days{d} >= sys_days{year{2019} / May / 1};
  const int era_year = int(d.year()) - (reiwa ? 2018 : 1988);
  const std::string era = reiwa ? "令和" : "平成";
  const std::string y = era_year == 1 ? "元" : std::to_string(era_year);
  return era + y + "年" + std::to_string(unsigned(d.month())) + "月" + std::to_string(unsigned(d.day())) + "日（" +
         std::string(weekday_ja(d)) + "）";
}

std::string english_date(year_month_day d) {
  static constexpr std::array<const char*, 7> wd{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> mo{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %u %s %d", wd[weekday{sys_days{d}}.c_encoding()], unsigned(d.day()),
                mo[unsigned(d.month()) - 1], int(d.year()));
  return buf;
}

}  // namespace kenshu::time
