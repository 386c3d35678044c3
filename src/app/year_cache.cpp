#include "app/year_cache.hpp"

namespace kenshu::app {
namespace {

constexpr std::chrono::seconds kLifetime{1};

}  // namespace

std::optional<YearRows> YearCache::get(const std::string& key, std::uint64_t program_version) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.program_version != program_version ||
      std::chrono::steady_clock::now() >= it->second.expires)
    return std::nullopt;
  return it->second.rows;
}

void YearCache::put(const std::string& key, std::uint64_t program_version, YearRows rows) {
  std::lock_guard lock(mutex_);
  entries_[key] = Entry{std::move(rows), program_version, std::chrono::steady_clock::now() + kLifetime};
}

}  // namespace kenshu::app
