#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>

#include "sluice/common/error.h"

namespace sluice {

// Counters a statement accumulates while it runs. Updated concurrently by
// worker threads (relaxed atomics: only totals matter).
struct QueryStatistics {
  std::atomic<uint64_t> bytes_scanned{0};   // bytes read from storage
  std::atomic<uint64_t> files_scanned{0};
  std::atomic<uint64_t> rows_read{0};       // rows produced by scans
  std::atomic<uint64_t> rows_skipped{0};    // malformed input rows dropped by scans
  std::atomic<uint64_t> row_groups_total{0};    // Parquet row groups in the files scanned
  std::atomic<uint64_t> row_groups_skipped{0};  // ...ruled out by statistics or the page index
  std::atomic<uint64_t> partitions_total{0};
  std::atomic<uint64_t> partitions_scanned{0};
  std::atomic<uint64_t> rows_written{0};
  std::atomic<uint64_t> files_written{0};
  std::atomic<uint64_t> bytes_written{0};
};

// What every part of a running statement may consult: its id, how many
// threads it may use, whether it was cancelled, and its statistics.
// Lives for the statement; shared by reference with all workers.
class QueryContext {
 public:
  explicit QueryContext(std::string query_id, size_t threads)
      : query_id_(std::move(query_id)), threads_(threads == 0 ? 1 : threads) {}

  const std::string& query_id() const { return query_id_; }
  size_t threads() const { return threads_; }
  QueryStatistics& stats() { return stats_; }
  // The session's SET SESSION values, by name, as the statement started.
  const std::map<std::string, std::string>& session_properties() const { return session_properties_; }
  void SetSessionProperties(std::map<std::string, std::string> p) { session_properties_ = std::move(p); }

  // EXPLAIN ANALYZE: operators' rows, bytes and times are counted.
  bool profiling() const { return profiling_; }
  void SetProfiling(bool on) { profiling_ = on; }

  void Cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool IsCancelled() const { return cancelled_.load(std::memory_order_relaxed); }
  // Called by workers between batches: a cancelled statement stops promptly.
  void CheckCancelled() const {
    if (IsCancelled()) throw SluiceError(ErrorCode::kCancelled, "Query was canceled");
  }

 private:
  std::string query_id_;
  size_t threads_;
  std::atomic<bool> cancelled_{false};
  bool profiling_ = false;
  QueryStatistics stats_;
  std::map<std::string, std::string> session_properties_;
};

// An Athena-style query id: a random UUID (version 4).
std::string NewQueryId();

}  // namespace sluice
