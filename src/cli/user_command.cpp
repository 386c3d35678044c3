// `kenshu user add|reset`: the first admin (and any account) is created here; the command prints a one-time
// set-up link, never a password. Links are built from [server] public_url.
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/accounts.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "domain/api_error.hpp"

namespace kenshu::cli {
namespace {

struct UserFlags {
  CommonOptions common;
  std::string email, role, name;
  std::vector<std::string> sessions;
};

std::string public_url_of(const app::Config& c) {
  if (!c.server.public_url.empty()) return c.server.public_url;
  const std::string url = "http://" + c.server.host + ":" + std::to_string(c.server.port);
  spdlog::warn("[server] public_url is not set: the link uses {}", url);
  return url;
}

template <class F>
void run(const UserFlags& f, F&& action) {
  const app::Config c = load(f.common);
  auto db = open_database(c);
  app::App application(c, *db, public_url_of(c));
  try {
    const app::CreatedUser created = action(application);
    std::cout << "account " << created.view.user.email << " (" << created.view.user.role << ")\n"
              << "set-up link (works once, for 72 hours):\n"
              << created.setup_link << "\n";
  } catch (const ApiError& e) {
    std::cerr << "error: " << e.code() << (e.field().empty() ? "" : " (" + e.field() + ")") << ": "
              << error_message(e.code(), Lang::en) << "\n";
    throw CLI::RuntimeError(1);
  }
}

}  // namespace

void add_user_command(CLI::App& app) {
  auto* user = app.add_subcommand("user", "staff accounts");
  user->require_subcommand(1);

  auto add = std::make_shared<UserFlags>();
  auto* add_cmd = user->add_subcommand("add", "create an account and print its one-time set-up link");
  add_common_options(*add_cmd, add->common);
  add_cmd->add_option("--email", add->email, "e-mail address (the sign-in name)")->required();
  add_cmd->add_option("--role", add->role, "admin, staff, coordinator, instructor or ministry")
      ->required()
      ->check(CLI::IsMember({"admin", "staff", "coordinator", "instructor", "ministry"}));
  add_cmd->add_option("--name", add->name, "display name (default: the address before '@')");
  add_cmd->add_option("--session", add->sessions, "session id assigned to a coordinator or instructor (repeatable)");
  add_cmd->callback([add] {
    run(*add, [&](app::App& a) {
      return app::add_user(a, {add->email, add->name, add->role, add->sessions, Lang::ja}, app::Actor::cli());
    });
  });

  auto reset = std::make_shared<UserFlags>();
  auto* reset_cmd =
      user->add_subcommand("reset", "clear an account's password and second factor; print a new set-up link");
  add_common_options(*reset_cmd, reset->common);
  reset_cmd->add_option("--email", reset->email, "e-mail address of the account")->required();
  reset_cmd->callback(
      [reset] { run(*reset, [&](app::App& a) { return app::reset_user(a, reset->email, app::Actor::cli()); }); });
}

}  // namespace kenshu::cli
