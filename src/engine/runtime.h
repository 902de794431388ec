// Helpers shared by the SQLite functions that carry MySQL's semantics (runtime_*.cc), and
// their registration. Every function reads its arguments in the physical forms of
// expr_type.h and reports MySQL errors through the session's FunctionHost. (engine/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "engine/value.h"

struct sqlite3;
struct sqlite3_context;
struct sqlite3_stmt;
struct sqlite3_value;

namespace porpoise::engine {

struct FunctionHost;
struct SubStatement;

// The first argument of pp_math(function, text, x[, y]): which of MySQL's mathematical
// functions it computes (the binder and the runtime agree on these numbers).
enum class MathFunction : int {
  kLn, kLog2, kLog10, kLogBase, kSqrt, kExp, kPow, kSin, kCos, kTan, kCot, kAsin, kAcos,
  kAtan, kRadians, kDegrees,
};

Value ValueFrom(sqlite3_value* value);
// An argument's bytes (a string's or a blob's; empty for NULL), valid while the call runs.
std::string_view BytesOf(sqlite3_value* value);
// Whether one of the arguments is NULL.
bool AnyNull(int argc, sqlite3_value** argv);
void ResultValue(sqlite3_context* context, const Value& value);
// The SHA-256 of `bytes` in 64 lower-case hex digits, as SHA2(x, 256) gives it.
std::string Sha256Hex(std::string_view bytes);
// Fails the running statement with `status` (kept in the host, so the session reports
// MySQL's errno rather than SQLite's message).
void RaiseError(sqlite3_context* context, Status status);
// Warnings a function says only when it reads one of its arguments (what folding that
// argument's constants said, which MySQL says only where it reads the argument): the binder
// writes them as one text argument, the function says them as it reads.
std::string EncodeDeferredWarnings(const std::vector<Status>& warnings);
void SayDeferredWarnings(sqlite3_context* context, sqlite3_value* encoded);

// An aggregate's state object: made on the first row when `create`, nullptr before then
// (or out of memory). The final callback owns and deletes it.
void** AggregateSlot(sqlite3_context* context, bool create);
template <typename State>
State* AggregateState(sqlite3_context* context, bool create) {
  void** slot = AggregateSlot(context, create);
  if (slot == nullptr) return nullptr;
  if (*slot == nullptr && create) *slot = new State();
  return static_cast<State*>(*slot);
}

// One scalar function a runtime file registers; each gets the session's FunctionHost as its
// user data.
struct ScalarFunction {
  const char* name;
  int arguments;  // -1: any number
  void (*callback)(sqlite3_context*, int, sqlite3_value**);
  bool deterministic = true;
};
Status RegisterScalars(sqlite3* db, FunctionHost* host, const ScalarFunction* functions,
                       size_t count);
template <size_t N>
Status RegisterScalars(sqlite3* db, FunctionHost* host, const ScalarFunction (&functions)[N]) {
  return RegisterScalars(db, host, functions, N);
}

// MySQL's week number of a date under `behaviour` (WEEK's internal flags: 1 the week starts
// on Monday, 2 weeks 1..53 with a week at a year's edge counted in the other year, 4 week 1
// holds the year's first start day), the year the week belongs to in *week_year. DATE_FORMAT's
// %U %u %V %v %X %x.
int64_t MysqlWeekOfDate(uint32_t year, uint32_t month, uint32_t day, unsigned behaviour,
                        int64_t* week_year);

// The arithmetic (pp_add_i ... pp_div_dec), rounding and pp_math functions.
Status RegisterNumericRuntime(sqlite3* db, FunctionHost* host);
// Every collation under its versioned SQLite name, and pp_like(text, pattern, escape, id).
Status RegisterCollationRuntime(sqlite3* db, FunctionHost* host);
// EXTRACT, TIMESTAMPDIFF, TIMESTAMPADD, QUARTER, LAST_DAY, DAYNAME, MONTHNAME, TO_DAYS,
// FROM_DAYS, MAKEDATE (mysql_*).
Status RegisterTimeRuntime(sqlite3* db, FunctionHost* host);
// SUBSTRING_INDEX, INSERT, ELT, QUOTE, CHAR, the digests, base64, UUID, INET_* (mysql_*).
Status RegisterStringRuntime(sqlite3* db, FunctionHost* host);
// pp_json(signature, ...) for the JSON functions, pp_json_arrayagg, pp_json_objectagg.
Status RegisterJsonRuntime(sqlite3* db, FunctionHost* host);
// pp_sub / pp_subm: the emitter's sub-statements (emitter.h).
Status RegisterSubStatementRuntime(sqlite3* db, FunctionHost* host);
// FORMAT_BYTES, FORMAT_PICO_TIME, VALIDATE_PASSWORD_STRENGTH, LOAD_FILE, ROLES_GRAPHML
// (runtime_information.cc).
Status RegisterInformationRuntime(sqlite3* db, FunctionHost* host);
// Binds `argv` to ?1..?argc of `stmt`, a prepared form of `sub`, and sub's own parameters
// from ?200 (sub_statement.h).
void BindSubStatement(sqlite3_stmt* stmt, const SubStatement& sub, int argc, sqlite3_value** argv);
// The length in microseconds of INTERVAL `text` `unit` (DAY, HOUR_MINUTE, ...); nullopt for a
// unit of months (MONTH, QUARTER, YEAR, YEAR_MONTH), whose length varies, or text that is no
// such value.
std::optional<int64_t> FixedIntervalMicros(std::string_view unit, std::string_view text);
// pp_lateral and pp_json_table, the table functions (runtime_table_functions.cc).
Status RegisterTableFunctions(sqlite3* db, FunctionHost* host);

}  // namespace porpoise::engine
