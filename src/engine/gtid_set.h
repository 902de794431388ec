// GTID sets as GTID_SUBSET and GTID_SUBTRACT read and print them: "uuid:1-5:7,uuid2:tag:3".
// Porpoise writes no binary log, so these are pure functions of their text. (engine/)
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace porpoise::engine {

class GtidSet {
 public:
  // Reads `text` as MySQL does: whitespace around every part, empty elements between commas,
  // each UUID (36 characters, hyphens in place) followed by ':'-separated intervals ("5",
  // "1-10", numbers as strtoll reads them with base 0) and tags (a letter or '_', then letters,
  // digits or '_', at most 32, case folded), a tag applying to the intervals after it; an
  // interval whose end is below its start adds nothing. nullopt for malformed text.
  static std::optional<GtidSet> Parse(std::string_view text);

  // Every GTID of this set is in `other`.
  bool IsSubsetOf(const GtidSet& other) const;
  // Removes the GTIDs of `other`.
  void Subtract(const GtidSet& other);
  // MySQL's printed form: UUIDs in order, lower case, ",\n" between them; under each, its
  // untagged intervals and then each tag (in order) with its own ("uuid:1-3:5:tag:7");
  // "" for the empty set.
  std::string ToText() const;

 private:
  // A transaction source: the UUID's 16 bytes and the tag ("" for none).
  using Source = std::pair<std::array<uint8_t, 16>, std::string>;
  // Half-open [start, end) intervals, sorted, neither overlapping nor touching.
  using Intervals = std::vector<std::pair<int64_t, int64_t>>;

  void Add(const Source& source, int64_t start, int64_t end);

  std::map<Source, Intervals> sources_;
};

// The text MySQL quotes in 1772 (ER_MALFORMED_GTID_SET_SPECIFICATION) for a malformed set:
// the argument from its first non-space character, at most 200 bytes.
std::string MalformedGtidSetText(std::string_view text);

}  // namespace porpoise::engine
