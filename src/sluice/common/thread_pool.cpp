#include "sluice/common/thread_pool.h"

#include <atomic>
#include <memory>

namespace sluice {

ThreadPool::ThreadPool(size_t threads) {
  for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() { Shutdown(); }

void ThreadPool::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& w : workers_) {
    if (w.joinable()) w.join();
  }
}

void ThreadPool::Submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopping_) {
      tasks_.push(std::move(task));
      cv_.notify_one();
      return;
    }
  }
  task();
}

void ThreadPool::WorkerLoop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (stopping_ && tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop();
    }
    task();
  }
}

void ThreadPool::RunParallel(size_t n, const std::function<void(size_t)>& task) {
  if (n == 0) return;
  struct Shared {
    std::mutex mutex;
    std::condition_variable done_cv;
    size_t remaining;
    std::exception_ptr error;
  };
  auto shared = std::make_shared<Shared>();
  shared->remaining = n;
  auto run_one = [shared, &task](size_t i) {
    try {
      task(i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(shared->mutex);
      if (!shared->error) shared->error = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(shared->mutex);
    if (--shared->remaining == 0) shared->done_cv.notify_all();
  };
  // Task 0 runs on the calling thread, so a pool of size k gives k+1-way
  // parallelism only if the caller would otherwise idle; pools are sized
  // to cores - 1 workers for that reason (see Default()).
  for (size_t i = 1; i < n; ++i) Submit([run_one, i] { run_one(i); });
  run_one(0);
  std::unique_lock<std::mutex> lock(shared->mutex);
  shared->done_cv.wait(lock, [&] { return shared->remaining == 0; });
  if (shared->error) std::rethrow_exception(shared->error);
}

size_t ThreadPool::HardwareThreads() {
  size_t n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

ThreadPool& ThreadPool::Default() {
  static ThreadPool pool(HardwareThreads() > 1 ? HardwareThreads() - 1 : 1);
  return pool;
}

}  // namespace sluice
