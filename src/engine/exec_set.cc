// SET: user variables, system variables (SESSION / GLOBAL with their privilege), SET NAMES,
// SET CHARACTER SET and SET TRANSACTION. (engine/)
#include <cctype>

#include "catalog/charsets.h"
#include "catalog/system_variables.h"
#include "common/strings.h"
#include "engine/physical.h"
#include "engine/session.h"
#include "storage/database.h"

namespace porpoise::engine {

namespace {

bool IsGlobalScope(sql::VariableScope scope) {
  return scope == sql::VariableScope::kGlobal || scope == sql::VariableScope::kPersist ||
         scope == sql::VariableScope::kPersistOnly;
}

// The set SET NAMES / SET CHARACTER SET give the client ("DEFAULT": utf8mb4), checked as
// character_set_client checks it: 1115 unknown, 1231 for a set no client can write in.
Result<const catalog::CharsetInfo*> ClientCharset(const std::string& given) {
  std::string name = EqualsIgnoreCase(given, "default") ? std::string("utf8mb4") : given;
  static const catalog::SystemVariable* const kClient =
      catalog::FindSystemVariable("character_set_client");
  PORPOISE_ASSIGN_OR_RETURN(std::string normalized, catalog::NormalizeVariableValue(*kClient, name));
  return catalog::FindCharset(normalized);
}

}  // namespace

Status Session::SetSystemVariable(std::string_view name, sql::VariableScope scope,
                                  std::optional<std::string> value) {
  if (IsGlobalScope(scope) && !bootstrap_ && !checker_.HasSuperOr("SYSTEM_VARIABLES_ADMIN")) {
    return Status::WithMessage(ER_SPECIFIC_ACCESS_DENIED_ERROR,
                               "Access denied; you need (at least one of) the SUPER or "
                               "SYSTEM_VARIABLES_ADMIN privilege(s) for this operation");
  }
  std::string lower = ToLowerAscii(name);
  bool was_autocommit = variables_.autocommit();
  PORPOISE_RETURN_IF_ERROR(variables_.Set(name, scope, std::move(value), diagnostics_.collector()));
  RecordVariableSet(name, IsGlobalScope(scope));
  if (lower == "autocommit" && !IsGlobalScope(scope) && !was_autocommit && variables_.autocommit()) {
    // Switching autocommit back on commits the open transaction, as in MySQL.
    PORPOISE_RETURN_IF_ERROR(ImplicitCommit());
  }
  return Status::OK();
}

Status Session::ExecuteSet(const sql::SetStatement& statement) {
  // Every system variable is known before any is set: a SET that fails on an unknown
  // one sets nothing.
  for (const sql::SetAssignment& assignment : statement.assignments) {
    if (assignment.kind != sql::SetAssignment::Kind::kVariable || assignment.scope == sql::VariableScope::kUser) continue;
    if (program_ != nullptr && assignment.scope == sql::VariableScope::kDefault) continue;
    if (variables_.Find(assignment.name) == nullptr) return Status::Error(ER_UNKNOWN_SYSTEM_VARIABLE, assignment.name);
  }
  for (const sql::SetAssignment& assignment : statement.assignments) {
    switch (assignment.kind) {
      case sql::SetAssignment::Kind::kVariable: {
        // In a stored program: its variables, and NEW.col in a trigger.
        if (program_ != nullptr && assignment.scope == sql::VariableScope::kDefault) {
          if (ProgramVariable* variable = program_->FindVariable(assignment.name)) {
            std::vector<ExprType> types;
            // The SET of a running routine: its own statement.
            PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values, EvaluateOwned({assignment.value.get()}, &types));
            PORPOISE_RETURN_IF_ERROR(AssignVariable(*variable, values[0], types[0]));
            break;
          }
          PORPOISE_ASSIGN_OR_RETURN(bool row_column, SetTriggerColumn(assignment.name, *assignment.value));
          if (row_column) break;
        }
        if (assignment.scope == sql::VariableScope::kUser) {
          PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values, Evaluate({assignment.value.get()}));
          user_variables_[ToLowerAscii(assignment.name)] = std::move(values[0]);
          break;
        }
        std::optional<std::string> text;
        const sql::Expr& value = *assignment.value;
        if (value.kind == sql::ExprKind::kDefault) {
          text = std::nullopt;
        } else if (value.kind == sql::ExprKind::kColumnRef && value.table.empty() &&
                   value.database.empty()) {
          text = value.column;  // ON, OFF, utf8mb4, ...: identifiers name the value
        } else {
          std::vector<ExprType> types;
          PORPOISE_ASSIGN_OR_RETURN(std::vector<Value> values, Evaluate({&value}, &types));
          // A number variable takes a number only: text or a DECIMAL (a literal past 64 bits)
          // is the wrong type (1232), as MySQL's SET checks the value's type.
          const catalog::SystemVariable* definition = catalog::FindSystemVariable(assignment.name);
          if (definition != nullptr && !values[0].is_null() &&
              (definition->type == catalog::VariableType::kInteger ||
               definition->type == catalog::VariableType::kUnsigned) &&
              (IsStringType(types[0].type) || types[0].type == ValueType::kDecimal ||
               types[0].type == ValueType::kDouble || types[0].type == ValueType::kFloat)) {
            return Status::Error(ER_WRONG_TYPE_FOR_VAR, definition->name);
          }
          // time_zone takes text only: a number is the wrong type, NULL a wrong value.
          if (definition != nullptr && definition->name == "time_zone") {
            if (values[0].is_null()) return Status::Error(ER_WRONG_VALUE_FOR_VAR, definition->name, "NULL");
            if (!IsStringType(types[0].type)) return Status::Error(ER_WRONG_TYPE_FOR_VAR, definition->name);
          }
          if (values[0].is_null()) {
            text = std::string("NULL");
          } else if (std::string shown; ToText(values[0], types[0], &shown)) {
            text = std::move(shown);  // (a DECIMAL's digits, not its stored form)
          } else {
            text = values[0].ToText();
          }
        }
        PORPOISE_RETURN_IF_ERROR(SetSystemVariable(assignment.name, assignment.scope, std::move(text)));
        break;
      }
      case sql::SetAssignment::Kind::kNames: {
        PORPOISE_ASSIGN_OR_RETURN(const catalog::CharsetInfo* info, ClientCharset(assignment.charset));
        for (Status& warning : catalog::DeprecatedCharsetWarnings(assignment.charset, assignment.collation)) {
          AddWarning(std::move(warning));
        }
        std::string collation(info->default_collation);
        if (!assignment.collation.empty()) {
          const catalog::CollationInfo* chosen = catalog::FindCollation(assignment.collation);
          if (chosen == nullptr) return Status::Error(ER_UNKNOWN_COLLATION, assignment.collation);
          if (chosen->charset != info->name) {
            return Status::WithMessage(
                ER_COLLATION_CHARSET_MISMATCH,
                "COLLATION '" + assignment.collation + "' is not valid for CHARACTER SET '" +
                    std::string(info->name) + "'");
          }
          collation = std::string(chosen->name);
        }
        std::string name(info->name);
        for (const char* variable : {"character_set_client", "character_set_connection", "character_set_results"}) {
          PORPOISE_RETURN_IF_ERROR(variables_.Set(variable, sql::VariableScope::kSession, name, diagnostics_.collector()));
        }
        PORPOISE_RETURN_IF_ERROR(
            variables_.Set("collation_connection", sql::VariableScope::kSession, collation, diagnostics_.collector()));
        break;
      }
      case sql::SetAssignment::Kind::kCharset: {
        PORPOISE_ASSIGN_OR_RETURN(const catalog::CharsetInfo* info, ClientCharset(assignment.charset));
        for (Status& warning : catalog::DeprecatedCharsetWarnings(assignment.charset, "")) {
          AddWarning(std::move(warning));
        }
        std::string name(info->name);
        PORPOISE_RETURN_IF_ERROR(variables_.Set("character_set_client", sql::VariableScope::kSession, name, diagnostics_.collector()));
        PORPOISE_RETURN_IF_ERROR(variables_.Set("character_set_results", sql::VariableScope::kSession, name, diagnostics_.collector()));
        // The connection's character set and collation become the default database's (the
        // server's without one), as MySQL sets them from character_set_database.
        PORPOISE_ASSIGN_OR_RETURN(std::string collation,
                                  variables_.Get("collation_database", sql::VariableScope::kSession));
        if (const catalog::DatabaseSchema* schema = database_.empty() ? nullptr : catalog_->FindDatabase(database_)) {
          collation = schema->collation;
        }
        const catalog::CollationInfo* connection = catalog::FindCollation(collation);
        if (connection != nullptr) {
          PORPOISE_RETURN_IF_ERROR(variables_.Set("character_set_connection", sql::VariableScope::kSession,
                                                  std::string(connection->charset), diagnostics_.collector()));
          PORPOISE_RETURN_IF_ERROR(variables_.Set("collation_connection", sql::VariableScope::kSession,
                                                  collation, diagnostics_.collector()));
        }
        break;
      }
      case sql::SetAssignment::Kind::kTransaction: {
        sql::VariableScope scope = IsGlobalScope(assignment.scope) ? sql::VariableScope::kGlobal
                                                                   : sql::VariableScope::kSession;
        if (!assignment.isolation_level.empty()) {
          PORPOISE_RETURN_IF_ERROR(SetSystemVariable("transaction_isolation", scope, assignment.isolation_level));
        }
        if (assignment.read_only) {
          PORPOISE_RETURN_IF_ERROR(SetSystemVariable("transaction_read_only", scope,
                                                     std::string(*assignment.read_only ? "ON" : "OFF")));
        }
        break;
      }
    }
  }
  // A later statement of the same stored program reads and writes times in the new zone.
  UseSessionTimeZone();
  return Status::OK();
}

}  // namespace porpoise::engine
