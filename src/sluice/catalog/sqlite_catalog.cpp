#include "sluice/catalog/sqlite_catalog.h"

#include <ctime>
#include <filesystem>
#include <set>

#include "sluice/catalog/catalog_errors.h"
#include "sluice/catalog/partition_key.h"
#include "sluice/catalog/partition_path.h"
#include "sluice/catalog/sqlite_connection.h"
#include "sluice/catalog/sqlite_schema.h"
#include "sluice/common/error.h"

namespace sluice::catalog {

namespace {

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

const char* KindText(TableKind kind) { return kind == TableKind::kManaged ? "MANAGED" : "EXTERNAL"; }

TableKind ParseKind(const std::string& text) {
  return text == "MANAGED" ? TableKind::kManaged : TableKind::kExternal;
}

// The engine's type is stored by name next to the declared text, so that a
// table reads back with exactly the type it was created with.
LogicalType ParseStoredType(const std::string& text) {
  if (text.empty() || text == LogicalType().ToString()) return LogicalType();
  return ParseTypeName(text);
}

// A partition's default location: below the table's root.
std::string JoinLocation(const std::string& root, const std::string& relative) {
  if (root.empty()) return relative;
  if (root.back() == '/') return root + relative;
  return root + "/" + relative;
}

// Column names are normalised like every other name, and must be unique
// across data and partition columns (a partition key is a column of the
// table as the query sees it).
std::vector<ColumnDef> NormalizeColumns(const std::vector<ColumnDef>& columns,
                                        std::set<std::string>* seen) {
  std::vector<ColumnDef> out = columns;
  for (auto& c : out) {
    c.name = NormalizeName(c.name);
    SLUICE_CHECK(!c.name.empty(), "column without a name");
    if (!seen->insert(c.name).second) throw DuplicateColumn(c.name);
  }
  return out;
}

constexpr const char* kFindDatabase = "SELECT db_id FROM databases WHERE name = ?";
constexpr const char* kDatabaseProperties =
    "SELECT name, value FROM database_properties WHERE db_id = ? ORDER BY name";
constexpr const char* kSerdeProperties =
    "SELECT name, value FROM serde_properties WHERE table_id = ? ORDER BY name";
constexpr const char* kTableProperties =
    "SELECT name, value FROM table_properties WHERE table_id = ? ORDER BY name";
constexpr const char* kFindTable =
    "SELECT t.table_id, t.kind, t.location, t.format, t.serde, t.comment, t.view_sql, "
    "t.created_at FROM tables t JOIN databases d ON d.db_id = t.db_id "
    "WHERE d.name = ? AND t.name = ?";

}  // namespace

// One level of transaction on the connection: BEGIN at the outermost level,
// a SAVEPOINT inside, so that a failed call inside RunInTransaction undoes
// only its own changes (its caller may catch and go on) while the outer
// transaction still decides about everything. Destroyed without Commit, it
// rolls its level back. The caller holds mu_.
class SqliteCatalog::Transaction {
 public:
  enum class Mode { kRead, kWrite };

  Transaction(SqliteCatalog& catalog, Mode mode) : catalog_(catalog) {
    SqliteConnection& c = *catalog_.connection_;
    if (catalog_.depth_ == 0) {
      // Writers take the write lock at BEGIN: a deferred transaction that
      // later wants to write can fail with SQLITE_BUSY regardless of
      // busy_timeout when another process committed in between. Readers
      // use a deferred transaction for one consistent snapshot across the
      // several SELECTs of a call.
      c.Exec(mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
    } else {
      if (!c.InTransaction()) {
        // SQLite rolled the outer transaction back after an I/O error that
        // fn caught; going on would commit half of fn's work.
        throw SluiceError(ErrorCode::kIoError,
                          "catalog transaction was rolled back by an earlier storage error");
      }
      c.Exec("SAVEPOINT " + SavepointName(catalog_.depth_ + 1));
    }
    level_ = ++catalog_.depth_;
  }

  ~Transaction() {
    if (done_) return;
    --catalog_.depth_;
    SqliteConnection& c = *catalog_.connection_;
    try {
      if (!c.InTransaction()) return;  // already rolled back by SQLite
      if (level_ == 1) {
        c.Exec("ROLLBACK");
      } else {
        // ROLLBACK TO keeps the savepoint open; RELEASE closes it.
        c.Exec("ROLLBACK TO " + SavepointName(level_));
        c.Exec("RELEASE " + SavepointName(level_));
      }
    } catch (const SluiceError&) {
      // Destructors must not throw; the error that got us here is reported.
    }
  }

  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void Commit() {
    SLUICE_CHECK(catalog_.depth_ == level_, "catalog transactions closed out of order");
    SqliteConnection& c = *catalog_.connection_;
    if (level_ == 1) {
      // Left open on failure: the destructor rolls back.
      c.Exec("COMMIT");
    } else {
      c.Exec("RELEASE " + SavepointName(level_));
    }
    --catalog_.depth_;
    done_ = true;
  }

 private:
  static std::string SavepointName(int level) { return "sluice_" + std::to_string(level); }

  SqliteCatalog& catalog_;
  int level_ = 0;
  bool done_ = false;
};

SqliteCatalog::SqliteCatalog(const std::string& path) {
  if (path != ":memory:") {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
      throw SluiceError(ErrorCode::kIoError, "cannot create the directory of catalog store " +
                                                 path + ": " + ec.message());
    }
  }
  connection_ = std::make_unique<SqliteConnection>(path);
  SqliteConnection& c = *connection_;
  // busy_timeout first: switching to WAL itself needs a lock another process
  // may hold.
  c.Exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
  // The journal mode is stored in the file; the pragma answers the mode in
  // force, which stays "memory" for an in-memory database.
  std::string mode = c.QueryText("PRAGMA journal_mode = WAL");
  if (mode != "wal" && mode != "memory") {
    throw SluiceError(ErrorCode::kIoError,
                      "catalog store " + path + " cannot use WAL journaling (got '" + mode + "')");
  }
  c.Exec("PRAGMA synchronous = FULL");  // see the header for why not NORMAL
  c.Exec("PRAGMA foreign_keys = ON");
  CreateOrMigrateSchema(c, Now());
}

SqliteCatalog::~SqliteCatalog() = default;

std::unique_ptr<Catalog> OpenSqliteCatalog(const std::string& path) {
  return std::make_unique<SqliteCatalog>(path);
}

// ---- databases --------------------------------------------------------------

std::optional<int64_t> SqliteCatalog::FindDatabaseId(const std::string& name) {
  auto find = connection_->Prepare(kFindDatabase);
  find->BindText(1, name);
  if (!find->Step()) return std::nullopt;
  return find->ColumnInt64(0);
}

std::map<std::string, std::string> SqliteCatalog::LoadProperties(const char* sql, int64_t id) {
  std::map<std::string, std::string> properties;
  auto select = connection_->Prepare(sql);
  select->BindInt64(1, id);
  while (select->Step()) properties.emplace(select->ColumnText(0), select->ColumnText(1));
  return properties;
}

void SqliteCatalog::CreateDatabase(const DatabaseDef& db, bool if_not_exists) {
  std::string name = NormalizeName(db.name);
  SLUICE_CHECK(!name.empty(), "database without a name");
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kWrite);
  int64_t db_id = 0;
  {
    // RETURNING yields no row when ON CONFLICT skipped the insert.
    auto insert = connection_->Prepare(
        "INSERT INTO databases (name, location, comment, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (name) DO NOTHING RETURNING db_id");
    insert->BindText(1, name);
    insert->BindText(2, db.location);
    insert->BindText(3, db.comment);
    insert->BindInt64(4, Now());
    if (!insert->Step()) {
      if (!if_not_exists) throw SchemaAlreadyExists(name);
      txn.Commit();
      return;
    }
    db_id = insert->ColumnInt64(0);
  }
  auto insert = connection_->Prepare(
      "INSERT INTO database_properties (db_id, name, value) VALUES (?, ?, ?)");
  for (const auto& [key, value] : db.properties) {
    insert->BindInt64(1, db_id);
    insert->BindText(2, key);
    insert->BindText(3, value);
    insert->Run();
  }
  txn.Commit();
}

std::optional<DatabaseDef> SqliteCatalog::GetDatabase(const std::string& name) {
  std::string normalized = NormalizeName(name);
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kRead);
  DatabaseDef db;
  int64_t db_id = 0;
  {
    auto select = connection_->Prepare(
        "SELECT db_id, name, location, comment FROM databases WHERE name = ?");
    select->BindText(1, normalized);
    if (!select->Step()) return std::nullopt;
    db_id = select->ColumnInt64(0);
    db.name = select->ColumnText(1);
    db.location = select->ColumnText(2);
    db.comment = select->ColumnText(3);
  }
  db.properties = LoadProperties(kDatabaseProperties, db_id);
  txn.Commit();
  return db;
}

std::vector<DatabaseDef> SqliteCatalog::ListDatabases() {
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kRead);
  std::vector<std::pair<int64_t, DatabaseDef>> rows;
  {
    auto select = connection_->Prepare(
        "SELECT db_id, name, location, comment FROM databases ORDER BY name");
    while (select->Step()) {
      DatabaseDef db;
      db.name = select->ColumnText(1);
      db.location = select->ColumnText(2);
      db.comment = select->ColumnText(3);
      rows.emplace_back(select->ColumnInt64(0), std::move(db));
    }
  }
  std::vector<DatabaseDef> out;
  out.reserve(rows.size());
  for (auto& [db_id, db] : rows) {
    db.properties = LoadProperties(kDatabaseProperties, db_id);
    out.push_back(std::move(db));
  }
  txn.Commit();
  return out;
}

void SqliteCatalog::DropDatabase(const std::string& name, bool if_exists, bool cascade) {
  std::string normalized = NormalizeName(name);
  // Hive refuses too; `default` is where sessions start.
  if (normalized == kDefaultDatabase) throw CannotDropDefaultSchema();
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kWrite);
  std::optional<int64_t> db_id = FindDatabaseId(normalized);
  if (!db_id) {
    if (!if_exists) throw SchemaNotFound(normalized);
    txn.Commit();
    return;
  }
  if (!cascade) {
    constexpr size_t kNamed = 10;  // enough to recognise the database
    std::vector<std::string> names;
    size_t total = 0;
    auto select = connection_->Prepare("SELECT name FROM tables WHERE db_id = ? ORDER BY name");
    select->BindInt64(1, *db_id);
    while (select->Step()) {
      if (names.size() < kNamed) names.push_back(select->ColumnText(0));
      ++total;
    }
    if (total > 0) throw SchemaNotEmpty(normalized, names, total);
  }
  {
    // Tables, columns, properties and partitions follow by ON DELETE CASCADE.
    auto remove = connection_->Prepare("DELETE FROM databases WHERE db_id = ?");
    remove->BindInt64(1, *db_id);
    remove->Run();
  }
  txn.Commit();
}

// ---- tables -----------------------------------------------------------------

void SqliteCatalog::CreateTable(const TableDef& table, bool if_not_exists) {
  std::string db = NormalizeName(table.database);
  std::string name = NormalizeName(table.name);
  SLUICE_CHECK(!db.empty() && !name.empty(), "table without a database or name");
  std::set<std::string> seen;
  std::vector<ColumnDef> columns = NormalizeColumns(table.columns, &seen);
  std::vector<ColumnDef> keys = NormalizeColumns(table.partition_columns, &seen);

  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kWrite);
  std::optional<int64_t> db_id = FindDatabaseId(db);
  if (!db_id) throw SchemaNotFound(db);
  int64_t table_id = 0;
  {
    auto insert = connection_->Prepare(
        "INSERT INTO tables (db_id, name, kind, location, format, serde, comment, view_sql, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (db_id, name) DO NOTHING RETURNING table_id");
    insert->BindInt64(1, *db_id);
    insert->BindText(2, name);
    insert->BindText(3, KindText(table.kind));
    insert->BindText(4, table.location);
    insert->BindText(5, table.format);
    insert->BindText(6, table.serde);
    insert->BindText(7, table.comment);
    insert->BindText(8, table.view_sql);
    insert->BindInt64(9, Now());
    if (!insert->Step()) {
      if (!if_not_exists) throw TableAlreadyExists(db, name);
      txn.Commit();
      return;
    }
    table_id = insert->ColumnInt64(0);
  }
  {
    auto insert = connection_->Prepare(
        "INSERT INTO columns (table_id, is_partition_key, position, name, logical_type, "
        "type_text, comment) VALUES (?, ?, ?, ?, ?, ?, ?)");
    auto insert_all = [&](const std::vector<ColumnDef>& list, int is_partition_key) {
      for (size_t i = 0; i < list.size(); ++i) {
        insert->BindInt64(1, table_id);
        insert->BindInt64(2, is_partition_key);
        insert->BindInt64(3, static_cast<int64_t>(i));
        insert->BindText(4, list[i].name);
        insert->BindText(5, list[i].type.ToString());
        insert->BindText(6, list[i].type_text);
        insert->BindText(7, list[i].comment);
        insert->Run();
      }
    };
    insert_all(columns, 0);
    insert_all(keys, 1);
  }
  auto insert_properties = [&](const char* sql, const std::map<std::string, std::string>& props) {
    auto insert = connection_->Prepare(sql);
    for (const auto& [key, value] : props) {
      insert->BindInt64(1, table_id);
      insert->BindText(2, key);
      insert->BindText(3, value);
      insert->Run();
    }
  };
  insert_properties("INSERT INTO serde_properties (table_id, name, value) VALUES (?, ?, ?)",
                    table.serde_properties);
  insert_properties("INSERT INTO table_properties (table_id, name, value) VALUES (?, ?, ?)",
                    table.table_properties);
  txn.Commit();
}

std::vector<ColumnDef> SqliteCatalog::LoadColumns(int64_t table_id, bool partition_keys) {
  std::vector<ColumnDef> columns;
  auto select = connection_->Prepare(
      "SELECT name, logical_type, type_text, comment FROM columns "
      "WHERE table_id = ? AND is_partition_key = ? ORDER BY position");
  select->BindInt64(1, table_id);
  select->BindInt64(2, partition_keys ? 1 : 0);
  while (select->Step()) {
    ColumnDef c;
    c.name = select->ColumnText(0);
    c.type = ParseStoredType(select->ColumnText(1));
    c.type_text = select->ColumnText(2);
    c.comment = select->ColumnText(3);
    columns.push_back(std::move(c));
  }
  return columns;
}

std::optional<TableDef> SqliteCatalog::GetTable(const std::string& db, const std::string& name) {
  TableDef table;
  table.database = NormalizeName(db);
  table.name = NormalizeName(name);
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kRead);
  int64_t table_id = 0;
  {
    auto select = connection_->Prepare(kFindTable);
    select->BindText(1, table.database);
    select->BindText(2, table.name);
    if (!select->Step()) return std::nullopt;
    table_id = select->ColumnInt64(0);
    table.kind = ParseKind(select->ColumnText(1));
    table.location = select->ColumnText(2);
    table.format = select->ColumnText(3);
    table.serde = select->ColumnText(4);
    table.comment = select->ColumnText(5);
    table.view_sql = select->ColumnText(6);
    table.created_at = select->ColumnInt64(7);
  }
  table.columns = LoadColumns(table_id, false);
  table.partition_columns = LoadColumns(table_id, true);
  table.serde_properties = LoadProperties(kSerdeProperties, table_id);
  table.table_properties = LoadProperties(kTableProperties, table_id);
  txn.Commit();
  return table;
}

std::vector<std::string> SqliteCatalog::ListTables(const std::string& db) {
  std::string normalized = NormalizeName(db);
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kRead);
  std::optional<int64_t> db_id = FindDatabaseId(normalized);
  if (!db_id) throw SchemaNotFound(normalized);
  std::vector<std::string> names;
  {
    auto select = connection_->Prepare("SELECT name FROM tables WHERE db_id = ? ORDER BY name");
    select->BindInt64(1, *db_id);
    while (select->Step()) names.push_back(select->ColumnText(0));
  }
  txn.Commit();
  return names;
}

void SqliteCatalog::DropTable(const std::string& db, const std::string& name, bool if_exists) {
  std::string db_name = NormalizeName(db);
  std::string table_name = NormalizeName(name);
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kWrite);
  {
    // Columns, properties and partitions follow by ON DELETE CASCADE.
    auto remove = connection_->Prepare(
        "DELETE FROM tables WHERE name = ? AND db_id = (SELECT db_id FROM databases WHERE name = ?)");
    remove->BindText(1, table_name);
    remove->BindText(2, db_name);
    remove->Run();
  }
  // As in Trino, a missing schema reads as a missing table here.
  if (connection_->Changes() == 0 && !if_exists) throw TableNotFound(db_name, table_name);
  txn.Commit();
}

// ---- partitions -------------------------------------------------------------

SqliteCatalog::PartitionedTable SqliteCatalog::ResolvePartitionedTable(const std::string& db,
                                                                       const std::string& table) {
  PartitionedTable out;
  {
    auto select = connection_->Prepare(kFindTable);
    select->BindText(1, db);
    select->BindText(2, table);
    if (!select->Step()) throw TableNotFound(db, table);
    out.table_id = select->ColumnInt64(0);
    out.location = select->ColumnText(2);
  }
  auto select = connection_->Prepare(
      "SELECT name FROM columns WHERE table_id = ? AND is_partition_key = 1 ORDER BY position");
  select->BindInt64(1, out.table_id);
  while (select->Step()) out.keys.push_back(select->ColumnText(0));
  return out;
}

void SqliteCatalog::AddPartitions(const std::string& db, const std::string& table,
                                  const std::vector<PartitionDef>& parts, bool if_not_exists) {
  std::string db_name = NormalizeName(db);
  std::string table_name = NormalizeName(table);
  std::lock_guard lock(mu_);
  // One transaction for the whole batch: one fsync instead of one per
  // partition, and all or nothing.
  Transaction txn(*this, Transaction::Mode::kWrite);
  PartitionedTable t = ResolvePartitionedTable(db_name, table_name);
  if (t.keys.empty()) throw TableNotPartitioned(db_name, table_name);
  int64_t now = Now();
  auto insert_partition = connection_->Prepare(
      "INSERT INTO partitions (table_id, values_key, location, created_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (table_id, values_key) DO NOTHING RETURNING partition_id");
  auto insert_value = connection_->Prepare(
      "INSERT INTO partition_values (partition_id, position, value) VALUES (?, ?, ?)");
  for (const PartitionDef& part : parts) {
    if (part.values.size() != t.keys.size()) {
      throw PartitionArity(db_name, table_name, part.values.size(), t.keys);
    }
    insert_partition->BindInt64(1, t.table_id);
    insert_partition->BindBlob(2, EncodePartitionKey(part.values));
    insert_partition->BindText(
        3, part.location.empty() ? JoinLocation(t.location, PartitionPath(t.keys, part.values))
                                 : part.location);
    insert_partition->BindInt64(4, now);
    bool inserted = insert_partition->Step();
    int64_t partition_id = inserted ? insert_partition->ColumnInt64(0) : 0;
    insert_partition->Reset();
    if (!inserted) {
      if (if_not_exists) continue;
      throw PartitionAlreadyExists(db_name, table_name, PartitionPath(t.keys, part.values));
    }
    for (size_t i = 0; i < part.values.size(); ++i) {
      insert_value->BindInt64(1, partition_id);
      insert_value->BindInt64(2, static_cast<int64_t>(i));
      insert_value->BindText(3, part.values[i]);
      insert_value->Run();
    }
  }
  txn.Commit();
}

std::vector<PartitionDef> SqliteCatalog::ListPartitions(const std::string& db,
                                                        const std::string& table) {
  std::string db_name = NormalizeName(db);
  std::string table_name = NormalizeName(table);
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kRead);
  PartitionedTable t = ResolvePartitionedTable(db_name, table_name);
  std::vector<PartitionDef> out;
  {
    // Walks UNIQUE (table_id, values_key) in order, so value order costs no
    // sort; each partition's rows arrive together.
    auto select = connection_->Prepare(
        "SELECT p.partition_id, p.location, p.created_at, v.position, v.value "
        "FROM partitions p JOIN partition_values v ON v.partition_id = p.partition_id "
        "WHERE p.table_id = ? ORDER BY p.values_key, v.position");
    select->BindInt64(1, t.table_id);
    int64_t current = -1;
    while (select->Step()) {
      int64_t partition_id = select->ColumnInt64(0);
      if (partition_id != current) {
        current = partition_id;
        PartitionDef part;
        part.location = select->ColumnText(1);
        part.created_at = select->ColumnInt64(2);
        part.values.reserve(t.keys.size());
        out.push_back(std::move(part));
      }
      out.back().values.push_back(select->ColumnText(4));
    }
  }
  txn.Commit();
  return out;
}

void SqliteCatalog::DropPartitions(const std::string& db, const std::string& table,
                                   const std::vector<std::vector<std::string>>& values,
                                   bool if_exists) {
  std::string db_name = NormalizeName(db);
  std::string table_name = NormalizeName(table);
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kWrite);
  PartitionedTable t = ResolvePartitionedTable(db_name, table_name);
  if (t.keys.empty()) throw TableNotPartitioned(db_name, table_name);
  // partition_values rows follow by ON DELETE CASCADE.
  auto remove =
      connection_->Prepare("DELETE FROM partitions WHERE table_id = ? AND values_key = ?");
  for (const auto& v : values) {
    if (v.size() != t.keys.size()) throw PartitionArity(db_name, table_name, v.size(), t.keys);
    remove->BindInt64(1, t.table_id);
    remove->BindBlob(2, EncodePartitionKey(v));
    remove->Run();
    if (connection_->Changes() == 0 && !if_exists) {
      throw PartitionNotFound(db_name, table_name, PartitionPath(t.keys, v));
    }
  }
  txn.Commit();
}

// ---- transactions -----------------------------------------------------------

void SqliteCatalog::RunInTransaction(const std::function<void()>& fn) {
  std::lock_guard lock(mu_);
  Transaction txn(*this, Transaction::Mode::kWrite);
  fn();
  txn.Commit();
}

}  // namespace sluice::catalog
