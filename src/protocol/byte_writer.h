// ByteWriter: appends MySQL wire primitives (little-endian integers, length-encoded integers
// and strings, NUL-terminated strings) to a borrowed buffer. (protocol/)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace porpoise::protocol {

// Appends to `out`, which must outlive the writer. Writing never fails.
class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(&out) {}

  void WriteInt1(uint8_t value) { out_->push_back(static_cast<char>(value)); }
  void WriteInt2(uint16_t value) { WriteLittleEndian(value, 2); }
  void WriteInt3(uint32_t value) { WriteLittleEndian(value, 3); }
  void WriteInt4(uint32_t value) { WriteLittleEndian(value, 4); }
  void WriteInt6(uint64_t value) { WriteLittleEndian(value, 6); }
  void WriteInt8(uint64_t value) { WriteLittleEndian(value, 8); }
  // Protocol::LengthEncodedInteger: 1, 3, 4 or 9 bytes.
  void WriteLengthEncodedInt(uint64_t value);
  void WriteLengthEncodedString(std::string_view value);
  // 0xfb: SQL NULL in a text row.
  void WriteNull() { WriteInt1(0xfb); }
  // REQUIRES: value holds no NUL byte.
  void WriteNulTerminatedString(std::string_view value);
  // Protocol::FixedLengthString / RestOfPacketString: the bytes as they are.
  void WriteBytes(std::string_view value) { out_->append(value); }
  void WriteZeros(size_t count) { out_->append(count, '\0'); }

  size_t size() const { return out_->size(); }
  std::string& buffer() { return *out_; }

  // Bytes WriteLengthEncodedInt(value) produces.
  static size_t LengthEncodedIntSize(uint64_t value);

 private:
  void WriteLittleEndian(uint64_t value, size_t width);

  std::string* out_;
};

}  // namespace porpoise::protocol
