// A running stored program (procedure, function or trigger): its variables in nested blocks,
// cursors, handlers and the state of its flow of control. The binder reads its variables
// (TranslatorContext::program): a name that is a variable of the running program is that
// variable's value, before any column of that name, and NEW.col / OLD.col in a trigger are
// the row's values. (engine/)
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/routine_schema.h"
#include "catalog/table_schema.h"
#include "common/status.h"
#include "engine/expr_type.h"
#include "engine/value.h"
#include "sql/ast/statement.h"

namespace porpoise::engine {

// How much of a stored program an account may see.
enum class RoutineAccess : uint8_t { kNone, kListed, kDefinition };

// A DECLAREd variable or a parameter: its type as a column (values are converted to it as a
// column's are) and its value in that column's stored form.
struct ProgramVariable {
  std::string name;
  catalog::ColumnSchema column;
  Value value;
};

struct ProgramCursor {
  const sql::DeclareCursorStatement* declaration = nullptr;
  bool open = false;
  std::vector<std::vector<Value>> rows;  // read at OPEN (stored forms)
  std::vector<ExprType> types;
  size_t next = 0;
};

// What one BEGIN ... END declared.
struct ProgramBlock {
  std::deque<ProgramVariable> variables;
  std::vector<std::pair<std::string, sql::ConditionValue>> conditions;
  std::deque<ProgramCursor> cursors;
  std::vector<const sql::DeclareHandlerStatement*> handlers;
};

class ProgramFrame {
 public:
  enum class Flow : uint8_t {
    kNormal,
    kLeave,    // LEAVE target_label
    kIterate,  // ITERATE target_label
    kReturn,   // RETURN (functions)
    kExit,     // an EXIT handler ran: leave the block at exit_depth
  };

  // Innermost declaration first; names compare case-insensitively. nullptr when none.
  ProgramVariable* FindVariable(std::string_view name);
  // Where FindVariable's variable is: (block, index in the block). The binder refers to a
  // variable by its place (pp_var), which is the same each time a statement runs.
  std::optional<std::pair<size_t, size_t>> FindSlot(std::string_view name) const;
  // pp_var's value: a variable by place, or (block -1 / -2) a column of NEW / OLD.
  Value SlotValue(int64_t block, int64_t index) const;
  ProgramCursor* FindCursor(std::string_view name);
  const sql::ConditionValue* FindCondition(std::string_view name) const;

  const catalog::RoutineSchema* routine = nullptr;
  std::string kind_name;       // "PROCEDURE", "FUNCTION", "TRIGGER"
  std::string qualified_name;  // db.name, as messages name the program
  std::vector<ProgramBlock> blocks;  // innermost last

  Flow flow = Flow::kNormal;
  std::string target_label;
  size_t exit_depth = 0;
  std::optional<Value> return_value;  // in the stored form of return_column
  catalog::ColumnSchema return_column;

  // Triggers: the table and its row before (OLD) and after (NEW) the change; NEW is
  // writable in a BEFORE trigger (SET NEW.col = ...).
  const catalog::TableSchema* trigger_table = nullptr;
  std::vector<Value>* new_row = nullptr;
  const std::vector<Value>* old_row = nullptr;
  bool before = false;
  std::string_view event;  // "INSERT", "UPDATE", "DELETE"

  // The conditions each active handler caught, innermost last (GET STACKED DIAGNOSTICS,
  // RESIGNAL).
  std::vector<std::vector<Status>> handled;
  // While a handler runs, the handlers of blocks [handler_floor, handler_ceiling) (its own
  // block and those inside it that were open) do not catch what it raises.
  size_t handler_floor = 0, handler_ceiling = 0;
  // The failing statement's error already met every handler (no need to look again as it
  // goes out through the enclosing statement lists).
  bool offered = false;
  // Statements of a procedure called by CALL clear the diagnostics area as they start, so
  // CALL ends with the conditions of the last one; a function or trigger keeps the calling
  // statement's.
  bool clears_diagnostics = false;
};

// The canonical CREATE text of a procedure or function and of a trigger: what SHOW CREATE
// prints and the catalog keeps (DEFINER written out, characteristics MySQL's way, the body as
// written).
std::string RoutineDefinitionText(const catalog::RoutineSchema& routine,
                                  const sql::CreateRoutineStatement& statement);
std::string TriggerDefinitionText(const catalog::RoutineSchema& routine,
                                  const sql::CreateTriggerStatement& statement);
// A stored program's definition parsed again, under the sql_mode it was created with (its
// ANSI_QUOTES, PIPES_AS_CONCAT, NO_BACKSLASH_ESCAPES and HIGH_NOT_PRECEDENCE read its body).
Result<std::shared_ptr<const sql::Statement>> ParseDefinition(const catalog::RoutineSchema& routine);

// The column a variable, parameter or function result of type `type` is typed as: a
// string type without a character set takes the server's default.
Result<catalog::ColumnSchema> VariableColumn(std::string name, const sql::DataType& type);

}  // namespace porpoise::engine
