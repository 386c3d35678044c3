#include "app/periodic_job.hpp"

#include <spdlog/spdlog.h>

namespace kenshu::app {

PeriodicJob::PeriodicJob(std::string name, std::chrono::seconds interval, std::function<void()> run)
    : name_(std::move(name)), interval_(interval), run_(std::move(run)) {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      try {
        run_();
      } catch (const std::exception& e) {
        spdlog::error("{} failed: {}", name_, e.what());
      }
      lock.lock();
      wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
  });
}

PeriodicJob::~PeriodicJob() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace kenshu::app
