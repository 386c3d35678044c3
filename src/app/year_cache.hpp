// The year and its sessions as the application use cases check them, kept for a second: reading them for every
// submitted application was a fifth of the server's time under load (bench apply). A change of the programme through
// the server drops them at once (App::program_version); a change by `kenshu load-program` within a second.
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/program_store.hpp"

namespace kenshu::app {

struct YearRows {
  store::ProgramYearRow year;
  std::vector<store::SessionRow> sessions;
};

class YearCache {
 public:
  std::optional<YearRows> get(const std::string& key, std::uint64_t program_version);
  void put(const std::string& key, std::uint64_t program_version, YearRows rows);

 private:
  struct Entry {
    YearRows rows;
    std::uint64_t program_version = 0;
    std::chrono::steady_clock::time_point expires;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace kenshu::app
