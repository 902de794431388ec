// ByteReader implementation: every read checks the remaining length first. (protocol/)
#include "protocol/byte_reader.h"

namespace porpoise::protocol {

Status ByteReader::Truncated() const {
  return Status::Error(ER_MALFORMED_PACKET);
}

uint64_t ByteReader::LittleEndian(size_t width) const {
  uint64_t value = 0;
  for (size_t byte_index = 0; byte_index < width; ++byte_index) {
    value |= uint64_t{static_cast<uint8_t>(data_[position_ + byte_index])} << (8 * byte_index);
  }
  return value;
}

Result<uint8_t> ByteReader::PeekInt1() const {
  if (remaining() < 1) return Truncated();
  return static_cast<uint8_t>(data_[position_]);
}

Result<uint8_t> ByteReader::ReadInt1() {
  if (remaining() < 1) return Truncated();
  return static_cast<uint8_t>(data_[position_++]);
}

Result<uint16_t> ByteReader::ReadInt2() {
  if (remaining() < 2) return Truncated();
  auto value = static_cast<uint16_t>(LittleEndian(2));
  position_ += 2;
  return value;
}

Result<uint32_t> ByteReader::ReadInt3() {
  if (remaining() < 3) return Truncated();
  auto value = static_cast<uint32_t>(LittleEndian(3));
  position_ += 3;
  return value;
}

Result<uint32_t> ByteReader::ReadInt4() {
  if (remaining() < 4) return Truncated();
  auto value = static_cast<uint32_t>(LittleEndian(4));
  position_ += 4;
  return value;
}

Result<uint64_t> ByteReader::ReadInt6() {
  if (remaining() < 6) return Truncated();
  uint64_t value = LittleEndian(6);
  position_ += 6;
  return value;
}

Result<uint64_t> ByteReader::ReadInt8() {
  if (remaining() < 8) return Truncated();
  uint64_t value = LittleEndian(8);
  position_ += 8;
  return value;
}

Result<uint64_t> ByteReader::ReadLengthEncodedInt() {
  if (remaining() < 1) return Truncated();
  auto first = static_cast<uint8_t>(data_[position_]);
  size_t width = 0;
  if (first < 0xfb) {
    ++position_;
    return uint64_t{first};
  }
  switch (first) {
    case 0xfc: width = 2; break;
    case 0xfd: width = 3; break;
    case 0xfe: width = 8; break;
    default: return Truncated();  // 0xfb (NULL) or 0xff (ERR marker): not an integer
  }
  if (remaining() < 1 + width) return Truncated();
  ++position_;
  uint64_t value = LittleEndian(width);
  position_ += width;
  return value;
}

Result<std::string_view> ByteReader::ReadLengthEncodedString() {
  size_t start = position_;
  PORPOISE_ASSIGN_OR_RETURN(uint64_t length, ReadLengthEncodedInt());
  if (remaining() < length) {
    position_ = start;
    return Truncated();
  }
  std::string_view value = data_.substr(position_, static_cast<size_t>(length));
  position_ += static_cast<size_t>(length);
  return value;
}

Result<std::optional<std::string_view>> ByteReader::ReadLengthEncodedStringOrNull() {
  if (remaining() >= 1 && static_cast<uint8_t>(data_[position_]) == 0xfb) {
    ++position_;
    return std::optional<std::string_view>();
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string_view value, ReadLengthEncodedString());
  return std::optional<std::string_view>(value);
}

Result<std::string_view> ByteReader::ReadNulTerminatedString() {
  size_t nul = data_.find('\0', position_);
  if (nul == std::string_view::npos) return Truncated();
  std::string_view value = data_.substr(position_, nul - position_);
  position_ = nul + 1;
  return value;
}

Result<std::string_view> ByteReader::ReadFixed(size_t length) {
  if (remaining() < length) return Truncated();
  std::string_view value = data_.substr(position_, length);
  position_ += length;
  return value;
}

std::string_view ByteReader::ReadRest() {
  std::string_view value = data_.substr(position_);
  position_ = data_.size();
  return value;
}

Status ByteReader::Skip(size_t length) {
  if (remaining() < length) return Truncated();
  position_ += length;
  return Status::OK();
}

}  // namespace porpoise::protocol
