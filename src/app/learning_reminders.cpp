// The daily reminders: pre-learning to participants and team contacts before the day, the post-course questionnaire
// after it.
#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <map>
#include <optional>
#include <sstream>

#include "app/access_control.hpp"
#include "app/audit.hpp"
#include "app/learning.hpp"
#include "app/learning_internal.hpp"
#include "domain/api_error.hpp"
#include "store/ids.hpp"
#include "store/outbox_store.hpp"

namespace kenshu::app {
namespace json = boost::json;
using domain::Capability;

namespace {

std::vector<int> offsets_of(const std::string& list) {
  std::vector<int> offsets;
  std::stringstream ss(list);
  std::string part;
  while (std::getline(ss, part, ','))
    if (!part.empty()) offsets.push_back(std::stoi(part));
  return offsets;
}

// One reminder, at most once per recipient, session and offset: recorded first, so a reminder already sent is not
// rendered again; returns whether it was sent now.
struct Reminder {
  std::string recipient;  // the record's key: member id, "contact:" + application id, "post:" + member id
  std::string session_id;
  int offset_days = 0;
  std::string kind;  // mail template and outbox kind
  Lang lang = Lang::ja;
  std::string to;
  std::string related_id;
};

bool send_once(App& app, soci::session& s, const Reminder& r, const mail::Data& d, const std::string& now_utc) {
  const std::string outbox_id = store::new_id();
  if (!store::record_reminder(s, r.recipient, r.session_id, r.offset_days, outbox_id, now_utc)) return false;
  const auto m = app.templates.render(r.kind, r.lang, d);
  store::enqueue_mail(s, {outbox_id, r.kind, r.to, m.subject, m.body, r.related_id, 0}, now_utc);
  return true;
}

Lang lang_of(const std::string& locale) { return locale == "en" ? Lang::en : Lang::ja; }

std::string participants_line(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += "・" + n + "\n";
  return out;
}

// ---- reminders ----

// After the day: those who have not answered the post-course form, while it is open, at the latest offset reached
// (recorded as "post:" + member id, so the days after never collide with the days before).
void remind_post(App& app, soci::session& s, const std::vector<store::ParticipantRow>& participants,
                 const YearContent& c, time::Instant now, ReminderReport& report) {
  if (!c.questionnaire) return;
  const std::vector<int> offsets = offsets_of(app.config.learning.post_reminder_days);
  const auto today = time::jst_date_of(now);
  const std::string now_utc = time::to_utc_string(now);
  std::map<std::string, SessionTimes> times_of;  // per session: its members share it
  for (const auto& m : participants) {
    auto it = times_of.find(m.session_id);
    if (it == times_of.end()) it = times_of.emplace(m.session_id, session_times(s, m.session_id)).first;
    const SessionTimes& times = it->second;
    const time::Instant closes = times.ends + std::chrono::days(c.questionnaire->post_close_days);
    if (now < times.ends || now >= closes) continue;
    const int days = time::days_between(time::parse_date(times.session.date).value_or(today), today);
    std::optional<int> due;
    for (int off : offsets)
      if (days >= off && (!due || off > *due)) due = off;
    if (!due || status_of(s, m, c).post_done) continue;
    mail::Data d;
    d.set("name", m.name);
    d.set("date", time::wareki_date(time::parse_date(times.session.date).value_or(today)));
    d.set("closes", time::wareki_date(time::jst_date_of(closes)) + " " + jst(closes).substr(11, 5));
    d.set("portal_link", app.public_url + "/portal");
    const Reminder r{"post:" + m.member_id, m.session_id, *due, "learning_post_reminder", lang_of(m.locale),
                     m.email, m.application_id};
    if (send_once(app, s, r, d, now_utc)) ++report.post;
  }
}

}  // namespace

ReminderReport send_reminders(App& app) {
  const std::vector<int> offsets = offsets_of(app.config.learning.reminder_days);
  const time::Instant now = app.clock.now();
  const auto today = time::jst_date_of(now);
  const std::string now_utc = time::to_utc_string(now);
  ReminderReport report;
  app.db.write([&](soci::session& s) {
    for (const auto& y : store::list_years(s)) {
      const auto participants = store::participants_of_year(s, y.id);
      if (participants.empty()) continue;
      const YearContent c = year_content(s, y.id);
      remind_post(app, s, participants, c, now, report);
      if (c.lectures.empty()) continue;
      std::map<std::string, std::vector<const store::ParticipantRow*>> behind_by_team;
      std::map<std::string, int> offset_of_team;
      std::map<std::string, std::optional<store::SessionRow>> sessions;  // read once per session, not per member
      for (const auto& m : participants) {
        auto known = sessions.find(m.session_id);
        if (known == sessions.end()) known = sessions.emplace(m.session_id, store::find_session(s, m.session_id)).first;
        const auto& session = known->second;
        if (!session) continue;
        const int days = time::days_between(today, time::parse_date(session->date).value_or(today));
        // The largest configured offset already reached and not yet sent catches up a missed day.
        std::optional<int> due;
        for (int off : offsets)
          if (days <= off && days >= 0 && (!due || off < *due)) due = off;
        if (!due) continue;
        if (status_of(s, m, c).ready()) continue;
        behind_by_team[m.application_id].push_back(&m);
        offset_of_team[m.application_id] = *due;
        mail::Data d;
        d.set("name", m.name);
        d.set("days", std::to_string(days));
        d.set("date", time::wareki_date(time::parse_date(session->date).value_or(today)));
        d.set("portal_link", app.public_url + "/portal");
        const Reminder r{m.member_id, session->id, *due, "learning_reminder", lang_of(m.locale), m.email,
                         m.application_id};
        if (send_once(app, s, r, d, now_utc)) ++report.participants;
      }
      for (const auto& [app_id, members] : behind_by_team) {
        const auto& first = *members.front();
        std::vector<std::string> names;
        for (const auto* m : members) names.push_back(m->name);
        mail::Data d;
        d.set("name", first.contact_name);
        d.set("members", participants_line(names));
        d.set("portal_link", app.public_url + "/portal");
        const Reminder r{"contact:" + app_id, first.session_id, offset_of_team[app_id], "learning_reminder_contact",
                         lang_of(first.locale), first.contact_email, app_id};
        if (send_once(app, s, r, d, now_utc)) ++report.contacts;
      }
    }
  });
  return report;
}

ReminderReport send_reminders_as(App& app, const Principal& p) {
  require(p, Capability::send_notifications);
  return send_reminders(app);
}

}  // namespace kenshu::app
