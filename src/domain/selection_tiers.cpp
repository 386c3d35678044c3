// Priority tiers from a hospital's designations and ECMO record, and the seeded lottery order.
#include <algorithm>
#include <numeric>
#include <string>
#include <tuple>

#include "domain/selection.hpp"
#include "domain/splitmix64.hpp"

namespace kenshu::domain {
namespace {

bool holds(const SelectionTeam& t, Designation d) {
  switch (d) {
    case Designation::critical_care_center:
      return t.critical_care_center != CriticalCareCenter::none;
    case Designation::advanced_critical_care_center:
      return t.critical_care_center == CriticalCareCenter::advanced;
    case Designation::advanced_treatment_hospital:
      return t.advanced_treatment_hospital;
  }
  return false;
}

bool matches(const SelectionTeam& t, const TierRule& rule) {
  bool designated = rule.any_of.empty() ||
                    std::any_of(rule.any_of.begin(), rule.any_of.end(), [&](Designation d) { return holds(t, d); });
  return designated && t.ecmo_cases_last_year >= rule.min_ecmo_cases;
}

L10n designation_name(Designation d) {
  switch (d) {
    case Designation::critical_care_center:
      return {"救命救急センター", "critical care centre"};
    case Designation::advanced_critical_care_center:
      return {"高度救命救急センター", "advanced critical care centre"};
    case Designation::advanced_treatment_hospital:
      return {"特定機能病院", "advanced treatment hospital"};
  }
  return {};
}

// A bijection on 64 bits that spreads every input bit over the output: SplitMix64's first output for the seed x.
std::uint64_t mix64(std::uint64_t x) { return SplitMix64(x).next(); }

// FNV-1a (64-bit) over the UTF-8 bytes of a name.
std::uint64_t fnv1a(const std::string& name) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace

SelectionRules default_selection_rules(int min_ecmo_cases) {
  std::vector<Designation> designated{Designation::critical_care_center, Designation::advanced_treatment_hospital};
  return {{TierRule{designated, min_ecmo_cases}, TierRule{designated, 0}}, std::nullopt};
}

int tier_of(const SelectionTeam& team, const SelectionRules& rules) {
  for (std::size_t k = 0; k < rules.tiers.size(); ++k) {
    if (matches(team, rules.tiers[k])) return static_cast<int>(k) + 1;
  }
  return static_cast<int>(rules.tiers.size()) + 1;
}

L10n tier_name(int tier) { return {"優先度" + std::to_string(tier), "priority " + std::to_string(tier)}; }

L10n describe_tier(int tier, const SelectionRules& rules) {
  if (tier < 1 || tier > static_cast<int>(rules.tiers.size())) {
    return rules.tiers.empty() ? L10n{"すべての病院", "every hospital"} : L10n{"上記以外の病院", "every other hospital"};
  }
  const TierRule& rule = rules.tiers[static_cast<std::size_t>(tier - 1)];
  L10n d;
  for (std::size_t i = 0; i < rule.any_of.size(); ++i) {
    L10n name = designation_name(rule.any_of[i]);
    if (i > 0) {
      d.ja += "または";
      d.en += " or ";
    }
    d.ja += name.ja;
    d.en += name.en;
  }
  if (rule.min_ecmo_cases > 0) {
    std::string n = std::to_string(rule.min_ecmo_cases);
    d.ja += (d.ja.empty() ? "" : "で、") + ("前年のECMO実施件数（VV+VA）が" + n + "件以上");
    d.en += (d.en.empty() ? "" : ", with ") + ("at least " + n + " ECMO cases (VV+VA) last year");
  }
  if (d.ja.empty()) return {"すべての病院", "every hospital"};
  return d;
}

// Each name's key is mix64(FNV-1a(name) XOR mix64(seed)); positions follow the keys upwards, equal keys by name.
std::vector<int> lottery_positions(const std::vector<std::string>& names, std::uint64_t seed) {
  const std::uint64_t s = mix64(seed);
  std::vector<std::uint64_t> key(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) key[i] = mix64(fnv1a(names[i]) ^ s);
  std::vector<std::size_t> order(names.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tie(key[a], names[a]) < std::tie(key[b], names[b]);
  });
  std::vector<int> position(names.size());
  for (std::size_t p = 0; p < order.size(); ++p) position[order[p]] = static_cast<int>(p) + 1;
  return position;
}

const char* to_string(TeamOutcome o) {
  switch (o) {
    case TeamOutcome::selected: return "selected";
    case TeamOutcome::pinned: return "pinned";
    case TeamOutcome::not_selected: return "not_selected";
    case TeamOutcome::excluded: return "excluded";
    case TeamOutcome::hospital_taken: return "hospital_taken";
    case TeamOutcome::no_session: return "no_session";
  }
  return "?";
}

const char* to_string(PreferenceReason r) {
  switch (r) {
    case PreferenceReason::not_in_run: return "not_in_run";
    case PreferenceReason::full_before_run: return "full_before_run";
    case PreferenceReason::full_teams: return "full_teams";
    case PreferenceReason::full_people: return "full_people";
    case PreferenceReason::prefecture_limit: return "prefecture_limit";
    case PreferenceReason::other: return "other";
  }
  return "?";
}

}  // namespace kenshu::domain
