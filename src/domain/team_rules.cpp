#include "domain/team_rules.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "domain/text.hpp"

namespace kenshu::domain {
namespace {

bool has(const std::vector<Member>& members, Profession p) {
  return std::any_of(members.begin(), members.end(), [p](const Member& m) { return m.profession == p; });
}

}  // namespace

void check_team(Problems& p, const std::vector<Member>& members, const TeamRules& rules) {
  const int size = static_cast<int>(members.size());
  if (size < rules.min_size) p.add("team.too_small", "members");
  if (size > rules.max_size) p.add("team.too_large", "members");
  if (!has(members, Profession::doctor)) p.add("team.no_doctor", "members");
  if (!has(members, Profession::nurse)) p.add("team.no_nurse", "members");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (members[i].email.empty()) continue;
    if (!seen.insert(text::to_lower_ascii(members[i].email)).second)
      p.add("team.duplicate_email", "members[" + std::to_string(i) + "].email");
  }
}

}  // namespace kenshu::domain
