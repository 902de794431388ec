// Collations: how MySQL compares, sorts, groups and LIKE-matches strings of each collation
// this server supports, implemented with ICU (the Unicode Collation Algorithm that MySQL's
// 0900 collations follow) and small tables for the legacy ones. (types/)
//
// Strings of every character set except `binary` are held as UTF-8 (in flight and in
// storage); a latin1 or ascii collation compares those code points with latin1's or ascii's
// rules. `binary` strings are raw bytes.
//
// Thread-safety: every Collation is immutable after first use and safe to share.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace porpoise::types {

class Collation {
 public:
  virtual ~Collation() = default;

  uint16_t id() const { return id_; }              // MySQL's collation number (255, 46, ...)
  std::string_view name() const { return name_; }  // "utf8mb4_0900_ai_ci"
  std::string_view charset() const { return charset_; }  // "utf8mb4"
  // PAD SPACE collations ignore trailing spaces ('a' = 'a  '); NO PAD ones do not.
  bool pad_space() const { return pad_space_; }
  // binary and *_bin: comparison by code point / byte, case and accent sensitive.
  bool is_binary() const { return is_binary_; }
  // The name SQLite knows the collation by, with its implementation version, e.g.
  // "utf8mb4_0900_ai_ci.v1". Part of the on-disk format of every index that uses it: a
  // changed ordering gets a new version so an old index can never be read with new rules.
  std::string_view sqlite_name() const { return sqlite_name_; }

  // <0, 0, >0 as MySQL orders a and b under this collation. Invalid UTF-8 bytes compare as
  // themselves (each sorts as one character after every valid one), never crash.
  virtual int Compare(std::string_view a, std::string_view b) const = 0;
  // A byte string whose memcmp order is Compare's order, equal exactly when Compare is 0
  // (trailing spaces already removed for PAD SPACE). For hashing and WEIGHT_STRING-like uses.
  virtual std::string SortKey(std::string_view text) const = 0;

  // MySQL's LIKE under this collation: `%` any sequence, `_` one character, `escape` (a code
  // point; '\\' by default) quotes the next pattern character. Characters are matched one
  // at a time with this collation's equality (so 'ä' LIKE 'a' under utf8mb4_0900_ai_ci);
  // trailing spaces are significant as in MySQL's LIKE.
  bool Like(std::string_view text, std::string_view pattern, uint32_t escape = '\\') const;

 protected:
  Collation(uint16_t id, std::string_view name, std::string_view charset, bool pad_space,
            bool is_binary, std::string_view sqlite_name)
      : id_(id), name_(name), charset_(charset), pad_space_(pad_space), is_binary_(is_binary),
        sqlite_name_(sqlite_name) {}
  // Whether two single characters (each one UTF-8 sequence, or one byte for binary) are equal
  // under this collation; Like is built on it.
  virtual bool CharEquals(std::string_view a, std::string_view b) const;

 private:
  uint16_t id_;
  std::string_view name_;
  std::string_view charset_;
  bool pad_space_;
  bool is_binary_;
  std::string_view sqlite_name_;
};

// Lookups over the implemented collations (every collation catalog/charsets.h lists);
// nullptr when unknown. Names compare case-insensitively.
const Collation* FindCollationById(uint16_t id);
const Collation* FindCollationByName(std::string_view name);
// Every implemented collation, for registering them with each SQLite connection.
std::span<const Collation* const> AllCollations();
// The `binary` collation (id 63) and the server default utf8mb4_0900_ai_ci (id 255).
const Collation& BinaryCollation();
const Collation& DefaultCollation();

}  // namespace porpoise::types
