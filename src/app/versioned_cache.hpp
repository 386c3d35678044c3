// Answers kept until they expire or the programme changes (App::program_version): the public programme page and the
// year the application checks read. Values are shared and immutable: a hit copies nothing, and a reader never holds
// the lock while it uses one.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

namespace kenshu::app {

template <class T, class TimePoint>
class VersionedCache {
 public:
  // The value, or null when there is none, it has expired or the programme changed since.
  std::shared_ptr<const T> get(const std::string& key, TimePoint now, std::uint64_t program_version) const {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || now >= it->second.expires || it->second.program_version != program_version)
      return nullptr;
    return it->second.value;
  }

  // `program_version` as read before the value was: a change made meanwhile leaves the entry already stale.
  std::shared_ptr<const T> put(const std::string& key, T value, TimePoint expires, std::uint64_t program_version) {
    auto shared = std::make_shared<const T>(std::move(value));
    std::unique_lock lock(mutex_);
    entries_[key] = Entry{shared, expires, program_version};
    return shared;
  }

 private:
  struct Entry {
    std::shared_ptr<const T> value;
    TimePoint expires;
    std::uint64_t program_version = 0;
  };
  mutable std::shared_mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace kenshu::app
