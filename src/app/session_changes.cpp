#include "app/session_changes.hpp"

#include "domain/time.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace {

std::string date_text(const std::string& date, bool ja) {
  const auto d = time::parse_date(date);
  if (!d) return date;
  return ja ? time::wareki_date(*d) : time::english_date(*d);
}

}  // namespace

std::vector<store::SessionChangeRow> record_session_changes(soci::session& s, const store::SessionRow& before,
                                                            const store::SessionRow& after, const std::string& now) {
  std::vector<store::SessionChangeRow> rows;
  if (before.date != after.date)
    rows.push_back({before.id, "date", {date_text(before.date, true), date_text(before.date, false)},
                    {date_text(after.date, true), date_text(after.date, false)}, now});
  if (before.venue.ja != after.venue.ja || before.venue.en != after.venue.en)
    rows.push_back({before.id, "venue", before.venue, after.venue, now});
  for (const auto& r : rows) store::insert_session_change(s, r, store::new_id());
  return rows;
}

}  // namespace kenshu::app
