// The numbered migrations of db/migrations, embedded at build time (see cmake/embed_migrations.cmake).
#pragma once
#include <string>
#include <vector>

namespace kenshu::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& migrations();

}  // namespace kenshu::store
