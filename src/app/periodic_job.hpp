// A background job the server runs on its own thread every `interval` while it serves (the retention purge, the
// learning reminders): first run at start, failures logged and retried at the next turn, stopped at shutdown.
#pragma once
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kenshu::app {

class PeriodicJob {
 public:
  PeriodicJob(std::string name, std::chrono::seconds interval, std::function<void()> run);
  ~PeriodicJob();
  PeriodicJob(const PeriodicJob&) = delete;
  PeriodicJob& operator=(const PeriodicJob&) = delete;

 private:
  std::string name_;
  std::chrono::seconds interval_;
  std::function<void()> run_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kenshu::app
