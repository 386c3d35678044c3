#include "domain/application.hpp"

namespace kenshu::domain {

const char* to_string(Profession p) {
  switch (p) {
    case Profession::doctor: return "doctor";
    case Profession::nurse: return "nurse";
    case Profession::clinical_engineer: return "clinical_engineer";
    case Profession::other: return "other";
  }
  return "other";
}

std::optional<Profession> profession_from(std::string_view s) {
  if (s == "doctor") return Profession::doctor;
  if (s == "nurse") return Profession::nurse;
  if (s == "clinical_engineer") return Profession::clinical_engineer;
  if (s == "other") return Profession::other;
  return std::nullopt;
}

const char* to_string(CriticalCareCenter c) {
  switch (c) {
    case CriticalCareCenter::none: return "none";
    case CriticalCareCenter::regular: return "regular";
    case CriticalCareCenter::advanced: return "advanced";
  }
  return "none";
}

std::optional<CriticalCareCenter> critical_care_center_from(std::string_view s) {
  if (s == "none") return CriticalCareCenter::none;
  if (s == "regular") return CriticalCareCenter::regular;
  if (s == "advanced") return CriticalCareCenter::advanced;
  return std::nullopt;
}

}  // namespace kenshu::domain
