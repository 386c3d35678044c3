// The subcommands of `kenshu`, one file each.
#pragma once
#include <CLI/CLI.hpp>

namespace kenshu::cli {

void add_serve_command(CLI::App& app);
void add_migrate_command(CLI::App& app);
void add_load_program_command(CLI::App& app);
void add_load_learning_command(CLI::App& app);
void add_version_command(CLI::App& app);
void add_errors_command(CLI::App& app);
void add_purge_command(CLI::App& app);
void add_user_command(CLI::App& app);

}  // namespace kenshu::cli
