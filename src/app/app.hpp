// What every use case needs: configuration, the database, the clock and the mail templates.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "app/clock.hpp"
#include "app/config.hpp"
#include "app/year_cache.hpp"
#include "mail/templates.hpp"
#include "store/db.hpp"

namespace kenshu::app {

struct App {
  Config config;
  store::Db& db;
  Clock clock;
  mail::Templates templates;
  std::string public_url;  // base of every link we send: configured, never taken from a Host header
  // Bumped after a committed change of what the public pages show (sessions, years, a published selection), so cached
  // public answers are dropped.
  std::atomic<std::uint64_t> program_version{0};
  YearCache years;  // for the application use cases (app/year_cache.hpp)

  App(Config c, store::Db& database, std::string base_url)
      : config(std::move(c)),
        db(database),
        templates(config.data_dir + "/mail"),
        public_url(std::move(base_url)) {}
};

}  // namespace kenshu::app
