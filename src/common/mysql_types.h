// MySQL's wire-level type codes, column flags, collation ids and server status flags: the
// facts both the engine (which produces result metadata) and the protocol (which encodes it)
// need. (common/)
#pragma once

#include <cstdint>

namespace porpoise {

// enum_field_types from MySQL's protocol documentation (Column Definition, column_type).
enum class FieldType : uint8_t {
  kDecimal = 0,
  kTiny = 1,
  kShort = 2,
  kLong = 3,
  kFloat = 4,
  kDouble = 5,
  kNull = 6,
  kTimestamp = 7,
  kLongLong = 8,
  kInt24 = 9,
  kDate = 10,
  kTime = 11,
  kDateTime = 12,
  kYear = 13,
  kNewDate = 14,
  kVarchar = 15,
  kBit = 16,
  kJson = 245,
  kNewDecimal = 246,
  kEnum = 247,
  kSet = 248,
  kTinyBlob = 249,
  kMediumBlob = 250,
  kLongBlob = 251,
  kBlob = 252,
  kVarString = 253,
  kString = 254,
  kGeometry = 255,
};

// Column definition flags.
namespace column_flag {
constexpr uint16_t kNotNull = 1;
constexpr uint16_t kPrimaryKey = 2;
constexpr uint16_t kUniqueKey = 4;
constexpr uint16_t kMultipleKey = 8;
constexpr uint16_t kBlob = 16;
constexpr uint16_t kUnsigned = 32;
constexpr uint16_t kZerofill = 64;
constexpr uint16_t kBinary = 128;
constexpr uint16_t kEnum = 256;
constexpr uint16_t kAutoIncrement = 512;
constexpr uint16_t kTimestamp = 1024;
constexpr uint16_t kSet = 2048;
constexpr uint16_t kNoDefaultValue = 4096;
constexpr uint16_t kOnUpdateNow = 8192;
constexpr uint16_t kPartKey = 16384;
constexpr uint16_t kNum = 32768;
}  // namespace column_flag

// Collation ids as MySQL 8 numbers them.
namespace collation_id {
constexpr uint16_t kUtf8mb3GeneralCi = 33;
constexpr uint16_t kLatin1SwedishCi = 8;
constexpr uint16_t kBinary = 63;
constexpr uint16_t kUtf8mb4GeneralCi = 45;
constexpr uint16_t kUtf8mb4Bin = 46;
constexpr uint16_t kUtf8mb4_0900AiCi = 255;
}  // namespace collation_id

// SERVER_STATUS_* flags carried in OK and EOF packets.
namespace server_status {
constexpr uint16_t kInTransaction = 0x0001;
constexpr uint16_t kAutocommit = 0x0002;
constexpr uint16_t kMoreResultsExist = 0x0008;
constexpr uint16_t kNoGoodIndexUsed = 0x0010;
constexpr uint16_t kNoIndexUsed = 0x0020;
constexpr uint16_t kCursorExists = 0x0040;
constexpr uint16_t kLastRowSent = 0x0080;
constexpr uint16_t kDbDropped = 0x0100;
constexpr uint16_t kNoBackslashEscapes = 0x0200;
constexpr uint16_t kMetadataChanged = 0x0400;
constexpr uint16_t kQueryWasSlow = 0x0800;
constexpr uint16_t kPsOutParams = 0x1000;
constexpr uint16_t kInTransactionReadOnly = 0x2000;
constexpr uint16_t kSessionStateChanged = 0x4000;
}  // namespace server_status

}  // namespace porpoise
