// MySQL column-type facts declared once: how each canonical type name is classified, stored in
// SQLite, described on the wire (type code, length, flags) and printed by SHOW. (catalog/)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/mysql_types.h"
#include "common/status.h"
#include "sql/ast/expression.h"

namespace porpoise::catalog {

enum class TypeClass : uint8_t {
  kInteger,    // tinyint .. bigint
  kDecimal,    // decimal(M,D): stored as canonical text
  kFloat,      // float
  kDouble,     // double
  kString,     // char, varchar, *text
  kBinary,     // binary, varbinary, *blob
  kEnum,
  kSet,
  kDate,
  kDateTime,
  kTimestamp,
  kTime,
  kYear,
  kBit,
  kJson,
};

// SQLite storage of a class: integers INTEGER, floats REAL, binaries BLOB, the rest TEXT.
enum class StorageClass : uint8_t { kInteger, kReal, kText, kBlob };

// Rewrites aliases the parser may leave ("integer", "bool", "numeric", ...) into the canonical
// name and fills implied lengths (decimal -> (10,0), char -> (1), bool -> tinyint(1)).
sql::DataType CanonicalType(const sql::DataType& type);

// GEOMETRY, POINT, ..., GEOMCOLLECTION (canonical names).
bool IsSpatialType(std::string_view name);

// The class of a canonical type; nullopt for a name this server does not know.
std::optional<TypeClass> ClassifyType(const sql::DataType& type);

// Checks lengths and scales as CREATE TABLE does: 1074 (too long), 1426/1425-like errors are
// reported as 1064 with MySQL's wording where no dedicated code exists.
Status ValidateColumnType(const sql::DataType& type, std::string_view column);

StorageClass StorageOf(TypeClass type_class);
bool IsNumeric(TypeClass type_class);
bool IsTextual(TypeClass type_class);  // string, enum, set

// The SQLite column declaration ("INTEGER", "BLOB" for DECIMAL,
// "TEXT COLLATE \"utf8mb4_0900_ai_ci.v1\"", ...).
std::string SqliteColumnType(const sql::DataType& type);

// Wire metadata of a column of this type.
FieldType WireType(const sql::DataType& type);
uint32_t WireLength(const sql::DataType& type);  // bytes (chars * 4 for utf8mb4 text)
uint8_t WireDecimals(const sql::DataType& type);
uint16_t WireFlags(const sql::DataType& type);   // UNSIGNED/ZEROFILL/BLOB/BINARY/ENUM/SET/NUM
uint16_t WireCollation(const sql::DataType& type);
// The MySQL collation of a textual column: its COLLATE, else its charset's default, else
// utf8mb4_0900_ai_ci; `CHAR(n) BINARY` is the charset's _bin collation.
std::string ColumnCollationName(const sql::DataType& type);

// The Type column of SHOW COLUMNS / DESCRIBE: "int unsigned", "varchar(20)", "decimal(10,2)".
std::string ColumnTypeText(const sql::DataType& type);

// Character (text) or byte (binary) limit of a string column; 0 when unlimited or not a string.
uint64_t MaxLength(const sql::DataType& type);
// True for char/binary (fixed length; CHAR strips trailing spaces, BINARY pads with NUL).
bool IsFixedLength(const sql::DataType& type);

// Range of an integer type.
struct IntegerRange {
  int64_t min_signed;
  uint64_t max;  // max value (of the signed or unsigned range)
};
IntegerRange RangeOf(const sql::DataType& type);

// Fractional-second digits of datetime/timestamp/time (0..6).
uint32_t FractionalDigits(const sql::DataType& type);

}  // namespace porpoise::catalog
