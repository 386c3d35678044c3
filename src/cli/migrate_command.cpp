// `kenshu migrate`: applies the pending database migrations and says how many ran.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace kenshu::cli {

void add_migrate_command(CLI::App& app) {
  auto opts = std::make_shared<CommonOptions>();
  auto* cmd = app.add_subcommand("migrate", "apply pending database migrations");
  add_common_options(*cmd, *opts);
  cmd->callback([opts] {
    const app::Config c = load(*opts);
    const auto dir = std::filesystem::path(c.database.path).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
    store::Db db({c.database.path, c.database.busy_timeout_s});
    const int ran = db.migrate();
    std::cout << "applied " << ran << " migration(s); schema version " << db.schema_version() << "\n";
  });
}

}  // namespace kenshu::cli
