// MySQL's JSON path language ($.a.b, $."key", $[1], $[last-1], $[1 to 3], $.*, $[*], $**.c)
// and the operations on a document that take paths: finding values, and the changes of
// JSON_SET / JSON_INSERT / JSON_REPLACE / JSON_REMOVE / JSON_ARRAY_APPEND / JSON_ARRAY_INSERT.
// (types/)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/json.h"

namespace porpoise::types {

struct JsonArrayIndex {
  uint64_t offset = 0;
  bool from_last = false;  // `last - offset`

  // The index in an array of `size` elements; negative when it is before the first.
  int64_t Resolve(size_t size) const;
};

struct JsonPathLeg {
  enum class Kind : uint8_t {
    kMember,          // .key / ."key"
    kMemberWildcard,  // .*
    kCell,            // [n] / [last - n]
    kCellWildcard,    // [*]
    kRange,           // [m to n]
    kEllipsis,        // **
  };
  Kind kind = Kind::kMember;
  std::string key;
  JsonArrayIndex first, last;  // kCell: first; kRange: first and last
};

class JsonPath {
 public:
  // Parses `text`; 3143 (with the 1-based character position) when it is no path.
  static Result<JsonPath> Parse(std::string_view text);

  const std::vector<JsonPathLeg>& legs() const { return legs_; }
  // Whether a leg can match more than one value (*, **, a range).
  bool HasWildcard() const;
  // The path printed as MySQL prints it (JSON_SEARCH's answers): $.a[1]."b c".
  std::string ToString() const;

  void Append(JsonPathLeg leg) { legs_.push_back(std::move(leg)); }
  void Pop() { legs_.pop_back(); }

 private:
  std::vector<JsonPathLeg> legs_;
};

// The values `path` selects in `doc`, in document order, each once. A cell leg applied to a
// value that is not an array selects the value itself for index 0 (MySQL's auto-wrapping).
std::vector<const JsonValue*> FindJson(const JsonValue& doc, const JsonPath& path);
std::vector<JsonValue*> FindJson(JsonValue& doc, const JsonPath& path);

// How SetJson treats a path that exists and one that does not.
enum class JsonSetMode : uint8_t { kSet, kInsert, kReplace };

// One path of JSON_SET / JSON_INSERT / JSON_REPLACE. REQUIRES: no wildcard in `path`.
void SetJson(JsonValue* doc, const JsonPath& path, const JsonValue& value, JsonSetMode mode);
// One path of JSON_REMOVE. REQUIRES: no wildcard, at least one leg.
void RemoveJson(JsonValue* doc, const JsonPath& path);
// One path of JSON_ARRAY_APPEND: appends to the array at `path`, or makes the value there an
// array of itself and `value`. REQUIRES: no wildcard.
void ArrayAppendJson(JsonValue* doc, const JsonPath& path, const JsonValue& value);
// One path of JSON_ARRAY_INSERT. REQUIRES: no wildcard; the last leg is a cell.
void ArrayInsertJson(JsonValue* doc, const JsonPath& path, const JsonValue& value);

// JSON_MERGE_PRESERVE of two values and JSON_MERGE_PATCH's RFC 7396 merge.
JsonValue MergePreserve(JsonValue left, JsonValue right);
JsonValue MergePatch(JsonValue target, const JsonValue& patch);
// JSON_CONTAINS(target, candidate).
bool JsonContains(const JsonValue& target, const JsonValue& candidate);
// JSON_OVERLAPS(a, b).
bool JsonOverlaps(const JsonValue& a, const JsonValue& b);

}  // namespace porpoise::types
