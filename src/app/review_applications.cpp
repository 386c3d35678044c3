#include "app/review_applications.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <array>

#include "app/access_control.hpp"
#include "app/application_mail.hpp"
#include "app/audit.hpp"
#include "app/secrets.hpp"
#include "app/selection.hpp"
#include "domain/api_error.hpp"
#include "domain/text.hpp"
#include "store/ids.hpp"

namespace kenshu::app {
namespace {

using domain::Capability;

constexpr std::array kReviewStatuses{"new", "in_review", "needs_correction", "complete", "ineligible"};
constexpr std::array kHospitalTypes{"advanced_critical_care", "critical_care", "advanced_treatment", "other"};
constexpr std::array kSorts{"reference", "created_at", "updated_at", "hospital", "prefecture"};
constexpr std::size_t kMaxNoteBytes = 4000;

template <std::size_t N>
bool one_of(const std::string& v, const std::array<const char*, N>& list) {
  return std::any_of(list.begin(), list.end(), [&](const char* x) { return v == x; });
}

std::string folded(std::string_view s) {
  return text::hiragana_to_katakana(text::normalize(s).value_or(std::string(s)));
}

bool matches_text(const store::ApplicationSummary& a, const std::string& needle) {
  auto has = [&](const std::string& hay) { return folded(hay).find(needle) != std::string::npos; };
  if (has(a.hospital.name) || has(a.hospital.name_kana) || has(a.contact_name) || has(a.contact_name_kana) ||
      has(a.reference))
    return true;
  return std::any_of(a.members.begin(), a.members.end(),
                     [&](const store::MemberSummary& m) { return has(m.name) || has(m.name_kana); });
}

bool has_hospital_type(const domain::Hospital& h, const std::string& type) {
  using domain::CriticalCareCenter;
  if (type == "advanced_critical_care") return h.critical_care_center == CriticalCareCenter::advanced;
  if (type == "critical_care") return h.critical_care_center != CriticalCareCenter::none;
  if (type == "advanced_treatment") return h.advanced_treatment_hospital;
  return h.critical_care_center == CriticalCareCenter::none && !h.advanced_treatment_hospital;
}

// May this application end up in one of the sessions? (A team that accepts any session may.)
bool reaches_any(const store::ApplicationSummary& a, const std::vector<std::string>& sessions) {
  if (a.any_session) return true;
  return std::any_of(a.session_ids.begin(), a.session_ids.end(), [&](const std::string& id) {
    return std::find(sessions.begin(), sessions.end(), id) != sessions.end();
  });
}

bool matches(const store::ApplicationSummary& a, const ApplicationQuery& q, const std::string& needle) {
  if (!q.session_id.empty() && !reaches_any(a, {q.session_id})) return false;
  if (!q.status.empty() && a.status != q.status) return false;
  if (!q.review_status.empty() && a.review_status != q.review_status) return false;
  if (q.prefecture_code && a.hospital.prefecture_code != q.prefecture_code) return false;
  if (!q.hospital_type.empty() && !has_hospital_type(a.hospital, q.hospital_type)) return false;
  if (!q.profession.empty() &&
      std::none_of(a.members.begin(), a.members.end(),
                   [&](const store::MemberSummary& m) { return domain::to_string(m.profession) == q.profession; }))
    return false;
  return needle.empty() || matches_text(a, needle);
}

void sort_items(std::vector<store::ApplicationSummary>& items, std::string key) {
  const bool desc = !key.empty() && key.front() == '-';
  if (desc) key.erase(0, 1);
  auto less = [&](const store::ApplicationSummary& a, const store::ApplicationSummary& b) {
    if (key == "created_at") return a.created_at < b.created_at;
    if (key == "updated_at") return a.updated_at < b.updated_at;
    if (key == "hospital") return a.hospital.name_kana < b.hospital.name_kana;
    if (key == "prefecture") return a.hospital.prefecture_code < b.hospital.prefecture_code;
    return a.reference.size() != b.reference.size() ? a.reference.size() < b.reference.size()
                                                    : a.reference < b.reference;
  };
  std::stable_sort(items.begin(), items.end(), [&](const auto& a, const auto& b) { return desc ? less(b, a) : less(a, b); });
}

struct Visible {
  std::string year_key;
  std::vector<store::SessionRow> sessions;
  std::vector<store::ApplicationSummary> items;
};

Visible visible_applications(App& app, soci::session& s, const Principal& p, const ApplicationQuery& q) {
  const domain::Scope scope = require(p, Capability::review_applications);
  Visible v;
  v.year_key = q.year_key.empty() ? current_year_key(app, s) : q.year_key;
  auto year = store::find_year(s, v.year_key);
  if (!year) throw ApiError("program.year_not_found", "year");
  v.sessions = store::sessions_of(s, year->id);
  const std::string needle = folded(q.q);
  for (auto& a : store::application_summaries(s, year->id)) {
    if (scope == domain::Scope::assigned_sessions && !reaches_any(a, p.session_ids)) continue;
    if (matches(a, q, needle)) v.items.push_back(std::move(a));
  }
  sort_items(v.items, q.sort);
  return v;
}

// The application if the person may see it; otherwise 404, as if it did not exist.
store::ApplicationRecord reachable(soci::session& s, const Principal& p, const std::string& id) {
  const domain::Scope scope = require(p, Capability::review_applications);
  auto a = store::find_application(s, id);
  if (!a) throw ApiError("application.not_found");
  if (scope == domain::Scope::assigned_sessions) {
    store::ApplicationSummary summary;
    summary.any_session = a->preferences.any_session;
    summary.session_ids = a->preferences.session_ids;
    if (!reaches_any(summary, p.session_ids)) throw ApiError("application.not_found");
  }
  return *a;
}

StaffApplicationView staff_view_of(App& app, soci::session& s, store::ApplicationRecord a) {
  const auto now = app.clock.now();
  auto year = store::find_year_by_id(s, a.program_year_id);
  const YearContext ctx = year_context(app, s, year ? year->key : "", now);
  StaffApplicationView out;
  out.review_status = store::review_status_of(s, a.id);
  out.notes = store::notes_of(s, a.id);
  out.view.history = store::application_events(s, a.id);
  out.view.sessions = ctx.sessions;
  out.view.year_key = ctx.year.key;
  out.view.editable_until = editable_until(a, ctx);
  out.view.editable = a.status == "submitted" && now <= out.view.editable_until;
  out.view.placement = placement_view(app, s, a.id, now);
  out.view.record = std::move(a);
  return out;
}

std::string bounded_text(const std::string& raw, const char* field, bool required) {
  auto text = text::normalize(raw);
  if (!text) throw ApiError("field.bad_text", field);
  if (required && text->empty()) throw ApiError("field.required", field);
  if (text->size() > kMaxNoteBytes) throw ApiError("field.too_long", field);
  return *text;
}

std::string actor_label(const Principal& p) { return "staff:" + p.user_id; }

}  // namespace

void check_query(const ApplicationQuery& q) {
  if (!q.status.empty() && q.status != "submitted" && q.status != "withdrawn") throw ApiError("field.bad_enum", "status");
  if (!q.review_status.empty() && !one_of(q.review_status, kReviewStatuses))
    throw ApiError("field.bad_enum", "review_status");
  if (!q.hospital_type.empty() && !one_of(q.hospital_type, kHospitalTypes))
    throw ApiError("field.bad_enum", "hospital_type");
  if (!q.profession.empty() && !domain::profession_from(q.profession)) throw ApiError("field.bad_enum", "profession");
  const std::string sort = !q.sort.empty() && q.sort.front() == '-' ? q.sort.substr(1) : q.sort;
  if (!one_of(sort, kSorts)) throw ApiError("field.bad_enum", "sort");
  if (q.prefecture_code < 0 || q.prefecture_code > 47) throw ApiError("field.bad_prefecture", "prefecture_code");
  if (q.page < 1 || q.page > 100000) throw ApiError("field.out_of_range", "page");
  if (q.per_page < 1 || q.per_page > 500) throw ApiError("field.out_of_range", "per_page");
  if (q.q.size() > 200) throw ApiError("field.too_long", "q");
}

ApplicationPage list_applications(App& app, const Principal& p, const ApplicationQuery& q) {
  check_query(q);
  return app.db.write([&](soci::session& s) {
    Visible v = visible_applications(app, s, p, q);
    ApplicationPage page{v.year_key, {}, static_cast<int>(v.items.size()), q.page, q.per_page, std::move(v.sessions)};
    const std::size_t first = static_cast<std::size_t>(q.page - 1) * static_cast<std::size_t>(q.per_page);
    for (std::size_t i = first; i < v.items.size() && i < first + static_cast<std::size_t>(q.per_page); ++i)
      page.items.push_back(std::move(v.items[i]));
    audit_read(app, s, Actor::of(p), "applications", "");
    return page;
  });
}

std::vector<store::ApplicationSummary> export_applications(App& app, const Principal& p, const ApplicationQuery& q,
                                                           std::vector<store::SessionRow>& sessions) {
  check_query(q);
  require(p, Capability::export_data);
  return app.db.write([&](soci::session& s) {
    Visible v = visible_applications(app, s, p, q);
    sessions = std::move(v.sessions);
    audit_read(app, s, Actor::of(p), "applications.export", v.year_key);
    return std::move(v.items);
  });
}

StaffApplicationView staff_view_application(App& app, const Principal& p, const std::string& id) {
  return app.db.write([&](soci::session& s) {
    auto a = reachable(s, p, id);
    audit_read(app, s, Actor::of(p), "application", id);
    return staff_view_of(app, s, std::move(a));
  });
}

StaffApplicationView add_note(App& app, const Principal& p, const std::string& id, const std::string& body) {
  const std::string text = bounded_text(body, "body", true);
  return app.db.write([&](soci::session& s) {
    auto a = reachable(s, p, id);
    const std::string now = app.clock.now_utc();
    store::insert_note(s, id, p.user_id, {store::new_id(), p.email, text, now});
    audit_change(app, s, Actor::of(p), "application_note", id, nullptr, {{"body", text}});
    return staff_view_of(app, s, std::move(a));
  });
}

StaffApplicationView change_review_status(App& app, const Principal& p, const std::string& id,
                                          const std::string& review_status, const std::string& reason) {
  if (!one_of(review_status, kReviewStatuses)) throw ApiError("field.bad_enum", "review_status");
  const std::string why = bounded_text(reason, "reason", true);
  return app.db.write([&](soci::session& s) {
    auto a = reachable(s, p, id);
    const std::string before = store::review_status_of(s, id);
    const std::string now = app.clock.now_utc();
    store::set_review_status(s, id, review_status, now);
    boost::json::object detail{{"from", before}, {"to", review_status}, {"reason", why}};
    store::add_application_event(s, id, {now, "review_status", actor_label(p), boost::json::serialize(detail)});
    audit_change(app, s, Actor::of(p), "application.review_status", id, {{"review_status", before}},
                 {{"review_status", review_status}, {"reason", why}});
    return staff_view_of(app, s, std::move(a));
  });
}

StaffApplicationView request_correction(App& app, const Principal& p, const std::string& id,
                                        const std::string& message) {
  const std::string text = bounded_text(message, "message", true);
  const std::string token = new_token();
  return app.db.write([&](soci::session& s) {
    auto a = reachable(s, p, id);
    if (a.status == "withdrawn") throw ApiError("application.already_withdrawn");
    const std::string now = app.clock.now_utc();
    const std::string before = store::review_status_of(s, id);
    store::set_manage_token_hash(s, id, hash_token(token), now);
    store::set_review_status(s, id, "needs_correction", now);
    boost::json::object detail{{"from", before}, {"to", "needs_correction"}, {"message", text}};
    store::add_application_event(s, id, {now, "correction_requested", actor_label(p), boost::json::serialize(detail)});
    auto year = store::find_year_by_id(s, a.program_year_id);
    const YearContext ctx = year_context(app, s, year ? year->key : "", app.clock.now());
    enqueue_correction_mail(app, s, a, ctx, token, text, now);
    audit_change(app, s, Actor::of(p), "application.correction", id, {{"review_status", before}},
                 {{"review_status", "needs_correction"}, {"message", text}});
    return staff_view_of(app, s, std::move(a));
  });
}

}  // namespace kenshu::app
