// Text-protocol result-set packets: the column count, Protocol::ColumnDefinition41 and
// Protocol::TextResultsetRow. (protocol/)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result_sink.h"
#include "common/status.h"
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"

namespace porpoise::protocol {

struct ColumnDefinition41 {
  std::string catalog = "def";  // always "def"
  ColumnInfo column;

  void Encode(ByteWriter& writer) const { EncodeColumn(column, writer); }
  static Result<ColumnDefinition41> Decode(ByteReader& reader);
  // Encodes straight from the engine's description (no copy).
  static void EncodeColumn(const ColumnInfo& column, ByteWriter& writer);
};

// A text row: one length-encoded string per value, 0xfb for NULL.
void EncodeTextRow(std::span<const TextValue> values, ByteWriter& writer);
Result<std::vector<std::optional<std::string>>> DecodeTextRow(ByteReader& reader,
                                                              size_t column_count);

// The first packet of a result set: the column count as a length-encoded integer.
void EncodeColumnCount(uint64_t count, ByteWriter& writer);

}  // namespace porpoise::protocol
