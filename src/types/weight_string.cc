// WEIGHT_STRING's bytes (weight_string.h), from the weight tables of the legacy collations.
// (types/)
#include "types/weight_string.h"

#include "types/collation_internal.h"

namespace porpoise::types {

namespace {

// How MySQL writes one collation's weights.
struct WeightFormat {
  std::string_view collation;
  internal::WeightTableSource table;  // nullptr: the character's bytes as they are
  uint32_t width;                     // bytes per weight (0: the character's own bytes)
};

constexpr WeightFormat kFormats[] = {
    {"binary", nullptr, 1},
    {"ascii_bin", internal::AsciiBinWeights, 1},
    {"ascii_general_ci", internal::AsciiGeneralCiWeights, 1},
    {"latin1_bin", internal::Latin1BinWeights, 1},
    {"latin1_swedish_ci", internal::Latin1SwedishCiWeights, 1},
    {"latin1_general_ci", internal::Latin1GeneralCiWeights, 1},
    {"utf8mb3_bin", internal::CodePointWeights, 2},
    {"utf8mb3_general_ci", internal::GeneralCiWeights, 2},
    {"utf8mb4_general_ci", internal::GeneralCiWeights, 2},
    {"utf8mb4_bin", internal::CodePointWeights, 3},
    {"utf8mb4_0900_bin", nullptr, 0},
};

const WeightFormat* FormatOf(const Collation& collation) {
  for (const WeightFormat& format : kFormats) {
    if (format.collation == collation.name()) return &format;
  }
  return nullptr;
}

void AppendWeight(uint32_t weight, uint32_t width, std::string* out) {
  for (uint32_t byte = width; byte > 0; --byte) {
    out->push_back(static_cast<char>((weight >> (8 * (byte - 1))) & 0xFF));
  }
}

// A character's weight as `width` bytes can hold it: a character a one-byte set cannot
// hold is weighed as '?', which MySQL would have stored in its place.
uint32_t Fitted(const internal::WeightTable& table, uint32_t weight, uint32_t width) {
  if (width == 1 && weight > 0xFF) return table.WeightOf('?');
  if (width == 2 && weight > 0xFFFF) return 0xFFFD;
  return weight;
}

// The first `characters` characters of UTF-8 `text` (every byte one under binary).
std::string_view Truncated(std::string_view text, uint32_t characters, bool bytes) {
  if (bytes) return text.substr(0, characters);
  size_t position = 0;
  for (uint32_t count = 0; count < characters && position < text.size(); ++count) {
    position += internal::DecodeUtf8(text, position).length;
  }
  return text.substr(0, position);
}

}  // namespace

bool HasMysqlWeights(const Collation& collation) {
  const WeightFormat* format = FormatOf(collation);
  return format != nullptr && format->collation != "latin1_general_ci";
}

std::string WeightString(const Collation& collation, std::string_view text,
                         std::optional<uint32_t> characters) {
  const WeightFormat* format = FormatOf(collation);
  bool bytes = format != nullptr && format->table == nullptr && format->width == 1;
  std::string_view kept = characters ? Truncated(text, *characters, bytes) : text;
  if (format == nullptr) return collation.SortKey(kept);
  std::string out;
  uint32_t count = 0;
  if (format->table == nullptr) {
    out.assign(kept);
    count = bytes ? static_cast<uint32_t>(kept.size()) : 0;
  } else {
    const internal::WeightTable& table = format->table();
    for (size_t position = 0; position < kept.size(); ++count) {
      AppendWeight(Fitted(table, table.Next(kept, &position), format->width), format->width, &out);
    }
  }
  if (characters && collation.pad_space()) {
    uint32_t pad = format->table != nullptr ? format->table().space_weight() : 0;
    for (; count < *characters; ++count) AppendWeight(pad, format->width, &out);
  } else if (characters && bytes) {
    out.append(*characters - count, '\0');
  }
  return out;
}

}  // namespace porpoise::types
