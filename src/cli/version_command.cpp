// `kenshu version`.
#include <iostream>

#include "cli/commands.hpp"

namespace kenshu::cli {

void add_version_command(CLI::App& app) {
  app.add_subcommand("version", "print the version")->callback([] { std::cout << "kenshu " KENSHU_VERSION "\n"; });
}

}  // namespace kenshu::cli
