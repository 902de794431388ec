// The system-variable table: every server variable declared once (name, scope, type, default,
// dynamic), read by option-file parsing, SET, SELECT @@x and SHOW VARIABLES. (catalog/)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "common/status.h"

namespace porpoise::catalog {

enum class VariableScope : uint8_t { kGlobal = 1, kSession = 2, kBoth = 3 };

enum class VariableType : uint8_t {
  kBool,     // ON/OFF (also 1/0, TRUE/FALSE); shown as ON/OFF
  kInteger,  // signed, within [min, max]
  kUnsigned, // unsigned, within [min, max]
  kString,
  kEnum,     // one of `allowed` (a comma-separated list), case-insensitive, shown as listed
  kSet,      // a comma-separated subset of `allowed` (sql_mode)
  kDouble,
};

struct SystemVariable {
  std::string_view name;           // lower case, underscores: "max_allowed_packet"
  VariableScope scope;
  VariableType type;
  std::string_view default_value;  // as SHOW VARIABLES prints it
  bool dynamic;                    // SET-table at runtime
  bool option;                     // may be given in option files / on the command line
  int64_t min = 0;
  uint64_t max = 0;
  std::string_view allowed = {};   // kEnum / kSet members, comma-separated
};

// All variables, sorted by name.
std::span<const SystemVariable> AllSystemVariables();

// Case-insensitive lookup that also accepts '-' for '_' (option-file spelling).
const SystemVariable* FindSystemVariable(std::string_view name);

// Checks `value` against the variable's type and range and returns its canonical text form
// (ON/OFF for booleans, the listed spelling for enums, digits for numbers). Errors are
// 1231 ER_WRONG_VALUE_FOR_VAR / 1232 ER_WRONG_TYPE_FOR_VAR as SET reports them.
Result<std::string> NormalizeVariableValue(const SystemVariable& variable, std::string_view value);

// character_set_connection/database/server and collation_connection/database/server move in
// pairs, as in MySQL: setting a character set sets its pair to the set's default collation,
// setting a collation sets its pair to the collation's set. The pair's name and value for a
// valid, normalized `value` of `name`; nullopt for every other variable.
std::optional<std::pair<std::string_view, std::string>> CompanionSetting(std::string_view name,
                                                                         std::string_view value);

}  // namespace porpoise::catalog
