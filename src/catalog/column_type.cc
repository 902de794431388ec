// MySQL column-type facts: classification, SQLite storage, wire metadata, SHOW text. (catalog/)
#include "catalog/column_type.h"
#include "catalog/charsets.h"
#include "types/collation.h"
#include "types/temporal.h"
#include "common/strings.h"

#include <algorithm>
#include <array>

namespace porpoise::catalog {

namespace {

struct TypeEntry {
  std::string_view name;
  TypeClass type_class;
  FieldType field_type;
};

constexpr std::array kTypes = {
    TypeEntry{"tinyint", TypeClass::kInteger, FieldType::kTiny},
    TypeEntry{"smallint", TypeClass::kInteger, FieldType::kShort},
    TypeEntry{"mediumint", TypeClass::kInteger, FieldType::kInt24},
    TypeEntry{"int", TypeClass::kInteger, FieldType::kLong},
    TypeEntry{"bigint", TypeClass::kInteger, FieldType::kLongLong},
    TypeEntry{"decimal", TypeClass::kDecimal, FieldType::kNewDecimal},
    TypeEntry{"float", TypeClass::kFloat, FieldType::kFloat},
    TypeEntry{"double", TypeClass::kDouble, FieldType::kDouble},
    TypeEntry{"char", TypeClass::kString, FieldType::kString},
    TypeEntry{"varchar", TypeClass::kString, FieldType::kVarString},
    TypeEntry{"tinytext", TypeClass::kString, FieldType::kBlob},
    TypeEntry{"text", TypeClass::kString, FieldType::kBlob},
    TypeEntry{"mediumtext", TypeClass::kString, FieldType::kBlob},
    TypeEntry{"longtext", TypeClass::kString, FieldType::kBlob},
    TypeEntry{"binary", TypeClass::kBinary, FieldType::kString},
    TypeEntry{"varbinary", TypeClass::kBinary, FieldType::kVarString},
    TypeEntry{"tinyblob", TypeClass::kBinary, FieldType::kBlob},
    TypeEntry{"blob", TypeClass::kBinary, FieldType::kBlob},
    TypeEntry{"mediumblob", TypeClass::kBinary, FieldType::kBlob},
    TypeEntry{"longblob", TypeClass::kBinary, FieldType::kBlob},
    TypeEntry{"enum", TypeClass::kEnum, FieldType::kString},
    TypeEntry{"set", TypeClass::kSet, FieldType::kString},
    TypeEntry{"date", TypeClass::kDate, FieldType::kDate},
    TypeEntry{"datetime", TypeClass::kDateTime, FieldType::kDateTime},
    TypeEntry{"timestamp", TypeClass::kTimestamp, FieldType::kTimestamp},
    TypeEntry{"time", TypeClass::kTime, FieldType::kTime},
    TypeEntry{"year", TypeClass::kYear, FieldType::kYear},
    TypeEntry{"bit", TypeClass::kBit, FieldType::kBit},
    TypeEntry{"json", TypeClass::kJson, FieldType::kJson},
    // Spatial values are bytes (a 4-byte SRID, then WKB), checked when stored.
    TypeEntry{"geometry", TypeClass::kBinary, FieldType::kGeometry},
    TypeEntry{"point", TypeClass::kBinary, FieldType::kGeometry},
    TypeEntry{"linestring", TypeClass::kBinary, FieldType::kGeometry},
    TypeEntry{"polygon", TypeClass::kBinary, FieldType::kGeometry},
    TypeEntry{"multipoint", TypeClass::kBinary, FieldType::kGeometry},
    TypeEntry{"multilinestring", TypeClass::kBinary, FieldType::kGeometry},
    TypeEntry{"multipolygon", TypeClass::kBinary, FieldType::kGeometry},
    TypeEntry{"geomcollection", TypeClass::kBinary, FieldType::kGeometry},
};

const TypeEntry* FindType(std::string_view name) {
  for (const TypeEntry& entry : kTypes) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

struct Alias {
  std::string_view alias;
  std::string_view name;
};
constexpr std::array kAliases = {
    Alias{"integer", "int"},        Alias{"int4", "int"},         Alias{"int1", "tinyint"},
    Alias{"int2", "smallint"},      Alias{"int3", "mediumint"},   Alias{"int8", "bigint"},
    Alias{"middleint", "mediumint"}, Alias{"numeric", "decimal"}, Alias{"dec", "decimal"},
    Alias{"fixed", "decimal"},      Alias{"real", "double"},      Alias{"float8", "double"},
    Alias{"float4", "float"},       Alias{"character", "char"},   Alias{"nchar", "char"},
    Alias{"nvarchar", "varchar"},   Alias{"character varying", "varchar"},
    Alias{"long", "mediumtext"},    Alias{"long varchar", "mediumtext"},
    Alias{"long varbinary", "mediumblob"}, Alias{"double precision", "double"},
    Alias{"geometrycollection", "geomcollection"},
};

uint32_t IntegerWidth(std::string_view name, bool is_unsigned) {
  if (name == "tinyint") return is_unsigned ? 3 : 4;
  if (name == "smallint") return is_unsigned ? 5 : 6;
  if (name == "mediumint") return is_unsigned ? 8 : 9;
  if (name == "int") return is_unsigned ? 10 : 11;
  return 20;
}

// The longest value an ENUM or SET holds, in characters (a SET's: every member and commas).
uint32_t MaxMemberLength(const sql::DataType& type) {
  auto characters = [](const std::string& value) {
    size_t count = 0;
    for (char c : value) count += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
    return count;
  };
  size_t result = 0;
  if (type.name == "set") {
    for (const std::string& value : type.values) result += characters(value) + 1;
    return static_cast<uint32_t>(result == 0 ? 0 : result - 1);
  }
  for (const std::string& value : type.values) result = std::max(result, characters(value));
  return static_cast<uint32_t>(result);
}

}  // namespace

sql::DataType CanonicalType(const sql::DataType& type) {
  sql::DataType result;
  result.name = type.name;
  result.length = type.length;
  result.scale = type.scale;
  result.is_unsigned = type.is_unsigned || type.zerofill;
  result.zerofill = type.zerofill;
  result.binary = type.binary;
  result.values = type.values;
  // ENUM and SET labels lose their trailing spaces.
  for (std::string& value : result.values) {
    while (!value.empty() && value.back() == ' ') value.pop_back();
  }
  result.charset = type.charset;
  result.collation = type.collation;
  for (const Alias& alias : kAliases) {
    if (alias.alias == result.name) result.name = std::string(alias.name);
  }
  if (result.name == "bool" || result.name == "boolean") {
    result.name = "tinyint";
    result.length = 1;
  }
  if (result.name == "decimal") {
    if (!result.length || *result.length == 0) result.length = 10;  // (DECIMAL(0) is DECIMAL(10))
    if (!result.scale) result.scale = 0;
  }
  if ((result.name == "char" || result.name == "binary") && !result.length) result.length = 1;
  if (result.name == "bit" && !result.length) result.length = 1;
  if (result.name == "float" && result.length && !result.scale && *result.length > 24) {
    result.name = "double";  // FLOAT(p) with p > 24 is a DOUBLE
    result.length.reset();
  } else if (result.name == "float" && result.length && !result.scale) {
    result.length.reset();
  }
  if ((result.name == "char" || result.name == "varchar" || result.name.ends_with("text")) &&
      (result.charset == "binary" || result.binary)) {
    // CHAR(n) CHARACTER SET binary is BINARY(n); CHAR(n) BINARY is a _bin collation.
    if (result.charset == "binary") {
      if (result.name == "char") result.name = "binary";
      else if (result.name == "varchar") result.name = "varbinary";
      else result.name = result.name.substr(0, result.name.size() - 4) + "blob";
      result.charset.clear();
    }
  }
  if (result.name == "year") result.length.reset();
  return result;
}

bool IsSpatialType(std::string_view name) {
  const TypeEntry* entry = FindType(name);
  return entry != nullptr && entry->field_type == FieldType::kGeometry;
}

std::optional<TypeClass> ClassifyType(const sql::DataType& type) {
  const TypeEntry* entry = FindType(type.name);
  if (entry == nullptr) return std::nullopt;
  return entry->type_class;
}

Status ValidateColumnType(const sql::DataType& type, std::string_view column) {
  std::optional<TypeClass> type_class = ClassifyType(type);
  if (!type_class) {
    return Status::Error(ER_NOT_SUPPORTED_YET, "column type " + type.name);
  }
  std::string name(column);
  if (type.name == "varchar" || type.name == "varbinary") {
    if (!type.length) return Status::Error(ER_PARSE_ERROR, ")", 1);
    uint32_t limit = type.name == "varchar" ? 16383 : 65535;
    if (*type.length > limit) return Status::Error(ER_TOO_BIG_FIELDLENGTH, name, limit);
  }
  if ((type.name == "char" || type.name == "binary") && type.length && *type.length > 255) {
    return Status::Error(ER_TOO_BIG_FIELDLENGTH, name, 255);
  }
  if (type.name == "decimal") {
    if (type.length.value_or(10) > 65) {
      return Status::WithMessage(
          ER_TOO_BIG_PRECISION,
          "Too-big precision " + std::to_string(*type.length) + " specified for '" + name +
              "'. Maximum is 65.");
    }
    if (type.scale.value_or(0) > 30) {
      return Status::WithMessage(
          ER_TOO_BIG_SCALE,
          "Too big scale " + std::to_string(*type.scale) + " specified for column '" + name +
              "'. Maximum is 30.");
    }
    if (type.scale.value_or(0) > type.length.value_or(10)) {
      return Status::WithMessage(
          ER_M_BIGGER_THAN_D,
          "For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column '" + name + "').");
    }
  }
  if ((type.name == "datetime" || type.name == "timestamp" || type.name == "time") &&
      type.length && *type.length > 6) {
    return Status::WithMessage(
        ER_TOO_BIG_PRECISION,
        "Too-big precision " + std::to_string(*type.length) + " specified for '" + name +
            "'. Maximum is 6.");
  }
  if (type.name == "bit" && type.length && (*type.length == 0 || *type.length > 64)) {
    return Status::Error(ER_TOO_BIG_FIELDLENGTH, name, 64);
  }
  if ((type.name == "enum" || type.name == "set") && type.values.empty()) {
    return Status::Error(ER_PARSE_ERROR, ")", 1);
  }
  return Status::OK();
}

StorageClass StorageOf(TypeClass type_class) {
  switch (type_class) {
    case TypeClass::kInteger:
    case TypeClass::kYear:
    case TypeClass::kBit:
      return StorageClass::kInteger;
    case TypeClass::kFloat:
    case TypeClass::kDouble:
      return StorageClass::kReal;
    case TypeClass::kBinary:
      return StorageClass::kBlob;
    default:
      return StorageClass::kText;
  }
}

bool IsNumeric(TypeClass type_class) {
  return type_class == TypeClass::kInteger || type_class == TypeClass::kDecimal ||
         type_class == TypeClass::kFloat || type_class == TypeClass::kDouble ||
         type_class == TypeClass::kYear || type_class == TypeClass::kBit;
}

bool IsTextual(TypeClass type_class) {
  return type_class == TypeClass::kString || type_class == TypeClass::kEnum ||
         type_class == TypeClass::kSet;
}

namespace {
bool IsBinaryCollation(const sql::DataType& type) {
  return type.binary || type.collation.ends_with("_bin") || type.collation == "binary";
}
}  // namespace

std::string SqliteColumnType(const sql::DataType& type) {
  std::optional<TypeClass> type_class = ClassifyType(type);
  if (!type_class) return "TEXT";
  // DECIMAL is stored as its order-preserving key BLOB (types/decimal.h): no affinity, so
  // SQLite never turns it into a REAL.
  if (*type_class == TypeClass::kDecimal) return "BLOB";
  switch (StorageOf(*type_class)) {
    case StorageClass::kInteger:
      return "INTEGER";
    case StorageClass::kReal:
      return "REAL";
    case StorageClass::kBlob:
      return "BLOB";
    case StorageClass::kText:
      if (*type_class == TypeClass::kTime) {
        return "TEXT COLLATE \"" + std::string(types::kTimeCollationName) + "\"";
      }
      if (IsTextual(*type_class)) {
        const types::Collation* collation = types::FindCollationByName(ColumnCollationName(type));
        if (collation != nullptr && collation->id() != collation_id::kBinary) {
          return "TEXT COLLATE \"" + std::string(collation->sqlite_name()) + "\"";
        }
      }
      return "TEXT";
  }
  return "TEXT";
}

FieldType WireType(const sql::DataType& type) {
  const TypeEntry* entry = FindType(type.name);
  return entry == nullptr ? FieldType::kVarString : entry->field_type;
}

uint32_t WireLength(const sql::DataType& type) {
  const std::string& name = type.name;
  std::optional<TypeClass> type_class = ClassifyType(type);
  if (!type_class) return 0;
  uint32_t fsp = FractionalDigits(type);
  switch (*type_class) {
    case TypeClass::kInteger:
      return type.length.value_or(IntegerWidth(name, type.is_unsigned));
    case TypeClass::kDecimal: {
      uint32_t precision = type.length.value_or(10);
      uint32_t scale = type.scale.value_or(0);
      return precision + (scale > 0 ? 1 : 0) + (type.is_unsigned ? 0 : 1);
    }
    case TypeClass::kFloat:
      return type.length.value_or(12);
    case TypeClass::kDouble:
      return type.length.value_or(22);
    case TypeClass::kString:
      if (name == "char" || name == "varchar") return type.length.value_or(1) * 4;
      if (name == "tinytext") return 255 * 4;
      if (name == "text") return 65535 * 4;
      if (name == "mediumtext") return 16777215 * 4;
      return 0xffffffffu;
    case TypeClass::kBinary:
      if (name == "binary" || name == "varbinary") return type.length.value_or(1);
      if (name == "tinyblob") return 255;
      if (name == "blob") return 65535;
      if (name == "mediumblob") return 16777215;
      return 0xffffffffu;
    case TypeClass::kEnum:
    case TypeClass::kSet:
      return MaxMemberLength(type) * 4;
    case TypeClass::kDate:
      return 10;
    case TypeClass::kDateTime:
    case TypeClass::kTimestamp:
      return 19 + (fsp > 0 ? fsp + 1 : 0);
    case TypeClass::kTime:
      return 10 + (fsp > 0 ? fsp + 1 : 0);
    case TypeClass::kYear:
      return 4;
    case TypeClass::kBit:
      return type.length.value_or(1);
    case TypeClass::kJson:
      return 0xffffffffu;
  }
  return 0;
}

uint8_t WireDecimals(const sql::DataType& type) {
  std::optional<TypeClass> type_class = ClassifyType(type);
  if (!type_class) return 0;
  switch (*type_class) {
    case TypeClass::kDecimal:
      return static_cast<uint8_t>(type.scale.value_or(0));
    case TypeClass::kFloat:
    case TypeClass::kDouble:
      return type.scale ? static_cast<uint8_t>(*type.scale) : 31;
    case TypeClass::kDateTime:
    case TypeClass::kTimestamp:
    case TypeClass::kTime:
      return static_cast<uint8_t>(FractionalDigits(type));
    default:
      return 0;
  }
}

uint16_t WireFlags(const sql::DataType& type) {
  std::optional<TypeClass> type_class = ClassifyType(type);
  if (!type_class) return 0;
  uint16_t flags = 0;
  if (IsNumeric(*type_class) && *type_class != TypeClass::kBit) flags |= column_flag::kNum;
  if (type.is_unsigned && IsNumeric(*type_class)) flags |= column_flag::kUnsigned;
  if (type.zerofill) flags |= column_flag::kZerofill;
  switch (*type_class) {
    case TypeClass::kBinary:
      flags |= column_flag::kBinary;
      if (type.name.ends_with("blob") || IsSpatialType(type.name)) flags |= column_flag::kBlob;
      break;
    case TypeClass::kString:
      if (type.name.ends_with("text")) flags |= column_flag::kBlob;
      if (IsBinaryCollation(type)) flags |= column_flag::kBinary;
      break;
    case TypeClass::kJson:
      flags |= column_flag::kBlob | column_flag::kBinary;
      break;
    case TypeClass::kEnum:
      flags |= column_flag::kEnum;
      break;
    case TypeClass::kSet:
      flags |= column_flag::kSet;
      break;
    case TypeClass::kDate:
    case TypeClass::kDateTime:
    case TypeClass::kTime:
    case TypeClass::kTimestamp:
      flags |= column_flag::kBinary;
      break;
    case TypeClass::kYear:
      flags |= column_flag::kUnsigned | column_flag::kZerofill;
      break;
    case TypeClass::kBit:
      flags |= column_flag::kUnsigned;
      break;
    default:
      break;
  }
  return flags;
}

std::string ColumnCollationName(const sql::DataType& type) {
  if (!type.collation.empty() && FindCollation(type.collation) != nullptr) {
    return ToLowerAscii(type.collation);
  }
  std::string charset = type.charset.empty() ? "utf8mb4" : ToLowerAscii(type.charset);
  const CharsetInfo* info = FindCharset(charset);
  std::string name = info == nullptr ? "utf8mb4_0900_ai_ci" : std::string(info->default_collation);
  if (type.binary) {
    // CHAR(n) BINARY: the charset's _bin collation.
    std::string bin = (info == nullptr ? std::string("utf8mb4") : std::string(info->name)) + "_bin";
    if (FindCollation(bin) != nullptr) return bin;
  }
  return name;
}

uint16_t WireCollation(const sql::DataType& type) {
  std::optional<TypeClass> type_class = ClassifyType(type);
  if (!type_class || !IsTextual(*type_class)) return collation_id::kBinary;
  const CollationInfo* info = FindCollation(ColumnCollationName(type));
  return info == nullptr ? collation_id::kUtf8mb4_0900AiCi : info->id;
}

namespace {
std::string QuoteMember(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += "''";
    else out += c;
  }
  return out + "'";
}
}  // namespace

std::string ColumnTypeText(const sql::DataType& type) {
  std::string text = type.name;
  std::optional<TypeClass> type_class = ClassifyType(type);
  if (!type_class) return text;
  switch (*type_class) {
    case TypeClass::kInteger:
      // MySQL 8 hides display widths except tinyint(1) and ZEROFILL columns.
      if (type.zerofill) {
        text += "(" + std::to_string(type.length.value_or(IntegerWidth(type.name, true))) + ")";
      } else if (type.length && type.name == "tinyint" && *type.length == 1 && !type.is_unsigned) {
        text += "(1)";
      }
      break;
    case TypeClass::kDecimal:
      text += "(" + std::to_string(type.length.value_or(10)) + "," +
              std::to_string(type.scale.value_or(0)) + ")";
      break;
    case TypeClass::kFloat:
    case TypeClass::kDouble:
      if (type.length && type.scale) {
        text += "(" + std::to_string(*type.length) + "," + std::to_string(*type.scale) + ")";
      }
      break;
    case TypeClass::kString:
    case TypeClass::kBinary:
    case TypeClass::kBit:
      if (type.name == "char" || type.name == "varchar" || type.name == "binary" ||
          type.name == "varbinary" || type.name == "bit") {
        text += "(" + std::to_string(type.length.value_or(1)) + ")";
      }
      break;
    case TypeClass::kEnum:
    case TypeClass::kSet: {
      text += "(";
      for (size_t i = 0; i < type.values.size(); ++i) {
        if (i > 0) text += ",";
        text += QuoteMember(type.values[i]);
      }
      text += ")";
      break;
    }
    case TypeClass::kDateTime:
    case TypeClass::kTimestamp:
    case TypeClass::kTime:
      if (FractionalDigits(type) > 0) text += "(" + std::to_string(FractionalDigits(type)) + ")";
      break;
    default:
      break;
  }
  if (type.is_unsigned && IsNumeric(*type_class) && *type_class != TypeClass::kYear &&
      *type_class != TypeClass::kBit) {
    text += " unsigned";
  }
  if (type.zerofill) text += " zerofill";
  return text;
}

uint64_t MaxLength(const sql::DataType& type) {
  const std::string& name = type.name;
  if (name == "char" || name == "varchar" || name == "binary" || name == "varbinary") {
    return type.length.value_or(1);
  }
  if (name == "tinytext" || name == "tinyblob") return 255;
  if (name == "text" || name == "blob") return 65535;
  if (name == "mediumtext" || name == "mediumblob") return 16777215;
  if (name == "longtext" || name == "longblob") return 4294967295ull;
  return 0;
}

bool IsFixedLength(const sql::DataType& type) {
  return type.name == "char" || type.name == "binary";
}

IntegerRange RangeOf(const sql::DataType& type) {
  std::string_view name = type.name;
  int bits = 64;
  if (name == "int") bits = 32;
  else if (name == "tinyint") bits = 8;
  else if (name == "smallint") bits = 16;
  else if (name == "mediumint") bits = 24;
  if (type.is_unsigned) {
    uint64_t max = bits == 64 ? ~uint64_t{0} : (uint64_t{1} << bits) - 1;
    return {0, max};
  }
  uint64_t max = (uint64_t{1} << (bits - 1)) - 1;
  return {-static_cast<int64_t>(max) - 1, max};
}

uint32_t FractionalDigits(const sql::DataType& type) {
  if (type.name == "datetime" || type.name == "timestamp" || type.name == "time") {
    return std::min<uint32_t>(type.length.value_or(0), 6);
  }
  return 0;
}

}  // namespace porpoise::catalog
