// `kenshu sim`: run scenarios on the physiology engine and check it against published physiology.
#pragma once
#include <CLI/CLI.hpp>

namespace kenshu::cli {

void add_sim_command(CLI::App& app);

}  // namespace kenshu::cli
