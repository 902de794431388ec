// JSON values as MySQL models them: a document tree whose scalars keep MySQL's number kinds
// (signed, unsigned, double, decimal) and its temporal kinds, whose objects hold each key once
// in MySQL's key order (shorter keys first, then bytewise), read from JSON text by RapidJSON's
// reader and printed in MySQL's form (`{"a": 1, "b": [2, 3.5]}`). (types/)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace porpoise::types {

// The kinds JSON_TYPE names, in MySQL's comparison order where it matters (see CompareJson).
enum class JsonKind : uint8_t {
  kNull, kInteger, kUnsigned, kDouble, kDecimal, kString, kObject, kArray, kBoolean,
  kDate, kTime, kDateTime, kOpaque,
};

// MySQL's deepest document (JSON_DOCUMENT_MAX_DEPTH): parsing or building deeper is an error.
inline constexpr int kJsonMaxDepth = 100;

class JsonValue {
 public:
  using Member = std::pair<std::string, JsonValue>;

  JsonValue() = default;  // null
  static JsonValue Null() { return JsonValue(); }
  static JsonValue Boolean(bool value);
  static JsonValue Integer(int64_t value);
  static JsonValue Unsigned(uint64_t value);
  static JsonValue Double(double value);
  // `text` is the canonical text of a DECIMAL ("1.50").
  static JsonValue Decimal(std::string text);
  static JsonValue String(std::string text);
  // `text` is the canonical text of the value ("2020-01-02", "10:00:00.000000").
  static JsonValue Temporal(JsonKind kind, std::string text);
  static JsonValue Array();
  static JsonValue Object();

  JsonKind kind() const { return kind_; }
  bool is_array() const { return kind_ == JsonKind::kArray; }
  bool is_object() const { return kind_ == JsonKind::kObject; }
  bool is_scalar() const { return !is_array() && !is_object(); }
  bool is_number() const;

  bool boolean() const { return integer_ != 0; }
  int64_t integer() const { return integer_; }
  uint64_t unsigned_value() const { return static_cast<uint64_t>(integer_); }
  double real() const { return real_; }
  // The text of a string, decimal or temporal value.
  const std::string& text() const { return text_; }
  // The value of any number as a double.
  double AsDouble() const;

  // Arrays.
  std::vector<JsonValue>& elements() { return elements_; }
  const std::vector<JsonValue>& elements() const { return elements_; }
  void Append(JsonValue value) { elements_.push_back(std::move(value)); }

  // Objects: members in key order, each key once.
  const std::vector<Member>& members() const { return members_; }
  std::vector<Member>& members() { return members_; }
  // The member's value, nullptr when there is none.
  const JsonValue* Find(std::string_view key) const;
  JsonValue* Find(std::string_view key);
  // Sets `key` (replacing a value it has).
  void Put(std::string key, JsonValue value);
  // Removes `key`; false when there was none.
  bool Remove(std::string_view key);

  // Elements of an array, members of an object, 1 for a scalar (JSON_LENGTH).
  size_t Length() const;
  // JSON_DEPTH: 1 for a scalar or an empty container.
  int Depth() const;
  // JSON_TYPE's name: "OBJECT", "INTEGER", "UNSIGNED INTEGER", ...
  std::string_view TypeName() const;

 private:
  JsonKind kind_ = JsonKind::kNull;
  int64_t integer_ = 0;  // integers, unsigned (as bits) and booleans
  double real_ = 0;
  std::string text_;
  std::vector<JsonValue> elements_;
  std::vector<Member> members_;
};

// MySQL's key order: shorter first, then bytewise.
bool JsonKeyLess(std::string_view a, std::string_view b);

// A failed parse: RapidJSON's message (as MySQL reports it) and the byte offset.
struct JsonParseError {
  std::string message;
  size_t offset = 0;
};

// How ParseJson reads numbers with a fraction or exponent.
enum class JsonNumbers : uint8_t {
  kDouble,   // as DOUBLE: text from outside (a string argument, a stored value)
  // Text PrintJson made: a number printed otherwise than a DOUBLE prints (169.90) came from a
  // DECIMAL and is read back as one, keeping its scale.
  kPrinted,
};

// Parses JSON text (UTF-8). Duplicate keys keep the last value, as MySQL 8 does. Fails past
// kJsonMaxDepth with `*too_deep` set (MySQL's 3157 rather than a parse error).
bool ParseJson(std::string_view text, JsonValue* out, JsonParseError* error,
               bool* too_deep = nullptr, JsonNumbers numbers = JsonNumbers::kDouble);

// MySQL's printed form: `{"a": 1, "b": [1, 2]}`; with `pretty`, JSON_PRETTY's layout (two
// spaces per level, one member or element per line).
std::string PrintJson(const JsonValue& value, bool pretty = false);
// A string as a JSON string literal, quoted and escaped as MySQL escapes it.
void AppendJsonString(std::string_view text, std::string* out);
// The text JSON_UNQUOTE gives: a string's own text, other values printed.
std::string UnquotedText(const JsonValue& value);

// MySQL's JSON comparison: values of different kinds order by kind precedence (numbers of
// every kind compare as numbers), arrays element by element, strings bytewise. Negative,
// zero or positive.
int CompareJson(const JsonValue& a, const JsonValue& b);
inline bool JsonEquals(const JsonValue& a, const JsonValue& b) { return CompareJson(a, b) == 0; }

}  // namespace porpoise::types
