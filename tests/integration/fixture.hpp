// A real SQLite file in a fresh temporary folder, migrated, with the demo year loaded (windows open today).
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "app/app.hpp"
#include "app/load_program.hpp"
#include "domain/application.hpp"

namespace kenshu::itest {

inline std::filesystem::path temp_dir(const std::string& name) {
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path() / ("kenshu-" + name + "-" + std::to_string(rd()));
  std::filesystem::create_directories(dir);
  return dir;
}

struct Fixture {
  std::filesystem::path dir = temp_dir("it");
  app::Config config = [this] {
    app::Config c;
    c.database.path = (dir / "kenshu.db").string();
    c.data_dir = std::string(KENSHU_SOURCE_DIR) + "/data";
    c.program.files = {};
    c.program.demo = true;
    c.program.demo_file = std::string(KENSHU_SOURCE_DIR) + "/data/programs/demo.toml";
    return c;
  }();
  std::unique_ptr<store::Db> db = [this] {
    auto d = std::make_unique<store::Db>(store::DbOptions{config.database.path});
    d->migrate();
    return d;
  }();
  std::unique_ptr<app::App> app = [this] {
    app::load_configured_programs(*db, config, app::Clock().now());
    return std::make_unique<app::App>(config, *db, "https://kenshu.example.jp");
  }();

  ~Fixture() {
    app.reset();
    db.reset();
    std::filesystem::remove_all(dir);
  }

  std::vector<std::string> open_session_ids();
  domain::ApplicationDraft draft(const std::string& hospital_name);
};

}  // namespace kenshu::itest
