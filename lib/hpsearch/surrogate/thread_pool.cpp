#include "hpsearch/surrogate/thread_pool.hpp"

#include <utility>

namespace hpsearch {

ThreadPool::ThreadPool(int threads) {
  for (int i = 1; i < threads; ++i)
    workers_.emplace_back(
        [this, i](const std::stop_token& stop) { work(stop, static_cast<std::size_t>(i)); });
}

ThreadPool::~ThreadPool() {
  for (auto& worker : workers_) worker.request_stop();
  wake_.notify_all();
  workers_.clear(); // joins
}

void ThreadPool::run(std::size_t tasks, const Task& task) {
  std::lock_guard serial(run_mutex_);
  if (workers_.empty() || tasks <= 1) {
    for (std::size_t i = 0; i < tasks; ++i) task(i, 0);
    return;
  }
  {
    std::lock_guard lock(mutex_);
    task_ = &task;
    tasks_ = tasks;
    next_.store(0);
    error_ = nullptr;
    busy_ = static_cast<int>(workers_.size());
    ++generation_;
  }
  wake_.notify_all();
  drain(0);
  std::unique_lock lock(mutex_);
  done_.wait(lock, [this] { return busy_ == 0; });
  task_ = nullptr;
  if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

void ThreadPool::work(const std::stop_token& stop, std::size_t thread) {
  std::uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (!wake_.wait(lock, stop, [&] { return generation_ != seen; })) return;
      seen = generation_;
    }
    drain(thread);
    std::lock_guard lock(mutex_);
    if (--busy_ == 0) done_.notify_one();
  }
}

void ThreadPool::drain(std::size_t thread) {
  for (;;) {
    const std::size_t i = next_.fetch_add(1);
    if (i >= tasks_) return;
    try {
      (*task_)(i, thread);
    } catch (...) {
      std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
  }
}

} // namespace hpsearch
