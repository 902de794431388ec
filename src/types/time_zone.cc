// TimeZone: fixed offsets and TZif files (time_zone.h). (types/)
#include "types/time_zone.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>

namespace porpoise::types {

namespace {

int64_t BigEndian(const unsigned char* bytes, int count) {
  uint64_t value = 0;
  for (int i = 0; i < count; ++i) value = (value << 8) | bytes[i];
  if (count == 4) return static_cast<int32_t>(static_cast<uint32_t>(value));
  return static_cast<int64_t>(value);
}

// '+hh:mm' / '-hh:mm' in MySQL's range (-13:59 .. +14:00); false otherwise.
bool ParseOffset(std::string_view text, int64_t* seconds) {
  if (text.size() < 5 || text.size() > 6 || (text[0] != '+' && text[0] != '-')) return false;
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon > 3 || text.size() - colon != 3) {
    return false;
  }
  int64_t hours = 0, minutes = 0;
  for (size_t i = 1; i < colon; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    hours = hours * 10 + (text[i] - '0');
  }
  for (size_t i = colon + 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    minutes = minutes * 10 + (text[i] - '0');
  }
  if (minutes > 59) return false;
  int64_t total = (hours * 60 + minutes) * 60;
  if (text[0] == '-') total = -total;
  if (total > 14 * 3600 || total < -(13 * 3600 + 59 * 60)) return false;
  *seconds = total;
  return true;
}

// An offset as MySQL writes one: a sign (+ for zero), two-digit hours and minutes.
std::string OffsetName(int64_t seconds) {
  char text[16];
  int64_t magnitude = seconds < 0 ? -seconds : seconds;
  std::snprintf(text, sizeof(text), "%c%02d:%02d", seconds < 0 ? '-' : '+',
                static_cast<int>(magnitude / 3600), static_cast<int>(magnitude / 60 % 60));
  return text;
}

std::string ZoneInfoDirectory();

// The zone file whose name is `name` but for case ("utc" -> "UTC"), "" for none; the
// directory is read once.
std::string ZoneNameIgnoringCase(std::string_view name) {
  static const std::map<std::string, std::string> names = [] {
    std::map<std::string, std::string> found;
    std::error_code error;
    const std::filesystem::path root(ZoneInfoDirectory());
    for (auto it = std::filesystem::recursive_directory_iterator(root, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      std::error_code entry_error;  // (a broken link is skipped, not the end of the walk)
      if (!it->is_regular_file(entry_error)) continue;
      std::string relative = it->path().lexically_relative(root).string();  // (links kept)
      if (relative.empty()) continue;
      std::string lower = relative;
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      found.emplace(std::move(lower), std::move(relative));
    }
    return found;
  }();
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto found = names.find(lower);
  return found == names.end() ? std::string() : found->second;
}

// A zone name that can only name a file under the zoneinfo directory.
bool SafeZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/') return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return name.find("..") == std::string_view::npos && name.find("//") == std::string_view::npos;
}

std::string ZoneInfoDirectory() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
}

}  // namespace

bool TimeZone::LoadTzif(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  std::string data((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (data.size() > (1 << 20)) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  size_t size = data.size();
  // Header: "TZif", version, 15 reserved bytes, six 32-bit counts.
  auto header = [&](size_t at, int64_t counts[6]) {
    if (at + 44 > size || data.compare(at, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; ++i) counts[i] = BigEndian(bytes + at + 20 + 4 * i, 4);
    return true;
  };
  int64_t counts[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!header(0, counts)) return false;
  char version = data[4];
  size_t at = 44;
  int time_size = 4;
  if (version >= '2') {
    // Skip the 32-bit block; the 64-bit one follows with a header of its own.
    at += counts[3] * 4 + counts[3] + counts[4] * 6 + counts[5] + counts[2] * 8 + counts[1] +
          counts[0];
    if (!header(at, counts)) return false;
    at += 44;
    time_size = 8;
  }
  int64_t timecnt = counts[3], typecnt = counts[4];
  if (typecnt <= 0 || timecnt < 0 ||
      at + timecnt * time_size + timecnt + typecnt * 6 > size) {
    return false;
  }
  const unsigned char* times = bytes + at;
  const unsigned char* indexes = times + timecnt * time_size;
  const unsigned char* types = indexes + timecnt;
  std::vector<int32_t> type_offsets(static_cast<size_t>(typecnt));
  std::vector<bool> type_dst(static_cast<size_t>(typecnt));
  for (int64_t i = 0; i < typecnt; ++i) {
    type_offsets[static_cast<size_t>(i)] = static_cast<int32_t>(BigEndian(types + 6 * i, 4));
    type_dst[static_cast<size_t>(i)] = types[6 * i + 4] != 0;
  }
  for (int64_t i = 0; i < timecnt; ++i) {
    size_t type = indexes[i];
    if (type >= type_offsets.size()) return false;
    transitions_.push_back(BigEndian(times + i * time_size, time_size));
    offsets_.push_back(type_offsets[type]);
  }
  // Before the first transition: the first standard-time type (as localtime does).
  initial_offset_ = type_offsets[0];
  for (size_t i = 0; i < type_dst.size(); ++i) {
    if (!type_dst[i]) {
      initial_offset_ = type_offsets[i];
      break;
    }
  }
  return std::is_sorted(transitions_.begin(), transitions_.end());
}

std::shared_ptr<const TimeZone> TimeZone::Utc() {
  static const std::shared_ptr<const TimeZone> utc = [] {
    std::shared_ptr<TimeZone> zone(new TimeZone());
    zone->name_ = "+00:00";
    return zone;
  }();
  return utc;
}

std::shared_ptr<const TimeZone> TimeZone::Find(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  bool system = name.size() == 6 && std::equal(name.begin(), name.end(), "SYSTEM",
                                               [](char a, char b) { return (a & ~0x20) == b; });
  std::string key = system ? std::string("SYSTEM") : std::string(name);
  std::lock_guard<std::mutex> lock(mutex);
  if (auto found = cache.find(key); found != cache.end()) return found->second;
  std::shared_ptr<TimeZone> zone(new TimeZone());
  zone->name_ = key;
  int64_t offset = 0;
  if (system) {
    // The server's zone: TZ naming a zone file, else /etc/localtime, else UTC.
    const char* tz = std::getenv("TZ");
    std::string tz_name = tz != nullptr ? tz : "";
    if (!tz_name.empty() && tz_name.front() == ':') tz_name.erase(0, 1);
    bool loaded = !tz_name.empty() && SafeZoneName(tz_name) &&
                  zone->LoadTzif(ZoneInfoDirectory() + "/" + tz_name);
    if (!loaded) {
      zone->transitions_.clear();
      zone->offsets_.clear();
      if (!zone->LoadTzif("/etc/localtime")) {
        zone->transitions_.clear();
        zone->offsets_.clear();
        zone->initial_offset_ = 0;
      }
    }
  } else if (ParseOffset(name, &offset)) {
    zone->initial_offset_ = static_cast<int32_t>(offset);
    zone->name_ = OffsetName(offset);  // +5:30 is +05:30, -0:00 is +00:00 (as MySQL shows them)
  } else if (!SafeZoneName(name)) {
    return nullptr;
  } else if (!zone->LoadTzif(ZoneInfoDirectory() + "/" + key)) {
    // Zone names are matched regardless of case ('utc' is UTC), as MySQL's tables match them.
    std::string canonical = ZoneNameIgnoringCase(key);
    zone->transitions_.clear();
    zone->offsets_.clear();
    if (canonical.empty() || !zone->LoadTzif(ZoneInfoDirectory() + "/" + canonical)) return nullptr;
    zone->name_ = canonical;
  }
  if (cache.size() < 1024) cache.emplace(key, zone);
  return zone;
}

int64_t TimeZone::OffsetAt(int64_t utc_seconds) const {
  auto after = std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds);
  if (after == transitions_.begin()) return initial_offset_;
  return offsets_[static_cast<size_t>(after - transitions_.begin() - 1)];
}

int64_t TimeZone::ToUtc(int64_t local_seconds) const {
  // The offset in force an offset's width before the wall time, then checked against it.
  int64_t guess = local_seconds - OffsetAt(local_seconds - 86400);
  int64_t offset = OffsetAt(guess);
  int64_t utc = local_seconds - offset;
  if (OffsetAt(utc) != offset) utc = local_seconds - OffsetAt(utc);
  return utc;
}

}  // namespace porpoise::types
