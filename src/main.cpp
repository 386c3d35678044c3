// `kenshu`: one binary, one subcommand per job (serve, migrate, load-program, sim, version, …).
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/sim_command.hpp"

int main(int argc, char** argv) {
  CLI::App app{"kenshu — the ECMO and ventilator training programme system"};
  app.require_subcommand(1);
  kenshu::cli::add_serve_command(app);
  kenshu::cli::add_migrate_command(app);
  kenshu::cli::add_load_program_command(app);
  kenshu::cli::add_load_learning_command(app);
  kenshu::cli::add_version_command(app);
  kenshu::cli::add_errors_command(app);
  kenshu::cli::add_purge_command(app);
  kenshu::cli::add_user_command(app);
  kenshu::cli::add_sim_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 0;
}
