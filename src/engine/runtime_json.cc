// The JSON functions' runtime: pp_json(signature, arguments...) for every scalar JSON
// function, and the aggregates pp_json_arrayagg / pp_json_objectagg. The signature
// ("json_set|jsj") names the function and tags each argument with its MySQL type
// (functions_json.cc), so that SQL values become the JSON values MySQL makes of them.
// Documents are read with types/json.h and printed back in MySQL's form. (engine/)
#include <openssl/evp.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "engine/runtime.h"
#include "engine/sqlite_functions.h"
#include "types/collation.h"
#include "types/json.h"
#include "types/json_path.h"
#include "types/json_schema.h"

namespace porpoise::engine {

namespace {

using types::JsonKind;
using types::JsonPath;
using types::JsonValue;

// One call: the function's name, the argument tags and the arguments after the signature.
struct JsonCall {
  sqlite3_context* context;
  std::string_view name;
  std::string_view tags;
  std::string_view extra;  // what follows a second '|' (json_compare's operator)
  int argc;
  sqlite3_value** argv;

  char tag(int i) const { return static_cast<size_t>(i) < tags.size() ? tags[static_cast<size_t>(i)] : 's'; }
  bool null(int i) const { return sqlite3_value_type(argv[i]) == SQLITE_NULL; }
  std::string_view bytes(int i) const { return BytesOf(argv[i]); }
  void Fail(Status status) const { RaiseError(context, std::move(status)); }
};

JsonCall MakeCall(sqlite3_context* context, std::string_view signature, int argc,
                  sqlite3_value** argv) {
  size_t bar = signature.find('|');
  std::string_view name = signature.substr(0, bar);
  std::string_view rest = bar == std::string_view::npos ? "" : signature.substr(bar + 1);
  size_t second = rest.find('|');
  std::string_view extra = second == std::string_view::npos ? "" : rest.substr(second + 1);
  return JsonCall{context, name, rest.substr(0, second), extra, argc, argv};
}

enum class Read { kOk, kNull, kFailed };

// Parses JSON text given as argument `i` of the call (3141 when it is not JSON). A JSON
// argument's text is what PrintJson made: its DECIMAL numbers are read back as DECIMAL.
Read ParseText(const JsonCall& call, int i, std::string_view text, JsonValue* out) {
  types::JsonParseError error;
  bool too_deep = false;
  types::JsonNumbers numbers =
      call.tag(i) == 'j' ? types::JsonNumbers::kPrinted : types::JsonNumbers::kDouble;
  if (types::ParseJson(text, out, &error, &too_deep, numbers)) return Read::kOk;
  if (too_deep) {
    call.Fail(Status::Error(ER_JSON_DOCUMENT_TOO_DEEP));
  } else {
    call.Fail(Status::Error(ER_INVALID_JSON_TEXT_IN_PARAM, i + 1, std::string(call.name),
                            error.message, error.offset, ""));
  }
  return Read::kFailed;
}

// Argument `i` as a JSON document: a JSON value, or a string holding JSON text.
Read Document(const JsonCall& call, int i, JsonValue* out) {
  char tag = call.tag(i);
  if (tag == 'x') {
    call.Fail(Status::Error(ER_INVALID_JSON_CHARSET, "binary"));
    return Read::kFailed;
  }
  if (tag != 'j' && tag != 's' && tag != 'n') {
    call.Fail(Status::Error(ER_INVALID_TYPE_FOR_JSON, i + 1, std::string(call.name)));
    return Read::kFailed;
  }
  if (call.null(i)) return Read::kNull;
  return ParseText(call, i, call.bytes(i), out);
}

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                               reinterpret_cast<const unsigned char*>(bytes.data()),
                               static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(std::max(length, 0)));
  return out;
}

// A DATETIME's or TIME's text with the six fraction digits JSON keeps.
std::string WithMicroseconds(std::string_view text) {
  std::string out(text);
  size_t dot = out.find('.');
  if (dot == std::string::npos) {
    out += ".000000";
  } else {
    out.append(6 - std::min<size_t>(6, out.size() - dot - 1), '0');
  }
  return out;
}

// Argument `i` as the JSON value MySQL makes of an SQL value: a string is a JSON string, a
// JSON value itself, TRUE a boolean, a date a DATE scalar, ...
Read SqlValue(const JsonCall& call, int i, JsonValue* out) {
  char tag = call.tag(i);
  if (call.null(i)) {
    *out = JsonValue::Null();
    return Read::kOk;
  }
  sqlite3_value* value = call.argv[i];
  switch (tag) {
    case 'j': return ParseText(call, i, call.bytes(i), out);
    case 'B': *out = JsonValue::Boolean(sqlite3_value_int64(value) != 0); return Read::kOk;
    case 'i':
    case 'z':
      if (sqlite3_value_type(value) == SQLITE_FLOAT) {
        *out = JsonValue::Double(sqlite3_value_double(value));
      } else {
        *out = JsonValue::Integer(sqlite3_value_int64(value));
      }
      return Read::kOk;
    case 'u': {
      if (sqlite3_value_type(value) == SQLITE_INTEGER) {
        *out = JsonValue::Integer(sqlite3_value_int64(value));
      } else {
        std::string text(call.bytes(i));
        uint64_t number = std::strtoull(text.c_str(), nullptr, 10);
        *out = number <= static_cast<uint64_t>(INT64_MAX)
                   ? JsonValue::Integer(static_cast<int64_t>(number))
                   : JsonValue::Unsigned(number);
      }
      return Read::kOk;
    }
    case 'd': *out = JsonValue::Decimal(std::string(call.bytes(i))); return Read::kOk;
    case 'r': *out = JsonValue::Double(sqlite3_value_double(value)); return Read::kOk;
    case 'D': *out = JsonValue::Temporal(JsonKind::kDate, std::string(call.bytes(i))); return Read::kOk;
    case 'M':
      *out = JsonValue::Temporal(JsonKind::kDateTime, WithMicroseconds(call.bytes(i)));
      return Read::kOk;
    case 'T':
      *out = JsonValue::Temporal(JsonKind::kTime, WithMicroseconds(call.bytes(i)));
      return Read::kOk;
    case 'x': {
      *out = JsonValue::Temporal(JsonKind::kOpaque, "base64:type15:" + Base64(call.bytes(i)));
      return Read::kOk;
    }
    default: *out = JsonValue::String(std::string(call.bytes(i))); return Read::kOk;
  }
}

// Argument `i` as a path; `no_wildcards` refuses *, ** and ranges (3149).
Read PathArgument(const JsonCall& call, int i, bool no_wildcards, JsonPath* out) {
  if (call.null(i)) return Read::kNull;
  Result<JsonPath> path = JsonPath::Parse(call.bytes(i));
  if (!path.ok()) {
    call.Fail(path.status());
    return Read::kFailed;
  }
  if (no_wildcards && path->HasWildcard()) {
    call.Fail(Status::Error(ER_INVALID_JSON_PATH_WILDCARD));
    return Read::kFailed;
  }
  *out = std::move(path).value();
  return Read::kOk;
}

void ResultText(sqlite3_context* context, std::string_view text) {
  sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void ResultJson(sqlite3_context* context, const JsonValue& value) {
  ResultText(context, types::PrintJson(value));
}

// The document of argument 0; false when the result is already set (NULL or an error).
bool ReadDocument(const JsonCall& call, int i, JsonValue* doc) {
  Read read = Document(call, i, doc);
  if (read == Read::kNull) sqlite3_result_null(call.context);
  return read == Read::kOk;
}

bool ReadPath(const JsonCall& call, int i, bool no_wildcards, JsonPath* path) {
  Read read = PathArgument(call, i, no_wildcards, path);
  if (read == Read::kNull) sqlite3_result_null(call.context);
  return read == Read::kOk;
}

// The one value a path without wildcards selects, or nullptr.
const JsonValue* Single(const JsonValue& doc, const JsonPath& path) {
  std::vector<const JsonValue*> found = types::FindJson(doc, path);
  return found.empty() ? nullptr : found.front();
}

void Extract(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  std::vector<JsonPath> paths;
  for (int i = 1; i < call.argc; ++i) {
    JsonPath path;
    if (!ReadPath(call, i, false, &path)) return;
    paths.push_back(std::move(path));
  }
  JsonValue all = JsonValue::Array();
  for (const JsonPath& path : paths) {
    for (const JsonValue* value : types::FindJson(doc, path)) all.Append(*value);
  }
  if (all.elements().empty()) return sqlite3_result_null(call.context);
  if (paths.size() == 1 && !paths[0].HasWildcard()) return ResultJson(call.context, all.elements()[0]);
  ResultJson(call.context, all);
}

void Object(const JsonCall& call) {
  JsonValue object = JsonValue::Object();
  for (int i = 0; i + 1 < call.argc; i += 2) {
    if (call.null(i)) return call.Fail(Status::Error(ER_JSON_DOCUMENT_NULL_KEY));
    JsonValue value;
    if (SqlValue(call, i + 1, &value) != Read::kOk) return;
    object.Put(std::string(call.bytes(i)), std::move(value));
  }
  ResultJson(call.context, object);
}

void ArrayOf(const JsonCall& call) {
  JsonValue array = JsonValue::Array();
  for (int i = 0; i < call.argc; ++i) {
    JsonValue value;
    if (SqlValue(call, i, &value) != Read::kOk) return;
    array.Append(std::move(value));
  }
  ResultJson(call.context, array);
}

// The value at the optional path argument `i` (the document itself without one); false
// when the result is set (NULL, or an error).
bool Target(const JsonCall& call, const JsonValue& doc, int i, const JsonValue** target) {
  *target = &doc;
  if (call.argc <= i) return true;
  JsonPath path;
  if (!ReadPath(call, i, true, &path)) return false;
  *target = Single(doc, path);
  if (*target == nullptr) {
    sqlite3_result_null(call.context);
    return false;
  }
  return true;
}

void Keys(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  const JsonValue* target = nullptr;
  if (!Target(call, doc, 1, &target)) return;
  if (!target->is_object()) return sqlite3_result_null(call.context);
  JsonValue keys = JsonValue::Array();
  for (const auto& member : target->members()) keys.Append(JsonValue::String(member.first));
  ResultJson(call.context, keys);
}

void Length(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  const JsonValue* target = nullptr;
  if (!Target(call, doc, 1, &target)) return;
  sqlite3_result_int64(call.context, static_cast<int64_t>(target->Length()));
}

void Depth(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  sqlite3_result_int64(call.context, doc.Depth());
}

void Valid(const JsonCall& call) {
  // (what is no string or JSON is not valid JSON text, NULL of such a type too: 0)
  char tag = call.tag(0);
  if (tag != 's' && tag != 'j' && tag != 'n') return sqlite3_result_int(call.context, 0);
  if (call.null(0)) return sqlite3_result_null(call.context);
  JsonValue doc;
  types::JsonParseError error;
  sqlite3_result_int(call.context, types::ParseJson(call.bytes(0), &doc, &error) ? 1 : 0);
}

void TypeOfDocument(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  ResultText(call.context, doc.TypeName());
}

void Unquote(const JsonCall& call) {
  if (call.null(0)) return sqlite3_result_null(call.context);
  std::string_view text = call.bytes(0);
  if (call.tag(0) == 'j') {
    JsonValue doc;
    if (ParseText(call, 0, text, &doc) != Read::kOk) return;
    return ResultText(call.context, types::UnquotedText(doc));
  }
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') {
    return ResultText(call.context, text);
  }
  JsonValue doc;
  if (ParseText(call, 0, text, &doc) != Read::kOk) return;
  ResultText(call.context, types::UnquotedText(doc));
}

void Quote(const JsonCall& call) {
  if (call.null(0)) return sqlite3_result_null(call.context);
  char tag = call.tag(0);
  if (tag != 's') {
    // (MySQL's JSON_QUOTE takes text types only: 3064 for any other)
    return call.Fail(Status::Error(ER_INCORRECT_TYPE, "1", std::string(call.name)));
  }
  std::string out;
  types::AppendJsonString(call.bytes(0), &out);
  ResultText(call.context, out);
}

void Contains(const JsonCall& call) {
  JsonValue target_doc, candidate;
  if (!ReadDocument(call, 0, &target_doc) || !ReadDocument(call, 1, &candidate)) return;
  const JsonValue* target = nullptr;
  if (!Target(call, target_doc, 2, &target)) return;
  sqlite3_result_int(call.context, types::JsonContains(*target, candidate) ? 1 : 0);
}

// 'one' or 'all' (either case); 3154 otherwise. nullopt when the result is set.
std::optional<bool> OneOrAll(const JsonCall& call, int i) {
  if (call.null(i)) {
    sqlite3_result_null(call.context);
    return std::nullopt;
  }
  if (EqualsIgnoreCase(call.bytes(i), "one")) return false;
  if (EqualsIgnoreCase(call.bytes(i), "all")) return true;
  call.Fail(Status::Error(ER_JSON_BAD_ONE_OR_ALL_ARG, std::string(call.name)));
  return std::nullopt;
}

void ContainsPath(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  std::optional<bool> all = OneOrAll(call, 1);
  if (!all) return;
  std::vector<JsonPath> paths;
  for (int i = 2; i < call.argc; ++i) {
    JsonPath path;
    if (!ReadPath(call, i, false, &path)) return;
    paths.push_back(std::move(path));
  }
  bool result = *all;
  for (const JsonPath& path : paths) {
    bool found = !types::FindJson(doc, path).empty();
    if (*all && !found) result = false;
    if (!*all && found) result = true;
  }
  sqlite3_result_int(call.context, result ? 1 : 0);
}

// JSON_SET, JSON_INSERT, JSON_REPLACE, JSON_ARRAY_APPEND, JSON_ARRAY_INSERT.
void Modify(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  for (int i = 1; i + 1 < call.argc; i += 2) {
    JsonPath path;
    if (!ReadPath(call, i, true, &path)) return;
    JsonValue value;
    if (SqlValue(call, i + 1, &value) != Read::kOk) return;
    if (call.name == "json_set") {
      types::SetJson(&doc, path, value, types::JsonSetMode::kSet);
    } else if (call.name == "json_insert") {
      types::SetJson(&doc, path, value, types::JsonSetMode::kInsert);
    } else if (call.name == "json_replace") {
      types::SetJson(&doc, path, value, types::JsonSetMode::kReplace);
    } else if (call.name == "json_array_append") {
      types::ArrayAppendJson(&doc, path, value);
    } else {
      if (path.legs().empty() || path.legs().back().kind != types::JsonPathLeg::Kind::kCell) {
        return call.Fail(Status::Error(ER_INVALID_JSON_PATH_ARRAY_CELL));
      }
      types::ArrayInsertJson(&doc, path, value);
    }
  }
  ResultJson(call.context, doc);
}

void Remove(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  // A NULL path makes the result NULL before any path is read ('$' among them).
  for (int i = 1; i < call.argc; ++i) {
    if (sqlite3_value_type(call.argv[i]) == SQLITE_NULL) return sqlite3_result_null(call.context);
  }
  std::vector<JsonPath> paths;
  for (int i = 1; i < call.argc; ++i) {
    JsonPath path;
    if (!ReadPath(call, i, true, &path)) return;
    if (path.legs().empty()) return call.Fail(Status::Error(ER_JSON_VACUOUS_PATH));
    paths.push_back(std::move(path));
  }
  for (const JsonPath& path : paths) types::RemoveJson(&doc, path);
  ResultJson(call.context, doc);
}

void Merge(const JsonCall& call) {
  bool patch = call.name == "json_merge_patch";
  JsonValue merged;
  bool null = false;
  for (int i = 0; i < call.argc; ++i) {
    JsonValue doc;
    Read read = Document(call, i, &doc);
    if (read == Read::kFailed) return;
    if (read == Read::kNull) {
      // (JSON_MERGE_PRESERVE stops at its first NULL, reading nothing after it)
      if (!patch) return sqlite3_result_null(call.context);
      null = true;
      continue;
    }
    if (i == 0) {
      merged = std::move(doc);
    } else if (patch) {
      // A NULL document stays NULL unless a later patch is no object (which replaces it).
      if (null && !doc.is_object()) null = false;
      merged = types::MergePatch(std::move(merged), doc);
    } else {
      merged = types::MergePreserve(std::move(merged), std::move(doc));
    }
  }
  if (null) return sqlite3_result_null(call.context);
  ResultJson(call.context, merged);
}

// Walks `value` (reached by `path`) for strings matching the pattern inside the selected
// values, appending each one's path.
struct SearchState {
  const types::Collation* collation;
  std::string_view pattern;
  uint32_t escape;
  bool all;
  std::unordered_set<const JsonValue*> roots;
  std::vector<std::string> found;
};

bool SearchIn(const JsonValue& value, bool inside, JsonPath* path, SearchState* state) {
  inside = inside || state->roots.count(&value) > 0;
  if (value.kind() == JsonKind::kString) {
    if (inside && state->collation->Like(value.text(), state->pattern, state->escape)) {
      std::string text = path->ToString();
      if (std::find(state->found.begin(), state->found.end(), text) == state->found.end()) {
        state->found.push_back(std::move(text));
      }
      if (!state->all) return true;
    }
    return false;
  }
  if (value.is_array()) {
    for (size_t k = 0; k < value.elements().size(); ++k) {
      types::JsonPathLeg leg;
      leg.kind = types::JsonPathLeg::Kind::kCell;
      leg.first.offset = k;
      path->Append(leg);
      bool done = SearchIn(value.elements()[k], inside, path, state);
      path->Pop();
      if (done) return true;
    }
  } else if (value.is_object()) {
    for (const auto& member : value.members()) {
      types::JsonPathLeg leg;
      leg.kind = types::JsonPathLeg::Kind::kMember;
      leg.key = member.first;
      path->Append(leg);
      bool done = SearchIn(member.second, inside, path, state);
      path->Pop();
      if (done) return true;
    }
  }
  return false;
}

void Search(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  std::optional<bool> all = OneOrAll(call, 1);
  if (!all) return;
  if (call.null(2)) return sqlite3_result_null(call.context);
  SearchState state;
  state.collation = types::FindCollationByName("utf8mb4_bin");
  state.pattern = call.bytes(2);
  state.escape = '\\';
  state.all = *all;
  if (call.argc > 3 && !call.null(3)) {
    std::string_view escape = call.bytes(3);
    // One character (of up to four bytes); empty keeps the backslash.
    if (!escape.empty()) {
      unsigned char lead = static_cast<unsigned char>(escape[0]);
      size_t length = lead < 0xc0 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (escape.size() != length) return call.Fail(Status::Error(ER_WRONG_ARGUMENTS, "ESCAPE"));
      uint32_t code = length == 1 ? lead : lead & (0x7f >> length);
      for (size_t i = 1; i < length; ++i) code = (code << 6) | (static_cast<unsigned char>(escape[i]) & 0x3f);
      state.escape = code;
    }
  }
  if (call.argc <= 4) {
    state.roots.insert(&doc);
  }
  for (int i = 4; i < call.argc; ++i) {
    JsonPath path;
    if (!ReadPath(call, i, false, &path)) return;
    for (const JsonValue* root : types::FindJson(doc, path)) state.roots.insert(root);
  }
  JsonPath root;
  SearchIn(doc, false, &root, &state);
  if (state.found.empty()) return sqlite3_result_null(call.context);
  if (state.found.size() == 1) return ResultJson(call.context, JsonValue::String(state.found[0]));
  JsonValue paths = JsonValue::Array();
  for (std::string& text : state.found) paths.Append(JsonValue::String(std::move(text)));
  ResultJson(call.context, paths);
}

void Overlaps(const JsonCall& call) {
  JsonValue a, b;
  if (!ReadDocument(call, 0, &a) || !ReadDocument(call, 1, &b)) return;
  sqlite3_result_int(call.context, types::JsonOverlaps(a, b) ? 1 : 0);
}

void MemberOf(const JsonCall& call) {
  if (call.null(0)) return sqlite3_result_null(call.context);
  JsonValue value, array;
  if (SqlValue(call, 0, &value) != Read::kOk) return;
  if (!ReadDocument(call, 1, &array)) return;
  bool member = array.is_array()
                    ? std::any_of(array.elements().begin(), array.elements().end(),
                                  [&](const JsonValue& e) { return types::JsonEquals(e, value); })
                    : types::JsonEquals(array, value);
  sqlite3_result_int(call.context, member ? 1 : 0);
}

void Pretty(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  ResultText(call.context, types::PrintJson(doc, true));
}

// The bytes MySQL's binary JSON format takes for a value stored inside a container of the
// small (2-byte offsets) or large (4-byte) kind, past its value entry; 0 when inlined.
size_t BinarySize(const JsonValue& value, bool large);

size_t VariableLength(size_t length) {
  size_t bytes = 1;
  while (length >= 128) {
    length >>= 7;
    ++bytes;
  }
  return bytes;
}

size_t ContainerSize(const JsonValue& value, bool large) {
  size_t offset = large ? 4 : 2;
  size_t size = 2 * offset;  // element count and byte size
  if (value.is_array()) {
    for (const JsonValue& element : value.elements()) {
      size += 1 + offset + BinarySize(element, large);
    }
  } else {
    for (const auto& member : value.members()) {
      size += offset + 2 + member.first.size() + 1 + offset + BinarySize(member.second, large);
    }
  }
  return size;
}

size_t ScalarSize(const JsonValue& value, bool large, bool inside) {
  switch (value.kind()) {
    case JsonKind::kNull:
    case JsonKind::kBoolean: return inside ? 0 : 1;
    case JsonKind::kInteger: {
      int64_t n = value.integer();
      if (n >= INT16_MIN && n <= INT16_MAX) return inside ? 0 : 2;
      if (n >= INT32_MIN && n <= INT32_MAX) return inside && large ? 0 : 4;
      return 8;
    }
    case JsonKind::kUnsigned: return 8;
    case JsonKind::kDouble: return 8;
    case JsonKind::kDecimal: {
      // The field type, the length, precision and scale, then 9 digits per 4 bytes.
      std::string_view text = value.text();
      size_t dot = text.find('.');
      size_t integer_digits = std::count_if(text.begin(), dot == std::string_view::npos ? text.end() : text.begin() + static_cast<std::ptrdiff_t>(dot),
                                            [](char c) { return c >= '0' && c <= '9'; });
      size_t scale = dot == std::string_view::npos ? 0 : text.size() - dot - 1;
      auto digits = [](size_t n) {
        static constexpr size_t kPartial[] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
        return n / 9 * 4 + kPartial[n % 9];
      };
      size_t data = 2 + digits(integer_digits) + digits(scale);
      return 1 + VariableLength(data) + data;
    }
    case JsonKind::kString: return VariableLength(value.text().size()) + value.text().size();
    case JsonKind::kDate:
    case JsonKind::kTime:
    case JsonKind::kDateTime: return 1 + 1 + 8;
    default: return 1 + VariableLength(value.text().size()) + value.text().size();
  }
}

size_t BinarySize(const JsonValue& value, bool large) {
  if (value.is_scalar()) return ScalarSize(value, large, true);
  size_t small = ContainerSize(value, false);
  return small <= UINT16_MAX ? small : ContainerSize(value, true);
}

void StorageSize(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  size_t size = doc.is_scalar() ? ScalarSize(doc, false, false) : BinarySize(doc, false);
  sqlite3_result_int64(call.context, static_cast<int64_t>(1 + size));
}

// JSON_STORAGE_FREE: the space a partial update left free in a stored value. JSON values
// are always written whole here, so it is 0 for any valid document.
void StorageFree(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  sqlite3_result_int64(call.context, 0);
}

void CastToJson(const JsonCall& call) {
  if (call.null(0)) return sqlite3_result_null(call.context);
  char tag = call.tag(0);
  JsonValue value;
  if (tag == 's') {
    if (ParseText(call, 0, call.bytes(0), &value) != Read::kOk) return;
  } else if (tag == 'x') {
    return call.Fail(Status::Error(ER_INVALID_JSON_CHARSET, "binary"));
  } else if (SqlValue(call, 0, &value) != Read::kOk) {
    return;
  }
  ResultJson(call.context, value);
}

// json_compare|tags|op: `a op b` by MySQL's JSON order; NULL when a side is NULL (but for <=>).
void Compare(const JsonCall& call) {
  bool null_safe = call.extra == "<=>";
  if (call.null(0) || call.null(1)) {
    if (null_safe) return sqlite3_result_int(call.context, call.null(0) && call.null(1) ? 1 : 0);
    return sqlite3_result_null(call.context);
  }
  JsonValue a, b;
  if (SqlValue(call, 0, &a) != Read::kOk || SqlValue(call, 1, &b) != Read::kOk) return;
  int c = types::CompareJson(a, b);
  std::string_view op = call.extra;
  bool result = op == "=" || op == "<=>" ? c == 0
                : op == "<>"           ? c != 0
                : op == "<"            ? c < 0
                : op == "<="           ? c <= 0
                : op == ">"            ? c > 0
                                       : c >= 0;
  sqlite3_result_int(call.context, result ? 1 : 0);
}

// Appends bytes whose memcmp order is CompareJson's order.
void AppendSortKey(const JsonValue& value, std::string* key) {
  auto text = [key](std::string_view bytes) {
    for (char c : bytes) {
      key->push_back(c);
      if (c == '\0') key->push_back('\xff');
    }
    key->append(2, '\0');
  };
  auto be32 = [key](uint64_t n) {
    for (int shift = 24; shift >= 0; shift -= 8) key->push_back(static_cast<char>((n >> shift) & 0xff));
  };
  static constexpr char kRank[] = {1, 2, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  key->push_back(kRank[static_cast<int>(value.kind())]);
  switch (value.kind()) {
    case JsonKind::kNull: break;
    case JsonKind::kInteger:
    case JsonKind::kUnsigned:
    case JsonKind::kDouble:
    case JsonKind::kDecimal: {
      double number = value.AsDouble();
      if (number == 0) number = 0;  // -0.0 sorts with 0
      uint64_t bits = 0;
      std::memcpy(&bits, &number, sizeof bits);
      bits = (bits & (uint64_t{1} << 63)) != 0 ? ~bits : bits | (uint64_t{1} << 63);
      for (int shift = 56; shift >= 0; shift -= 8) key->push_back(static_cast<char>((bits >> shift) & 0xff));
      break;
    }
    case JsonKind::kBoolean: key->push_back(value.boolean() ? 1 : 0); break;
    case JsonKind::kArray:
      for (const JsonValue& element : value.elements()) {
        key->push_back(1);
        AppendSortKey(element, key);
      }
      key->push_back(0);
      break;
    case JsonKind::kObject:
      be32(value.members().size());
      for (const auto& member : value.members()) {
        be32(member.first.size());
        key->append(member.first);
        AppendSortKey(member.second, key);
      }
      break;
    default: text(value.text()); break;
  }
}

void SortKey(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  std::string key;
  AppendSortKey(doc, &key);
  sqlite3_result_blob64(call.context, key.data(), key.size(), SQLITE_TRANSIENT);
}

// json_value|tags|<on empty><on error>[j]: see functions_json.cc.
void ValueAt(const JsonCall& call) {
  JsonValue doc;
  if (!ReadDocument(call, 0, &doc)) return;
  JsonPath path;
  if (!ReadPath(call, 1, false, &path)) return;
  char on_empty = call.extra.size() > 0 ? call.extra[0] : 'N';
  char on_error = call.extra.size() > 1 ? call.extra[1] : 'N';
  bool json = call.extra.size() > 2 && call.extra[2] == 'j';
  auto fallback = [&](char mode, int default_arg, Status error) {
    if (mode == 'E') return call.Fail(std::move(error));
    if (mode == 'D' && !call.null(default_arg)) return ResultText(call.context, call.bytes(default_arg));
    sqlite3_result_null(call.context);
  };
  std::vector<const JsonValue*> found = types::FindJson(std::as_const(doc), path);
  if (found.empty()) return fallback(on_empty, 2, Status::Error(ER_MISSING_JSON_VALUE, "json_value"));
  if (found.size() > 1) {
    return fallback(on_error, 3, Status::Error(ER_MULTIPLE_JSON_VALUES, "json_value"));
  }
  const JsonValue& value = *found.front();
  if (json) return ResultJson(call.context, value);
  if (!value.is_scalar()) {
    return fallback(on_error, 3,
                    Status::Error(ER_INVALID_JSON_VALUE_FOR_CAST, "CHAR", "", "json_value", 1));
  }
  if (value.kind() == JsonKind::kNull) return sqlite3_result_null(call.context);
  ResultText(call.context, types::UnquotedText(value));
}

// json_schema_valid / json_schema_validation_report (schema, document): NULL when either is.
void SchemaValidation(const JsonCall& call) {
  if (call.null(0) || call.null(1)) return sqlite3_result_null(call.context);
  Result<types::JsonSchemaReport> report =
      types::ValidateJsonSchema(call.bytes(0), call.bytes(1), call.name);
  if (!report.ok()) return call.Fail(report.status());
  if (call.name == "json_schema_valid") return sqlite3_result_int(call.context, report->valid ? 1 : 0);
  JsonValue result = JsonValue::Object();
  result.Put("valid", JsonValue::Boolean(report->valid));
  if (!report->valid) {
    result.Put("reason", JsonValue::String(report->Reason()));
    result.Put("schema-location", JsonValue::String(report->schema_location));
    result.Put("document-location", JsonValue::String(report->document_location));
    result.Put("schema-failed-keyword", JsonValue::String(report->failed_keyword));
  }
  ResultJson(call.context, result);
}

using Handler = void (*)(const JsonCall&);

const std::unordered_map<std::string_view, Handler>& Handlers() {
  static const auto* handlers = new std::unordered_map<std::string_view, Handler>{
      {"json_extract", Extract},
      {"json_object", Object},
      {"json_array", ArrayOf},
      {"json_keys", Keys},
      {"json_length", Length},
      {"json_depth", Depth},
      {"json_valid", Valid},
      {"json_type", TypeOfDocument},
      {"json_unquote", Unquote},
      {"json_quote", Quote},
      {"json_contains", Contains},
      {"json_contains_path", ContainsPath},
      {"json_set", Modify},
      {"json_insert", Modify},
      {"json_replace", Modify},
      {"json_array_append", Modify},
      {"json_array_insert", Modify},
      {"json_remove", Remove},
      {"json_merge_preserve", Merge},
      {"json_merge_patch", Merge},
      {"json_search", Search},
      {"json_overlaps", Overlaps},
      {"member of", MemberOf},
      {"json_pretty", Pretty},
      {"json_storage_size", StorageSize},
      {"json_storage_free", StorageFree},
      {"cast_as_json", CastToJson},
      {"json_compare", Compare},
      {"json_value", ValueAt},
      {"json_sort_key", SortKey},
      {"json_schema_valid", SchemaValidation},
      {"json_schema_validation_report", SchemaValidation},
  };
  return *handlers;
}

// pp_json(signature, arguments...).
void JsonFunction(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (argc < 1) return sqlite3_result_null(context);
  std::string signature(BytesOf(argv[0]));
  JsonCall call = MakeCall(context, signature, argc - 1, argv + 1);
  auto handler = Handlers().find(call.name);
  if (handler == Handlers().end()) return sqlite3_result_error(context, "pp_json: unknown function", -1);
  handler->second(call);
}

// The rows in the group (or the window frame), in order: a frame drops its first rows as it
// slides, so the array or object is built when its value is asked for.
struct JsonAggregateState {
  bool object = false;
  bool failed = false;
  std::deque<std::pair<std::string, JsonValue>> entries;
};

// pp_json_arrayagg(signature, value) / pp_json_objectagg(signature, key, value).
void JsonAggregateStep(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (argc < 2) return;
  auto* state = AggregateState<JsonAggregateState>(context, true);
  if (state == nullptr) return sqlite3_result_error_nomem(context);
  if (state->failed) return;
  std::string signature(BytesOf(argv[0]));
  JsonCall call = MakeCall(context, signature, argc - 1, argv + 1);
  state->object = call.name == "json_objectagg";
  JsonValue value;
  std::string key;
  if (state->object) {
    if (call.null(0)) {
      state->failed = true;
      return call.Fail(Status::Error(ER_JSON_DOCUMENT_NULL_KEY));
    }
    key = std::string(call.bytes(0));
  }
  if (SqlValue(call, state->object ? 1 : 0, &value) != Read::kOk) {
    state->failed = true;
    return;
  }
  state->entries.emplace_back(std::move(key), std::move(value));
}

// A row leaving a window frame: the oldest one.
void JsonAggregateInverse(sqlite3_context* context, int, sqlite3_value**) {
  auto* state = AggregateState<JsonAggregateState>(context, false);
  if (state != nullptr && !state->entries.empty()) state->entries.pop_front();
}

void JsonAggregateResult(sqlite3_context* context, const JsonAggregateState* state) {
  if (state == nullptr || state->entries.empty()) return sqlite3_result_null(context);
  JsonValue result = state->object ? JsonValue::Object() : JsonValue::Array();
  for (const auto& [key, value] : state->entries) {
    if (state->object) {
      result.Put(key, value);
    } else {
      result.Append(value);
    }
  }
  ResultJson(context, result);
}

void JsonAggregateValue(sqlite3_context* context) {
  JsonAggregateResult(context, AggregateState<JsonAggregateState>(context, false));
}

void JsonAggregateFinal(sqlite3_context* context) {
  std::unique_ptr<JsonAggregateState> state(AggregateState<JsonAggregateState>(context, false));
  JsonAggregateResult(context, state.get());
}

}  // namespace

Status RegisterJsonRuntime(sqlite3* db, FunctionHost* host) {
  static constexpr ScalarFunction kScalars[] = {
      {"pp_json", -1, JsonFunction, true},
  };
  PORPOISE_RETURN_IF_ERROR(RegisterScalars(db, host, kScalars));
  for (const char* name : {"pp_json_arrayagg", "pp_json_objectagg"}) {
    int rc = sqlite3_create_window_function(db, name, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, host,
                                            JsonAggregateStep, JsonAggregateFinal,
                                            JsonAggregateValue, JsonAggregateInverse, nullptr);
    if (rc != SQLITE_OK) return Status::Error(ER_UNKNOWN_ERROR);
  }
  return Status::OK();
}

}  // namespace porpoise::engine
