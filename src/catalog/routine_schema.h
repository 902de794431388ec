// Stored programs as the catalog keeps them: procedures, functions and triggers, each with its
// canonical CREATE text and the parsed statement the engine runs. (catalog/)
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "sql/ast/statement.h"

namespace porpoise::catalog {

enum class RoutineKind : uint8_t { kProcedure, kFunction, kTrigger };

// "PROCEDURE", "FUNCTION", "TRIGGER".
std::string_view RoutineKindName(RoutineKind kind);

struct RoutineSchema {
  RoutineKind kind = RoutineKind::kProcedure;
  std::string database;
  std::string name;
  // The canonical CREATE statement (SHOW CREATE's text): DEFINER written out, the name
  // unqualified, characteristics MySQL's way, the body as written.
  std::string definition;
  // `definition` parsed: a CreateRoutineStatement or a CreateTriggerStatement.
  std::shared_ptr<const sql::Statement> statement;
  std::string definer_user, definer_host;
  std::string created, modified;  // 'YYYY-MM-DD hh:mm:ss'
  std::string sql_mode;
  std::string character_set_client, collation_connection, database_collation;
  // Triggers: the table (of `database`) and the place among the table's triggers for the
  // same timing and event (1 = fires first).
  std::string table;
  int64_t action_order = 0;

  const sql::CreateRoutineStatement& routine() const {
    return static_cast<const sql::CreateRoutineStatement&>(*statement);
  }
  const sql::CreateTriggerStatement& trigger() const {
    return static_cast<const sql::CreateTriggerStatement&>(*statement);
  }
};

}  // namespace porpoise::catalog
