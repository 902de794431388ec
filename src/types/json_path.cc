#include "types/json_path.h"

#include <algorithm>
#include <unordered_set>

namespace porpoise::types {

int64_t JsonArrayIndex::Resolve(size_t size) const {
  if (!from_last) return offset > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(offset);
  if (offset >= size) return -1;
  return static_cast<int64_t>(size - 1 - offset);
}

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IdentifierStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool IdentifierPart(char c) { return IdentifierStart(c) || (c >= '0' && c <= '9'); }

// A recursive-descent reader over the path text; `pos` is where a failure is reported.
class PathReader {
 public:
  explicit PathReader(std::string_view text) : text_(text) {}

  Result<JsonPath> Read() {
    JsonPath path;
    SkipSpace();
    if (!Take('$')) return Fail();
    while (true) {
      SkipSpace();
      if (pos_ == text_.size()) break;
      JsonPathLeg leg;
      if (Take('.')) {
        SkipSpace();
        if (!ReadMember(&leg)) return Fail();
      } else if (Take('[')) {
        if (!ReadCell(&leg)) return Fail();
      } else if (Take('*')) {
        if (!Take('*')) return Fail();
        leg.kind = JsonPathLeg::Kind::kEllipsis;
      } else {
        return Fail();
      }
      path.Append(std::move(leg));
    }
    // A path may not end with ** (nor hold *** ).
    if (!path.legs().empty() && path.legs().back().kind == JsonPathLeg::Kind::kEllipsis) {
      return Fail();
    }
    return path;
  }

 private:
  Status Fail() const {
    size_t position = std::min(pos_ + 1, text_.size());
    return Status::Error(ER_INVALID_JSON_PATH, position, "");
  }

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) ++pos_;
  }

  bool Take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool ReadMember(JsonPathLeg* leg) {
    if (Take('*')) {
      leg->kind = JsonPathLeg::Kind::kMemberWildcard;
      return true;
    }
    leg->kind = JsonPathLeg::Kind::kMember;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      // A quoted key is a JSON string: find its closing quote, then let the JSON reader
      // unescape it.
      size_t end = pos_ + 1;
      while (end < text_.size() && text_[end] != '"') end += text_[end] == '\\' ? 2 : 1;
      if (end >= text_.size()) return false;
      JsonValue key;
      JsonParseError error;
      if (!ParseJson(text_.substr(pos_, end + 1 - pos_), &key, &error)) return false;
      leg->key = key.text();
      pos_ = end + 1;
      return true;
    }
    if (pos_ >= text_.size() || !IdentifierStart(text_[pos_])) return false;
    size_t start = pos_;
    while (pos_ < text_.size() && IdentifierPart(text_[pos_])) ++pos_;
    leg->key = std::string(text_.substr(start, pos_ - start));
    return true;
  }

  bool ReadIndex(JsonArrayIndex* index) {
    SkipSpace();
    if (text_.substr(pos_).starts_with("last")) {
      pos_ += 4;
      index->from_last = true;
      SkipSpace();
      if (!Take('-')) return true;
      SkipSpace();
      return ReadNumber(&index->offset);
    }
    return ReadNumber(&index->offset);
  }

  bool ReadNumber(uint64_t* out) {
    size_t start = pos_;
    uint64_t value = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      uint64_t digit = static_cast<uint64_t>(text_[pos_] - '0');
      if (value > (UINT32_MAX - digit) / 10) return false;  // MySQL's indexes are 32-bit
      value = value * 10 + digit;
      ++pos_;
    }
    *out = value;
    return pos_ > start;
  }

  bool ReadCell(JsonPathLeg* leg) {
    SkipSpace();
    if (Take('*')) {
      leg->kind = JsonPathLeg::Kind::kCellWildcard;
    } else {
      if (!ReadIndex(&leg->first)) return false;
      leg->kind = JsonPathLeg::Kind::kCell;
      SkipSpace();
      // `m to n` needs space around "to".
      if (pos_ > 0 && IsSpace(text_[pos_ - 1]) && text_.substr(pos_).starts_with("to") &&
          pos_ + 2 < text_.size() && IsSpace(text_[pos_ + 2])) {
        pos_ += 2;
        if (!ReadIndex(&leg->last)) return false;
        leg->kind = JsonPathLeg::Kind::kRange;
        // A range whose ends are both counted the same way must not run backwards.
        if (leg->first.from_last == leg->last.from_last &&
            (leg->first.from_last ? leg->first.offset < leg->last.offset
                                  : leg->first.offset > leg->last.offset)) {
          return false;
        }
      }
    }
    SkipSpace();
    return Take(']');
  }

  std::string_view text_;
  size_t pos_ = 0;
};

bool IsIdentifier(std::string_view key) {
  if (key.empty() || !IdentifierStart(key[0]) || (key[0] >= '0' && key[0] <= '9')) return false;
  return std::all_of(key.begin(), key.end(), IdentifierPart);
}

// The [first, last] index span a cell or range leg selects in a value of `size` elements
// (size 1 for a value that is not an array); empty when first > last.
std::pair<int64_t, int64_t> Span(const JsonPathLeg& leg, size_t size) {
  if (leg.kind == JsonPathLeg::Kind::kCell) {
    int64_t index = leg.first.Resolve(size);
    return {index, index};
  }
  int64_t first = std::max<int64_t>(leg.first.Resolve(size), 0);
  int64_t last = leg.last.Resolve(size);
  if (last >= static_cast<int64_t>(size)) last = static_cast<int64_t>(size) - 1;
  return {first, last};
}

void Walk(const JsonValue* value, const std::vector<JsonPathLeg>& legs, size_t i,
          std::vector<const JsonValue*>* out) {
  if (i == legs.size()) {
    out->push_back(value);
    return;
  }
  const JsonPathLeg& leg = legs[i];
  switch (leg.kind) {
    case JsonPathLeg::Kind::kMember:
      if (value->is_object()) {
        if (const JsonValue* member = value->Find(leg.key)) Walk(member, legs, i + 1, out);
      }
      break;
    case JsonPathLeg::Kind::kMemberWildcard:
      if (value->is_object()) {
        for (const auto& member : value->members()) Walk(&member.second, legs, i + 1, out);
      }
      break;
    case JsonPathLeg::Kind::kCellWildcard:
      if (value->is_array()) {
        for (const JsonValue& element : value->elements()) Walk(&element, legs, i + 1, out);
      }
      break;
    case JsonPathLeg::Kind::kCell:
    case JsonPathLeg::Kind::kRange: {
      bool array = value->is_array();
      size_t size = array ? value->elements().size() : 1;
      auto [first, last] = Span(leg, size);
      for (int64_t k = std::max<int64_t>(first, 0); k <= last && k < static_cast<int64_t>(size);
           ++k) {
        Walk(array ? &value->elements()[static_cast<size_t>(k)] : value, legs, i + 1, out);
      }
      break;
    }
    case JsonPathLeg::Kind::kEllipsis:
      Walk(value, legs, i + 1, out);
      if (value->is_array()) {
        for (const JsonValue& element : value->elements()) Walk(&element, legs, i, out);
      } else if (value->is_object()) {
        for (const auto& member : value->members()) Walk(&member.second, legs, i, out);
      }
      break;
  }
}

// The values the path without its last leg selects (at most one without wildcards).
JsonValue* Parent(JsonValue* doc, const JsonPath& path) {
  JsonPath parent_path = path;
  parent_path.Pop();
  std::vector<JsonValue*> parents = FindJson(*doc, parent_path);
  return parents.empty() ? nullptr : parents.front();
}

JsonValue WrapInArray(JsonValue value) {
  if (value.is_array()) return value;
  JsonValue array = JsonValue::Array();
  array.Append(std::move(value));
  return array;
}

}  // namespace

Result<JsonPath> JsonPath::Parse(std::string_view text) { return PathReader(text).Read(); }

bool JsonPath::HasWildcard() const {
  return std::any_of(legs_.begin(), legs_.end(), [](const JsonPathLeg& leg) {
    return leg.kind != JsonPathLeg::Kind::kMember && leg.kind != JsonPathLeg::Kind::kCell;
  });
}

std::string JsonPath::ToString() const {
  std::string out = "$";
  auto index = [&](const JsonArrayIndex& i) {
    if (!i.from_last) return std::to_string(i.offset);
    return i.offset == 0 ? std::string("last") : "last-" + std::to_string(i.offset);
  };
  for (const JsonPathLeg& leg : legs_) {
    switch (leg.kind) {
      case JsonPathLeg::Kind::kMember:
        out += '.';
        if (IsIdentifier(leg.key)) {
          out += leg.key;
        } else {
          AppendJsonString(leg.key, &out);
        }
        break;
      case JsonPathLeg::Kind::kMemberWildcard: out += ".*"; break;
      case JsonPathLeg::Kind::kCell: out += "[" + index(leg.first) + "]"; break;
      case JsonPathLeg::Kind::kCellWildcard: out += "[*]"; break;
      case JsonPathLeg::Kind::kRange:
        out += "[" + index(leg.first) + " to " + index(leg.last) + "]";
        break;
      case JsonPathLeg::Kind::kEllipsis: out += "**"; break;
    }
  }
  return out;
}

std::vector<const JsonValue*> FindJson(const JsonValue& doc, const JsonPath& path) {
  std::vector<const JsonValue*> found;
  Walk(&doc, path.legs(), 0, &found);
  if (found.size() > 1 && path.HasWildcard()) {
    // ** can reach a value along two ways: keep its first.
    std::unordered_set<const JsonValue*> seen;
    std::vector<const JsonValue*> unique;
    for (const JsonValue* value : found) {
      if (seen.insert(value).second) unique.push_back(value);
    }
    found = std::move(unique);
  }
  return found;
}

std::vector<JsonValue*> FindJson(JsonValue& doc, const JsonPath& path) {
  std::vector<JsonValue*> out;
  for (const JsonValue* value : FindJson(static_cast<const JsonValue&>(doc), path)) {
    out.push_back(const_cast<JsonValue*>(value));
  }
  return out;
}

void SetJson(JsonValue* doc, const JsonPath& path, const JsonValue& value, JsonSetMode mode) {
  if (path.legs().empty()) {
    if (mode != JsonSetMode::kInsert) *doc = value;
    return;
  }
  JsonValue* parent = Parent(doc, path);
  if (parent == nullptr) return;
  const JsonPathLeg& leg = path.legs().back();
  if (leg.kind == JsonPathLeg::Kind::kMember) {
    if (!parent->is_object()) return;
    bool exists = parent->Find(leg.key) != nullptr;
    if (exists ? mode != JsonSetMode::kInsert : mode != JsonSetMode::kReplace) {
      parent->Put(leg.key, value);
    }
    return;
  }
  size_t size = parent->is_array() ? parent->elements().size() : 1;
  int64_t index = leg.first.Resolve(size);
  if (index < 0) return;
  if (index < static_cast<int64_t>(size)) {
    if (mode == JsonSetMode::kInsert) return;
    if (parent->is_array()) {
      parent->elements()[static_cast<size_t>(index)] = value;
    } else {
      *parent = value;
    }
    return;
  }
  if (mode == JsonSetMode::kReplace) return;
  *parent = WrapInArray(std::move(*parent));
  parent->Append(value);
}

void RemoveJson(JsonValue* doc, const JsonPath& path) {
  JsonValue* parent = Parent(doc, path);
  if (parent == nullptr) return;
  const JsonPathLeg& leg = path.legs().back();
  if (leg.kind == JsonPathLeg::Kind::kMember) {
    if (parent->is_object()) parent->Remove(leg.key);
    return;
  }
  if (!parent->is_array()) return;
  auto& elements = parent->elements();
  int64_t index = leg.first.Resolve(elements.size());
  if (index >= 0 && index < static_cast<int64_t>(elements.size())) {
    elements.erase(elements.begin() + index);
  }
}

void ArrayAppendJson(JsonValue* doc, const JsonPath& path, const JsonValue& value) {
  std::vector<JsonValue*> targets = FindJson(*doc, path);
  if (targets.empty()) return;
  JsonValue* target = targets.front();
  *target = WrapInArray(std::move(*target));
  target->Append(value);
}

void ArrayInsertJson(JsonValue* doc, const JsonPath& path, const JsonValue& value) {
  JsonValue* parent = Parent(doc, path);
  if (parent == nullptr || !parent->is_array()) return;
  auto& elements = parent->elements();
  int64_t index = path.legs().back().first.Resolve(elements.size());
  if (index < 0) index = 0;
  size_t at = std::min(static_cast<size_t>(index), elements.size());
  elements.insert(elements.begin() + static_cast<std::ptrdiff_t>(at), value);
}

JsonValue MergePreserve(JsonValue left, JsonValue right) {
  if (left.is_object() && right.is_object()) {
    for (auto& member : right.members()) {
      if (JsonValue* existing = left.Find(member.first)) {
        *existing = MergePreserve(std::move(*existing), std::move(member.second));
      } else {
        left.Put(member.first, std::move(member.second));
      }
    }
    return left;
  }
  JsonValue merged = WrapInArray(std::move(left));
  if (right.is_array()) {
    for (JsonValue& element : right.elements()) merged.Append(std::move(element));
  } else {
    merged.Append(std::move(right));
  }
  return merged;
}

JsonValue MergePatch(JsonValue target, const JsonValue& patch) {
  if (!patch.is_object()) return patch;
  if (!target.is_object()) target = JsonValue::Object();
  for (const auto& member : patch.members()) {
    if (member.second.kind() == JsonKind::kNull) {
      target.Remove(member.first);
    } else if (JsonValue* existing = target.Find(member.first)) {
      *existing = MergePatch(std::move(*existing), member.second);
    } else {
      target.Put(member.first, MergePatch(JsonValue::Null(), member.second));
    }
  }
  return target;
}

bool JsonContains(const JsonValue& target, const JsonValue& candidate) {
  if (target.is_array()) {
    auto in_some_element = [&](const JsonValue& c) {
      return std::any_of(target.elements().begin(), target.elements().end(),
                         [&](const JsonValue& e) { return JsonContains(e, c); });
    };
    if (candidate.is_array()) {
      return std::all_of(candidate.elements().begin(), candidate.elements().end(),
                         in_some_element);
    }
    return in_some_element(candidate);
  }
  if (target.is_object()) {
    if (!candidate.is_object()) return false;
    return std::all_of(candidate.members().begin(), candidate.members().end(),
                       [&](const JsonValue::Member& member) {
                         const JsonValue* value = target.Find(member.first);
                         return value != nullptr && JsonContains(*value, member.second);
                       });
  }
  return candidate.is_scalar() && JsonEquals(target, candidate);
}

bool JsonOverlaps(const JsonValue& a, const JsonValue& b) {
  if (a.is_array() && b.is_array()) {
    for (const JsonValue& x : a.elements()) {
      for (const JsonValue& y : b.elements()) {
        if (JsonEquals(x, y)) return true;
      }
    }
    return false;
  }
  if (a.is_array() || b.is_array()) {
    const JsonValue& array = a.is_array() ? a : b;
    const JsonValue& other = a.is_array() ? b : a;
    return std::any_of(array.elements().begin(), array.elements().end(),
                       [&](const JsonValue& e) { return JsonEquals(e, other); });
  }
  if (a.is_object() && b.is_object()) {
    for (const auto& member : a.members()) {
      const JsonValue* value = b.Find(member.first);
      if (value != nullptr && JsonEquals(*value, member.second)) return true;
    }
    return false;
  }
  return JsonEquals(a, b);
}

}  // namespace porpoise::types
