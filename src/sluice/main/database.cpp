#include "sluice/database.h"

#include <filesystem>

#include "sluice/catalog/catalog.h"
#include "sluice/common/error.h"
#include "sluice/common/thread_pool.h"
#include "sluice/storage/bucket_directory_file_system.h"

namespace sluice {

size_t QueryResult::RowCount() const {
  size_t n = 0;
  for (const auto& c : chunks) n += c.size();
  return n;
}

Value QueryResult::GetValue(size_t column, size_t row) const {
  for (const auto& c : chunks) {
    if (row < c.size()) return c.column(column).GetValue(row);
    row -= c.size();
  }
  ThrowInternal("row out of range");
}

Database::Database(DatabaseOptions options) : options_(std::move(options)) {}
Database::~Database() = default;

std::unique_ptr<Database> Database::Open(const DatabaseOptions& options) {
  std::unique_ptr<Database> db(new Database(options));
  if (db->options_.threads == 0) db->options_.threads = ThreadPool::HardwareThreads();
  // The warehouse is a local directory for now (its catalog is a SQLite file).
  std::error_code ec;
  std::filesystem::create_directories(db->options_.warehouse, ec);
  if (ec) {
    throw SluiceError(ErrorCode::kIoError, "cannot create warehouse directory '" +
                                               db->options_.warehouse + "': " + ec.message());
  }
  db->options_.warehouse = std::filesystem::absolute(db->options_.warehouse).lexically_normal().string();
  if (!db->options_.local_buckets.empty()) {
    db->options_.local_buckets =
        std::filesystem::absolute(db->options_.local_buckets).lexically_normal().string();
    SetLocalBucketRoot(db->options_.local_buckets);
  }
  db->catalog_ = catalog::OpenSqliteCatalog(db->options_.warehouse + "/catalog.db");
  return db;
}

std::unique_ptr<Connection> Database::Connect() { return std::make_unique<Connection>(*this); }

}  // namespace sluice
