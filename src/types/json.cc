#include "types/json.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "common/field_value.h"

namespace porpoise::types {

JsonValue JsonValue::Boolean(bool value) {
  JsonValue json;
  json.kind_ = JsonKind::kBoolean;
  json.integer_ = value ? 1 : 0;
  return json;
}

JsonValue JsonValue::Integer(int64_t value) {
  JsonValue json;
  json.kind_ = JsonKind::kInteger;
  json.integer_ = value;
  return json;
}

JsonValue JsonValue::Unsigned(uint64_t value) {
  JsonValue json;
  json.kind_ = JsonKind::kUnsigned;
  json.integer_ = static_cast<int64_t>(value);
  return json;
}

JsonValue JsonValue::Double(double value) {
  JsonValue json;
  json.kind_ = JsonKind::kDouble;
  json.real_ = value;
  return json;
}

JsonValue JsonValue::Decimal(std::string text) {
  JsonValue json;
  json.kind_ = JsonKind::kDecimal;
  json.real_ = std::strtod(text.c_str(), nullptr);
  json.text_ = std::move(text);
  return json;
}

JsonValue JsonValue::String(std::string text) {
  JsonValue json;
  json.kind_ = JsonKind::kString;
  json.text_ = std::move(text);
  return json;
}

JsonValue JsonValue::Temporal(JsonKind kind, std::string text) {
  JsonValue json;
  json.kind_ = kind;
  json.text_ = std::move(text);
  return json;
}

JsonValue JsonValue::Array() {
  JsonValue json;
  json.kind_ = JsonKind::kArray;
  return json;
}

JsonValue JsonValue::Object() {
  JsonValue json;
  json.kind_ = JsonKind::kObject;
  return json;
}

bool JsonValue::is_number() const {
  return kind_ == JsonKind::kInteger || kind_ == JsonKind::kUnsigned ||
         kind_ == JsonKind::kDouble || kind_ == JsonKind::kDecimal;
}

double JsonValue::AsDouble() const {
  switch (kind_) {
    case JsonKind::kInteger: return static_cast<double>(integer_);
    case JsonKind::kUnsigned: return static_cast<double>(unsigned_value());
    case JsonKind::kDouble:
    case JsonKind::kDecimal: return real_;
    case JsonKind::kBoolean: return static_cast<double>(integer_);
    default: return 0;
  }
}

bool JsonKeyLess(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

namespace {

std::vector<JsonValue::Member>::const_iterator LowerBound(
    const std::vector<JsonValue::Member>& members, std::string_view key) {
  return std::lower_bound(members.begin(), members.end(), key,
                          [](const JsonValue::Member& member, std::string_view k) {
                            return JsonKeyLess(member.first, k);
                          });
}

}  // namespace

const JsonValue* JsonValue::Find(std::string_view key) const {
  auto it = LowerBound(members_, key);
  return it != members_.end() && it->first == key ? &it->second : nullptr;
}

JsonValue* JsonValue::Find(std::string_view key) {
  return const_cast<JsonValue*>(static_cast<const JsonValue*>(this)->Find(key));
}

void JsonValue::Put(std::string key, JsonValue value) {
  auto it = members_.begin() + (LowerBound(members_, key) - members_.cbegin());
  if (it != members_.end() && it->first == key) {
    it->second = std::move(value);
  } else {
    members_.insert(it, Member(std::move(key), std::move(value)));
  }
}

bool JsonValue::Remove(std::string_view key) {
  auto it = members_.begin() + (LowerBound(members_, key) - members_.cbegin());
  if (it == members_.end() || it->first != key) return false;
  members_.erase(it);
  return true;
}

size_t JsonValue::Length() const {
  if (is_array()) return elements_.size();
  if (is_object()) return members_.size();
  return 1;
}

int JsonValue::Depth() const {
  int deepest = 0;
  if (is_array()) {
    for (const JsonValue& element : elements_) deepest = std::max(deepest, element.Depth());
  } else if (is_object()) {
    for (const Member& member : members_) deepest = std::max(deepest, member.second.Depth());
  }
  return deepest + 1;
}

std::string_view JsonValue::TypeName() const {
  switch (kind_) {
    case JsonKind::kNull: return "NULL";
    case JsonKind::kInteger: return "INTEGER";
    case JsonKind::kUnsigned: return "UNSIGNED INTEGER";
    case JsonKind::kDouble: return "DOUBLE";
    case JsonKind::kDecimal: return "DECIMAL";
    case JsonKind::kString: return "STRING";
    case JsonKind::kObject: return "OBJECT";
    case JsonKind::kArray: return "ARRAY";
    case JsonKind::kBoolean: return "BOOLEAN";
    case JsonKind::kDate: return "DATE";
    case JsonKind::kTime: return "TIME";
    case JsonKind::kDateTime: return "DATETIME";
    case JsonKind::kOpaque: return "BLOB";
  }
  return "NULL";
}

namespace {

// Builds the tree from RapidJSON's reader events: one open container per level.
class TreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, TreeBuilder> {
 public:
  bool Null() { return Add(JsonValue::Null()); }
  bool Bool(bool value) { return Add(JsonValue::Boolean(value)); }
  bool Int(int value) { return Add(JsonValue::Integer(value)); }
  bool Uint(unsigned value) { return Add(JsonValue::Integer(value)); }
  bool Int64(int64_t value) { return Add(JsonValue::Integer(value)); }
  bool Uint64(uint64_t value) {
    return Add(value <= static_cast<uint64_t>(INT64_MAX)
                   ? JsonValue::Integer(static_cast<int64_t>(value))
                   : JsonValue::Unsigned(value));
  }
  bool Double(double value) { return Add(JsonValue::Double(value)); }
  // kParseNumbersAsStringsFlag: the number's text (JsonNumbers::kPrinted).
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    std::string lexeme(text, length);
    if (lexeme.find_first_of(".eE") == std::string::npos) {
      errno = 0;
      if (lexeme[0] == '-') {
        long long value = std::strtoll(lexeme.c_str(), nullptr, 10);
        if (errno == 0) return Add(JsonValue::Integer(value));
      } else {
        unsigned long long value = std::strtoull(lexeme.c_str(), nullptr, 10);
        if (errno == 0) return Uint64(value);
      }
      // (past BIGINT's range: PrintJson writes such a DOUBLE with an exponent, so these digits
      // are a DECIMAL's, -9223372036854775809 from a DECIMAL(19,0))
      return Add(JsonValue::Decimal(std::move(lexeme)));
    }
    double value = std::strtod(lexeme.c_str(), nullptr);
    std::string printed = PrintJson(JsonValue::Double(value));
    if (printed == lexeme || lexeme.find_first_of("eE") != std::string::npos) {
      return Add(JsonValue::Double(value));
    }
    return Add(JsonValue::Decimal(std::move(lexeme)));
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    return Add(JsonValue::String(std::string(text, length)));
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    keys_.emplace_back(text, length);
    return true;
  }
  // An object's members arrive in document order and are put in key order (the last of equal
  // keys kept) when it closes.
  bool StartObject() { return Open(JsonValue::Object()); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool StartArray() { return Open(JsonValue::Array()); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  bool too_deep() const { return too_deep_; }
  JsonValue Take() { return std::move(root_); }

 private:
  bool Open(JsonValue container) {
    if (open_.size() >= static_cast<size_t>(kJsonMaxDepth)) {
      too_deep_ = true;
      return false;
    }
    open_.push_back(std::move(container));
    return true;
  }

  bool Close() {
    JsonValue done = std::move(open_.back());
    open_.pop_back();
    if (done.is_object()) {
      auto& members = done.members();
      // Later duplicates win: sort stably, then keep the last of each run of equal keys.
      std::stable_sort(members.begin(), members.end(),
                       [](const JsonValue::Member& a, const JsonValue::Member& b) {
                         return JsonKeyLess(a.first, b.first);
                       });
      std::vector<JsonValue::Member> unique;
      unique.reserve(members.size());
      for (auto& member : members) {
        if (!unique.empty() && unique.back().first == member.first) {
          unique.back().second = std::move(member.second);
        } else {
          unique.push_back(std::move(member));
        }
      }
      members = std::move(unique);
    }
    return Add(std::move(done));
  }

  bool Add(JsonValue value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return true;
    }
    JsonValue& parent = open_.back();
    if (parent.is_array()) {
      parent.Append(std::move(value));
    } else {
      parent.members().emplace_back(std::move(keys_.back()), std::move(value));
      keys_.pop_back();
    }
    return true;
  }

  std::vector<JsonValue> open_;
  std::vector<std::string> keys_;
  JsonValue root_;
  bool too_deep_ = false;
};

}  // namespace

bool ParseJson(std::string_view text, JsonValue* out, JsonParseError* error, bool* too_deep,
               JsonNumbers numbers) {
  if (too_deep != nullptr) *too_deep = false;
  TreeBuilder builder;
  rapidjson::Reader reader;
  // Parsed in place, in a copy: the reader then never uses its internal stack, whose first
  // push in RapidJSON 1.1.0 does arithmetic on a null pointer. The in-place reader stops at
  // a NUL byte: the text is cut there, and what follows it is an error of its own.
  size_t nul = text.find('\0');
  std::string buffer(text.substr(0, nul));
  rapidjson::InsituStringStream input(buffer.data());
  constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseInsituFlag;
  rapidjson::ParseResult result =
      numbers == JsonNumbers::kPrinted
          ? reader.Parse<kFlags | rapidjson::kParseNumbersAsStringsFlag>(input, builder)
          : reader.Parse<kFlags>(input, builder);
  if (result.IsError()) {
    if (builder.too_deep()) {
      if (too_deep != nullptr) *too_deep = true;
      error->message = "The JSON document exceeds the maximum depth.";
    } else {
      error->message = rapidjson::GetParseError_En(result.Code());
    }
    error->offset = result.Offset();
    return false;
  }
  if (nul != std::string_view::npos) {
    error->message = rapidjson::GetParseError_En(rapidjson::kParseErrorDocumentRootNotSingular);
    error->offset = nul;
    return false;
  }
  *out = builder.Take();
  return true;
}

void AppendJsonString(std::string_view text, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte > 0x1f && c != '"' && c != '\\') {
      out->push_back(c);
      continue;
    }
    out->push_back('\\');
    switch (c) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '\b': out->push_back('b'); break;
      case '\f': out->push_back('f'); break;
      case '\n': out->push_back('n'); break;
      case '\r': out->push_back('r'); break;
      case '\t': out->push_back('t'); break;
      default:
        out->append("u00");
        out->push_back(kHex[byte >> 4]);
        out->push_back(kHex[byte & 15]);
    }
  }
  out->push_back('"');
}

namespace {

void NewLine(int level, std::string* out) {
  out->push_back('\n');
  out->append(static_cast<size_t>(level) * 2, ' ');
}

void Print(const JsonValue& value, bool pretty, int level, std::string* out) {
  switch (value.kind()) {
    case JsonKind::kNull: out->append("null"); break;
    case JsonKind::kBoolean: out->append(value.boolean() ? "true" : "false"); break;
    case JsonKind::kInteger: out->append(std::to_string(value.integer())); break;
    case JsonKind::kUnsigned: out->append(std::to_string(value.unsigned_value())); break;
    case JsonKind::kDouble: {
      std::string text = value.real() == 0 && std::signbit(value.real())
                             ? std::string("-0")
                             : FormatDouble(value.real());
      // A whole double keeps a fraction, so that it reads back as a double.
      if (text.find_first_of(".e") == std::string::npos) text += ".0";
      out->append(text);
      break;
    }
    case JsonKind::kDecimal: out->append(value.text()); break;
    case JsonKind::kString:
    case JsonKind::kDate:
    case JsonKind::kTime:
    case JsonKind::kDateTime:
    case JsonKind::kOpaque: AppendJsonString(value.text(), out); break;
    case JsonKind::kArray: {
      out->push_back('[');
      bool first = true;
      for (const JsonValue& element : value.elements()) {
        if (!first) out->append(pretty ? "," : ", ");
        first = false;
        if (pretty) NewLine(level + 1, out);
        Print(element, pretty, level + 1, out);
      }
      if (pretty && !value.elements().empty()) NewLine(level, out);
      out->push_back(']');
      break;
    }
    case JsonKind::kObject: {
      out->push_back('{');
      bool first = true;
      for (const JsonValue::Member& member : value.members()) {
        if (!first) out->append(pretty ? "," : ", ");
        first = false;
        if (pretty) NewLine(level + 1, out);
        AppendJsonString(member.first, out);
        out->append(": ");
        Print(member.second, pretty, level + 1, out);
      }
      if (pretty && !value.members().empty()) NewLine(level, out);
      out->push_back('}');
      break;
    }
  }
}

// Precedence of a kind in comparisons: every number kind is one class.
int Precedence(JsonKind kind) {
  switch (kind) {
    case JsonKind::kNull: return 0;
    case JsonKind::kInteger:
    case JsonKind::kUnsigned:
    case JsonKind::kDouble:
    case JsonKind::kDecimal: return 1;
    case JsonKind::kString: return 2;
    case JsonKind::kObject: return 3;
    case JsonKind::kArray: return 4;
    case JsonKind::kBoolean: return 5;
    case JsonKind::kDate: return 6;
    case JsonKind::kTime: return 7;
    case JsonKind::kDateTime: return 8;
    case JsonKind::kOpaque: return 9;
  }
  return 0;
}

template <typename T>
int Sign(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Two numbers of any kinds, exactly where both are integers.
int CompareNumbers(const JsonValue& a, const JsonValue& b) {
  bool a_int = a.kind() == JsonKind::kInteger || a.kind() == JsonKind::kUnsigned;
  bool b_int = b.kind() == JsonKind::kInteger || b.kind() == JsonKind::kUnsigned;
  if (a_int && b_int) {
    bool a_neg = a.kind() == JsonKind::kInteger && a.integer() < 0;
    bool b_neg = b.kind() == JsonKind::kInteger && b.integer() < 0;
    if (a_neg != b_neg) return a_neg ? -1 : 1;
    if (a_neg) return Sign(a.integer(), b.integer());
    return Sign(a.unsigned_value(), b.unsigned_value());
  }
  return Sign(a.AsDouble(), b.AsDouble());
}

}  // namespace

std::string PrintJson(const JsonValue& value, bool pretty) {
  std::string out;
  Print(value, pretty, 0, &out);
  return out;
}

std::string UnquotedText(const JsonValue& value) {
  switch (value.kind()) {
    case JsonKind::kString:
    case JsonKind::kDate:
    case JsonKind::kTime:
    case JsonKind::kDateTime:
    case JsonKind::kOpaque: return value.text();
    default: return PrintJson(value);
  }
}

int CompareJson(const JsonValue& a, const JsonValue& b) {
  int pa = Precedence(a.kind());
  int pb = Precedence(b.kind());
  if (pa != pb) return pa < pb ? -1 : 1;
  switch (a.kind()) {
    case JsonKind::kNull: return 0;
    case JsonKind::kInteger:
    case JsonKind::kUnsigned:
    case JsonKind::kDouble:
    case JsonKind::kDecimal: return CompareNumbers(a, b);
    case JsonKind::kBoolean: return Sign(a.boolean(), b.boolean());
    case JsonKind::kString:
    case JsonKind::kDate:
    case JsonKind::kTime:
    case JsonKind::kDateTime:
    case JsonKind::kOpaque: {
      int c = a.text().compare(b.text());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case JsonKind::kArray: {
      const auto& x = a.elements();
      const auto& y = b.elements();
      for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
        int c = CompareJson(x[i], y[i]);
        if (c != 0) return c;
      }
      return Sign(x.size(), y.size());
    }
    case JsonKind::kObject: {
      // Equal with the same keys and equal values; otherwise a fixed order: size, then keys
      // and values in key order.
      const auto& x = a.members();
      const auto& y = b.members();
      if (x.size() != y.size()) return Sign(x.size(), y.size());
      for (size_t i = 0; i < x.size(); ++i) {
        if (x[i].first != y[i].first) return JsonKeyLess(x[i].first, y[i].first) ? -1 : 1;
        int c = CompareJson(x[i].second, y[i].second);
        if (c != 0) return c;
      }
      return 0;
    }
  }
  return 0;
}

}  // namespace porpoise::types
