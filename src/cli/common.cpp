#include "cli/common.hpp"

#include <filesystem>

namespace kenshu::cli {

void add_common_options(CLI::App& cmd, CommonOptions& o) {
  cmd.add_option("--config", o.config_path, "configuration file (TOML)")->capture_default_str();
  cmd.add_option("--db", o.db_path, "SQLite database file (overrides [database] path)");
}

app::Config load(const CommonOptions& o) {
  app::Config c = app::load_config(o.config_path);
  if (!o.db_path.empty()) c.database.path = o.db_path;
  return c;
}

std::unique_ptr<store::Db> open_database(const app::Config& c) {
  const auto dir = std::filesystem::path(c.database.path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  auto db = std::make_unique<store::Db>(store::DbOptions{c.database.path, c.database.busy_timeout_s});
  db->migrate();
  return db;
}

}  // namespace kenshu::cli
