// `kenshu load-program FILE`: loads or updates a programme year; changed dates and venues are recorded.
#include <iostream>

#include "app/clock.hpp"
#include "app/load_program.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace kenshu::cli {

void add_load_program_command(CLI::App& app) {
  auto opts = std::make_shared<CommonOptions>();
  auto file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("load-program", "load or update a programme year from a TOML file");
  add_common_options(*cmd, *opts);
  cmd->add_option("FILE", *file, "programme file, e.g. data/programs/r7.toml")->required()->check(CLI::ExistingFile);
  cmd->callback([opts, file] {
    const app::Config c = load(*opts);
    auto db = open_database(c);
    const app::Clock clock;
    const auto spec = app::read_program_file(*file, time::jst_date_of(clock.now()));
    const auto r = app::load_program(*db, spec, clock.now_utc(), !spec.year.is_demo);
    std::cout << (r.created ? "created" : "updated") << " programme year " << r.key << ": " << r.sessions_added
              << " session(s) added, " << r.sessions_changed << " with a new date or venue\n";
  });
}

}  // namespace kenshu::cli
