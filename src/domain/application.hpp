// What a team submits: the hospital, its contact person, the members, ranked session preferences and consents.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kenshu::domain {

enum class Profession { doctor, nurse, clinical_engineer, other };
enum class CriticalCareCenter { none, regular, advanced };

struct EcmoCases {
  int vv = 0;
  int va = 0;
};

struct Hospital {
  std::string name;
  std::string name_kana;
  int prefecture_code = 0;  // JIS X 0401, 1–47
  std::string postal_code;
  std::string address;
  std::string phone;
  CriticalCareCenter critical_care_center = CriticalCareCenter::none;
  bool advanced_treatment_hospital = false;
  EcmoCases ecmo_cases_last_year;
};

struct Contact {
  std::string name;
  std::string name_kana;
  std::string department;
  std::string email;
  std::string phone;
};

struct Member {
  std::string name;
  std::string name_kana;
  Profession profession = Profession::other;
  std::string department;
  int years_of_experience = 0;
  std::string email;
};

struct Preferences {
  bool any_session = false;
  std::vector<std::string> session_ids;  // ranked, first = most wanted
};

struct Consents {
  std::string privacy_notice_version;
  bool no_recording = false;
};

struct ApplicationDraft {
  Hospital hospital;
  Contact contact;
  std::vector<Member> members;
  Preferences preferences;
  Consents consents;
};

const char* to_string(Profession p);
std::optional<Profession> profession_from(std::string_view s);
const char* to_string(CriticalCareCenter c);
std::optional<CriticalCareCenter> critical_care_center_from(std::string_view s);

}  // namespace kenshu::domain
