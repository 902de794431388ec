// JSON Schema validation on RapidJSON 1.1.0's schema validator (rapidjson/schema.h), the one
// MySQL uses. Two of RapidJSON's internals are replaced in this file, which compiles RapidJSON
// in a namespace of its own so that they never meet the stock ones of other files:
//   - internal::Stack: RapidJSON 1.1.0's stack does arithmetic on its null pointer at its
//     first push (undefined behaviour the sanitizers stop on), and the schema validator and
//     document parser push on several; this one computes its room from sizes;
//   - internal::GenericRegex, the engine of "pattern" and "patternProperties": ICU's regular
//     expressions, bounded in time and backtracking memory, where MySQL has std::regex.
// (types/)
#include "types/json_schema.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "types/icu_api.h"
#include "types/json.h"

#define RAPIDJSON_NAMESPACE porpoise_json_schema_rapidjson
#define RAPIDJSON_NAMESPACE_BEGIN namespace porpoise_json_schema_rapidjson {
#define RAPIDJSON_NAMESPACE_END }
// Left undefined, RAPIDJSON_SCHEMA_USE_INTERNALREGEX makes schema.h use internal::GenericRegex.

#include <rapidjson/allocators.h>
#include <rapidjson/internal/swap.h>
#include <rapidjson/rapidjson.h>

// The replacements stand where RapidJSON's headers would include theirs.
#define RAPIDJSON_INTERNAL_STACK_H_
#define RAPIDJSON_INTERNAL_REGEX_H_

namespace porpoise_json_schema_rapidjson::internal {

// The interface of RapidJSON's internal::Stack: untyped bytes pushed and popped as T.
template <typename Allocator>
class Stack {
 public:
  Stack(Allocator* allocator, size_t initial_capacity)
      : allocator_(allocator), initial_capacity_(initial_capacity) {}
  Stack(Stack&& other) noexcept { Take(other); }
  Stack& operator=(Stack&& other) noexcept {
    if (this != &other) {
      Release();
      Take(other);
    }
    return *this;
  }
  Stack(const Stack&) = delete;
  Stack& operator=(const Stack&) = delete;
  ~Stack() { Release(); }

  void Swap(Stack& other) noexcept {
    std::swap(allocator_, other.allocator_);
    std::swap(own_allocator_, other.own_allocator_);
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    std::swap(capacity_, other.capacity_);
    std::swap(initial_capacity_, other.initial_capacity_);
  }

  void Clear() { size_ = 0; }
  void ShrinkToFit() {
    if (size_ == 0) {
      Allocator::Free(data_);
      data_ = nullptr;
      capacity_ = 0;
    } else {
      Resize(size_);
    }
  }

  template <typename T>
  void Reserve(size_t count = 1) {
    if (capacity_ - size_ < sizeof(T) * count) Grow(sizeof(T) * count);
  }
  template <typename T>
  T* Push(size_t count = 1) {
    Reserve<T>(count);
    return PushUnsafe<T>(count);
  }
  template <typename T>
  T* PushUnsafe(size_t count = 1) {
    RAPIDJSON_ASSERT(capacity_ - size_ >= sizeof(T) * count);
    T* top = reinterpret_cast<T*>(data_ + size_);
    size_ += sizeof(T) * count;
    return top;
  }
  template <typename T>
  T* Pop(size_t count) {
    RAPIDJSON_ASSERT(size_ >= sizeof(T) * count);
    size_ -= sizeof(T) * count;
    return reinterpret_cast<T*>(data_ + size_);
  }
  template <typename T>
  T* Top() {
    RAPIDJSON_ASSERT(size_ >= sizeof(T));
    return reinterpret_cast<T*>(data_ + size_ - sizeof(T));
  }
  template <typename T>
  const T* Top() const {
    RAPIDJSON_ASSERT(size_ >= sizeof(T));
    return reinterpret_cast<const T*>(data_ + size_ - sizeof(T));
  }
  template <typename T>
  T* End() { return reinterpret_cast<T*>(data_ + size_); }
  template <typename T>
  const T* End() const { return reinterpret_cast<const T*>(data_ + size_); }
  template <typename T>
  T* Bottom() { return reinterpret_cast<T*>(data_); }
  template <typename T>
  const T* Bottom() const { return reinterpret_cast<const T*>(data_); }

  bool HasAllocator() const { return allocator_ != nullptr; }
  Allocator& GetAllocator() {
    RAPIDJSON_ASSERT(allocator_);
    return *allocator_;
  }
  bool Empty() const { return size_ == 0; }
  size_t GetSize() const { return size_; }
  size_t GetCapacity() const { return capacity_; }

 private:
  void Grow(size_t bytes) {
    if (allocator_ == nullptr) own_allocator_ = allocator_ = RAPIDJSON_NEW(Allocator)();
    size_t capacity = data_ == nullptr ? initial_capacity_ : capacity_ + (capacity_ + 1) / 2;
    Resize(capacity < size_ + bytes ? size_ + bytes : capacity);
  }
  void Resize(size_t capacity) {
    data_ = static_cast<char*>(allocator_->Realloc(data_, capacity_, capacity));
    capacity_ = capacity;
  }
  void Take(Stack& other) {
    allocator_ = std::exchange(other.allocator_, nullptr);
    own_allocator_ = std::exchange(other.own_allocator_, nullptr);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
    initial_capacity_ = other.initial_capacity_;
  }
  void Release() {
    Allocator::Free(data_);
    RAPIDJSON_DELETE(own_allocator_);
  }

  Allocator* allocator_ = nullptr;
  Allocator* own_allocator_ = nullptr;  // made by the stack itself when it was given none
  char* data_ = nullptr;
  size_t size_ = 0;      // bytes pushed
  size_t capacity_ = 0;  // bytes allocated
  size_t initial_capacity_ = 0;
};

}  // namespace porpoise_json_schema_rapidjson::internal

namespace porpoise::types {
namespace {

// MySQL's defaults of regexp_time_limit and regexp_stack_limit.
constexpr int32_t kPatternTimeLimit = 32;
constexpr int32_t kPatternStackLimit = 8000000;

// Why the last pattern search of this thread failed (U_ZERO_ERROR: none did). RapidJSON asks
// a pattern only "does it match?"; ValidateJsonSchema clears this before a validation and
// reports a failure after it.
thread_local UErrorCode pattern_failure = U_ZERO_ERROR;

// One compiled "pattern": the search RapidJSON's GenericRegex performs.
class IcuPattern {
 public:
  explicit IcuPattern(const char* source) {
    const IcuApi& icu = Icu();
    UErrorCode status = U_ZERO_ERROR;
    UText* text = icu.utext_openUTF8(nullptr, source, static_cast<int64_t>(std::strlen(source)), &status);
    UParseError where{};
    if (U_SUCCESS(status)) regex_ = icu.uregex_openUText(text, 0, &where, &status);
    if (text != nullptr) icu.utext_close(text);
    if (U_FAILURE(status)) {
      Close();
      return;
    }
    icu.uregex_setTimeLimit(regex_, kPatternTimeLimit, &status);
    icu.uregex_setStackLimit(regex_, kPatternStackLimit, &status);
  }
  IcuPattern(const IcuPattern&) = delete;
  IcuPattern& operator=(const IcuPattern&) = delete;
  ~IcuPattern() { Close(); }

  bool valid() const { return regex_ != nullptr; }

  // Whether the pattern matches somewhere in the NUL-terminated UTF-8 `subject`.
  bool Search(const char* subject) const {
    const IcuApi& icu = Icu();
    UErrorCode status = U_ZERO_ERROR;
    UText* text = icu.utext_openUTF8(nullptr, subject, static_cast<int64_t>(std::strlen(subject)), &status);
    bool found = false;
    if (U_SUCCESS(status)) icu.uregex_setUText(regex_, text, &status);
    if (U_SUCCESS(status)) found = icu.uregex_find(regex_, 0, &status) != 0;
    // Detached before the text closes: the next search sets its own.
    UErrorCode ignored = U_ZERO_ERROR;
    UText* empty = icu.utext_openUTF8(nullptr, "", 0, &ignored);
    icu.uregex_setUText(regex_, empty, &ignored);
    if (empty != nullptr) icu.utext_close(empty);
    if (text != nullptr) icu.utext_close(text);
    if (U_FAILURE(status)) {
      pattern_failure = status;
      return false;
    }
    return found;
  }

 private:
  void Close() {
    if (regex_ != nullptr) Icu().uregex_close(regex_);
    regex_ = nullptr;
  }

  URegularExpression* regex_ = nullptr;
};

}  // namespace
}  // namespace porpoise::types

namespace porpoise_json_schema_rapidjson::internal {

// The interface schema.h uses of RapidJSON's internal::GenericRegex.
template <typename Encoding, typename Allocator = CrtAllocator>
class GenericRegex {
 public:
  typedef typename Encoding::Ch Ch;
  explicit GenericRegex(const Ch* source, Allocator* = nullptr) : pattern_(source) {}
  bool IsValid() const { return pattern_.valid(); }
  bool Search(const Ch* subject) const { return pattern_.Search(subject); }

 private:
  porpoise::types::IcuPattern pattern_;
};

}  // namespace porpoise_json_schema_rapidjson::internal

#include <rapidjson/document.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

namespace porpoise::types {
namespace {

namespace rj = porpoise_json_schema_rapidjson;

// Answers every "$ref" to another document with nothing, remembering that one was asked
// for: MySQL refuses such schemas (1235).
class RemoteReferences : public rj::IRemoteSchemaDocumentProvider {
 public:
  const rj::SchemaDocument* GetRemoteDocument(const char*, rj::SizeType) override {
    used_ = true;
    return nullptr;
  }
  bool used() const { return used_; }

 private:
  bool used_ = false;
};

// Checks `text` is JSON as the other JSON functions read it (MySQL runs its syntax check
// before RapidJSON's schema reader, with the same messages).
Status CheckJsonText(std::string_view text, int argument, std::string_view function) {
  JsonValue ignored;
  JsonParseError error;
  bool too_deep = false;
  if (ParseJson(text, &ignored, &error, &too_deep)) return Status::OK();
  if (too_deep) return Status::Error(ER_JSON_DOCUMENT_TOO_DEEP);
  return Status::Error(ER_INVALID_JSON_TEXT_IN_PARAM, argument, std::string(function),
                       error.message, error.offset, "");
}

std::string UriFragment(const rj::Pointer& pointer) {
  rj::StringBuffer buffer;
  pointer.StringifyUriFragment(buffer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The local "$ref" of `value` ("#..."), or nullptr.
const rj::Value* LocalReference(const rj::Value& value) {
  if (!value.IsObject()) return nullptr;
  auto found = value.FindMember("$ref");
  if (found == value.MemberEnd() || !found->value.IsString()) return nullptr;
  const rj::Value& reference = found->value;
  return reference.GetStringLength() > 0 && reference.GetString()[0] == '#' ? &reference : nullptr;
}

// Whether following "$ref" from `value` through schemas that are themselves references comes
// back to one of them: RapidJSON 1.1.0 follows such a chain without end.
bool ReferencesLoop(const rj::Value& value, const rj::Document& schema) {
  std::vector<const rj::Value*> chain;
  const rj::Value* at = &value;
  while (const rj::Value* reference = LocalReference(*at)) {
    if (std::find(chain.begin(), chain.end(), at) != chain.end()) return true;
    chain.push_back(at);
    rj::Pointer pointer(reference->GetString(), reference->GetStringLength());
    if (!pointer.IsValid()) return false;
    at = pointer.Get(schema);
    if (at == nullptr) return false;
  }
  return false;
}

bool AnyReferenceLoops(const rj::Value& value, const rj::Document& schema) {
  if (ReferencesLoop(value, schema)) return true;
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      if (AnyReferenceLoops(member.value, schema)) return true;
    }
  } else if (value.IsArray()) {
    for (const rj::Value& element : value.GetArray()) {
      if (AnyReferenceLoops(element, schema)) return true;
    }
  }
  return false;
}

Status PatternError(UErrorCode code) {
  switch (code) {
    case U_REGEX_STACK_OVERFLOW: return Status::Error(ER_REGEXP_STACK_OVERFLOW);
    case U_REGEX_TIME_OUT: return Status::Error(ER_REGEXP_TIME_OUT);
    default: return Status::Error(ER_REGEXP_INTERNAL_ERROR);
  }
}

}  // namespace

std::string JsonSchemaReport::Reason() const {
  return "The JSON document location '" + document_location + "' failed requirement '" +
         failed_keyword + "' at JSON Schema location '" + schema_location + "'";
}

Status CheckJsonSchema(std::string_view schema, std::string_view function) {
  PORPOISE_RETURN_IF_ERROR(CheckJsonText(schema, 1, function));
  size_t start = schema.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || schema[start] != '{') {
    return Status::Error(ER_INVALID_JSON_TYPE, 1, std::string(function), "object");
  }
  return Status::OK();
}

Result<JsonSchemaReport> ValidateJsonSchema(std::string_view schema, std::string_view document,
                                            std::string_view function) {
  PORPOISE_RETURN_IF_ERROR(CheckJsonSchema(schema, function));
  PORPOISE_RETURN_IF_ERROR(CheckJsonText(document, 2, function));
  rj::Document schema_document;
  if (schema_document.Parse(schema.data(), schema.size()).HasParseError()) {
    return Status::Error(ER_INVALID_JSON_TEXT_IN_PARAM, 1, std::string(function), "", 0, "");
  }
  if (AnyReferenceLoops(schema_document, schema_document)) {
    return Status::Error(ER_NOT_SUPPORTED_YET, "circular references in JSON Schema");
  }
  RemoteReferences remote;
  rj::SchemaDocument compiled(schema_document, &remote);
  rj::SchemaValidator validator(compiled);
  rj::Reader reader;
  rj::MemoryStream stream(document.data(), document.size());
  pattern_failure = U_ZERO_ERROR;
  rj::ParseResult parsed = reader.Parse(stream, validator);
  if (pattern_failure != U_ZERO_ERROR) return PatternError(std::exchange(pattern_failure, U_ZERO_ERROR));
  if (!parsed && validator.IsValid()) {
    return Status::Error(ER_INVALID_JSON_TEXT_IN_PARAM, 2, std::string(function), "", parsed.Offset(), "");
  }
  if (remote.used()) return Status::Error(ER_NOT_SUPPORTED_YET, "references in JSON Schema");
  JsonSchemaReport report;
  report.valid = validator.IsValid();
  if (!report.valid) {
    report.schema_location = UriFragment(validator.GetInvalidSchemaPointer());
    report.document_location = UriFragment(validator.GetInvalidDocumentPointer());
    const char* keyword = validator.GetInvalidSchemaKeyword();
    report.failed_keyword = keyword != nullptr ? keyword : "";
  }
  return report;
}

}  // namespace porpoise::types
