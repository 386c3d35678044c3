// `kenshu purge [--dry-run]`: erases personal data past the periods of [retention]; `kenshu person export|erase
// --email ADDRESS`: a person's request to see or erase what is held about them.
#include <boost/json/serialize.hpp>

#include <iostream>

#include "app/retention.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "domain/api_error.hpp"

namespace kenshu::cli {
namespace {

struct PurgeFlags {
  CommonOptions common;
  bool dry_run = false;
  std::string email;
};

template <class F>
int with_app(const CommonOptions& o, F&& f) {
  const app::Config c = load(o);
  auto db = open_database(c);
  app::App application(c, *db, c.server.public_url);
  try {
    f(application);
    return 0;
  } catch (const ApiError& e) {
    std::cerr << "error: " << e.code() << ": " << error_message(e.code(), Lang::en) << "\n";
    return 2;
  }
}

}  // namespace

void add_purge_command(CLI::App& app) {
  auto f = std::make_shared<PurgeFlags>();
  auto* purge = app.add_subcommand("purge", "erase personal data past its retention period ([retention])");
  add_common_options(*purge, f->common);
  purge->add_flag("--dry-run", f->dry_run, "count what would be erased, erase nothing");
  purge->callback([f] {
    const int rc = with_app(f->common, [&](app::App& a) {
      const app::PurgeReport r = app::purge(a, app::Actor::cli(), f->dry_run);
      std::cout << (r.dry_run ? "would erase" : "erased") << ": applications=" << r.applications
                << " sent_mail_bodies=" << r.sent_mail_bodies << " idempotency_keys=" << r.idempotency_keys << " sign_in_rows=" << r.sign_in_rows << "\n";
    });
    if (rc) throw CLI::RuntimeError(rc);
  });

  auto g = std::make_shared<PurgeFlags>();
  auto* person = app.add_subcommand("person", "a person's request: export or erase what is held about them");
  person->require_subcommand(1);
  auto* exp = person->add_subcommand("export", "print everything held about the address as JSON");
  auto* erase = person->add_subcommand("erase", "erase the person's names and addresses (the audit entry stays)");
  for (auto* cmd : {exp, erase}) {
    add_common_options(*cmd, g->common);
    cmd->add_option("--email", g->email, "the person's e-mail address")->required();
  }
  exp->callback([g] {
    const int rc = with_app(g->common, [&](app::App& a) {
      std::cout << boost::json::serialize(app::export_person(a, app::Actor::cli(), g->email)) << "\n";
    });
    if (rc) throw CLI::RuntimeError(rc);
  });
  erase->callback([g] {
    const int rc = with_app(g->common, [&](app::App& a) {
      std::cout << "erased " << app::erase_person(a, app::Actor::cli(), g->email) << " records\n";
    });
    if (rc) throw CLI::RuntimeError(rc);
  });
}

}  // namespace kenshu::cli
