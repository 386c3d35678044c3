// What several subcommands share: the --config option and opening the database.
#pragma once
#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "app/config.hpp"
#include "store/db.hpp"

namespace kenshu::cli {

struct CommonOptions {
  std::string config_path = "config/kenshu.toml";
  std::string db_path;  // overrides [database] path
};

void add_common_options(CLI::App& cmd, CommonOptions& o);
app::Config load(const CommonOptions& o);
// Opens (creating its folder) and migrates the database.
std::unique_ptr<store::Db> open_database(const app::Config& c);

}  // namespace kenshu::cli
