// ByteWriter implementation. (protocol/)
#include "protocol/byte_writer.h"

namespace porpoise::protocol {

void ByteWriter::WriteLittleEndian(uint64_t value, size_t width) {
  char bytes[8];
  for (size_t byte_index = 0; byte_index < width; ++byte_index) {
    bytes[byte_index] = static_cast<char>((value >> (8 * byte_index)) & 0xff);
  }
  out_->append(bytes, width);
}

size_t ByteWriter::LengthEncodedIntSize(uint64_t value) {
  if (value < 0xfb) return 1;
  if (value <= 0xffff) return 3;
  if (value <= 0xffffff) return 4;
  return 9;
}

void ByteWriter::WriteLengthEncodedInt(uint64_t value) {
  if (value < 0xfb) {
    WriteInt1(static_cast<uint8_t>(value));
  } else if (value <= 0xffff) {
    WriteInt1(0xfc);
    WriteLittleEndian(value, 2);
  } else if (value <= 0xffffff) {
    WriteInt1(0xfd);
    WriteLittleEndian(value, 3);
  } else {
    WriteInt1(0xfe);
    WriteLittleEndian(value, 8);
  }
}

void ByteWriter::WriteLengthEncodedString(std::string_view value) {
  WriteLengthEncodedInt(value.size());
  out_->append(value);
}

void ByteWriter::WriteNulTerminatedString(std::string_view value) {
  out_->append(value);
  out_->push_back('\0');
}

}  // namespace porpoise::protocol
