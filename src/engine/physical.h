// Physical forms: how each MySQL value is held in SQLite (see expr_type.h), and MySQL's
// conversions between them with their warnings. Shared by the binder (constants are
// converted at bind time) and the SQLite functions (values converted at run time). (engine/)
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"
#include "engine/expr_type.h"
#include "engine/value.h"
#include "types/decimal.h"
#include "types/temporal.h"

namespace porpoise::engine {

// BIGINT UNSIGNED: INTEGER below 2^63, else an 8-byte big-endian BLOB, so SQLite's own order
// (integers before blobs, blobs by memcmp) is the numeric order across signed and unsigned.
// The bits of a SET value's members ("a,c"), each member's by `position` (from 1; 0 for
// none, which sets no bit).
uint64_t SetMemberBits(std::string_view value, const std::function<uint64_t(std::string_view)>& position);
Value EncodeUnsigned(uint64_t value);
// False when `value` is not a physical unsigned (a negative INTEGER, another BLOB size...);
// its digits as text are read too.
bool DecodeUnsigned(const Value& value, uint64_t* out);
Value EncodeDecimal(const types::Decimal& value);
// Accepts the key BLOB and, leniently, INTEGER / REAL / TEXT (older paths).
bool DecodeDecimal(const Value& value, types::Decimal* out);

// A type compressed into one integer so SQLite functions can receive it as an argument:
// bits 0-7 ValueType, bit 8 unsigned, bits 16-23 decimals.
int64_t TypeCode(const ExprType& type);
ExprType TypeFromCode(int64_t code);
// DateChecks as one integer for the same purpose: bit 0 the zero date, bit 1 zero parts,
// bit 2 impossible days.
int64_t DateChecksCode(types::DateChecks checks);
types::DateChecks DateChecksFromCode(int64_t code);

// Where conversions report MySQL's warnings (1292 "Truncated incorrect ... value").
struct ConversionContext {
  std::vector<Status>* warnings = nullptr;
  // The dates text converted to a DATE or DATETIME may name (ReadTemporal's `checks`).
  types::DateChecks dates{};
  // Reading for CAST AS SIGNED/UNSIGNED (ExprType::integer_cast): the complement warnings.
  bool integer_cast = false;
};

// Reads a physical value of type `from` as a number of each kind (MySQL's rules: strings
// parse their numeric prefix with a 1292 warning when text remains, temporal values read as
// YYYYMMDD[hhmmss[.ffffff]]). NULL in gives false.
bool ToInt64(const Value& value, const ExprType& from, ConversionContext& context, int64_t* out);
bool ToUint64(const Value& value, const ExprType& from, ConversionContext& context, uint64_t* out);
bool ToDecimal(const Value& value, const ExprType& from, ConversionContext& context,
               types::Decimal* out);
bool ToDouble(const Value& value, const ExprType& from, ConversionContext& context, double* out);
// MySQL's text of the value (DECIMAL with the type's scale, DOUBLE in shortest form, ...).
bool ToText(const Value& value, const ExprType& from, std::string* out);

// Reads a physical value of type `from` as a temporal value for a target of `kind`: text by
// MySQL's rules, numbers as [YY]YYMMDD[hhmmss] (TIME: hhmmss) with their fraction, another
// temporal value as it is (a TIME on today's date for a DATE or DATETIME). Text's dates pass
// `checks`.
types::TemporalOutcome ReadTemporal(const Value& value, const ExprType& from,
                                    types::Temporal::Kind kind, types::Temporal* out,
                                    types::DateChecks checks = {});

// Converts a physical value of type `from` into the physical form of type `to`.
Value ConvertValue(const Value& value, const ExprType& from, const ExprType& to,
                   ConversionContext& context);

// A value of type `from` in the form CoerceToColumn reads for `column`: DECIMAL as an
// integer, double or its text as the column's class wants it, BIGINT UNSIGNED above 2^63 as
// its digits.
Value ForColumn(const Value& value, const ExprType& from, const catalog::ColumnSchema& column);

}  // namespace porpoise::engine
