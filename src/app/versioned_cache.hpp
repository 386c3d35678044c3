// Answers kept until they expire or the programme changes (App::program_version): the public programme page and the
// year the application checks read. Entries are copied out, so a reader never holds the lock while it uses one.
#pragma once
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>

namespace kenshu::app {

template <class T, class TimePoint>
class VersionedCache {
 public:
  std::optional<T> get(const std::string& key, TimePoint now, std::uint64_t program_version) const {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || now >= it->second.expires || it->second.program_version != program_version)
      return std::nullopt;
    return it->second.value;
  }

  // `program_version` as read before the value was: a change made meanwhile leaves the entry already stale.
  void put(const std::string& key, T value, TimePoint expires, std::uint64_t program_version) {
    std::unique_lock lock(mutex_);
    entries_[key] = Entry{std::move(value), expires, program_version};
  }

 private:
  struct Entry {
    T value;
    TimePoint expires;
    std::uint64_t program_version = 0;
  };
  mutable std::shared_mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace kenshu::app
