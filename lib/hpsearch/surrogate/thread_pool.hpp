#pragma once
// ThreadPool: a fixed set of worker threads that run numbered tasks. Kept alive inside a
// forest across fits so each fit does not pay for thread start-up. With threads = 1 it
// starts no thread and runs every task on the caller.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace hpsearch {

class ThreadPool {
public:
  /// `threads` >= 1 counts the caller: threads - 1 workers are started.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return static_cast<int>(workers_.size()) + 1; }

  /// The task signature: task(index, thread), thread in [0, threads()) tells which thread
  /// runs it (e.g. to use that thread's scratch buffers).
  using Task = std::function<void(std::size_t, std::size_t)>;

  /// Calls task(i, thread) once for each i in [0, tasks), spread over the caller (thread 0)
  /// and the workers; returns when all are done and rethrows the first exception a task
  /// threw. Calls from several threads are serialised.
  void run(std::size_t tasks, const Task& task);

private:
  void work(const std::stop_token& stop, std::size_t thread);
  void drain(std::size_t thread);

  std::mutex run_mutex_; ///< one run() at a time
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::condition_variable done_;
  const Task* task_ = nullptr;
  std::size_t tasks_ = 0;
  std::atomic<std::size_t> next_{0};
  std::uint64_t generation_ = 0;
  int busy_ = 0;
  std::exception_ptr error_;
  std::vector<std::jthread> workers_;
};

} // namespace hpsearch
