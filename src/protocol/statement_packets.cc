// Prepared-statement packet codecs. (protocol/)
#include "protocol/statement_packets.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace porpoise::protocol {
namespace {

constexpr uint16_t kUnsignedFlag = 0x8000;

Status BadExecute() { return Status::Error(ER_WRONG_ARGUMENTS, "mysqld_stmt_execute"); }

bool IsTemporal(FieldType type) {
  return type == FieldType::kDate || type == FieldType::kNewDate || type == FieldType::kDateTime ||
         type == FieldType::kTimestamp;
}

std::string TwoDigits(unsigned value) {
  char text[8];
  std::snprintf(text, sizeof(text), "%02u", value % 100);
  return text;
}

std::string Micros(uint32_t micros) {
  if (micros == 0) return "";
  char text[16];
  std::snprintf(text, sizeof(text), ".%06u", micros % 1000000);
  return text;
}

// The protocol's date structure (length 0, 4, 7 or 11) as DATE or DATETIME text.
Result<std::string> ReadDate(ByteReader& reader, bool with_time) {
  PORPOISE_ASSIGN_OR_RETURN(uint8_t length, reader.ReadInt1());
  if (length != 0 && length != 4 && length != 7 && length != 11) return BadExecute();
  uint16_t year = 0;
  uint8_t month = 0, day = 0, hour = 0, minute = 0, second = 0;
  uint32_t micros = 0;
  if (length >= 4) {
    PORPOISE_ASSIGN_OR_RETURN(year, reader.ReadInt2());
    PORPOISE_ASSIGN_OR_RETURN(month, reader.ReadInt1());
    PORPOISE_ASSIGN_OR_RETURN(day, reader.ReadInt1());
  }
  if (length >= 7) {
    PORPOISE_ASSIGN_OR_RETURN(hour, reader.ReadInt1());
    PORPOISE_ASSIGN_OR_RETURN(minute, reader.ReadInt1());
    PORPOISE_ASSIGN_OR_RETURN(second, reader.ReadInt1());
  }
  if (length == 11) {
    PORPOISE_ASSIGN_OR_RETURN(micros, reader.ReadInt4());
  }
  char text[32];
  std::snprintf(text, sizeof(text), "%04u-%02u-%02u", year % 10000u, month % 100u, day % 100u);
  std::string result = text;
  if (with_time) {
    result += " " + TwoDigits(hour) + ":" + TwoDigits(minute) + ":" + TwoDigits(second) +
              Micros(micros);
  }
  return result;
}

// The protocol's time structure (length 0, 8 or 12) as TIME text.
Result<std::string> ReadTime(ByteReader& reader) {
  PORPOISE_ASSIGN_OR_RETURN(uint8_t length, reader.ReadInt1());
  if (length != 0 && length != 8 && length != 12) return BadExecute();
  uint8_t negative = 0, hour = 0, minute = 0, second = 0;
  uint32_t days = 0, micros = 0;
  if (length >= 8) {
    PORPOISE_ASSIGN_OR_RETURN(negative, reader.ReadInt1());
    PORPOISE_ASSIGN_OR_RETURN(days, reader.ReadInt4());
    PORPOISE_ASSIGN_OR_RETURN(hour, reader.ReadInt1());
    PORPOISE_ASSIGN_OR_RETURN(minute, reader.ReadInt1());
    PORPOISE_ASSIGN_OR_RETURN(second, reader.ReadInt1());
  }
  if (length == 12) {
    PORPOISE_ASSIGN_OR_RETURN(micros, reader.ReadInt4());
  }
  uint64_t hours = uint64_t{days % 100000u} * 24 + hour;
  return std::string(negative ? "-" : "") + (hours < 10 ? "0" : "") + std::to_string(hours) +
         ":" + TwoDigits(minute) + ":" + TwoDigits(second) + Micros(micros);
}

Result<ParameterValue> ReadParameter(ByteReader& reader, uint16_t type_and_flag) {
  ParameterValue value;
  bool is_unsigned = (type_and_flag & kUnsignedFlag) != 0;
  auto integer = [&](uint64_t bits, int width) {
    if (is_unsigned) {
      value.kind = ParameterValue::Kind::kUnsigned;
      value.integer = static_cast<int64_t>(bits);
    } else {
      value.kind = ParameterValue::Kind::kSigned;
      int shift = 64 - width * 8;
      value.integer = shift == 0 ? static_cast<int64_t>(bits)
                                 : static_cast<int64_t>(bits << shift) >> shift;
    }
  };
  auto text = [&](ParameterValue::Kind kind) -> Status {
    PORPOISE_ASSIGN_OR_RETURN(std::string_view bytes, reader.ReadLengthEncodedString());
    value.kind = kind;
    value.text = std::string(bytes);
    return Status::OK();
  };
  switch (static_cast<FieldType>(type_and_flag & 0xff)) {
    case FieldType::kNull:
      return value;
    case FieldType::kTiny: {
      PORPOISE_ASSIGN_OR_RETURN(uint8_t bits, reader.ReadInt1());
      integer(bits, 1);
      return value;
    }
    case FieldType::kShort:
    case FieldType::kYear: {
      PORPOISE_ASSIGN_OR_RETURN(uint16_t bits, reader.ReadInt2());
      integer(bits, 2);
      return value;
    }
    case FieldType::kLong:
    case FieldType::kInt24: {
      PORPOISE_ASSIGN_OR_RETURN(uint32_t bits, reader.ReadInt4());
      integer(bits, 4);
      return value;
    }
    case FieldType::kLongLong: {
      PORPOISE_ASSIGN_OR_RETURN(uint64_t bits, reader.ReadInt8());
      integer(bits, 8);
      return value;
    }
    case FieldType::kFloat: {
      PORPOISE_ASSIGN_OR_RETURN(uint32_t bits, reader.ReadInt4());
      float number;
      std::memcpy(&number, &bits, sizeof(number));
      value.kind = ParameterValue::Kind::kDouble;
      value.real = number;
      return value;
    }
    case FieldType::kDouble: {
      PORPOISE_ASSIGN_OR_RETURN(uint64_t bits, reader.ReadInt8());
      double number;
      std::memcpy(&number, &bits, sizeof(number));
      value.kind = ParameterValue::Kind::kDouble;
      value.real = number;
      return value;
    }
    case FieldType::kDate:
    case FieldType::kNewDate: {
      value.kind = ParameterValue::Kind::kDate;
      PORPOISE_ASSIGN_OR_RETURN(value.text, ReadDate(reader, false));
      return value;
    }
    case FieldType::kDateTime:
    case FieldType::kTimestamp: {
      value.kind = ParameterValue::Kind::kDateTime;
      PORPOISE_ASSIGN_OR_RETURN(value.text, ReadDate(reader, true));
      return value;
    }
    case FieldType::kTime: {
      value.kind = ParameterValue::Kind::kTime;
      PORPOISE_ASSIGN_OR_RETURN(value.text, ReadTime(reader));
      return value;
    }
    case FieldType::kDecimal:
    case FieldType::kNewDecimal:
      PORPOISE_RETURN_IF_ERROR(text(ParameterValue::Kind::kDecimal));
      return value;
    case FieldType::kVarchar:
    case FieldType::kVarString:
    case FieldType::kString:
    case FieldType::kEnum:
    case FieldType::kSet:
    case FieldType::kJson:
      PORPOISE_RETURN_IF_ERROR(text(ParameterValue::Kind::kString));
      return value;
    case FieldType::kTinyBlob:
    case FieldType::kMediumBlob:
    case FieldType::kLongBlob:
    case FieldType::kBlob:
    case FieldType::kGeometry:
    case FieldType::kBit:
      PORPOISE_RETURN_IF_ERROR(text(ParameterValue::Kind::kBinary));
      return value;
  }
  return BadExecute();
}

// Whether a parameter type is one the protocol defines (checked before any value is read).
bool KnownType(uint16_t type_and_flag) {
  switch (static_cast<FieldType>(type_and_flag & 0xff)) {
    case FieldType::kDecimal: case FieldType::kTiny: case FieldType::kShort:
    case FieldType::kLong: case FieldType::kFloat: case FieldType::kDouble:
    case FieldType::kNull: case FieldType::kTimestamp: case FieldType::kLongLong:
    case FieldType::kInt24: case FieldType::kDate: case FieldType::kTime:
    case FieldType::kDateTime: case FieldType::kYear: case FieldType::kNewDate:
    case FieldType::kVarchar: case FieldType::kBit: case FieldType::kJson:
    case FieldType::kNewDecimal: case FieldType::kEnum: case FieldType::kSet:
    case FieldType::kTinyBlob: case FieldType::kMediumBlob: case FieldType::kLongBlob:
    case FieldType::kBlob: case FieldType::kVarString: case FieldType::kString:
    case FieldType::kGeometry:
      return true;
  }
  return false;
}

// Digits of a date or time text: the numbers in order, whatever separates them.
struct TemporalParts {
  bool negative = false;
  uint64_t parts[7] = {};  // year month day hour minute second micros (TIME: hours first)
  size_t count = 0;
};

TemporalParts SplitTemporal(std::string_view text) {
  TemporalParts result;
  size_t i = 0;
  if (!text.empty() && text[0] == '-') {
    result.negative = true;
    i = 1;
  }
  while (i < text.size() && result.count < 7) {
    size_t start = i;
    uint64_t number = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      number = number * 10 + static_cast<uint64_t>(text[i] - '0');
      ++i;
    }
    if (i == start) {
      ++i;
      continue;
    }
    if (start > 0 && text[start - 1] == '.') {
      // Fractional seconds: scale to microseconds.
      size_t digits = i - start;
      while (digits < 6) {
        number *= 10;
        ++digits;
      }
      while (digits > 6) {
        number /= 10;
        --digits;
      }
      result.parts[6] = number;
      result.count = 7;
      break;
    }
    result.parts[result.count++] = number;
  }
  return result;
}

void WriteDate(std::string_view text, bool with_time, ByteWriter& writer) {
  TemporalParts parts = SplitTemporal(text);
  const uint64_t* p = parts.parts;
  bool time_zero = p[3] == 0 && p[4] == 0 && p[5] == 0 && p[6] == 0;
  if (p[0] == 0 && p[1] == 0 && p[2] == 0 && (time_zero || !with_time)) {
    writer.WriteInt1(0);
    return;
  }
  uint8_t length = !with_time || time_zero ? 4 : p[6] == 0 ? 7 : 11;
  writer.WriteInt1(length);
  writer.WriteInt2(static_cast<uint16_t>(p[0]));
  writer.WriteInt1(static_cast<uint8_t>(p[1]));
  writer.WriteInt1(static_cast<uint8_t>(p[2]));
  if (length >= 7) {
    writer.WriteInt1(static_cast<uint8_t>(p[3]));
    writer.WriteInt1(static_cast<uint8_t>(p[4]));
    writer.WriteInt1(static_cast<uint8_t>(p[5]));
  }
  if (length == 11) writer.WriteInt4(static_cast<uint32_t>(p[6]));
}

void WriteTime(std::string_view text, ByteWriter& writer) {
  TemporalParts parts = SplitTemporal(text);
  // [-]H:MM:SS[.ffffff]: hours, minutes, seconds are the first three numbers.
  uint64_t hours = parts.parts[0], minutes = parts.parts[1], seconds = parts.parts[2];
  uint64_t micros = parts.parts[6];
  if (hours == 0 && minutes == 0 && seconds == 0 && micros == 0) {
    writer.WriteInt1(0);
    return;
  }
  writer.WriteInt1(micros == 0 ? 8 : 12);
  writer.WriteInt1(parts.negative ? 1 : 0);
  writer.WriteInt4(static_cast<uint32_t>(hours / 24));
  writer.WriteInt1(static_cast<uint8_t>(hours % 24));
  writer.WriteInt1(static_cast<uint8_t>(minutes));
  writer.WriteInt1(static_cast<uint8_t>(seconds));
  if (micros != 0) writer.WriteInt4(static_cast<uint32_t>(micros));
}

// A value as a 64-bit integer's bits, whatever kind the engine gave it.
uint64_t IntegerBits(const FieldValue& value) {
  switch (value.kind) {
    case FieldValue::Kind::kSigned:
    case FieldValue::Kind::kUnsigned:
    case FieldValue::Kind::kBit:
      return static_cast<uint64_t>(value.integer);
    case FieldValue::Kind::kDouble:
    case FieldValue::Kind::kFloat:
      return static_cast<uint64_t>(static_cast<int64_t>(std::llround(value.real)));
    default: {
      std::string text(value.text);
      if (!text.empty() && text[0] != '-') return std::strtoull(text.c_str(), nullptr, 10);
      return static_cast<uint64_t>(std::strtoll(text.c_str(), nullptr, 10));
    }
  }
}

double RealOf(const FieldValue& value) {
  switch (value.kind) {
    case FieldValue::Kind::kSigned:
      return static_cast<double>(value.integer);
    case FieldValue::Kind::kUnsigned:
      return static_cast<double>(static_cast<uint64_t>(value.integer));
    case FieldValue::Kind::kDouble:
    case FieldValue::Kind::kFloat:
      return value.real;
    default:
      return std::strtod(std::string(value.text).c_str(), nullptr);
  }
}

}  // namespace

void StmtPrepareOk::Encode(ByteWriter& writer) const {
  writer.WriteInt1(0x00);
  writer.WriteInt4(statement_id);
  writer.WriteInt2(column_count);
  writer.WriteInt2(parameter_count);
  writer.WriteInt1(0x00);
  writer.WriteInt2(warnings);
}

Result<StmtPrepareOk> StmtPrepareOk::Decode(ByteReader& reader) {
  StmtPrepareOk ok;
  PORPOISE_ASSIGN_OR_RETURN(uint8_t header, reader.ReadInt1());
  if (header != 0) return Status::Error(ER_MALFORMED_PACKET);
  PORPOISE_ASSIGN_OR_RETURN(ok.statement_id, reader.ReadInt4());
  PORPOISE_ASSIGN_OR_RETURN(ok.column_count, reader.ReadInt2());
  PORPOISE_ASSIGN_OR_RETURN(ok.parameter_count, reader.ReadInt2());
  PORPOISE_RETURN_IF_ERROR(reader.Skip(1));
  if (!reader.empty()) {
    PORPOISE_ASSIGN_OR_RETURN(ok.warnings, reader.ReadInt2());
  }
  return ok;
}

Result<uint32_t> DecodeStatementId(ByteReader& reader) { return reader.ReadInt4(); }

namespace {

Status Malformed() { return Status::Error(ER_MALFORMED_PACKET); }

// A parameter count as the packet gives it: at most MySQL's 65535, and refused when the NULL
// bitmap alone could not fit in what is left (so nothing is sized from an absurd count).
Result<size_t> ReadParameterCount(ByteReader& reader) {
  PORPOISE_ASSIGN_OR_RETURN(uint64_t count, reader.ReadLengthEncodedInt());
  if (count > 65535 || count > uint64_t{reader.remaining()} * 8) return Malformed();
  return static_cast<size_t>(count);
}

// The wire type of a value the tests and test clients send (integers as BIGINT).
uint16_t TypeOfValue(const ParameterValue& value) {
  using Kind = ParameterValue::Kind;
  auto type = [](FieldType field) { return static_cast<uint16_t>(field); };
  switch (value.kind) {
    case Kind::kNull: return type(FieldType::kNull);
    case Kind::kSigned: return type(FieldType::kLongLong);
    case Kind::kUnsigned: return type(FieldType::kLongLong) | kUnsignedFlag;
    case Kind::kDouble: return type(FieldType::kDouble);
    case Kind::kDecimal: return type(FieldType::kNewDecimal);
    case Kind::kString: return type(FieldType::kVarString);
    case Kind::kBinary: return type(FieldType::kBlob);
    case Kind::kDate: return type(FieldType::kDate);
    case Kind::kTime: return type(FieldType::kTime);
    case Kind::kDateTime: return type(FieldType::kDateTime);
  }
  return type(FieldType::kVarString);
}

// The parameter block COM_STMT_EXECUTE and COM_QUERY's attributes share: NULL bitmap,
// new-params-bound flag 1, each type (and, given `names`, its name), then the values.
void WriteParameterBlock(std::span<const uint16_t> types, std::span<const ParameterValue> values,
                         const std::vector<std::string>* names, ByteWriter& writer) {
  if (values.empty()) return;
  std::string nulls((values.size() + 7) / 8, '\0');
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i].kind == ParameterValue::Kind::kNull) {
      nulls[i / 8] = static_cast<char>(nulls[i / 8] | (1 << (i % 8)));
    }
  }
  writer.WriteBytes(nulls);
  writer.WriteInt1(1);
  for (size_t i = 0; i < types.size(); ++i) {
    writer.WriteInt2(types[i]);
    if (names != nullptr) writer.WriteLengthEncodedString((*names)[i]);
  }
  for (const ParameterValue& value : values) {
    switch (value.kind) {
      case ParameterValue::Kind::kNull:
        break;
      case ParameterValue::Kind::kSigned:
      case ParameterValue::Kind::kUnsigned:
        writer.WriteInt8(static_cast<uint64_t>(value.integer));
        break;
      case ParameterValue::Kind::kDouble: {
        uint64_t bits;
        std::memcpy(&bits, &value.real, sizeof(bits));
        writer.WriteInt8(bits);
        break;
      }
      case ParameterValue::Kind::kDate:
      case ParameterValue::Kind::kDateTime:
        WriteDate(value.text, value.kind == ParameterValue::Kind::kDateTime, writer);
        break;
      case ParameterValue::Kind::kTime:
        WriteTime(value.text, writer);
        break;
      default:
        writer.WriteLengthEncodedString(value.text);
        break;
    }
  }
}

}  // namespace

Result<StmtExecute> DecodeStmtExecute(ByteReader& reader, std::vector<uint16_t>& types,
                                      const std::vector<std::optional<std::string>>& long_data,
                                      bool query_attributes) {
  StmtExecute execute;
  PORPOISE_ASSIGN_OR_RETURN(execute.flags, reader.ReadInt1());
  PORPOISE_RETURN_IF_ERROR(reader.Skip(4));  // iteration count, always 1
  const size_t own = types.size();
  size_t count = own;
  bool named = query_attributes && (execute.flags & kParameterCountAvailable) != 0;
  if (named) {
    PORPOISE_ASSIGN_OR_RETURN(count, ReadParameterCount(reader));
    if (count < own) return Malformed();
  }
  if (count == 0) return execute;
  PORPOISE_ASSIGN_OR_RETURN(std::string_view nulls, reader.ReadFixed((count + 7) / 8));
  PORPOISE_ASSIGN_OR_RETURN(uint8_t new_types, reader.ReadInt1());
  // Each type takes 2 bytes (and a name at least 1 more): a count the packet cannot hold is
  // refused before anything is sized from it.
  if (new_types != 0 && uint64_t{count} * (named ? 3 : 2) > reader.remaining()) return Malformed();
  std::vector<uint16_t> all_types(types);
  all_types.resize(count, 0xffff);
  std::vector<std::string> names(count);
  if (new_types != 0) {
    for (size_t i = 0; i < count; ++i) {
      PORPOISE_ASSIGN_OR_RETURN(all_types[i], reader.ReadInt2());
      if (named) {
        PORPOISE_ASSIGN_OR_RETURN(std::string_view name, reader.ReadLengthEncodedString());
        names[i] = std::string(name);
      }
      if (!KnownType(all_types[i])) return i < own ? BadExecute() : Malformed();
    }
    std::copy(all_types.begin(), all_types.begin() + static_cast<ptrdiff_t>(own), types.begin());
  } else if (count > own) {
    return Malformed();  // attributes whose types were never sent
  } else if (types[0] == 0xffff) {
    return BadExecute();  // values before any types were bound
  }
  std::vector<ParameterValue> values(count);
  for (size_t i = 0; i < count; ++i) {
    if (i < own && i < long_data.size() && long_data[i].has_value()) {
      ParameterValue& value = values[i];
      bool binary = (all_types[i] & 0xff) >= static_cast<uint16_t>(FieldType::kTinyBlob) &&
                    (all_types[i] & 0xff) <= static_cast<uint16_t>(FieldType::kBlob);
      value.kind = binary ? ParameterValue::Kind::kBinary : ParameterValue::Kind::kString;
      value.text = *long_data[i];
      continue;
    }
    if ((static_cast<uint8_t>(nulls[i / 8]) >> (i % 8)) & 1) continue;  // NULL
    PORPOISE_ASSIGN_OR_RETURN(values[i], ReadParameter(reader, all_types[i]));
  }
  for (size_t i = 0; i < count; ++i) {
    if (i < own) {
      execute.parameters.push_back(std::move(values[i]));
    } else {
      execute.attributes.push_back({std::move(names[i]), std::move(values[i])});
    }
  }
  return execute;
}

void EncodeStmtExecute(uint32_t statement_id, uint8_t flags, std::span<const uint16_t> types,
                       std::span<const ParameterValue> values, ByteWriter& writer,
                       std::span<const QueryAttribute> attributes, bool named) {
  named = named || !attributes.empty();
  writer.WriteInt4(statement_id);
  writer.WriteInt1(named ? static_cast<uint8_t>(flags | kParameterCountAvailable) : flags);
  writer.WriteInt4(1);
  if (!named) {
    WriteParameterBlock(types, values, nullptr, writer);
    return;
  }
  std::vector<uint16_t> all_types(types.begin(), types.end());
  std::vector<ParameterValue> all_values(values.begin(), values.end());
  std::vector<std::string> names(values.size());
  for (const QueryAttribute& attribute : attributes) {
    all_types.push_back(TypeOfValue(attribute.value));
    all_values.push_back(attribute.value);
    names.push_back(attribute.name);
  }
  writer.WriteLengthEncodedInt(all_values.size());
  WriteParameterBlock(all_types, all_values, &names, writer);
}

Result<std::vector<QueryAttribute>> DecodeQueryAttributes(ByteReader& reader) {
  std::vector<QueryAttribute> attributes;
  PORPOISE_ASSIGN_OR_RETURN(size_t count, ReadParameterCount(reader));
  PORPOISE_ASSIGN_OR_RETURN(uint64_t sets, reader.ReadLengthEncodedInt());
  if (sets != 1) return Malformed();
  if (count == 0) return attributes;
  PORPOISE_ASSIGN_OR_RETURN(std::string_view nulls, reader.ReadFixed((count + 7) / 8));
  PORPOISE_ASSIGN_OR_RETURN(uint8_t new_types, reader.ReadInt1());
  if (new_types != 1) return Malformed();
  // A type (2 bytes) and a name (at least 1) each: refused before anything is sized.
  if (uint64_t{count} * 3 > reader.remaining()) return Malformed();
  std::vector<uint16_t> types(count);
  attributes.resize(count);
  for (size_t i = 0; i < count; ++i) {
    PORPOISE_ASSIGN_OR_RETURN(types[i], reader.ReadInt2());
    if (!KnownType(types[i])) return Malformed();
    PORPOISE_ASSIGN_OR_RETURN(std::string_view name, reader.ReadLengthEncodedString());
    attributes[i].name = std::string(name);
  }
  for (size_t i = 0; i < count; ++i) {
    if ((static_cast<uint8_t>(nulls[i / 8]) >> (i % 8)) & 1) continue;  // NULL
    Result<ParameterValue> value = ReadParameter(reader, types[i]);
    if (!value.ok()) return Malformed();
    attributes[i].value = std::move(value).value();
  }
  return attributes;
}

void EncodeQueryAttributes(std::span<const QueryAttribute> attributes, ByteWriter& writer) {
  writer.WriteLengthEncodedInt(attributes.size());
  writer.WriteLengthEncodedInt(1);
  std::vector<uint16_t> types;
  std::vector<ParameterValue> values;
  std::vector<std::string> names;
  for (const QueryAttribute& attribute : attributes) {
    types.push_back(TypeOfValue(attribute.value));
    values.push_back(attribute.value);
    names.push_back(attribute.name);
  }
  WriteParameterBlock(types, values, &names, writer);
}

Result<StmtLongData> DecodeStmtLongData(ByteReader& reader) {
  StmtLongData data;
  PORPOISE_ASSIGN_OR_RETURN(data.parameter, reader.ReadInt2());
  data.data = reader.ReadRest();
  return data;
}

Result<uint32_t> DecodeStmtFetchRows(ByteReader& reader) { return reader.ReadInt4(); }

void EncodeBinaryRow(std::span<const ColumnInfo> columns, std::span<const FieldValue> values,
                     ByteWriter& writer) {
  writer.WriteInt1(0x00);
  std::string nulls((values.size() + 7 + 2) / 8, '\0');
  for (size_t i = 0; i < values.size(); ++i) {
    bool null = values[i].kind == FieldValue::Kind::kNull ||
                (i < columns.size() && columns[i].type == FieldType::kNull);
    if (null) nulls[(i + 2) / 8] = static_cast<char>(nulls[(i + 2) / 8] | (1 << ((i + 2) % 8)));
  }
  writer.WriteBytes(nulls);
  std::string buffer;
  for (size_t i = 0; i < values.size(); ++i) {
    const FieldValue& value = values[i];
    FieldType type = i < columns.size() ? columns[i].type : FieldType::kVarString;
    if (value.kind == FieldValue::Kind::kNull || type == FieldType::kNull) continue;
    switch (type) {
      case FieldType::kTiny:
        writer.WriteInt1(static_cast<uint8_t>(IntegerBits(value)));
        break;
      case FieldType::kShort:
      case FieldType::kYear:
        writer.WriteInt2(static_cast<uint16_t>(IntegerBits(value)));
        break;
      case FieldType::kLong:
      case FieldType::kInt24:
        writer.WriteInt4(static_cast<uint32_t>(IntegerBits(value)));
        break;
      case FieldType::kLongLong:
        writer.WriteInt8(IntegerBits(value));
        break;
      case FieldType::kFloat: {
        float number = static_cast<float>(RealOf(value));
        uint32_t bits;
        std::memcpy(&bits, &number, sizeof(bits));
        writer.WriteInt4(bits);
        break;
      }
      case FieldType::kDouble: {
        double number = RealOf(value);
        uint64_t bits;
        std::memcpy(&bits, &number, sizeof(bits));
        writer.WriteInt8(bits);
        break;
      }
      case FieldType::kTime:
        WriteTime(value.text, writer);
        break;
      default:
        if (IsTemporal(type)) {
          WriteDate(value.text, type != FieldType::kDate && type != FieldType::kNewDate, writer);
          break;
        }
        writer.WriteLengthEncodedString(FieldText(value, &buffer).value_or(""));
        break;
    }
  }
}

Result<std::vector<std::optional<std::string>>> DecodeBinaryRow(
    ByteReader& reader, std::span<const ColumnInfo> columns) {
  PORPOISE_ASSIGN_OR_RETURN(uint8_t header, reader.ReadInt1());
  if (header != 0) return Status::Error(ER_MALFORMED_PACKET);
  PORPOISE_ASSIGN_OR_RETURN(std::string_view nulls, reader.ReadFixed((columns.size() + 7 + 2) / 8));
  std::vector<std::optional<std::string>> row(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    if ((static_cast<uint8_t>(nulls[(i + 2) / 8]) >> ((i + 2) % 8)) & 1) continue;
    bool is_unsigned = (columns[i].flags & column_flag::kUnsigned) != 0;
    uint16_t type = static_cast<uint8_t>(columns[i].type);
    if (is_unsigned) type |= kUnsignedFlag;
    if (columns[i].type == FieldType::kDouble || columns[i].type == FieldType::kFloat) {
      ParameterValue value;
      PORPOISE_ASSIGN_OR_RETURN(value, ReadParameter(reader, type));
      row[i] = columns[i].type == FieldType::kFloat ? FormatFloat(value.real)
                                                    : FormatDouble(value.real);
      continue;
    }
    PORPOISE_ASSIGN_OR_RETURN(ParameterValue value, ReadParameter(reader, type));
    switch (value.kind) {
      case ParameterValue::Kind::kSigned:
        row[i] = std::to_string(value.integer);
        break;
      case ParameterValue::Kind::kUnsigned:
        row[i] = std::to_string(static_cast<uint64_t>(value.integer));
        break;
      default:
        row[i] = value.text;
        break;
    }
  }
  return row;
}

}  // namespace porpoise::protocol
