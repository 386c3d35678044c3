#include "domain/application_rules.hpp"

#include <algorithm>
#include <set>

#include "domain/field_rules.hpp"
#include "domain/text.hpp"

namespace kenshu::domain {
namespace {

std::string at(const std::string& base, std::size_t i, const char* field) {
  return base + "[" + std::to_string(i) + "]." + field;
}

Hospital check_hospital(Problems& p, const Hospital& in) {
  Hospital h = in;
  h.name = check_text(p, "hospital.name", in.name, {.max_chars = 100});
  h.name_kana = check_kana(p, "hospital.name_kana", in.name_kana, 200);
  check_prefecture(p, "hospital.prefecture_code", in.prefecture_code);
  h.postal_code = check_postal_code(p, "hospital.postal_code", in.postal_code);
  h.address = check_text(p, "hospital.address", in.address, {.max_chars = 200});
  h.phone = check_phone(p, "hospital.phone", in.phone);
  check_range(p, "hospital.ecmo_cases_last_year.vv", in.ecmo_cases_last_year.vv, 0, 10000);
  check_range(p, "hospital.ecmo_cases_last_year.va", in.ecmo_cases_last_year.va, 0, 10000);
  return h;
}

Contact check_contact(Problems& p, const Contact& in) {
  return Contact{
      .name = check_text(p, "contact.name", in.name, {.max_chars = 100}),
      .name_kana = check_kana(p, "contact.name_kana", in.name_kana),
      .department = check_text(p, "contact.department", in.department, {.max_chars = 100}),
      .email = check_email(p, "contact.email", in.email),
      .phone = check_phone(p, "contact.phone", in.phone),
  };
}

Member check_member(Problems& p, const Member& in, std::size_t i) {
  Member m = in;
  m.name = check_text(p, at("members", i, "name"), in.name, {.max_chars = 100});
  m.name_kana = check_kana(p, at("members", i, "name_kana"), in.name_kana);
  m.department = check_text(p, at("members", i, "department"), in.department, {.max_chars = 100});
  check_range(p, at("members", i, "years_of_experience"), in.years_of_experience, 0, 70);
  m.email = check_email(p, at("members", i, "email"), in.email);
  return m;
}

void check_preferences(Problems& p, const Preferences& prefs, const std::vector<OpenSession>& sessions) {
  if (!prefs.any_session && prefs.session_ids.empty()) p.add("preferences.empty", "preferences.session_ids");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < prefs.session_ids.size(); ++i) {
    const std::string field = "preferences.session_ids[" + std::to_string(i) + "]";
    const std::string& id = prefs.session_ids[i];
    auto s = std::find_if(sessions.begin(), sessions.end(), [&](const OpenSession& o) { return o.id == id; });
    if (s == sessions.end()) p.add("preferences.unknown_session", field);
    else if (!s->open) p.add("preferences.session_closed", field);
    else if (!seen.insert(id).second) p.add("preferences.duplicate", field);
  }
}

void check_consents(Problems& p, const Consents& c, const std::string& current_version) {
  if (c.privacy_notice_version.empty()) p.add("consent.privacy_required", "consents.privacy_notice_version");
  else if (c.privacy_notice_version != current_version)
    p.add("consent.privacy_outdated", "consents.privacy_notice_version");
  if (!c.no_recording) p.add("consent.no_recording_required", "consents.no_recording");
}

}  // namespace

ApplicationDraft normalise_and_check(const ApplicationDraft& draft, const ApplicationContext& ctx,
                                     bool with_consents) {
  Problems p;
  ApplicationDraft out = draft;
  out.hospital = check_hospital(p, draft.hospital);
  out.contact = check_contact(p, draft.contact);
  for (std::size_t i = 0; i < draft.members.size(); ++i) out.members[i] = check_member(p, draft.members[i], i);
  check_team(p, out.members, ctx.team);
  check_preferences(p, draft.preferences, ctx.sessions);
  if (with_consents) check_consents(p, draft.consents, ctx.privacy_notice_version);
  p.throw_if_any();
  return out;
}

Member normalise_member(Problems& p, const Member& in, std::size_t i) { return check_member(p, in, i); }

std::string hospital_key(const Hospital& h) {
  std::string name = text::normalize(h.name).value_or(h.name);
  std::erase_if(name, [](char c) { return c == ' '; });
  return std::to_string(h.prefecture_code) + "|" + text::to_lower_ascii(name);
}

}  // namespace kenshu::domain
