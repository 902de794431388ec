// AST for MySQL expressions and the pieces statements share (names, data types). Produced by
// the parser, printed back by the printer, consumed by the engine's translator. (sql/ast/)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace porpoise::sql {

struct SelectStatement;  // statement.h

enum class ExprKind : uint8_t {
  kLiteral,     // literal_kind + text
  kColumnRef,   // database.table.column; column "*" for `*` / `t.*`
  kVariable,    // @user_var or @@[scope.]system_var
  kParameter,   // ? placeholder (index = param_index)
  kUnary,       // op + args[0]
  kBinary,      // op + args[0], args[1]
  kFunction,    // name(args); aggregates too (distinct, star for COUNT(*))
  kCase,        // [case_operand] WHEN args[2k] THEN args[2k+1] ... [else_expr]
  kIn,          // args[0] [NOT] IN (args[1..]) or IN (subquery)
  kBetween,     // args[0] [NOT] BETWEEN args[1] AND args[2]
  kLike,        // args[0] [NOT] LIKE args[1] [ESCAPE args[2]]
  kRegexp,      // args[0] [NOT] REGEXP args[1]
  kIsNull,      // args[0] IS [NOT] NULL
  kIsBool,      // args[0] IS [NOT] TRUE/FALSE/UNKNOWN (is_value)
  kSubquery,    // (SELECT ...) as a scalar
  kExists,      // [NOT] EXISTS (SELECT ...)
  kCast,        // CAST(args[0] AS cast_type) / CONVERT(args[0], cast_type)
  kConvertUsing,// CONVERT(args[0] USING name)
  kCollate,     // args[0] COLLATE name
  kInterval,    // INTERVAL args[0] name (unit, upper case) inside DATE_ADD / + / -
  kRow,         // (args[0], args[1], ...) row constructor
  kDefault,     // DEFAULT or DEFAULT(column) in INSERT/UPDATE values
  kMatch,       // MATCH (args...) AGAINST (against) -- reserved for FULLTEXT
  kQuantified,  // args[0] op ANY|ALL (subquery); text "ANY" (SOME too) or "ALL"
};

enum class LiteralKind : uint8_t {
  kNull,
  kTrue,
  kFalse,
  kInteger,    // text: decimal digits, no sign ("18446744073709551615" fits unsigned)
  kDecimal,    // text: "1.50" exactly as written
  kFloat,      // text: "1e3", "1.5E-2"
  kString,     // text: the bytes after unescaping; charset_introducer may be set
  kHexString,  // text: the raw bytes of X'4142' or 0x4142
  kBitString,  // text: the raw bytes of b'0101' or 0b0101
  kDate,       // DATE 'yyyy-mm-dd' (text holds the string)
  kTime,       // TIME '...'
  kTimestamp,  // TIMESTAMP '...'
};

enum class Operator : uint8_t {
  kOr, kXor, kAnd, kNot,                     // logical; `||` is kOr, `&&` is kAnd, `!` is kNot
  kEq, kNullSafeEq, kNe, kLt, kLe, kGt, kGe,  // comparisons (<=> is kNullSafeEq)
  kBitOr, kBitAnd, kBitXor, kShiftLeft, kShiftRight, kBitNot,
  kPlus, kMinus, kMul, kDiv, kIntDiv, kMod,   // + - * / DIV MOD(%)
  kNegate, kUnaryPlus,                        // unary - and +
  kBinary,                                    // BINARY expr
  kAssign,                                    // @v := expr
  kConcat,                                    // || under PIPES_AS_CONCAT
};

enum class VariableScope : uint8_t { kUser, kDefault, kSession, kGlobal, kPersist, kPersistOnly };

// A MySQL data type as written in CREATE TABLE or CAST.
struct DataType {
  std::string name;                // lower case canonical: "int", "varchar", "decimal", ...
                                   // (INTEGER->"int", BOOL/BOOLEAN->"tinyint" length 1,
                                   // CHARACTER VARYING->"varchar", DEC/NUMERIC->"decimal",
                                   // REAL/DOUBLE PRECISION->"double", SERIAL expands)
  std::optional<uint32_t> length;  // (M) or (M, D)'s M; fractional digits for time types
  std::optional<uint32_t> scale;   // (M, D)'s D
  bool is_unsigned = false;
  bool zerofill = false;
  bool binary = false;             // CHAR(5) BINARY, or CAST(x AS BINARY)
  bool display_width = false;      // an integer's (M) written in the statement (BOOL's is not)
  std::vector<std::string> values; // ENUM / SET members, unescaped
  std::string charset;             // CHARACTER SET x / CHARSET x, lower case
  std::string collation;           // COLLATE x, lower case
  // CAST targets: "signed", "unsigned", "char", "binary", "date", "datetime", "time",
  // "decimal", "json", "double", "float", "year" (with length/scale/charset as written).
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;
struct ExprDetail;
struct WindowSpec;

struct Expr {
  Expr();
  ~Expr();
  Expr(Expr&&) noexcept;
  Expr& operator=(Expr&&) noexcept;
  Expr(const Expr&) = delete;
  Expr& operator=(const Expr&) = delete;

  ExprKind kind = ExprKind::kLiteral;

  // kLiteral
  LiteralKind literal_kind = LiteralKind::kNull;
  std::string text;                 // see LiteralKind; the name for kFunction/kVariable/
                                    // kCollate/kConvertUsing; the unit for kInterval

  // kColumnRef (empty parts were not written)
  std::string database, table, column;

  // kVariable (name in `text`)
  VariableScope scope = VariableScope::kUser;

  // kUnary / kBinary
  Operator op = Operator::kEq;

  // Operands, function arguments, IN-list, CASE WHEN/THEN pairs, ...
  std::vector<ExprPtr> args;

  // kFunction: name in `text` as written (compare case-insensitively)
  bool distinct = false;            // COUNT(DISTINCT x)
  bool star = false;                // COUNT(*)

  // kCase
  ExprPtr case_operand;             // CASE x WHEN ... (null for searched CASE)
  ExprPtr else_expr;

  // kIn / kBetween / kLike / kRegexp / kIsNull / kIsBool / kExists
  bool negated = false;
  LiteralKind is_value = LiteralKind::kNull;  // kIsBool: kTrue / kFalse / kNull (UNKNOWN)

  // kSubquery / kExists / kIn with a subquery
  std::unique_ptr<SelectStatement> subquery;

  // kParameter
  uint32_t param_index = 0;

  // kFunction called as a window function: OVER (...) or OVER name.
  std::unique_ptr<WindowSpec> over;

  // The parts few expressions have (ExprDetail), allocated for those only. detail() reads them
  // (empty ones when there are none); mutable_detail() makes them; detail_if_any() is null
  // when there are none.
  const ExprDetail& detail() const;
  ExprDetail& mutable_detail();
  ExprDetail* detail_if_any() { return detail_.get(); }

 private:
  std::unique_ptr<ExprDetail> detail_;
};

// What a few kinds of Expr have besides the common fields.
struct ExprDetail {
  // kLiteral: "_utf8mb4" for _utf8mb4'abc', lower case, no underscore
  std::string charset_introducer;
  // kFunction: GROUP_CONCAT(x ORDER BY y DESC), and SEPARATOR 's' (has_separator tells)
  std::vector<std::pair<ExprPtr, bool>> function_order_by;
  std::string separator;
  bool has_separator = false;
  // kCast
  DataType cast_type;
  // kFunction JSON_VALUE: what ON EMPTY and ON ERROR say ("", "NULL", "ERROR" or "DEFAULT";
  // a DEFAULT's value is args[2] / args[3]), the RETURNING type in cast_type ("" if none).
  std::string on_empty, on_error;
  // kFunction: the name of a built-in that MySQL's lexer reads as one only when '(' follows
  // it at once (COUNT, SUM, DATE_ADD, ...), written with space before '(' outside
  // IGNORE_SPACE: a stored function's name.
  bool stored_name = false;
  // kConvertUsing: written CHAR(n, ... USING cs), whose bytes must be well formed in cs.
  bool char_using = false;
  // kFunction VALUES(col) made for a row alias's column or an INSERT ... SELECT's (not
  // written: no deprecation warning).
  bool implicit_values = false;
  // kMatch: the AGAINST expression and the modifier text ("IN BOOLEAN MODE", ...)
  ExprPtr against;
  std::string match_modifier;
};

// A window: OVER (...) of a window function, or a definition of the WINDOW clause.
struct WindowSpec {
  bool name_only = false;                        // OVER w, without parentheses
  std::string base;                              // the named window it builds on, "" if none
  std::vector<ExprPtr> partition;                // PARTITION BY
  std::vector<std::pair<ExprPtr, bool>> order;   // ORDER BY (expression, descending)
  enum class Unit : uint8_t { kNone, kRows, kRange };
  enum class Edge : uint8_t {
    kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing
  };
  struct Bound {
    Edge edge = Edge::kCurrentRow;
    ExprPtr offset;  // kPreceding / kFollowing: a number or an INTERVAL
  };
  Unit unit = Unit::kNone;  // the frame, when one is written
  bool between = false;     // BETWEEN start AND end; else start alone (to CURRENT ROW)
  Bound start, end;
};
bool Equals(const WindowSpec& a, const WindowSpec& b);

// Builders used by the parser and tests.
ExprPtr MakeLiteral(LiteralKind kind, std::string text);
ExprPtr MakeColumnRef(std::string database, std::string table, std::string column);
ExprPtr MakeUnary(Operator op, ExprPtr operand);
ExprPtr MakeBinary(Operator op, ExprPtr left, ExprPtr right);
ExprPtr MakeFunction(std::string name, std::vector<ExprPtr> args);

// Structural equality (used by the print -> reparse round-trip check).
bool Equals(const Expr& a, const Expr& b);
bool Equals(const DataType& a, const DataType& b);

// A possibly database-qualified object name: `db`.`t`; database "" when not written.
struct TableName {
  std::string database;
  std::string table;
};

// 'user'@'host' in account statements. host defaults to "%" when not written.
struct UserName {
  std::string user;
  std::string host = "%";
  bool current_user = false;  // CURRENT_USER / CURRENT_USER()
};

}  // namespace porpoise::sql
