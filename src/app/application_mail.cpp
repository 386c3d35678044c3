#include "app/application_mail.hpp"

#include <algorithm>

#include "domain/prefectures.hpp"
#include "store/ids.hpp"
#include "store/outbox_store.hpp"

namespace kenshu::app {
namespace {

constexpr const char* kReferencePlaceholder = "\x1f" "reference" "\x1f";

void fill_reference(std::string& text, const std::string& reference) {
  const std::string placeholder = kReferencePlaceholder;
  for (auto at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + reference.size()))
    text.replace(at, placeholder.size(), reference);
}

Lang lang_of(const store::ApplicationRecord& a) { return a.locale == "en" ? Lang::en : Lang::ja; }

const std::string& pick(const L10n& t, Lang lang) { return lang == Lang::en ? t.en : t.ja; }

std::string profession_label(domain::Profession p, Lang lang) {
  static const char* ja[] = {"医師", "看護師", "臨床工学技士", "その他"};
  static const char* en[] = {"Doctor", "Nurse", "Clinical engineer", "Other"};
  return (lang == Lang::en ? en : ja)[static_cast<int>(p)];
}

}  // namespace

std::string session_label(const store::SessionRow& s, Lang lang) {
  const auto d = time::parse_date(s.date);
  const std::string date = d ? (lang == Lang::en ? time::english_date(*d) : time::wareki_date(*d)) : s.date;
  return date + " " + pick(s.region, lang) + " " + pick(s.venue, lang);
}

std::string shown_time(time::Instant t, Lang lang) {
  const auto d = time::jst_date_of(t);
  const std::string jst = time::to_jst_string(t);
  return (lang == Lang::en ? time::english_date(d) : time::wareki_date(d)) + " " + jst.substr(11, 5) +
         (lang == Lang::en ? " (Japan time)" : "");
}

namespace {

mail::Data common_data(App& app, const store::ApplicationRecord& a, const YearContext& ctx) {
  const Lang lang = lang_of(a);
  mail::Data d;
  d.set("reference", a.reference);
  d.set("year_title", pick(ctx.year.title, lang));
  d.set("contact_name", a.contact.name);
  d.set("hospital_name", a.hospital.name);
  const auto* pref = domain::prefecture(a.hospital.prefecture_code);
  d.set("hospital_prefecture", pref ? std::string(lang == Lang::en ? pref->en : pref->ja) : "");
  mail::List members;
  for (const auto& m : a.members) {
    mail::Data md;
    md.set("name", m.name);
    md.set("profession", profession_label(m.profession, lang));
    members.push_back(md);
  }
  d.set("members", members);
  mail::List prefs;
  for (std::size_t i = 0; i < a.preferences.session_ids.size(); ++i) {
    auto s = std::find_if(ctx.sessions.begin(), ctx.sessions.end(),
                          [&](const store::SessionRow& r) { return r.id == a.preferences.session_ids[i]; });
    if (s == ctx.sessions.end()) continue;
    mail::Data pd;
    pd.set("rank", std::to_string(i + 1));
    pd.set("session", session_label(*s, lang));
    prefs.push_back(pd);
  }
  d.set("preferences", prefs);
  d.set("any_session", mail::Data(a.preferences.any_session));
  d.set("editable_until", shown_time(editable_until(a, ctx), lang));
  d.set("secretariat_name", pick(ctx.year.secretariat_name, lang));
  d.set("secretariat_email", ctx.year.secretariat_email);
  d.set("privacy_text", pick(ctx.year.privacy_text, lang));
  d.set("public_url", app.public_url);
  return d;
}

void enqueue(App& app, soci::session& s, const std::string& kind, const std::string& to, const mail::Rendered& r,
             const std::string& related_id, const std::string& now) {
  store::enqueue_mail(s, {store::new_id(), kind, to, r.subject, r.body, related_id, 0}, now);
}

}  // namespace

mail::Data application_mail_data(App& app, const store::ApplicationRecord& a, const YearContext& ctx) {
  return common_data(app, a, ctx);
}

std::string management_link(const App& app, const std::string& token) { return app.public_url + "/manage#" + token; }

time::Instant editable_until(const store::ApplicationRecord& a, const YearContext& ctx) {
  std::optional<time::Instant> earliest;
  for (const auto& s : ctx.sessions) {
    const bool chosen = a.preferences.any_session ||
                        std::find(a.preferences.session_ids.begin(), a.preferences.session_ids.end(), s.id) !=
                            a.preferences.session_ids.end();
    if (!chosen) continue;
    const auto close = time::parse_instant(s.applications_close_at).value_or(time::Instant{});
    // With "any session", sessions already closed when the team applied do not count.
    if (a.preferences.any_session && a.preferences.session_ids.empty() &&
        close < time::parse_instant(a.created_at).value_or(time::Instant{}))
      continue;
    if (!earliest || close < *earliest) earliest = close;
  }
  if (ctx.year.applications_close_at) {
    const auto year_close = time::parse_instant(*ctx.year.applications_close_at).value_or(time::Instant{});
    if (!earliest || year_close < *earliest) earliest = year_close;
  }
  return earliest.value_or(time::Instant{});
}

std::vector<PreparedMail> submitted_mails(App& app, const store::ApplicationRecord& a, const YearContext& ctx,
                                          const std::string& token) {
  store::ApplicationRecord with_placeholder = a;
  with_placeholder.reference = kReferencePlaceholder;
  const Lang lang = lang_of(a);
  mail::Data d = common_data(app, with_placeholder, ctx);
  d.set("management_link", management_link(app, token));
  std::vector<PreparedMail> out;
  out.reserve(1 + a.members.size());
  auto r = app.templates.render("application_submitted", lang, d);
  out.push_back({"application_submitted", a.contact.email, std::move(r.subject), std::move(r.body)});
  for (const auto& m : a.members) {
    mail::Data md = d;
    md.set("member_name", m.name);
    md.set("management_link", "");  // members do not manage the application: the link stays with the contact
    auto rm = app.templates.render("member_registered", lang, md);
    out.push_back({"member_registered", m.email, std::move(rm.subject), std::move(rm.body)});
  }
  return out;
}

void enqueue_prepared(soci::session& s, std::vector<PreparedMail> mails, const std::string& related_id,
                      const std::string& reference, const std::string& now) {
  std::vector<store::OutboxMail> rows;
  rows.reserve(mails.size());
  for (auto& m : mails) {
    fill_reference(m.subject, reference);
    fill_reference(m.body, reference);
    rows.push_back({store::new_id(), m.kind, m.to, std::move(m.subject), std::move(m.body), related_id, 0});
  }
  store::enqueue_mails(s, rows, now);
}

void enqueue_updated_mail(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                          const std::string& now) {
  enqueue(app, s, "application_updated", a.contact.email,
          app.templates.render("application_updated", lang_of(a), common_data(app, a, ctx)), a.id, now);
}

void enqueue_withdrawn_mail(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                            const std::string& now) {
  enqueue(app, s, "application_withdrawn", a.contact.email,
          app.templates.render("application_withdrawn", lang_of(a), common_data(app, a, ctx)), a.id, now);
}

}  // namespace kenshu::app

namespace kenshu::app {

void enqueue_correction_mail(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                             const std::string& token, const std::string& message, const std::string& now) {
  mail::Data d = common_data(app, a, ctx);
  d.set("management_link", management_link(app, token));
  d.set("message", message);
  enqueue(app, s, "correction_requested", a.contact.email,
          app.templates.render("correction_requested", lang_of(a), d), a.id, now);
}

void enqueue_replacement_mails(App& app, soci::session& s, const store::ApplicationRecord& a, const YearContext& ctx,
                               bool approved, const std::string& old_name, const domain::Member* new_member,
                               const std::string& reason, const std::string& now) {
  const Lang lang = lang_of(a);
  mail::Data d = common_data(app, a, ctx);
  d.set("old_member_name", old_name);
  d.set("new_member_name", new_member ? new_member->name : std::string());
  d.set("reason", reason);
  d.set("has_reason", mail::Data(!reason.empty()));
  const std::string kind = approved ? "member_replacement_approved" : "member_replacement_refused";
  enqueue(app, s, kind, a.contact.email, app.templates.render(kind, lang, d), a.id, now);
  if (approved && new_member) {
    mail::Data md = d;
    md.set("member_name", new_member->name);
    md.set("management_link", "");
    enqueue(app, s, "member_registered", new_member->email, app.templates.render("member_registered", lang, md), a.id,
            now);
  }
}

void enqueue_session_changed_mail(App& app, soci::session& s, const store::ApplicationRecord& a,
                                  const YearContext& ctx, const SessionChangeNotice& change, const std::string& now) {
  const Lang lang = lang_of(a);
  mail::Data d = common_data(app, a, ctx);
  d.set("session_number", std::to_string(change.session_number));
  mail::List rows;
  for (const auto& c : change.changes) {
    mail::Data row;
    row.set("what", c.field == "date" ? (lang == Lang::en ? "Date" : "開催日") : (lang == Lang::en ? "Venue" : "会場"));
    row.set("old", pick(c.old_value, lang));
    row.set("new", pick(c.new_value, lang));
    rows.push_back(row);
  }
  d.set("changes", rows);
  d.set("must_reconfirm", mail::Data(!change.reconfirm_by.empty()));
  d.set("reconfirm_by", change.reconfirm_by);
  enqueue(app, s, "session_changed", a.contact.email, app.templates.render("session_changed", lang, d), a.id, now);
}

}  // namespace kenshu::app
