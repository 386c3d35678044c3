// What a valid team is (the notice: basically 1 doctor, 2 nurses, 1 clinical engineer; always ≥ 1 doctor and ≥ 1 nurse).
#pragma once
#include <vector>

#include "domain/api_error.hpp"
#include "domain/application.hpp"

namespace kenshu::domain {

struct TeamRules {
  int min_size = 2;
  int max_size = 8;
};

// Adds team.* problems: size, required professions, distinct member e-mails (compared case-insensitively).
void check_team(Problems& p, const std::vector<Member>& members, const TeamRules& rules);

}  // namespace kenshu::domain
