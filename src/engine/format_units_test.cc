// FORMAT_BYTES and FORMAT_PICO_TIME's text: units, rounding, alignment below the first unit,
// exponents past 100000 of the largest one, negative counts.
#include "engine/format_units.h"

#include <gtest/gtest.h>

namespace porpoise::engine {
namespace {

TEST(FormatUnitsTest, BytesBelowOneKibAreWholeAndRightAligned) {
  EXPECT_EQ(FormatBytes(512), " 512 bytes");
  EXPECT_EQ(FormatBytes(0), "   0 bytes");
  EXPECT_EQ(FormatBytes(1023), "1023 bytes");
  EXPECT_EQ(FormatBytes(1023.9), "1023 bytes");  // truncated, not rounded
  EXPECT_EQ(FormatBytes(-5), "  -5 bytes");
}

TEST(FormatUnitsTest, BytesTakeTheLargestUnitReached) {
  EXPECT_EQ(FormatBytes(1024), "1.00 KiB");
  EXPECT_EQ(FormatBytes(1536), "1.50 KiB");
  EXPECT_EQ(FormatBytes(1048575), "1024.00 KiB");  // rounds, but stays in KiB
  EXPECT_EQ(FormatBytes(1048576), "1.00 MiB");
  EXPECT_EQ(FormatBytes(23487234), "22.40 MiB");
  EXPECT_EQ(FormatBytes(2348723492723746), "2.09 PiB");
  EXPECT_EQ(FormatBytes(18446644073709551615.0), "16.00 EiB");
  EXPECT_EQ(FormatBytes(-2048), "-2.00 KiB");
  EXPECT_EQ(FormatBytes(1.2e24), "1.04e+06 EiB");
}

TEST(FormatUnitsTest, PicoTimes) {
  EXPECT_EQ(FormatPicoTime(5), "  5 ps");
  EXPECT_EQ(FormatPicoTime(999), "999 ps");
  EXPECT_EQ(FormatPicoTime(3501), "3.50 ns");
  EXPECT_EQ(FormatPicoTime(2401), "2.40 ns");
  EXPECT_EQ(FormatPicoTime(43211234), "43.21 us");
  EXPECT_EQ(FormatPicoTime(432112344321), "432.11 ms");
  EXPECT_EQ(FormatPicoTime(43211234432123), "43.21 s");
  EXPECT_EQ(FormatPicoTime(188732396662000), "3.15 min");
  EXPECT_EQ(FormatPicoTime(3600e12), "1.00 h");
  EXPECT_EQ(FormatPicoTime(4.32112344321234545e17), "5.00 d");
  EXPECT_EQ(FormatPicoTime(86400e12 * 200000), "2.00e+05 d");
  EXPECT_EQ(FormatPicoTime(-3501), "-3.50 ns");
}

}  // namespace
}  // namespace porpoise::engine
