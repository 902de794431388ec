// ByteReader: bounds-checked decoding of MySQL wire primitives (fixed-width little-endian
// integers, length-encoded integers and strings, NUL-terminated strings). (protocol/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "common/status.h"

namespace porpoise::protocol {

// Reads from a borrowed byte range; the bytes must outlive the reader and every string_view
// it returns. Every Read* checks the bounds first: on a short read it returns
// ER_MALFORMED_PACKET and leaves the position unchanged.
class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  size_t position() const { return position_; }
  size_t remaining() const { return data_.size() - position_; }
  bool empty() const { return remaining() == 0; }

  Result<uint8_t> PeekInt1() const;
  Result<uint8_t> ReadInt1();
  Result<uint16_t> ReadInt2();
  Result<uint32_t> ReadInt3();
  Result<uint32_t> ReadInt4();
  Result<uint64_t> ReadInt6();
  Result<uint64_t> ReadInt8();
  // Protocol::LengthEncodedInteger. 0xfb (NULL) and 0xff are malformed here.
  Result<uint64_t> ReadLengthEncodedInt();
  // Protocol::LengthEncodedString.
  Result<std::string_view> ReadLengthEncodedString();
  // A text-row value: 0xfb means SQL NULL (nullopt), anything else a length-encoded string.
  Result<std::optional<std::string_view>> ReadLengthEncodedStringOrNull();
  // Protocol::NulTerminatedString; the NUL is consumed, not returned.
  Result<std::string_view> ReadNulTerminatedString();
  // Protocol::FixedLengthString.
  Result<std::string_view> ReadFixed(size_t length);
  // Protocol::RestOfPacketString: everything left (possibly empty).
  std::string_view ReadRest();
  Status Skip(size_t length);

 private:
  Status Truncated() const;
  uint64_t LittleEndian(size_t width) const;  // REQUIRES: remaining() >= width

  std::string_view data_;
  size_t position_ = 0;
};

}  // namespace porpoise::protocol
