#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

namespace sluice {

// A fixed set of worker threads running submitted tasks in FIFO order.
// Thread-safe. Pipelines use it through RunParallel, which is how every
// operator gets both cores.
class ThreadPool {
 public:
  explicit ThreadPool(size_t threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  size_t size() const { return workers_.size(); }
  // Queues a task; once the pool is shut down, runs it on the caller.
  void Submit(std::function<void()> task);

  // Finishes the queued tasks and joins the workers (the destructor does
  // too). Idempotent. A library whose per-thread state its own atexit
  // cleanup would otherwise orphan registers this to run before it.
  void Shutdown();

  // Runs task(i) for i in [0, n) on the pool (and the calling thread) and
  // waits for all; rethrows the first exception any of them threw.
  void RunParallel(size_t n, const std::function<void(size_t)>& task);

  // The process-wide pool, sized to the machine's cores on first use.
  static ThreadPool& Default();
  static size_t HardwareThreads();

 private:
  void WorkerLoop();

  std::vector<std::thread> workers_;
  std::queue<std::function<void()>> tasks_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
};

}  // namespace sluice
