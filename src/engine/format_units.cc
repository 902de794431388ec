// FORMAT_BYTES and FORMAT_PICO_TIME's text (format_units.h). (engine/)
#include "engine/format_units.h"

#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <utility>

namespace porpoise::engine {

namespace {

// `value` in the largest of `units` (factor, name; largest first) it reaches, with two
// decimals; below all of them a whole number of `base_unit`, in `width` places.
std::string Scaled(double value, std::initializer_list<std::pair<double, const char*>> units,
                   const char* base_unit, int width) {
  char buffer[64];
  double magnitude = std::fabs(value);
  for (const auto& [factor, name] : units) {
    if (magnitude < factor) continue;
    double scaled = value / factor;
    const char* format = std::fabs(scaled) >= 100000.0 ? "%4.2e %s" : "%4.2f %s";
    std::snprintf(buffer, sizeof(buffer), format, scaled, name);
    return buffer;
  }
  std::snprintf(buffer, sizeof(buffer), "%*d %s", width, static_cast<int>(value), base_unit);
  return buffer;
}

}  // namespace

std::string FormatBytes(double bytes) {
  return Scaled(bytes,
                {{1152921504606846976.0, "EiB"}, {1125899906842624.0, "PiB"},
                 {1099511627776.0, "TiB"}, {1073741824.0, "GiB"}, {1048576.0, "MiB"},
                 {1024.0, "KiB"}},
                "bytes", 4);
}

std::string FormatPicoTime(double picoseconds) {
  return Scaled(picoseconds,
                {{86400e12, "d"}, {3600e12, "h"}, {60e12, "min"}, {1e12, "s"}, {1e9, "ms"},
                 {1e6, "us"}, {1e3, "ns"}},
                "ps", 3);
}

}  // namespace porpoise::engine
