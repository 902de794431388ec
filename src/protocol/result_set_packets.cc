// ColumnDefinition41 and text-row codecs. (protocol/)
#include "protocol/result_set_packets.h"

namespace porpoise::protocol {
namespace {
constexpr uint8_t kFixedFieldsLength = 0x0c;
}  // namespace

void ColumnDefinition41::EncodeColumn(const ColumnInfo& column, ByteWriter& writer) {
  writer.WriteLengthEncodedString("def");
  writer.WriteLengthEncodedString(column.schema);
  writer.WriteLengthEncodedString(column.table);
  writer.WriteLengthEncodedString(column.org_table);
  writer.WriteLengthEncodedString(column.name);
  writer.WriteLengthEncodedString(column.org_name);
  writer.WriteLengthEncodedInt(kFixedFieldsLength);
  writer.WriteInt2(column.collation);
  writer.WriteInt4(column.length);
  writer.WriteInt1(static_cast<uint8_t>(column.type));
  writer.WriteInt2(column.flags);
  writer.WriteInt1(column.decimals);
  writer.WriteInt2(0);
}

Result<ColumnDefinition41> ColumnDefinition41::Decode(ByteReader& reader) {
  ColumnDefinition41 definition;
  std::string* strings[] = {&definition.catalog,          &definition.column.schema,
                            &definition.column.table,     &definition.column.org_table,
                            &definition.column.name,      &definition.column.org_name};
  for (std::string* target : strings) {
    PORPOISE_ASSIGN_OR_RETURN(std::string_view text, reader.ReadLengthEncodedString());
    *target = std::string(text);
  }
  PORPOISE_ASSIGN_OR_RETURN(uint64_t fixed_length, reader.ReadLengthEncodedInt());
  if (fixed_length != kFixedFieldsLength) return Status::Error(ER_MALFORMED_PACKET);
  PORPOISE_ASSIGN_OR_RETURN(definition.column.collation, reader.ReadInt2());
  PORPOISE_ASSIGN_OR_RETURN(definition.column.length, reader.ReadInt4());
  PORPOISE_ASSIGN_OR_RETURN(uint8_t type, reader.ReadInt1());
  definition.column.type = static_cast<FieldType>(type);
  PORPOISE_ASSIGN_OR_RETURN(definition.column.flags, reader.ReadInt2());
  PORPOISE_ASSIGN_OR_RETURN(definition.column.decimals, reader.ReadInt1());
  PORPOISE_RETURN_IF_ERROR(reader.Skip(2));
  return definition;
}

void EncodeTextRow(std::span<const TextValue> values, ByteWriter& writer) {
  for (const TextValue& value : values) {
    if (value.has_value()) {
      writer.WriteLengthEncodedString(*value);
    } else {
      writer.WriteNull();
    }
  }
}

Result<std::vector<std::optional<std::string>>> DecodeTextRow(ByteReader& reader,
                                                              size_t column_count) {
  std::vector<std::optional<std::string>> row;
  row.reserve(column_count);
  for (size_t column_index = 0; column_index < column_count; ++column_index) {
    PORPOISE_ASSIGN_OR_RETURN(std::optional<std::string_view> value,
                              reader.ReadLengthEncodedStringOrNull());
    if (value.has_value()) {
      row.emplace_back(std::string(*value));
    } else {
      row.emplace_back(std::nullopt);
    }
  }
  if (!reader.empty()) return Status::Error(ER_MALFORMED_PACKET);
  return row;
}

void EncodeColumnCount(uint64_t count, ByteWriter& writer) {
  writer.WriteLengthEncodedInt(count);
}

}  // namespace porpoise::protocol
