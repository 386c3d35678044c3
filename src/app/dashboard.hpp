// The back office's dashboard: applications per session and preference rank, people per profession, applications
// per prefecture and hospital type, and the next deadline. Figures only, never a row about a person; for the
// Ministry every count from fewer than five is withheld (domain/suppression).
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "store/program_store.hpp"

namespace kenshu::app {

using Count = std::optional<std::size_t>;  // nullopt: withheld (small group)

struct SessionCounts {
  store::SessionRow session;
  std::vector<Count> by_rank;  // [0] = 第1希望
  Count any_session;           // teams that accept any session
};

struct Dashboard {
  std::string year_key;
  bool suppressed = false;  // the Ministry's view
  Count applications;
  Count withdrawn;
  Count people;
  std::vector<SessionCounts> sessions;
  std::map<std::string, Count> by_profession;        // doctor, nurse, clinical_engineer, other
  std::map<int, Count> by_prefecture;                // 1–47
  std::map<std::string, Count> by_hospital_type;     // advanced_critical_care, critical_care, advanced_treatment, other
  std::optional<std::string> next_close_at;          // UTC
  std::optional<int> next_close_session_number;
};

Dashboard dashboard(App& app, const Principal& p, const std::string& year_key);

}  // namespace kenshu::app
