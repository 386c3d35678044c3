// `kenshu load-learning DIR [--year KEY]`: lectures, GIFT tests and the questionnaire of a year from DIR/course.toml.
// All or nothing: a bad GIFT file prints every error with its line, and nothing is loaded.
#include <iostream>

#include "app/clock.hpp"
#include "app/learning_content.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace kenshu::cli {

void add_load_learning_command(CLI::App& app) {
  auto opts = std::make_shared<CommonOptions>();
  auto dir = std::make_shared<std::string>();
  auto year = std::make_shared<std::string>("demo");
  auto* cmd = app.add_subcommand("load-learning", "load lectures, tests (GIFT) and questionnaires from a folder");
  add_common_options(*cmd, *opts);
  cmd->add_option("DIR", *dir, "folder with course.toml, e.g. data/learning")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--year", *year, "programme year key (default: demo)");
  cmd->callback([opts, dir, year] {
    const app::Config c = load(*opts);
    auto db = open_database(c);
    const app::Clock clock;
    const auto r = app::load_learning(*db, *year, *dir, clock.now_utc());
    std::cout << "year " << *year << ": " << r.lectures_added << " lecture(s) added, " << r.lectures_updated
              << " updated, " << r.questions << " question(s)"
              << (r.quizzes_kept ? ", " + std::to_string(r.quizzes_kept) + " test(s) with attempts kept as they were"
                                 : std::string())
              << (r.questionnaire ? ", questionnaire loaded" : "") << "\n";
  });
}

}  // namespace kenshu::cli
