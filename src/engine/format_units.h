// The text FORMAT_BYTES and FORMAT_PICO_TIME give: a count with the unit that keeps it short,
// as MySQL's performance_schema functions print it. (engine/)
#pragma once

#include <string>

namespace porpoise::engine {

// "512 bytes" below 1 KiB (a whole number, right-aligned in 4 places: " 512 bytes"), else two
// decimals and KiB, MiB, GiB, TiB, PiB or EiB ("1.00 KiB"); from 100000 of the largest unit
// on, an exponent ("1.00e+05 EiB"). Negative counts take the unit of their magnitude.
std::string FormatBytes(double bytes);

// The same for picoseconds: whole "ps" below 1 ns (in 3 places: "  5 ps"), else two decimals
// and ns, us, ms, s, min, h or d ("3.50 ns", "1.00 h").
std::string FormatPicoTime(double picoseconds);

}  // namespace porpoise::engine
