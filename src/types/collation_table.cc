// The `binary` collation (raw bytes) and the table-driven ones (*_bin, *_general_ci,
// latin1_*, ascii_*), which weigh one character at a time. (types/)
#include "types/collation_internal.h"

#include <cstring>

namespace porpoise::types::internal {

namespace {

class BytesCollation final : public Collation {
 public:
  explicit BytesCollation(const CollationSpec& spec)
      : Collation(spec.id, spec.name, spec.charset, spec.pad_space, spec.is_binary,
                  spec.sqlite_name) {}

  int Compare(std::string_view a, std::string_view b) const override {
    const size_t shorter = a.size() < b.size() ? a.size() : b.size();
    const int result = shorter == 0 ? 0 : std::memcmp(a.data(), b.data(), shorter);
    if (result != 0) return result < 0 ? -1 : 1;
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
  }

  std::string SortKey(std::string_view text) const override { return std::string(text); }

 protected:
  bool CharEquals(std::string_view a, std::string_view b) const override { return a == b; }
};

// Appends value so that memcmp orders encodings as the values, and no encoding is a prefix of
// another: the first byte's high bits give the length (1-4 bytes, values below 2^28).
void AppendOrdered(std::string* out, uint32_t value) {
  if (value < 0x80) {
    out->push_back(static_cast<char>(value));
  } else if (value < 0x4000) {
    out->push_back(static_cast<char>(0x80 | (value >> 8)));
    out->push_back(static_cast<char>(value & 0xFF));
  } else if (value < 0x200000) {
    out->push_back(static_cast<char>(0xC0 | (value >> 16)));
    out->push_back(static_cast<char>((value >> 8) & 0xFF));
    out->push_back(static_cast<char>(value & 0xFF));
  } else {
    out->push_back(static_cast<char>(0xE0 | (value >> 24)));
    out->push_back(static_cast<char>((value >> 16) & 0xFF));
    out->push_back(static_cast<char>((value >> 8) & 0xFF));
    out->push_back(static_cast<char>(value & 0xFF));
  }
}

void AppendBigEndian32(std::string* out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

class TableCollation final : public Collation {
 public:
  TableCollation(const CollationSpec& spec, WeightTableSource table)
      : Collation(spec.id, spec.name, spec.charset, spec.pad_space, spec.is_binary,
                  spec.sqlite_name),
        table_(table) {}

  int Compare(std::string_view a, std::string_view b) const override;
  std::string SortKey(std::string_view text) const override;

 protected:
  bool CharEquals(std::string_view a, std::string_view b) const override {
    if (a.empty() || b.empty()) return a.size() == b.size();
    const WeightTable& table = table_();
    size_t a_pos = 0;
    size_t b_pos = 0;
    return table.Next(a, &a_pos) == table.Next(b, &b_pos);
  }

 private:
  int CompareTail(const WeightTable& table, std::string_view text, size_t pos) const;

  WeightTableSource table_;
};

int TableCollation::Compare(std::string_view a, std::string_view b) const {
  const WeightTable& table = table_();
  size_t a_pos = CommonPrefixBoundary(a, b);
  size_t b_pos = a_pos;
  while (a_pos < a.size() && b_pos < b.size()) {
    const uint32_t a_weight = table.Next(a, &a_pos);
    const uint32_t b_weight = table.Next(b, &b_pos);
    if (a_weight != b_weight) return a_weight < b_weight ? -1 : 1;
  }
  if (a_pos < a.size()) return CompareTail(table, a, a_pos);
  if (b_pos < b.size()) return -CompareTail(table, b, b_pos);
  return 0;
}

// Compare's answer when the other string ended at pos: NO PAD makes the longer string
// greater; PAD SPACE compares the rest with spaces.
int TableCollation::CompareTail(const WeightTable& table, std::string_view text,
                                size_t pos) const {
  if (!pad_space()) return 1;
  const uint32_t space = table.space_weight();
  while (pos < text.size()) {
    const uint32_t weight = table.Next(text, &pos);
    if (weight != space) return weight < space ? -1 : 1;
  }
  return 0;
}

// PAD SPACE keys must order a string as if followed by endless spaces, so a run of spaces
// is encoded together with how the character after it compares with a space. Symbols, in
// increasing order (S = the space weight):
//   w < S           a character lighter than space: w
//   S, count        spaces then a lighter character: more spaces sort higher
//   S + 1           the end of the string (spaces forever)
//   S + 2, ~count   spaces then a heavier character: more spaces sort lower
//   w + 2 (w > S)   a character heavier than space
void AppendPadSpaceUnit(std::string* key, uint32_t space, uint32_t weight,
                        uint32_t pending_spaces) {
  const bool lighter = weight < space;
  if (pending_spaces > 0) {
    AppendOrdered(key, space + (lighter ? 0 : 2));
    AppendBigEndian32(key, lighter ? pending_spaces : ~pending_spaces);
  }
  AppendOrdered(key, lighter ? weight : weight + 2);
}

std::string TableCollation::SortKey(std::string_view text) const {
  const WeightTable& table = table_();
  const uint32_t space = table.space_weight();
  std::string key;
  key.reserve(text.size() + 1);
  size_t pos = 0;
  uint32_t pending_spaces = 0;
  while (pos < text.size()) {
    const uint32_t weight = table.Next(text, &pos);
    if (!pad_space()) {
      AppendOrdered(&key, weight);
    } else if (weight == space) {
      ++pending_spaces;
    } else {
      AppendPadSpaceUnit(&key, space, weight, pending_spaces);
      pending_spaces = 0;
    }
  }
  if (pad_space()) AppendOrdered(&key, space + 1);
  return key;
}

}  // namespace

std::unique_ptr<Collation> MakeBytesCollation(const CollationSpec& spec) {
  return std::make_unique<BytesCollation>(spec);
}

std::unique_ptr<Collation> MakeTableCollation(const CollationSpec& spec, WeightTableSource table) {
  return std::make_unique<TableCollation>(spec, table);
}

}  // namespace porpoise::types::internal
