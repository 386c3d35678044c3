// The lottery of every published run, for everyone: published as the notice promises, so that a team can see where
// it was drawn and anyone can re-draw the order from the seed (the lottery draws on the public references).
#include <soci/soci.h>

#include <algorithm>
#include <utility>

#include "app/selection_internal.hpp"
#include "store/selection_store.hpp"

namespace kenshu::app {
namespace json = boost::json;

namespace {

PublishedDraw draw_of(const store::SelectionRunRow& run) {
  PublishedDraw d{run.id, run.published_at.value_or(""), session_ids_from(run.session_ids_json), run.seed, {}, {}};
  const json::object result = json::parse(run.result_json).as_object();
  if (const auto* m = result.if_contains("lottery_method")) d.method = std::string(m->as_string());
  std::vector<std::pair<std::int64_t, std::string>> drawn;
  for (const auto& t : result.at("teams").as_array()) {
    const auto& team = t.as_object();
    drawn.emplace_back(team.at("lottery_position").to_number<std::int64_t>(),
                       std::string(team.at("reference").as_string()));
  }
  std::sort(drawn.begin(), drawn.end());
  for (auto& [position, reference] : drawn) d.order.push_back(std::move(reference));
  return d;
}

}  // namespace

std::vector<PublishedDraw> published_draws(App& app, const std::string& year_key) {
  const auto year = cached_year_context(app, year_key, app.clock.now()).year;  // unknown year: program.year_not_found
  const auto runs = app.db.read([&](soci::session& s) { return store::published_runs_of(s, year.id); });
  std::vector<PublishedDraw> out;
  for (const auto& run : runs) out.push_back(draw_of(run));
  return out;
}

}  // namespace kenshu::app
