// ExprType: the MySQL type of a bound expression (type class, signedness, display length,
// decimals, nullability, collation and coercibility), from which result-set metadata and the
// expression's physical form in SQLite follow. (engine/)
#pragma once

#include <cstdint>
#include <string>

#include "catalog/table_schema.h"
#include "common/mysql_types.h"
#include "types/collation.h"

namespace porpoise::engine {

// MySQL's type classes as expressions carry them.
enum class ValueType : uint8_t {
  kNull, kInteger, kDecimal, kDouble, kFloat, kString, kBinary,
  kDate, kDateTime, kTime, kYear, kBit, kJson,
};

// How strongly an operand's collation binds, MySQL's DERIVATION_* (lower wins).
enum class Coercibility : uint8_t {
  kExplicit = 0,   // COLLATE clause
  kNone = 1,       // conflicting implicit collations combined
  kImplicit = 2,   // a column
  kSysconst = 3,   // USER(), VERSION()
  kCoercible = 4,  // a string literal
  kNumeric = 5,    // a number or temporal value converted to a string
  kIgnorable = 6,  // NULL
};

// Physical forms in SQLite (see ARCHITECTURE.md, "Values in SQLite"):
//   kInteger signed: INTEGER; unsigned: INTEGER below 2^63, an 8-byte big-endian BLOB above;
//   kDecimal: types::Decimal::EncodeKey BLOB; kDouble/kFloat: REAL; kString: UTF-8 TEXT;
//   kBinary: BLOB; temporal: canonical TEXT; kYear/kBit: INTEGER; kJson: TEXT.
struct ExprType {
  ValueType type = ValueType::kString;
  bool is_unsigned = false;
  uint32_t length = 0;      // display length in characters (digits incl. sign and point)
  uint8_t decimals = 0;     // DECIMAL scale / fractional seconds; 31 for "not fixed"
  // An integer's or DECIMAL's decimal digits where `length` does not imply them (0: it
  // does): a non-negative integer literal has no sign position, CAST(x AS SIGNED) has x's
  // digits, -d has d's.
  uint8_t digits = 0;
  // An integer's MySQL field type when narrower than BIGINT: MIN/MAX keep their column's.
  FieldType integer_field = FieldType::kLongLong;
  // A fixed-length string or a TIMESTAMP where MySQL says so (MIN/MAX of such a column,
  // DATE_ADD of text): that field type (kString, kTimestamp); kNull for none.
  FieldType own_field = FieldType::kNull;
  // Text a date function wrote (DATE_ADD of text): MySQL reads such a call's date, not its
  // text, where a TIME is wanted (TIME(ADDDATE('2024-01-01', 1)) is 00:00:00).
  bool datetime_text = false;
  // Text a date function wrote over text (DATE_ADD, ADDTIME): read as a number, it is the
  // number of the date, datetime or time it names ('2024-01-02' is 20240102), as MySQL's
  // Item_temporal_hybrid_func reads its own value.
  bool temporal_text = false;
  bool not_null = false;
  // A hexadecimal or bit literal (X'2A', 0x2A, b'101'): a binary string that numeric contexts
  // (arithmetic, numeric CAST, comparison with a number) read as a BIGINT UNSIGNED.
  bool hex_literal = false;
  // The target of CAST(... AS SIGNED/UNSIGNED): text read past the sign's range says the
  // complement (1105), as only MySQL's casts do (val_int_from_str); other integer readings
  // of text say nothing of it.
  bool integer_cast = false;
  // The text of COALESCE, IFNULL, GREATEST or LEAST (none of a temporal argument): read as a
  // number without a warning, as MySQL's Item_func_numhybrid reads its string result
  // (my_strntod, unchecked); CAST AS SIGNED/UNSIGNED reads the text itself, and warns.
  bool quiet_number = false;
  // Strings: the collation and how strongly it binds; nullptr for non-strings.
  const types::Collation* collation = nullptr;
  Coercibility coercibility = Coercibility::kNumeric;
  // Set for a plain column reference: where the value comes from.
  const catalog::ColumnSchema* column = nullptr;
  std::string schema, table_alias, org_table;
  uint16_t key_flags = 0;   // PRI/UNI/MUL/PART_KEY flags of that column
};

// An ExprType of `type` with `length` and `decimals` (no collation).
ExprType TypeOf(ValueType type, uint32_t length, uint8_t decimals = 0);
// A number's type: no collation, numeric coercibility.
ExprType NumericType(ValueType type, uint32_t length, uint8_t decimals, bool is_unsigned = false);

bool IsStringType(ValueType type);
bool IsNumericType(ValueType type);
bool IsTemporalType(ValueType type);

// Decimal digits a numeric type holds (MySQL's decimal_precision()): DECIMAL(p,s) -> p, an
// integer of display length n -> n minus the sign; a `digits` set says them (an integer or
// DECIMAL whose length does not imply them), capped at 65.
uint32_t DecimalPrecision(const ExprType& type);
// The type that holds values of `*merged` (nullptr or NULL: none yet) and of `next`, as
// CASE, IF, IFNULL, COALESCE and GREATEST give it: NULL is skipped, numbers widen (a BIGINT
// UNSIGNED and a signed integer to DECIMAL), anything else with a string is a string.
ExprType MergeType(const ExprType* merged, const ExprType& next);
// Whether the values merged into `type` are converted to it: temporal values of another kind
// or precision, and numbers of a DOUBLE (an INTEGER would overflow SQLite's sum()). Exact
// numbers of another class are read as they are where it matters.
bool ConvertsToMerged(const ExprType& type);
// MySQL's display length of DECIMAL(precision, scale).
uint32_t DecimalLength(uint32_t precision, uint32_t scale, bool is_unsigned);

}  // namespace porpoise::engine
