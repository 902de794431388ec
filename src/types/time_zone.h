// TimeZone: MySQL's time zones — SYSTEM, a fixed offset '+hh:mm', or a named zone read from
// the system's zoneinfo files (TZif) — and the conversions between UTC and local wall-clock
// time that NOW(), FROM_UNIXTIME, UNIX_TIMESTAMP and CONVERT_TZ make. (types/)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::types {

class TimeZone {
 public:
  // The zone `name` stands for, or nullptr when it is none (MySQL's 1298):
  //   "SYSTEM"         the server's zone (/etc/localtime, or UTC without it);
  //   "+hh:mm"/"-hh:mm" a fixed offset from -13:59 to +14:00;
  //   "Area/City", …   a file under the zoneinfo directory (TZDIR, else /usr/share/zoneinfo).
  // Named zones are read once and kept (thread-safe).
  static std::shared_ptr<const TimeZone> Find(std::string_view name);
  // UTC: offset 0.
  static std::shared_ptr<const TimeZone> Utc();

  // Seconds east of UTC at the UTC instant `utc_seconds` (since the Unix epoch).
  int64_t OffsetAt(int64_t utc_seconds) const;
  // The UTC instant of local wall-clock time `local_seconds` (seconds since the epoch as if
  // the wall clock were UTC). A time skipped by a change of offset is read with the offset
  // before the change; a repeated one as its first occurrence.
  int64_t ToUtc(int64_t local_seconds) const;
  int64_t ToLocal(int64_t utc_seconds) const { return utc_seconds + OffsetAt(utc_seconds); }

  const std::string& name() const { return name_; }
  // Whether it is UTC under any name (offset 0 always).
  bool IsUtc() const { return transitions_.empty() && initial_offset_ == 0; }

 private:
  TimeZone() = default;
  // Reads a TZif file's transitions; false when it is no such file.
  bool LoadTzif(const std::string& path);

  std::string name_;
  std::vector<int64_t> transitions_;  // UTC instants, ascending
  std::vector<int32_t> offsets_;      // the offset from each transition on
  int32_t initial_offset_ = 0;        // before the first transition (a fixed zone's offset)
};

}  // namespace porpoise::types
