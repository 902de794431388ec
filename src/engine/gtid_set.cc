#include "engine/gtid_set.h"

#include <algorithm>
#include <cstdlib>
#include <iterator>

#include "common/strings.h"

namespace porpoise::engine {

namespace {

constexpr size_t kUuidTextLength = 36;
constexpr size_t kTagMaxLength = 32;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

const char* SkipSpace(const char* s) {
  while (IsSpace(*s)) ++s;
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The 36-character form, hyphens after the 8th, 12th, 16th and 20th hex digit.
std::optional<std::array<uint8_t, 16>> ParseUuid(const char* s) {
  std::array<uint8_t, 16> bytes{};
  size_t byte = 0;
  for (size_t i = 0; i < kUuidTextLength; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return std::nullopt;
      continue;
    }
    int high = HexValue(s[i]);
    if (high < 0) return std::nullopt;
    int low = HexValue(s[i + 1]);
    if (low < 0) return std::nullopt;
    bytes[byte++] = static_cast<uint8_t>(high * 16 + low);
    ++i;
  }
  return bytes;
}

// A tag at `s` (spaces around it allowed), which must end at ':', ',' or the end. Returns
// how many characters it took (0 when it is no tag) and sets *tag (folded to lower case; ""
// when there were only spaces).
size_t ReadTag(const char* s, std::string* tag) {
  tag->clear();
  size_t pos = 0;
  while (IsSpace(s[pos])) ++pos;
  size_t start = pos;
  size_t length = 0;
  while (length < kTagMaxLength &&
         (IsAsciiAlpha(s[pos]) || s[pos] == '_' || (IsAsciiDigit(s[pos]) && length > 0))) {
    ++length;
    ++pos;
  }
  while (IsSpace(s[pos])) ++pos;
  if (s[pos] != ':' && s[pos] != ',' && s[pos] != '\0') return 0;
  *tag = ToLowerAscii(std::string_view(s + start, length));
  return pos;
}

// A UUID and the tag that may follow it ("uuid", "uuid:tag"). Returns the characters taken
// (0 when no UUID is there). An interval after the UUID is left in place, its ':' included.
size_t ReadSource(const char* s, std::array<uint8_t, 16>* uuid, std::string* tag) {
  tag->clear();
  std::optional<std::array<uint8_t, 16>> parsed = ParseUuid(s);
  if (!parsed) return 0;
  *uuid = *parsed;
  size_t read = kUuidTextLength;
  while (IsSpace(s[read])) ++read;
  if (s[read] == '\0' || s[read] == ',') return read;
  if (s[read] != ':') return 0;
  size_t after = 1;
  while (IsSpace(s[read + after])) ++after;
  read += ReadTag(s + read + after, tag);
  return tag->empty() ? read : read + after;
}

// A transaction number as MySQL reads it (strtoll, base 0); -1 for a negative one or one
// past 2^63 - 2, and then *s stays where it was.
int64_t ReadNumber(const char** s) {
  char* end = nullptr;
  long long value = std::strtoll(*s, &end, 0);
  if (value < 0 || value >= INT64_MAX) return -1;
  *s = end;
  return value;
}

}  // namespace

std::optional<GtidSet> GtidSet::Parse(std::string_view text) {
  // The argument is read as a C string: it ends at its first NUL.
  std::string copy(text.substr(0, text.find('\0')));
  GtidSet set;
  const char* s = SkipSpace(copy.c_str());
  while (true) {
    while (*s == ',') s = SkipSpace(s + 1);
    if (*s == '\0') return set;
    Source source;
    size_t read = ReadSource(s, &source.first, &source.second);
    if (read == 0) return std::nullopt;
    s = SkipSpace(s + read);
    while (*s == ':') {
      ++s;
      std::string tag;
      size_t tag_read = ReadTag(s, &tag);
      s = SkipSpace(s + tag_read);
      if (tag_read > 0) {
        source.second = tag;
        continue;
      }
      int64_t start = ReadNumber(&s);
      if (start <= 0) return std::nullopt;
      s = SkipSpace(s);
      int64_t end = start + 1;
      if (*s == '-') {
        ++s;
        end = ReadNumber(&s);
        if (end < 0) return std::nullopt;
        ++end;
        s = SkipSpace(s);
      }
      if (end > start) set.Add(source, start, end);
    }
    if (*s != ',' && *s != '\0') return std::nullopt;
  }
}

void GtidSet::Add(const Source& source, int64_t start, int64_t end) {
  Intervals& intervals = sources_[source];
  auto at = std::lower_bound(intervals.begin(), intervals.end(), std::make_pair(start, end));
  // Step back to an interval that reaches `start`, then absorb every one that touches.
  if (at != intervals.begin() && std::prev(at)->second >= start) --at;
  auto last = at;
  while (last != intervals.end() && last->first <= end) {
    start = std::min(start, last->first);
    end = std::max(end, last->second);
    ++last;
  }
  at = intervals.erase(at, last);
  intervals.insert(at, {start, end});
}

bool GtidSet::IsSubsetOf(const GtidSet& other) const {
  for (const auto& [source, intervals] : sources_) {
    if (intervals.empty()) continue;
    auto found = other.sources_.find(source);
    if (found == other.sources_.end()) return false;
    const Intervals& theirs = found->second;
    for (const auto& [start, end] : intervals) {
      auto after = std::upper_bound(theirs.begin(), theirs.end(), std::make_pair(start, INT64_MAX));
      if (after == theirs.begin()) return false;
      const auto& holder = *std::prev(after);
      if (holder.first > start || holder.second < end) return false;
    }
  }
  return true;
}

void GtidSet::Subtract(const GtidSet& other) {
  for (const auto& [source, removed] : other.sources_) {
    auto found = sources_.find(source);
    if (found == sources_.end()) continue;
    Intervals kept;
    for (auto [start, end] : found->second) {
      for (const auto& [cut_start, cut_end] : removed) {
        if (cut_end <= start || cut_start >= end) continue;
        if (cut_start > start) kept.emplace_back(start, cut_start);
        start = std::max(start, cut_end);
        if (start >= end) break;
      }
      if (start < end) kept.emplace_back(start, end);
    }
    found->second = std::move(kept);
  }
}

std::string GtidSet::ToText() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  const std::array<uint8_t, 16>* previous = nullptr;
  for (const auto& [source, intervals] : sources_) {
    if (intervals.empty()) continue;
    if (previous == nullptr || *previous != source.first) {
      if (previous != nullptr) text += ",\n";
      for (size_t i = 0; i < source.first.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += kHex[source.first[i] >> 4];
        text += kHex[source.first[i] & 15];
      }
      previous = &source.first;
    }
    if (!source.second.empty()) text += ":" + source.second;
    for (const auto& [start, end] : intervals) {
      text += ":" + std::to_string(start);
      if (end > start + 1) text += "-" + std::to_string(end - 1);
    }
  }
  return text;
}

std::string MalformedGtidSetText(std::string_view text) {
  text = text.substr(0, text.find('\0'));
  size_t first = 0;
  while (first < text.size() && IsSpace(text[first])) ++first;
  return std::string(text.substr(first, 200));
}

}  // namespace porpoise::engine
