// `kenshu serve`: migrates, loads the configured programme years, starts the mail sender and serves HTTP until
// SIGTERM/SIGINT; then it finishes in-flight requests and exits 0.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <optional>

#include "api/routes.hpp"
#include "app/app.hpp"
#include "app/learning_content.hpp"
#include "app/learning.hpp"
#include "app/load_program.hpp"
#include "app/periodic_job.hpp"
#include "app/retention.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "http/server.hpp"
#include "mail/sender.hpp"

namespace kenshu::cli {
namespace {

// Flags left unset (-1, empty) keep the value of the file and the environment.
struct ServeFlags {
  CommonOptions common;
  int port = -1;
  std::string host, public_url, smtp_url, mail_dir, web_root, data_dir;
  int read_timeout_s = -1, idle_timeout_s = -1;
  bool demo = false, no_demo = false, quiet = false;
};

void apply(const ServeFlags& f, app::Config& c) {
  if (f.port >= 0) c.server.port = f.port;
  if (!f.host.empty()) c.server.host = f.host;
  if (!f.public_url.empty()) c.server.public_url = f.public_url;
  if (!f.smtp_url.empty()) c.mail.smtp_url = f.smtp_url;
  if (!f.mail_dir.empty()) c.mail.mail_dir = f.mail_dir;
  if (!f.web_root.empty()) c.server.web_root = f.web_root;
  if (!f.data_dir.empty()) c.data_dir = f.data_dir;
  if (f.read_timeout_s > 0) c.server.read_timeout_s = f.read_timeout_s;
  if (f.idle_timeout_s > 0) c.server.idle_timeout_s = f.idle_timeout_s;
  if (f.demo) c.program.demo = true;
  if (f.no_demo) c.program.demo = false;
}

http::ServerOptions server_options(const app::Config& c, bool quiet) {
  return {c.server.host,           static_cast<unsigned short>(c.server.port), c.server.io_threads,
          c.server.workers,        c.server.max_connections,                   c.server.header_limit_bytes,
          c.server.read_timeout_s, c.server.idle_timeout_s,                    c.server.web_root,
          c.server.hsts,           !quiet};
}

int serve(const ServeFlags& flags) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("kenshu"));  // stdout carries only the "listening on" line
  app::Config config = load(flags.common);
  apply(flags, config);
  auto db = open_database(config);
  const app::Clock clock;
  app::load_configured_programs(*db, config, clock.now());
  app::load_demo_learning(*db, config, clock.now_utc());

  app::App application(config, *db, config.server.public_url);
  api::Router router = api::make_router(application);
  http::Server server(server_options(config, flags.quiet), router);
  const unsigned short port = server.listen();
  const std::string url = "http://" + config.server.host + ":" + std::to_string(port);
  if (application.public_url.empty()) application.public_url = url;

  mail::Sender sender(*db,
                      {config.mail.smtp_url, config.mail.smtp_user, config.mail.smtp_password,
                       config.mail.from_address, config.mail.from_name, config.mail.mail_dir,
                       config.mail.max_attempts, config.mail.max_per_minute},
                      [&application] { return application.clock.now(); });
  db->on_commit([&sender] { sender.wake(); });
  sender.start();

  // Reminders are checked hourly: each offset is a Japan date, and a server started mid-day should not wait a day.
  std::optional<app::PeriodicJob> daily_purge, reminders;
  if (config.retention.daily)
    daily_purge.emplace("daily purge", std::chrono::hours(24), [&application] { app::purge_daily(application); });
  if (config.learning.daily_reminders)
    reminders.emplace("learning reminders", std::chrono::hours(1), [&application] {
      const auto r = app::send_reminders(application);
      spdlog::info("learning reminders: {} participants, {} contacts, {} post-course", r.participants, r.contacts, r.post);
    });

  std::cout << "listening on " << url << std::endl;
  server.run();
  sender.stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto f = std::make_shared<ServeFlags>();
  auto* cmd = app.add_subcommand("serve", "serve the web application and the API");
  add_common_options(*cmd, f->common);
  cmd->add_option("--port", f->port, "TCP port (0 = any free port)");
  cmd->add_option("--host", f->host, "address to listen on");
  cmd->add_option("--public-url", f->public_url, "base URL of links in e-mails");
  cmd->add_option("--smtp-url", f->smtp_url, "SMTP relay, e.g. smtp://127.0.0.1:25 (empty: .eml files)");
  cmd->add_option("--mail-dir", f->mail_dir, "folder for .eml files when no SMTP relay is set");
  cmd->add_option("--web-root", f->web_root, "folder of the built web application");
  cmd->add_option("--data-dir", f->data_dir, "folder of mail templates and programme data");
  cmd->add_option("--read-timeout-s", f->read_timeout_s, "seconds a request may take to arrive");
  cmd->add_option("--idle-timeout-s", f->idle_timeout_s, "seconds an idle keep-alive connection stays open");
  cmd->add_flag("--demo", f->demo, "load the demo year (sessions on future dates)");
  cmd->add_flag("--no-demo", f->no_demo, "do not load the demo year");
  cmd->add_flag("--quiet", f->quiet, "no access log lines");
  cmd->callback([f] { serve(*f); });
}

}  // namespace kenshu::cli
