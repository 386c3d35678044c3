#include "app/session_calendar.hpp"

#include <soci/soci.h>

#include "domain/api_error.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {
namespace {

// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped; newlines become \n.
std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out;
}

// RFC 5545 §3.1: lines longer than 75 octets are folded, never inside a UTF-8 sequence.
std::string fold(const std::string& line) {
  std::string out;
  std::size_t col = 0;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (col + len > 75) {
      out += "\r\n ";
      col = 1;
    }
    out.append(line, i, len);
    col += len;
    i += len;
  }
  return out + "\r\n";
}

std::string stamp(time::Instant t) {
  const std::string iso = time::to_utc_string(t);  // 2025-08-24T00:30:00.000Z
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + "T" + iso.substr(11, 2) + iso.substr(14, 2) +
         iso.substr(17, 2) + "Z";
}

}  // namespace

std::string session_calendar(App& app, const std::string& session_id, Lang lang) {
  return app.db.read([&](soci::session& s) {
    auto session = store::find_session(s, session_id);
    if (!session) throw ApiError("session.not_found");
    auto year = store::find_year_by_id(s, session->program_year_id);
    const auto courses = store::courses_of(s, session->program_year_id);
    const auto day = *time::parse_date(session->date);
    const bool en = lang == Lang::en;
    std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kenshu//ECMO ventilator course//JA\r\n"
                      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
    for (const auto& c : courses) {
      auto hm = [](const std::string& t) { return std::pair{std::stoi(t.substr(0, 2)), std::stoi(t.substr(3, 2))}; };
      const auto [sh, sm] = hm(c.starts_local);
      const auto [eh, em] = hm(c.ends_local);
      ics += "BEGIN:VEVENT\r\n";
      ics += fold("UID:" + session->id + "-" + c.code + "@kenshu");
      ics += "DTSTAMP:" + stamp(app.clock.now()) + "\r\n";
      ics += "DTSTART:" + stamp(time::jst_at(day, sh, sm)) + "\r\n";
      ics += "DTEND:" + stamp(time::jst_at(day, eh, em)) + "\r\n";
      ics += fold("SUMMARY:" + escape((en ? c.name.en : c.name.ja) + " — " + (year ? (en ? year->title.en : year->title.ja) : "")));
      ics += fold("LOCATION:" + escape(en ? session->venue.en : session->venue.ja));
      ics += fold("DESCRIPTION:" + escape(en ? session->region.en : session->region.ja));
      ics += "END:VEVENT\r\n";
    }
    return ics + "END:VCALENDAR\r\n";
  });
}

}  // namespace kenshu::app
