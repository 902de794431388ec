// The bytes of a string in a MySQL character set. Strings of every character set are held as
// UTF-8 (see collation.h); functions that read bytes (HEX, LENGTH, CAST AS BINARY) and
// CONVERT(... USING cs) need them in the string's own set. latin1 is MySQL's latin1, that is
// Windows-1252 with its five holes (0x81 0x8D 0x8F 0x90 0x9D) kept as the C1 controls. (types/)
#pragma once

#include <string>
#include <string_view>

namespace porpoise::types {

// Whether `charset` ("latin1", "ascii", "utf8mb3", "utf8mb4", "binary") holds some
// characters differently from UTF-8, so that reading its bytes needs Encode.
bool NeedsEncoding(std::string_view charset);

// `utf8` in `charset`'s bytes, each character it cannot hold as '?' (as MySQL converts).
// Returns false when some character was replaced, and then sets `*first_bad` (when given) to
// the byte offset in `utf8` of the first one. Unknown sets and binary copy the bytes.
bool Encode(std::string_view utf8, std::string_view charset, std::string* out,
            size_t* first_bad = nullptr);

// MySQL's printable form of a string that a character set could not take, as error 1366
// quotes it: at most 6 bytes from `offset`, bytes outside printable ASCII as \xHH, and "..."
// when cut.
std::string PrintableFrom(std::string_view bytes, size_t offset);

// A binary string as MySQL's messages quote one (its err_conv of the binary set): printable
// ASCII as it is, every other byte as \xHH.
std::string BinaryForMessage(std::string_view bytes);

// `bytes` of `charset` as UTF-8 (for utf8mb3/utf8mb4/binary/unknown: the bytes as they are).
std::string Decode(std::string_view bytes, std::string_view charset);

}  // namespace porpoise::types
