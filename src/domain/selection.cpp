// select_teams: people-capacity limits and their repair around the flow model, then the assembled result.
#include "domain/selection.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <vector>

#include "domain/selection_detail.hpp"

namespace kenshu::domain {
namespace sd = selection_detail;

using std::size_t;

SelectionResult select_teams(const SelectionInput& input, const SelectionOptions& options) {
  sd::Prepared p = sd::prepare(input);
  const size_t n = input.teams.size();
  const size_t ns = input.sessions.size();

  // People capacity: no session can take more than ⌊remaining people ÷ smallest candidate⌋ teams, so that bound is
  // part of the limit from the start (exact); what is left over is repaired one team at a time.
  std::vector<int> smallest(ns, std::numeric_limits<int>::max());
  for (size_t t = 0; t < n; ++t) {
    if (p.outcome[t] != TeamOutcome::not_selected) continue;
    for (const sd::Choice& c : p.choices[t]) {
      int& m = smallest[static_cast<size_t>(c.session)];
      m = std::min(m, input.teams[t].people);
    }
  }
  std::vector<int> limit(ns, 0);
  for (size_t s = 0; s < ns; ++s) {
    const sd::SessionState& st = p.sessions[s];
    limit[s] = st.remaining_teams;
    if (smallest[s] != std::numeric_limits<int>::max()) limit[s] = std::min(limit[s], st.remaining_people / smallest[s]);
  }

  sd::FlowModel model(p);
  SelectionResult result;
  std::vector<int> placed;
  for (;;) {
    const auto started = std::chrono::steady_clock::now();
    placed = model.solve(limit, options);
    result.solver_ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    std::vector<int> people(ns, 0), count(ns, 0);
    for (size_t t = 0; t < n; ++t) {
      if (placed[t] < 0) continue;
      people[static_cast<size_t>(placed[t])] += input.teams[t].people;
      ++count[static_cast<size_t>(placed[t])];
    }
    bool over = false;
    for (size_t s = 0; s < ns; ++s) {
      if (people[s] > p.sessions[s].remaining_people) {
        limit[s] = count[s] - 1;
        over = true;
      }
    }
    if (!over) break;
    ++result.people_repair_rounds;
  }
  result.solver_stages = model.stages();
  result.solver_core = model.core();
  result.solver_narrow_runs = model.narrow_runs();

  sd::assemble(p, placed, limit, result);
  return result;
}

}  // namespace kenshu::domain
