// WEIGHT_STRING's bytes: a string's collation weights as MySQL writes them for the collation,
// where this server knows MySQL's weights, and ICU's sort key where it does not. (types/)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "types/collation.h"

namespace porpoise::types {

// The weights of `text` (UTF-8; raw bytes under `binary`) under `collation`, one per
// character, each as MySQL writes it: the byte itself for `binary` (MySQL pads with 0x00);
// one sort-order byte for latin1 and ascii; two bytes, big-endian, for utf8mb3 and
// utf8mb4_general_ci (every supplementary character 0xFFFD) and utf8mb3_bin (the code
// point); three for utf8mb4_bin (the code point); the UTF-8 bytes for utf8mb4_0900_bin.
// With `characters` (AS CHAR(n)), the first n characters, and a PAD SPACE collation pads up to
// n with the space's weight. A trailing space is weighed as any character.
// The UCA collations (utf8mb4_0900_ai_ci and the other ICU-backed ones) give ICU's sort key
// of the (truncated) text instead: its bytes order strings as the collation does, but they are
// not MySQL's UCA 9.0.0 weights (utf8mb4_0900_ai_ci's are two bytes of DUCET primary weight
// per character, e.g. 0x1C47 for 'a'), which ICU's compressed keys do not reproduce.
std::string WeightString(const Collation& collation, std::string_view text,
                         std::optional<uint32_t> characters = std::nullopt);

// Whether WeightString gives MySQL's own bytes for `collation` (false: ICU's sort key).
bool HasMysqlWeights(const Collation& collation);

}  // namespace porpoise::types
