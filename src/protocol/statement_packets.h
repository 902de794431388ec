// Prepared-statement packets (the binary protocol): COM_STMT_PREPARE's OK, the requests
// COM_STMT_EXECUTE, COM_STMT_SEND_LONG_DATA, COM_STMT_FETCH and the statement-id commands,
// and Protocol::BinaryResultsetRow. (protocol/)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/field_value.h"
#include "common/parameter_value.h"
#include "common/result_sink.h"
#include "common/status.h"
#include "protocol/byte_reader.h"
#include "protocol/byte_writer.h"

namespace porpoise::protocol {

// COM_STMT_EXECUTE's flags: a read-only cursor; and (with CLIENT_QUERY_ATTRIBUTES) a
// parameter count after the iteration count and a name after each parameter's type, the
// parameters past the statement's own being query attributes.
inline constexpr uint8_t kCursorTypeReadOnly = 0x01;
inline constexpr uint8_t kParameterCountAvailable = 0x08;

// The first packet of a COM_STMT_PREPARE reply; the parameter and column definitions follow.
struct StmtPrepareOk {
  uint32_t statement_id = 0;
  uint16_t column_count = 0;
  uint16_t parameter_count = 0;
  uint16_t warnings = 0;

  void Encode(ByteWriter& writer) const;
  static Result<StmtPrepareOk> Decode(ByteReader& reader);
};

// The leading int4 statement id of COM_STMT_EXECUTE / CLOSE / RESET / FETCH /
// SEND_LONG_DATA (the reader is left after it).
Result<uint32_t> DecodeStatementId(ByteReader& reader);

// COM_STMT_EXECUTE after its statement id: flags, iteration count, then (when the statement
// has parameters) the NULL bitmap, the new-params-bound flag, the types and the values.
struct StmtExecute {
  uint8_t flags = 0;
  std::vector<ParameterValue> parameters;
  std::vector<QueryAttribute> attributes;  // CLIENT_QUERY_ATTRIBUTES
};
// `types` holds the statement's parameter types as last bound (int2: field type, 0x8000 for
// unsigned), one per parameter; a packet that binds new types replaces them. `long_data[i]`
// set: parameter i's value came in COM_STMT_SEND_LONG_DATA packets and is not in this one.
// 1210 for a packet that binds no types before any were bound or names an unknown type.
// `query_attributes` (CLIENT_QUERY_ATTRIBUTES negotiated): with kParameterCountAvailable the
// packet gives its parameter count and names; parameters past the statement's are attributes.
// A count below the statement's, or attributes without types, is ER_MALFORMED_PACKET.
Result<StmtExecute> DecodeStmtExecute(ByteReader& reader, std::vector<uint16_t>& types,
                                      const std::vector<std::optional<std::string>>& long_data,
                                      bool query_attributes = false);
// The client's side of the same packet (tests): binds `types` each time. With `attributes`
// (or `named`), the CLIENT_QUERY_ATTRIBUTES form: kParameterCountAvailable set, the count,
// each type followed by a name (empty for the statement's parameters).
void EncodeStmtExecute(uint32_t statement_id, uint8_t flags, std::span<const uint16_t> types,
                       std::span<const ParameterValue> values, ByteWriter& writer,
                       std::span<const QueryAttribute> attributes = {}, bool named = false);

// CLIENT_QUERY_ATTRIBUTES: COM_QUERY's prefix before the statement text (the reader is left
// at the text): int<lenenc> parameter count, int<lenenc> parameter set count (1), and for a
// count above 0 the NULL bitmap, the new-params-bound flag (1), each parameter's int<2> type
// and lenenc name, and the values in the binary protocol's forms. ER_MALFORMED_PACKET for
// anything else (truncated, another set count, unbound or unknown types, bad values).
Result<std::vector<QueryAttribute>> DecodeQueryAttributes(ByteReader& reader);
// Its inverse (tests and test clients): each value's type follows from its kind.
void EncodeQueryAttributes(std::span<const QueryAttribute> attributes, ByteWriter& writer);

// COM_STMT_SEND_LONG_DATA after its statement id: int2 parameter, the bytes.
struct StmtLongData {
  uint16_t parameter = 0;
  std::string_view data;
};
Result<StmtLongData> DecodeStmtLongData(ByteReader& reader);

// COM_STMT_FETCH after its statement id: int4 number of rows.
Result<uint32_t> DecodeStmtFetchRows(ByteReader& reader);

// A binary result row: 0x00, the NULL bitmap (offset 2), then each non-NULL value in the
// form its column's type takes (integers by width, FLOAT/DOUBLE in IEEE form, temporal
// values as the protocol's date and time structures, everything else length-encoded).
void EncodeBinaryRow(std::span<const ColumnInfo> columns, std::span<const FieldValue> values,
                     ByteWriter& writer);
// Its inverse (tests), each value as the text protocol would show it.
Result<std::vector<std::optional<std::string>>> DecodeBinaryRow(
    ByteReader& reader, std::span<const ColumnInfo> columns);

}  // namespace porpoise::protocol
