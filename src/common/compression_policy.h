// CompressionPolicy: which connection compression the server permits, as the
// protocol_compression_algorithms variable lists it (a comma-separated list of zlib, zstd and
// uncompressed, case-insensitive, at most three names). The catalog checks values set with
// it; the wire half reads it at each greeting. (common/)
#pragma once

#include <optional>
#include <string_view>

#include "common/strings.h"

namespace porpoise {

struct CompressionPolicy {
  bool zlib = false;
  bool zstd = false;
  bool uncompressed = false;

  // nullopt for an empty list, an unknown or empty name, or more than three names.
  static std::optional<CompressionPolicy> Parse(std::string_view list) {
    CompressionPolicy policy;
    int names = 0;
    while (true) {
      size_t comma = list.find(',');
      std::string_view name = list.substr(0, comma);
      if (++names > 3) return std::nullopt;
      if (EqualsIgnoreCase(name, "zlib")) {
        policy.zlib = true;
      } else if (EqualsIgnoreCase(name, "zstd")) {
        policy.zstd = true;
      } else if (EqualsIgnoreCase(name, "uncompressed")) {
        policy.uncompressed = true;
      } else {
        return std::nullopt;
      }
      if (comma == std::string_view::npos) return policy;
      list.remove_prefix(comma + 1);
    }
  }
};

}  // namespace porpoise
