// The mails of selection, to the contact, written to the outbox in the transaction of the change.
#include <soci/soci.h>

#include <algorithm>

#include "app/application_mail.hpp"
#include "app/selection_internal.hpp"
#include "store/ids.hpp"
#include "store/outbox_store.hpp"

namespace kenshu::app {

void enqueue_selection_mail(App& app, soci::session& s, const std::string& kind, const std::string& application_id,
                            time::Instant now) {
  auto a = store::find_application(s, application_id);
  auto pl = store::find_placement(s, application_id);
  if (!a || !pl) return;
  auto year = store::find_year_by_id(s, a->program_year_id);
  if (!year) return;
  const YearContext ctx = year_context(app, s, year->key, now);
  const Lang lang = a->locale == "en" ? Lang::en : Lang::ja;
  auto label_of = [&](const std::string& id) {
    auto it = std::find_if(ctx.sessions.begin(), ctx.sessions.end(), [&](const store::SessionRow& r) { return r.id == id; });
    return it == ctx.sessions.end() ? id : session_label(*it, lang);
  };
  mail::Data d = application_mail_data(app, *a, ctx);
  d.set("session", pl->session_id ? label_of(*pl->session_id) : "");
  d.set("confirm_by", pl->confirm_by ? shown_time(time::parse_instant(*pl->confirm_by).value_or(now), lang) : "");
  d.set("explanation", lang == Lang::en ? pl->explanation.en : pl->explanation.ja);
  mail::List waitlist;
  for (const auto& w : store::waitlist_of_application(s, application_id)) {
    if (w.status != "waiting") continue;
    mail::Data wd;
    wd.set("session", label_of(w.session_id));
    wd.set("position", std::to_string(w.position));
    waitlist.push_back(wd);
  }
  d.set("has_waitlist", mail::Data(!waitlist.empty()));
  d.set("waitlist", waitlist);
  mail::List later;
  const boost::json::value later_ids = boost::json::parse(pl->later_session_ids_json);
  for (const auto& v : later_ids.as_array()) {
    mail::Data ld;
    ld.set("session", label_of(std::string(v.as_string())));
    later.push_back(ld);
  }
  d.set("has_later", mail::Data(!later.empty()));
  d.set("later_sessions", later);
  const mail::Rendered r = app.templates.render(kind, lang, d);
  store::enqueue_mail(s, {store::new_id(), kind, a->contact.email, r.subject, r.body, a->id, 0}, time::to_utc_string(now));
}

}  // namespace kenshu::app
