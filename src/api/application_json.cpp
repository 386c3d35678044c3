#include "api/application_json.hpp"

#include <algorithm>

#include "api/json_reader.hpp"

namespace kenshu::api {

domain::Member read_member(const boost::json::value& v, const std::string& path, Problems& p) {
  Fields f(&v, path, p);
  domain::Member m;
  m.name = f.str("name");
  m.name_kana = f.str("name_kana");
  const std::string prof = f.str("profession");
  if (auto pr = domain::profession_from(prof)) m.profession = *pr;
  else if (f.has("profession")) p.add("field.bad_enum", f.path("profession"));
  m.department = f.str("department");
  m.years_of_experience = f.integer("years_of_experience");
  m.email = f.str("email");
  f.finish();
  return m;
}

namespace {

constexpr std::size_t kMaxMembers = 20;       // far above any team size: the rule says the real limit
constexpr std::size_t kMaxPreferences = 20;

domain::Hospital read_hospital(const boost::json::value* v, Problems& p) {
  Fields f(v, "hospital", p);
  domain::Hospital h;
  h.name = f.str("name");
  h.name_kana = f.str("name_kana");
  h.prefecture_code = f.integer("prefecture_code");
  h.postal_code = f.str("postal_code");
  h.address = f.str("address");
  h.phone = f.str("phone");
  const std::string ccc = f.str("critical_care_center");
  if (auto c = domain::critical_care_center_from(ccc)) h.critical_care_center = *c;
  else if (f.has("critical_care_center")) p.add("field.bad_enum", "hospital.critical_care_center");
  h.advanced_treatment_hospital = f.boolean("advanced_treatment_hospital");
  Fields cases(f.value("ecmo_cases_last_year"), "hospital.ecmo_cases_last_year", p);
  h.ecmo_cases_last_year = {cases.integer("vv"), cases.integer("va")};
  cases.finish();
  f.finish();
  return h;
}

domain::Contact read_contact(const boost::json::value* v, Problems& p) {
  Fields f(v, "contact", p);
  domain::Contact c{f.str("name"), f.str("name_kana"), f.str("department"), f.str("email"), f.str("phone")};
  f.finish();
  return c;
}

domain::Member member_at(const boost::json::value& v, std::size_t i, Problems& p) {
  return read_member(v, "members[" + std::to_string(i) + "]", p);
}

std::vector<domain::Member> read_members(const boost::json::array* arr, Problems& p) {
  std::vector<domain::Member> out;
  if (!arr) return out;
  if (arr->size() > kMaxMembers) {
    p.add("team.too_large", "members");
    return out;
  }
  for (std::size_t i = 0; i < arr->size(); ++i) out.push_back(member_at((*arr)[i], i, p));
  return out;
}

domain::Preferences read_preferences(const boost::json::value* v, Problems& p) {
  Fields f(v, "preferences", p);
  domain::Preferences prefs;
  prefs.any_session = f.boolean("any_session");
  if (const auto* ids = f.array("session_ids")) {
    if (ids->size() > kMaxPreferences) p.add("field.out_of_range", "preferences.session_ids");
    else
      for (std::size_t i = 0; i < ids->size(); ++i) {
        if ((*ids)[i].is_string()) prefs.session_ids.emplace_back((*ids)[i].get_string());
        else p.add("request.wrong_type", "preferences.session_ids[" + std::to_string(i) + "]");
      }
  }
  f.finish();
  return prefs;
}

domain::Consents read_consents(const boost::json::value* v, Problems& p) {
  Fields f(v, "consents", p);
  domain::Consents c{f.str("privacy_notice_version"), f.boolean("no_recording")};
  f.finish();
  return c;
}

boost::json::object member_json(const domain::Member& m, const std::string& id) {
  return {{"id", id},
          {"name", m.name},
          {"name_kana", m.name_kana},
          {"profession", domain::to_string(m.profession)},
          {"department", m.department},
          {"years_of_experience", m.years_of_experience},
          {"email", m.email}};
}

boost::json::object hospital_json(const domain::Hospital& h) {
  return {{"name", h.name},
          {"name_kana", h.name_kana},
          {"prefecture_code", h.prefecture_code},
          {"postal_code", h.postal_code},
          {"address", h.address},
          {"phone", h.phone},
          {"critical_care_center", domain::to_string(h.critical_care_center)},
          {"advanced_treatment_hospital", h.advanced_treatment_hospital},
          {"ecmo_cases_last_year", {{"vv", h.ecmo_cases_last_year.vv}, {"va", h.ecmo_cases_last_year.va}}}};
}

boost::json::object event_summary(const std::string& event) {
  if (event == "submitted") return {{"ja", "申込を受け付けました"}, {"en", "Application received"}};
  if (event == "updated") return {{"ja", "申込内容を変更しました"}, {"en", "Application changed"}};
  if (event == "withdrawn") return {{"ja", "申込を取り下げました"}, {"en", "Application withdrawn"}};
  if (event == "correction_requested")
    return {{"ja", "事務局から修正の依頼がありました"}, {"en", "The secretariat asked for a correction"}};
  if (event == "session_changed")
    return {{"ja", "希望する開催回の日時・会場が変更されました"}, {"en", "A session you asked for has changed"}};
  if (event == "review_status") return {{"ja", "確認状況を変更しました"}, {"en", "Review status changed"}};
  if (event == "selection_accepted") return {{"ja", "選定されました"}, {"en", "Selected"}};
  if (event == "selection_waitlisted") return {{"ja", "補欠になりました"}, {"en", "Placed on the waitlist"}};
  if (event == "selection_not_selected") return {{"ja", "今回は選定されませんでした"}, {"en", "Not selected this time"}};
  if (event == "selection_promoted") return {{"ja", "補欠から繰り上がりました"}, {"en", "Promoted from the waitlist"}};
  if (event == "placement_confirmed") return {{"ja", "受講を確定しました"}, {"en", "Place confirmed"}};
  if (event == "placement_declined") return {{"ja", "受講を辞退しました"}, {"en", "Place declined"}};
  if (event == "placement_released") return {{"ja", "未確定のため受講枠が解放されました"}, {"en", "Unconfirmed place released"}};
  return {{"ja", event}, {"en", event}};
}

boost::json::value session_ref(const std::vector<store::SessionRow>& sessions, const std::string& id) {
  auto s = std::find_if(sessions.begin(), sessions.end(), [&](const store::SessionRow& r) { return r.id == id; });
  if (s == sessions.end()) return {{"session_id", id}};
  return {{"session_id", s->id},
          {"number", s->number},
          {"date", s->date},
          {"venue", {{"ja", s->venue.ja}, {"en", s->venue.en}}},
          {"region", {{"ja", s->region.ja}, {"en", s->region.en}}}};
}

// What selection decided, once a run is published (null before).
boost::json::value selection_json(const app::ApplicationView& v) {
  if (!v.placement) return nullptr;
  const auto& p = v.placement->row;
  auto jst = [](const std::optional<std::string>& utc) -> boost::json::value {
    if (!utc) return nullptr;
    return boost::json::value(time::to_jst_string(time::parse_instant(*utc).value_or(time::Instant{})));
  };
  boost::json::array waitlist, later;
  for (const auto& w : v.placement->waitlist) {
    boost::json::value ref = session_ref(v.sessions, w.session_id);
    ref.as_object()["position"] = w.position;
    waitlist.push_back(ref);
  }
  const boost::json::value later_ids = boost::json::parse(p.later_session_ids_json);
  for (const auto& id : later_ids.as_array())
    later.push_back(session_ref(v.sessions, std::string(id.as_string())));
  return {{"outcome", p.outcome},
          {"session", p.session_id ? session_ref(v.sessions, *p.session_id) : boost::json::value(nullptr)},
          {"tier", p.tier},
          {"rank", p.rank},
          {"promoted", p.promoted},
          {"explanation", {{"ja", p.explanation.ja}, {"en", p.explanation.en}}},
          {"waitlist", waitlist},
          {"later_sessions", later},
          {"confirm_by", jst(p.confirm_by)},
          {"confirmed_at", jst(p.confirmed_at)},
          {"declined_at", jst(p.declined_at)},
          {"released_at", jst(p.released_at)},
          {"can_confirm", v.placement->can_confirm},
          {"can_decline", v.placement->can_decline}};
}

}  // namespace

boost::json::object l10n_json(const L10n& t) { return {{"ja", t.ja}, {"en", t.en}}; }

std::string jst_text(const std::string& utc) {
  return time::to_jst_string(time::parse_instant(utc).value_or(time::Instant{}));
}

DecodedApplication decode_application(const boost::json::value& body) {
  Problems p;
  Fields f(&body, "", p);
  DecodedApplication out;
  if (f.has("program_year")) out.program_year = f.str("program_year");
  out.draft.hospital = read_hospital(f.value("hospital"), p);
  out.draft.contact = read_contact(f.value("contact"), p);
  out.draft.members = read_members(f.array("members"), p);
  out.draft.preferences = read_preferences(f.value("preferences"), p);
  out.draft.consents = read_consents(f.value("consents"), p);
  f.finish();
  p.throw_if_any();
  return out;
}

app::ApplicationPatch decode_patch(const boost::json::value& body) {
  Problems p;
  Fields f(&body, "", p);
  app::ApplicationPatch patch;
  if (f.has("hospital")) patch.hospital = read_hospital(f.value("hospital"), p);
  if (f.has("contact")) patch.contact = read_contact(f.value("contact"), p);
  if (f.has("members")) patch.members = read_members(f.array("members"), p);
  if (f.has("preferences")) patch.preferences = read_preferences(f.value("preferences"), p);
  f.finish();
  p.throw_if_any();
  return patch;
}

boost::json::object encode_view(const app::ApplicationView& v) {
  const auto& a = v.record;
  boost::json::array members;
  for (std::size_t i = 0; i < a.members.size(); ++i) members.push_back(member_json(a.members[i], a.member_ids[i]));
  boost::json::array sessions;
  for (std::size_t i = 0; i < a.preferences.session_ids.size(); ++i) {
    auto s = std::find_if(v.sessions.begin(), v.sessions.end(),
                          [&](const store::SessionRow& r) { return r.id == a.preferences.session_ids[i]; });
    if (s == v.sessions.end()) continue;
    sessions.push_back({{"rank", i + 1},
                        {"session_id", s->id},
                        {"number", s->number},
                        {"date", s->date},
                        {"venue", l10n_json(s->venue)},
                        {"region", l10n_json(s->region)}});
  }
  boost::json::array history;
  for (const auto& e : v.history)
    history.push_back({{"at", time::to_jst_string(time::parse_instant(e.at).value_or(time::Instant{}))},
                       {"event", e.event},
                       {"summary", event_summary(e.event)}});
  auto jst = [](const std::string& utc) { return jst_text(utc); };
  return {{"id", a.id},
          {"reference", a.reference},
          {"status", a.status},
          {"program_year", v.year_key},
          {"created_at", jst(a.created_at)},
          {"updated_at", jst(a.updated_at)},
          {"editable_until", time::to_jst_string(v.editable_until)},
          {"editable", v.editable},
          {"hospital", hospital_json(a.hospital)},
          {"contact",
           {{"name", a.contact.name},
            {"name_kana", a.contact.name_kana},
            {"department", a.contact.department},
            {"email", a.contact.email},
            {"phone", a.contact.phone}}},
          {"members", members},
          {"preferences", {{"any_session", a.preferences.any_session}, {"sessions", sessions}}},
          {"history", history},
          {"selection", selection_json(v)}};
}

}  // namespace kenshu::api
