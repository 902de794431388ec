// The in-memory catalog: which MySQL databases and tables exist and their definitions, as an
// immutable versioned snapshot that connections share while DDL swaps in a new one. (catalog/)
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "catalog/routine_schema.h"
#include "catalog/table_schema.h"

namespace porpoise::catalog {

struct DatabaseSchema {
  std::string name;
  std::string charset = "utf8mb4";
  std::string collation = "utf8mb4_0900_ai_ci";
  // Table name (case-sensitive, lower_case_table_names=0) -> definition.
  std::map<std::string, std::shared_ptr<const TableSchema>, std::less<>> tables;
};

// One consistent picture of the catalog. Copy-on-write: DDL copies, edits and publishes.
class CatalogSnapshot {
 public:
  uint64_t version() const { return version_; }
  const DatabaseSchema* FindDatabase(std::string_view name) const;
  std::shared_ptr<const TableSchema> FindTable(std::string_view database,
                                               std::string_view table) const;
  const std::map<std::string, std::shared_ptr<const DatabaseSchema>, std::less<>>& databases()
      const {
    return databases_;
  }

  // Editing (on a private copy before Catalog::Replace).
  void PutDatabase(DatabaseSchema database);
  void RemoveDatabase(std::string_view name);
  // REQUIRES: the table's database exists.
  void PutTable(std::shared_ptr<const TableSchema> table);
  void RemoveTable(std::string_view database, std::string_view table);
  void set_version(uint64_t version) { version_ = version; }
  // Whether any table has a foreign key (most schemas have none: DML skips looking).
  bool HasForeignKeys() const { return foreign_key_tables_ > 0; }

  // Stored programs. Names compare case-insensitively, as MySQL's routine names do.
  using RoutineKey = std::tuple<std::string, RoutineKind, std::string>;  // db, kind, lower name
  static RoutineKey KeyOf(std::string_view database, RoutineKind kind, std::string_view name);
  std::shared_ptr<const RoutineSchema> FindRoutine(std::string_view database, RoutineKind kind,
                                                   std::string_view name) const;
  const std::map<RoutineKey, std::shared_ptr<const RoutineSchema>>& routines() const {
    return routines_;
  }
  // The triggers of a table, in firing order (by event and timing, then action order): kept
  // sorted as triggers come and go, since every row a statement changes asks.
  const std::vector<std::shared_ptr<const RoutineSchema>>& TriggersOf(std::string_view database,
                                                                      std::string_view table) const;
  bool HasTriggers() const { return trigger_count_ > 0; }
  void PutRoutine(std::shared_ptr<const RoutineSchema> routine);
  void RemoveRoutine(std::string_view database, RoutineKind kind, std::string_view name);

 private:
  uint64_t version_ = 0;
  size_t foreign_key_tables_ = 0;  // tables with foreign keys
  size_t trigger_count_ = 0;
  std::map<RoutineKey, std::shared_ptr<const RoutineSchema>> routines_;
  std::map<std::pair<std::string, std::string>, std::vector<std::shared_ptr<const RoutineSchema>>>
      triggers_by_table_;  // (database, table) -> TriggersOf
  void SortTriggers(const std::string& database, const std::string& table);
  std::map<std::string, std::shared_ptr<const DatabaseSchema>, std::less<>> databases_;
};

// Holds the current snapshot. Thread-safe.
class Catalog {
 public:
  Catalog() : current_(std::make_shared<CatalogSnapshot>()) {}
  std::shared_ptr<const CatalogSnapshot> Current() const;
  // Publishes `next` with the next version number.
  void Replace(std::shared_ptr<CatalogSnapshot> next);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const CatalogSnapshot> current_;  // GUARDED_BY(mutex_)
};

}  // namespace porpoise::catalog
