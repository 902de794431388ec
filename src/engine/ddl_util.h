// Helpers shared by the DDL executors (exec_ddl.cc, exec_view.cc). Not part of the engine's
// API. (engine/)
#pragma once

#include <string_view>

#include "catalog/information_schema.h"
#include "common/status.h"
#include "storage/database.h"

namespace porpoise::engine {

// information_schema, performance_schema and sys: nobody creates or drops objects there.
inline bool IsSystemSchema(std::string_view name) {
  return catalog::IsInformationSchema(name) || name == "performance_schema" || name == "sys";
}

// 1059 for a name over 64 characters, 1102 / 1103 for an empty one, one ending in a space, or
// one naming a directory entry ("." and "..", where MySQL keeps schemas and tables as files).
inline Status CheckName(std::string_view name, bool database) {
  bool bad = name.empty() || name.size() > 64 || name.back() == ' ' || name == "." || name == "..";
  if (bad && name.size() > 64) return Status::Error(ER_TOO_LONG_IDENT, name);
  if (bad) return database ? Status::Error(ER_WRONG_DB_NAME, name) : Status::Error(ER_WRONG_TABLE_NAME, name);
  return Status::OK();
}

// Runs `work` inside BEGIN IMMEDIATE ... COMMIT on `db`.
template <typename Work>
Status InWriteTransaction(storage::Database& db, Work work) {
  PORPOISE_ASSIGN_OR_RETURN(storage::Transaction transaction, storage::Transaction::Begin(db, true));
  PORPOISE_RETURN_IF_ERROR(work());
  return transaction.Commit();
}

}  // namespace porpoise::engine
