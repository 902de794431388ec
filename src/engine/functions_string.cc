// String functions: CONCAT and CONCAT_WS, case mapping, lengths, substrings (SUBSTRING_INDEX
// too), INSERT, ELT, QUOTE, CHAR, padding, TRIM, LOCATE/INSTR, HEX/UNHEX, the digests (MD5,
// SHA1, SHA2), CRC32, base64, STRCMP under the operands' collation, CHARSET, COLLATION,
// COERCIBILITY, WEIGHT_STRING and the REGEXP_* functions. Arguments arrive as text (DECIMAL and BIGINT UNSIGNED as their MySQL text).
// A string result has MySQL's length in characters and the collation MySQL derives from
// the arguments it is made of. (engine/)
#include <algorithm>
#include <optional>

#include "common/strings.h"
#include "engine/function_registry.h"
#include "engine/physical.h"
#include "engine/variables.h"
#include "engine/xpath.h"
#include "types/locale.h"
#include "types/weight_string.h"

namespace porpoise::engine {

namespace {

// MySQL's largest string result (MAX_BLOB_WIDTH), in characters: what a function whose
// length depends on a value not known before running (REPEAT(s, n) with a column n) declares.
constexpr uint32_t kMaxBlobWidth = 16777216;
// An argument index naming no argument: a string made of none (SPACE's) is in the
// connection's collation.
constexpr size_t kNoArgument = static_cast<size_t>(-1);

uint32_t LengthOf(const FunctionCall& call, size_t index) {
  return index < call.args.size() ? call.args[index].type.length : 0;
}

// The integer value of argument `index` when it is a constant or constants alone compute it
// (MySQL reads any const_item() while resolving a call to size it: SUBSTRING(s, UNHEX(''))
// starts at 0, REPEAT('a', 1 + 1) is 2 long), else nullopt.
std::optional<int64_t> ConstantInteger(const FunctionCall& call, size_t index) {
  if (index >= call.args.size() || call.args[index].aggregate) return std::nullopt;
  const BoundExpr& arg = call.args[index];
  std::vector<Status> said;
  std::optional<Value> value = call.binder.ComputeNow(arg, &said);
  if (!value || value->is_null()) return std::nullopt;
  ConversionContext quiet;
  int64_t number = 0;
  if (!ToInt64(*value, arg.type, quiet, &number)) return std::nullopt;
  return number;
}

// ConstantInteger for a position or count that may be a BIGINT UNSIGNED: one past INT64's
// range is past every bound these callers test.
std::optional<int64_t> ConstantCount(const FunctionCall& call, size_t index) {
  std::optional<int64_t> value = ConstantInteger(call, index);
  if (value && *value < 0 && call.args[index].type.is_unsigned) return INT64_MAX;
  return value;
}

uint32_t Clamp(int64_t characters) {
  return static_cast<uint32_t>(std::clamp<int64_t>(characters, 0, kMaxBlobWidth));
}

// The type of a string of `length` characters made from the arguments `sources` (all of
// them when empty): binary when one of them is, else of the collation MySQL derives from
// them (1267 on an illegal mix) with the coercibility of the winner.
Result<ExprType> StringOf(const FunctionCall& call, std::initializer_list<size_t> sources,
                          uint32_t length) {
  std::vector<size_t> indexes(sources);
  if (indexes.empty()) {
    for (size_t i = 0; i < call.args.size(); ++i) indexes.push_back(i);
  }
  std::vector<ExprType> values;
  for (size_t index : indexes) {
    if (index < call.args.size()) values.push_back(call.args[index].type);
  }
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringResultCollation(values, ToLowerAscii(call.name),
                                                                 call.context().connection_collation));
  type.length = length;
  return type;
}

// A rule calling kFunction with the arguments as given: a string as long as Length says, in
// the collation of the arguments kSources... (every argument when none is named).
template <const char* kFunction, uint32_t (*Length)(const FunctionCall&), size_t... kSources>
Result<BoundExpr> Text(FunctionCall& call) {
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringOf(call, {kSources...}, Length(call)));
  return BoundExpr::Call(kFunction, std::move(call.args), type);
}

// A rule calling kFunction with the arguments as given: an integer of kLength digits.
template <const char* kFunction, uint32_t kLength>
Result<BoundExpr> Count(FunctionCall& call) {
  return BoundExpr::Call(kFunction, std::move(call.args), TypeOf(ValueType::kInteger, kLength));
}

// LENGTH(s), OCTET_LENGTH(s): the bytes of s in its own character set.
Result<BoundExpr> ByteLength(FunctionCall& call) {
  return BoundExpr::Call("mysql_length", {Translator::CharsetBytes(std::move(call.args[0]))},
                         TypeOf(ValueType::kInteger, 10));
}

uint32_t FirstLength(const FunctionCall& call) { return LengthOf(call, 0); }

// UPPER(s), LOWER(s): a binary string comes back as it is (MySQL maps no case in bytes).
template <const char* kFunction>
Result<BoundExpr> CaseMap(FunctionCall& call) {
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringOf(call, {0}, FirstLength(call)));
  if (call.args[0].type.type == ValueType::kBinary) {
    BoundExpr same = std::move(call.args[0]);
    type.not_null = same.type.not_null;
    same.type = type;
    return same;
  }
  return BoundExpr::Call(kFunction, std::move(call.args), type);
}

// ORD(s): the leftmost character's bytes, in the string's character set, as one number
// (ASCII's first byte for a one-byte character).
Result<BoundExpr> Ord(FunctionCall& call) {
  return BoundExpr::Call("mysql_ord", {Translator::CharsetBytes(std::move(call.args[0]))},
                         TypeOf(ValueType::kInteger, 21));
}

uint32_t SumLength(const FunctionCall& call) {
  int64_t length = 0;
  for (const BoundExpr& arg : call.args) length += arg.type.length;
  return Clamp(length);
}

// CONCAT_WS(separator, s...): the strings and a separator between each two.
uint32_t ConcatWsLength(const FunctionCall& call) {
  int64_t length = 0;
  for (size_t i = 1; i < call.args.size(); ++i) length += call.args[i].type.length;
  int64_t separators = call.args.size() > 2 ? static_cast<int64_t>(call.args.size()) - 2 : 0;
  return Clamp(length + separators * LengthOf(call, 0));
}

// SUBSTRING(s, pos[, len]): what remains of s's characters after a constant start within
// INT32's range (nothing after one past the end, or 0), at most a constant length.
uint32_t SubstringLength(const FunctionCall& call) {
  int64_t length = LengthOf(call, 0);
  std::optional<int64_t> start = ConstantCount(call, 1);
  if (!call.args[1].aggregate && call.binder.IsKnownNull(call.args[1])) return Clamp(length);
  if (start && *start > INT32_MIN && *start <= INT32_MAX) {
    length = *start < 0 ? (-*start > length ? 0 : -*start)
             : *start == 0 ? 0
                           : length - std::min(*start - 1, length);
  }
  if (call.args.size() > 2) {
    std::optional<int64_t> count = ConstantCount(call, 2);
    if (count && *count <= INT32_MAX) length = std::min(length, std::max<int64_t>(*count, 0));
  }
  return Clamp(length);
}

// LEFT/RIGHT(s, n): at most a constant n characters.
uint32_t SideLength(const FunctionCall& call) {
  std::optional<int64_t> count = ConstantInteger(call, 1);
  return Clamp(count ? std::min<int64_t>(LengthOf(call, 0), *count) : LengthOf(call, 0));
}

// REPLACE(s, from, to): every `from` may become a longer `to`.
uint32_t ReplaceLength(const FunctionCall& call) {
  int64_t length = LengthOf(call, 0);
  int64_t from = LengthOf(call, 1);
  int64_t growth = static_cast<int64_t>(LengthOf(call, 2)) - from;
  if (growth > 0 && from > 0) length += length / from * growth;
  return Clamp(length);
}

// REPEAT(s, n): n times s for a constant n.
uint32_t RepeatLength(const FunctionCall& call) {
  std::optional<int64_t> count = ConstantInteger(call, 1);
  if (!count) return kMaxBlobWidth;
  return Clamp(*count <= 0 ? 0 : std::min<int64_t>(*count, kMaxBlobWidth) * LengthOf(call, 0));
}

// LPAD/RPAD(s, n, pad): a constant n.
uint32_t PadLength(const FunctionCall& call) {
  std::optional<int64_t> count = ConstantInteger(call, 1);
  return count ? Clamp(*count) : kMaxBlobWidth;
}

uint32_t SpaceLength(const FunctionCall& call) {
  std::optional<int64_t> count = ConstantInteger(call, 0);
  return count ? Clamp(*count) : kMaxBlobWidth;
}

constexpr char kConcat[] = "mysql_concat";
constexpr char kConcatWs[] = "mysql_concat_ws";
constexpr char kUpper[] = "mysql_upper";
constexpr char kLower[] = "mysql_lower";
constexpr char kCharLength[] = "mysql_char_length";
constexpr char kSubstr[] = "mysql_substr";
constexpr char kRight[] = "mysql_right";
constexpr char kReplace[] = "replace";
constexpr char kLocate[] = "mysql_locate";
constexpr char kRepeat[] = "mysql_repeat";
constexpr char kReverse[] = "mysql_reverse";
constexpr char kLpad[] = "mysql_lpad";
constexpr char kRpad[] = "mysql_rpad";
constexpr char kSpace[] = "mysql_space";
constexpr char kAscii[] = "mysql_ascii";
constexpr char kFindInSet[] = "mysql_find_in_set";
constexpr char kSubstringIndex[] = "mysql_substring_index";
constexpr char kInsert[] = "mysql_insert";
constexpr char kElt[] = "mysql_elt";
constexpr char kQuote[] = "mysql_quote";
constexpr char kMd5[] = "mysql_md5";
constexpr char kSha1[] = "mysql_sha1";
constexpr char kSha2[] = "mysql_sha2";
constexpr char kToBase64[] = "mysql_to_base64";
constexpr char kSoundex[] = "mysql_soundex";
constexpr char kMakeSet[] = "mysql_make_set";
constexpr char kExportSet[] = "mysql_export_set";

uint32_t InsertLength(const FunctionCall& call) {
  return Clamp(int64_t{LengthOf(call, 0)} + LengthOf(call, 3));
}

uint32_t EltLength(const FunctionCall& call) {
  uint32_t length = 0;
  for (size_t i = 1; i < call.args.size(); ++i) length = std::max(length, LengthOf(call, i));
  return length;
}

uint32_t QuoteLength(const FunctionCall& call) { return Clamp(int64_t{LengthOf(call, 0)} * 2 + 2); }

// Argument `index` as the bytes a function of bytes reads: a DOUBLE or FLOAT as the text
// MySQL prints for it ('0' for 0e0), a string in its character set's bytes.
BoundExpr ArgumentBytes(FunctionCall& call, size_t index) {
  return Translator::CharsetBytes(call.binder.FloatText(std::move(call.args[index])));
}

// TO_BASE64(s): four characters for each three bytes, and a line break after each 76 but the
// last (MySQL's base64_needed_encoded_length, less its terminating NUL).
uint32_t Base64Length(const FunctionCall& call) {
  int64_t encoded = (MaxByteLength(call.args[0].type) + 2) / 3 * 4;
  return Clamp(encoded + (encoded > 0 ? (encoded - 1) / 76 : 0));
}

// A rule for a function of its arguments' bytes whose result is text in the connection's
// character set (MD5, SHA1, SHA2, TO_BASE64), as long as Length says.
template <const char* kFunction, uint32_t (*Length)(const FunctionCall&)>
Result<BoundExpr> Encoded(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kString, Length(call));
  type.collation = call.context().connection_collation;
  type.coercibility = Coercibility::kCoercible;
  call.args[0] = ArgumentBytes(call, 0);
  return BoundExpr::Call(kFunction, std::move(call.args), type);
}

template <uint32_t kLength>
uint32_t Fixed(const FunctionCall&) { return kLength; }

// SHA2(s, bits): as many hex digits as a constant length asks for (a binary empty string for
// a length SHA2 does not have), else the longest, 128.
Result<BoundExpr> Sha2(FunctionCall& call) {
  std::optional<int64_t> bits = ConstantInteger(call, 1);
  bool constant = call.args[1].constant.has_value() || bits.has_value();
  if (constant && (!bits || (*bits != 0 && *bits != 224 && *bits != 256 && *bits != 384 && *bits != 512))) {
    // A constant length that is none (NULL among them): MySQL warns once, when resolving,
    // and the result is NULL, typed as SHA-256's.
    call.context().warnings.push_back(
        Status::Error(ER_WRONG_PARAMETERS_TO_NATIVE_FCT, "sha2").AtResolve());
    ExprType type = TypeOf(ValueType::kString, 64);
    type.collation = call.context().connection_collation;
    type.coercibility = Coercibility::kCoercible;
    return call.binder.Constant(Value::Null(), type);
  }
  if (!bits) return Encoded<kSha2, Fixed<128>>(call);
  uint32_t digits = *bits == 0 ? 64 : static_cast<uint32_t>(*bits / 4);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr call_bound, (Encoded<kSha2, Fixed<128>>(call)));
  call_bound.type.length = digits;
  return call_bound;
}

// FROM_BASE64(s): the bytes, NULL for what is not base64; three for each four bytes s may
// take, rounded down (MySQL's base64_needed_decoded_length divides before rounding).
Result<BoundExpr> FromBase64(FunctionCall& call) {
  uint32_t bytes = Clamp(MaxByteLength(call.args[0].type) * 3 / 4);
  return BoundExpr::Call("mysql_from_base64", std::move(call.args), TypeOf(ValueType::kBinary, bytes));
}

// CHAR(n, ...): a binary string of up to four bytes per argument.
Result<BoundExpr> CharOf(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kBinary, Clamp(int64_t{4} * static_cast<int64_t>(call.args.size())));
  type.not_null = true;
  return BoundExpr::Call("mysql_char", std::move(call.args), type);
}

// FORMAT(x, d[, locale]): text in the connection's character set, long enough for the
// digits, their group separators and the decimals.
Result<BoundExpr> Format(FunctionCall& call) {
  std::optional<int64_t> decimals = ConstantInteger(call, 1);
  int64_t places = decimals ? std::clamp<int64_t>(*decimals, 0, 30) : 30;
  int64_t digits = std::max<int64_t>(call.args[0].type.length, 1);
  ExprType type = TypeOf(ValueType::kString, Clamp(digits + digits / 3 + places + 2));
  type.collation = call.context().connection_collation;
  type.coercibility = Coercibility::kCoercible;
  if (call.args.size() > 2 && call.args[2].constant &&
      (call.args[2].constant->is_null() || call.args[2].constant->kind == Value::Kind::kText)) {
    // A constant locale is looked up once, when the statement is resolved: one MySQL does
    // not know (NULL too) is en_US, with 1649 said once.
    const Value& name = *call.args[2].constant;
    const types::Locale* locale = name.is_null() ? nullptr : types::FindLocale(name.bytes);
    if (locale == nullptr) {
      call.context().warnings.push_back(
          Status::Error(ER_UNKNOWN_LOCALE, name.is_null() ? std::string("NULL") : name.bytes).AtResolve());
      locale = &types::DefaultLocale();
    }
    call.args[2] = TextConstant(std::string(locale->name));
  }
  return BoundExpr::Call("mysql_format", std::move(call.args), type);
}

// CONV(n, from, to), and BIN(n) / OCT(n) as CONV(n, 10, 2|8): digits in the connection's
// character set.
Result<BoundExpr> Conv(FunctionCall& call) {
  if (call.name == "BIN" || call.name == "OCT") {
    call.args.push_back(IntegerConstant(10));
    call.args.push_back(IntegerConstant(call.name == "BIN" ? 2 : 8));
  }
  if (call.args[0].type.hex_literal) {
    // A hex or bit literal is its number whatever base it is said to be in (MySQL reads it
    // with val_int): CONV(X'40', 16, 2) is 1000000.
    call.args[0] = call.binder.Textual(call.binder.NumericLiteral(std::move(call.args[0])));
    call.args[1] = IntegerConstant(10);
  } else if (call.args[0].type.type == ValueType::kDouble || call.args[0].type.type == ValueType::kFloat) {
    // (a floating-point number's digits are read from its printed form, 1e-300 among them)
    ExprType text = TypeOf(ValueType::kString, 24);
    text.collation = call.context().connection_collation;
    call.args[0] = call.binder.Convert(std::move(call.args[0]), text);
  }
  ExprType type = TypeOf(ValueType::kString, 65);
  type.collation = call.context().connection_collation;
  type.coercibility = Coercibility::kCoercible;
  return BoundExpr::Call("mysql_conv", std::move(call.args), type);
}

// FIELD(x, s1, ...): strings compare under their collation when every argument is a string,
// numbers by value otherwise.
Result<BoundExpr> Field(FunctionCall& call) {
  bool strings = std::all_of(call.args.begin(), call.args.end(), [](const BoundExpr& arg) {
    return arg.type.type == ValueType::kString || arg.type.type == ValueType::kNull;
  });
  int64_t mode = 0;
  if (strings) {
    PORPOISE_ASSIGN_OR_RETURN(ExprType merged, StringOf(call, {}, 0));
    mode = merged.collation != nullptr ? merged.collation->id() : collation_id::kBinary;
  }
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(mode));
  for (BoundExpr& arg : call.args) args.push_back(std::move(arg));
  ExprType type = TypeOf(ValueType::kInteger, 3);
  type.not_null = true;
  return BoundExpr::Call("mysql_field", std::move(args), type);
}

uint32_t SoundexLength(const FunctionCall& call) { return std::max<uint32_t>(LengthOf(call, 0), 4); }

uint32_t MakeSetLength(const FunctionCall& call) {
  int64_t length = static_cast<int64_t>(call.args.size()) - 2;  // the commas between
  for (size_t i = 1; i < call.args.size(); ++i) length += LengthOf(call, i);
  return Clamp(length);
}

uint32_t ExportSetLength(const FunctionCall& call) {
  int64_t separator = call.args.size() > 3 ? LengthOf(call, 3) : 1;
  return Clamp(int64_t{std::max(LengthOf(call, 1), LengthOf(call, 2))} * 64 + separator * 63);
}

// CRC32(s): an INT UNSIGNED checksum of the bytes (of a number's text).
Result<BoundExpr> Crc32(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 10);
  type.is_unsigned = true;
  return BoundExpr::Call("mysql_crc32", {ArgumentBytes(call, 0)}, type);
}

Result<BoundExpr> BitLength(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 10);
  BoundExpr bytes =
      BoundExpr::Call("mysql_length", {Translator::CharsetBytes(std::move(call.args[0]))}, type);
  return BoundExpr::Infix("*", std::move(bytes), IntegerConstant(8), type);
}

Result<BoundExpr> Left(FunctionCall& call) {
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringOf(call, {0}, SideLength(call)));
  return BoundExpr::Call(
      "mysql_substr", {std::move(call.args[0]), IntegerConstant(1), std::move(call.args[1])}, type);
}

// The parser passes TRIM([LEADING|TRAILING|BOTH] [remove] FROM str) as (str[, remove[, mode]]).
Result<BoundExpr> Trim(FunctionCall& call) {
  std::string mode = call.name == "LTRIM" ? "L" : call.name == "RTRIM" ? "R" : "B";
  if (call.args.size() == 3) {
    std::string written = ToUpperAscii(call.expr.args[2]->text);
    mode = written == "LEADING" ? "L" : written == "TRAILING" ? "R" : "B";
  }
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringOf(call, {0, 1}, FirstLength(call)));
  BoundExpr remove = call.args.size() > 1 ? std::move(call.args[1]) : TextConstant(" ");
  return BoundExpr::Call("mysql_trim_string",
                         {std::move(call.args[0]), std::move(remove), TextConstant(mode)}, type);
}

Result<BoundExpr> Instr(FunctionCall& call) {
  return BoundExpr::Call("mysql_locate", {std::move(call.args[1]), std::move(call.args[0])},
                         TypeOf(ValueType::kInteger, 11));
}

// HEX(s): two digits per byte of a string; a number's hexadecimal digits (of it rounded to
// a 64-bit integer). The digits are text in the connection's character set.
Result<BoundExpr> Hex(FunctionCall& call) {
  // Two digits for each byte the argument may take (MySQL's args[0]->max_length * 2): a
  // string's in its character set, a number's or a date's as many as it shows.
  const ExprType& arg = call.args[0].type;
  uint64_t bytes = arg.type == ValueType::kNull ? 0 : MakeColumnInfo(arg, "").length;
  uint32_t length = static_cast<uint32_t>(std::min<uint64_t>(bytes * 2, UINT32_MAX));
  ExprType type = TypeOf(ValueType::kString, length);
  type.collation = call.context().connection_collation;
  type.coercibility = Coercibility::kCoercible;
  // A number is hexed as a 64-bit integer (a DECIMAL or DOUBLE rounded first); a BIGINT
  // UNSIGNED from 2^63 arrives as its 8 big-endian bytes, whose hex is its value's.
  BoundExpr value = std::move(call.args[0]);
  if (value.type.type == ValueType::kDecimal || value.type.type == ValueType::kDouble ||
      value.type.type == ValueType::kFloat) {
    value = call.binder.Convert(std::move(value), TypeOf(ValueType::kDouble, 22, 31));
  }
  return BoundExpr::Call("mysql_hex", {Translator::CharsetBytes(std::move(value))}, type);
}

// COMPRESS(s): VARBINARY; UNCOMPRESS(s): LONGBLOB (NULL, with a warning, for data that is
// not COMPRESS's or too large for max_allowed_packet); UNCOMPRESSED_LENGTH(s): INT.
Result<BoundExpr> Compression(FunctionCall& call) {
  const uint32_t written = call.args[0].type.length;
  BoundExpr arg = ArgumentBytes(call, 0);  // (a DOUBLE as MySQL writes it)
  if (call.name == "UNCOMPRESSED_LENGTH") {
    return BoundExpr::Call("pp_uncompressed_length", {std::move(arg)}, TypeOf(ValueType::kInteger, 10));
  }
  if (call.name == "UNCOMPRESS") {
    int64_t max_bytes = static_cast<int64_t>(call.context().variables->max_allowed_packet());
    ExprType type = TypeOf(ValueType::kBinary, 0xffffffffu);
    return BoundExpr::Call("pp_uncompress", {std::move(arg), IntegerConstant(max_bytes)}, type);
  }
  uint32_t length = written + written / 1000 + 17;
  return BoundExpr::Call("pp_compress", {std::move(arg)}, TypeOf(ValueType::kBinary, length));
}

// AES_ENCRYPT(s, key[, iv]) / AES_DECRYPT(s, key[, iv]) in the session's
// block_encryption_mode; a CBC mode needs the IV (1582 without it).
Result<BoundExpr> Aes(FunctionCall& call) {
  bool decrypt = call.name == "AES_DECRYPT";
  Result<std::string> mode = call.context().variables->Get("block_encryption_mode", sql::VariableScope::kSession);
  std::string block_mode = mode.ok() ? *mode : "aes-128-ecb";
  bool cbc = block_mode.size() >= 3 && block_mode.compare(block_mode.size() - 3, 3, "cbc") == 0;
  if (cbc && call.args.size() < 3) {
    return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, decrypt ? "aes_decrypt" : "aes_encrypt");
  }
  if (!cbc && call.args.size() == 3) {
    call.context().warnings.push_back(Status::Error(ER_WARN_OPTION_IGNORED, "IV"));
  }
  uint32_t length = call.args[0].type.length;
  if (!decrypt) length = (length / 16 + 1) * 16;
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(decrypt ? 1 : 0));
  args.push_back(TextConstant(block_mode));
  for (BoundExpr& arg : call.args) args.push_back(Translator::CharsetBytes(std::move(arg)));
  ExprType type = TypeOf(ValueType::kBinary, length);
  return BoundExpr::Call("pp_aes", std::move(args), type);
}

// UNHEX(s): one byte per two digits.
Result<BoundExpr> Unhex(FunctionCall& call) {
  auto bytes = static_cast<uint32_t>(MaxByteLength(call.args[0].type));
  return BoundExpr::Call("mysql_unhex", std::move(call.args),
                         TypeOf(ValueType::kBinary, (bytes + 1) / 2));
}

Result<BoundExpr> Strcmp(FunctionCall& call) {
  PORPOISE_ASSIGN_OR_RETURN(const types::Collation* collation,
                            AggregateCollation(call.args[0].type, call.args[1].type, "strcmp"));
  if (collation == nullptr) collation = &types::DefaultCollation();
  return BoundExpr::Call(
      "pp_strcmp",
      {std::move(call.args[0]), std::move(call.args[1]), IntegerConstant(collation->id())},
      TypeOf(ValueType::kInteger, 2));
}

// Whether values of `type` are strings with a collation of their own (numbers and temporal
// values are `binary` to CHARSET and COLLATION, and NUMERIC to COERCIBILITY).
bool IsText(ValueType type) {
  return type == ValueType::kString || type == ValueType::kBinary || type == ValueType::kJson;
}

// CHARSET(x), COLLATION(x): the name of the argument's character set or collation ("binary"
// for numbers), known when binding: a system constant in utf8mb3, described nullable as
// MySQL does.
Result<BoundExpr> CharsetOrCollation(FunctionCall& call) {
  const ExprType arg = AsStringSource(call.args[0].type, call.context().connection_collation);
  const types::Collation* collation =
      (arg.type == ValueType::kJson || arg.type == ValueType::kString) && arg.collation != nullptr
          ? arg.collation
          : &types::BinaryCollation();
  std::string_view name = call.name == "CHARSET" ? collation->charset() : collation->name();
  BoundExpr result = TextConstant(std::string(name));
  result.type = TypeOf(ValueType::kString, 64);
  result.type.collation = types::FindCollationByName("utf8mb3_general_ci");
  result.type.coercibility = Coercibility::kSysconst;
  return result;
}

// COERCIBILITY(x): how strongly the argument's collation binds, 0 (COLLATE) to 6 (NULL).
Result<BoundExpr> CoercibilityOf(FunctionCall& call) {
  const ExprType arg = AsStringSource(call.args[0].type, call.context().connection_collation);
  Coercibility coercibility = arg.type == ValueType::kNull ? Coercibility::kIgnorable
                              : IsText(arg.type)           ? arg.coercibility
                                                           : Coercibility::kNumeric;
  BoundExpr result = IntegerConstant(static_cast<int64_t>(coercibility));
  result.type = TypeOf(ValueType::kInteger, 10);
  result.type.not_null = true;
  return result;
}

// Bytes per weight WEIGHT_STRING writes under `collation` (types/weight_string.h); ICU's sort
// keys are given room for eight.
uint32_t WeightWidth(const types::Collation& collation) {
  std::string_view name = collation.name();
  if (name == "utf8mb4_0900_bin") return 4;
  if (!types::HasMysqlWeights(collation)) return 8;
  if (name == "utf8mb4_bin") return 3;
  if (name.find("general_ci") != std::string_view::npos && name.substr(0, 4) == "utf8") return 2;
  return name == "utf8mb3_bin" ? 2 : 1;
}

// WEIGHT_STRING(str [AS CHAR(n) | AS BINARY(n)]): a binary string of the string's collation
// weights (types/weight_string.h), n of them with AS CHAR(n); AS BINARY(n) weighs the
// string's bytes, truncated or padded with 0x00 to n. A number has none: NULL, as in MySQL.
Result<BoundExpr> WeightString(FunctionCall& call) {
  const sql::DataType& as = call.expr.detail().cast_type;
  // -1: no AS clause (or no length in it).
  int64_t count = as.name.empty() || !as.length ? -1 : int64_t{*as.length};
  BoundExpr arg = std::move(call.args[0]);
  ValueType kind = arg.type.type;
  const types::Collation* collation =
      kind == ValueType::kJson ? types::FindCollationByName("utf8mb4_bin")
      : kind == ValueType::kString && as.name != "binary" && arg.type.collation != nullptr
          ? arg.type.collation
          : &types::BinaryCollation();
  uint32_t characters = std::max<uint32_t>(arg.type.length, count < 0 ? 0 : static_cast<uint32_t>(count));
  ExprType type = TypeOf(ValueType::kBinary, Clamp(int64_t{characters} * WeightWidth(*collation)));
  if (IsNumericType(kind) || kind == ValueType::kBit) {
    return BoundExpr::Constant(Value::Null(), type);
  }
  if (collation->id() == collation_id::kBinary) arg = Translator::CharsetBytes(std::move(arg));
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(collation->id()));
  args.push_back(IntegerConstant(count));
  args.push_back(std::move(arg));
  return BoundExpr::Call("pp_weight_string", std::move(args), type);
}

// REGEXP_LIKE, REGEXP_INSTR, REGEXP_SUBSTR, REGEXP_REPLACE on ICU (sqlite_functions.cc).
// The match is case-sensitive when the operands' collation is (binary, _bin, _cs), as in
// MySQL; a match_type argument's letters come after that default and override it.
Result<std::string> RegexDefaultFlags(const FunctionCall& call) {
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringOf(call, {0, 1}, 0));
  return std::string(MatchesCase(type) ? "c" : "i");
}

// The match_type argument at `index` after the default, or the default alone.
Result<BoundExpr> MatchType(FunctionCall& call, size_t index) {
  PORPOISE_ASSIGN_OR_RETURN(std::string flags, RegexDefaultFlags(call));
  if (index >= call.args.size()) return TextConstant(flags);
  ExprType text = TypeOf(ValueType::kString, 8);
  return BoundExpr::Infix("||", TextConstant(flags), std::move(call.args[index]), text);
}

// Arguments `first`.. of a call, with `defaults` for those not given (pos, occurrence, ...).
void FillDefaults(FunctionCall& call, size_t first, std::initializer_list<int64_t> defaults) {
  size_t index = first;
  for (int64_t value : defaults) {
    if (index >= call.args.size()) call.args.push_back(IntegerConstant(value));
    ++index;
  }
}

// The subject, pattern and replacement (the first `count` arguments) as text: a DOUBLE as
// MySQL prints it (6.7847385e73, not SQLite's 6.7847385e+73).
void RegexTexts(FunctionCall& call, size_t count) {
  for (size_t i = 0; i < count && i < call.args.size(); ++i) {
    call.args[i] = call.binder.FloatText(std::move(call.args[i]));
  }
}

Result<BoundExpr> RegexpLike(FunctionCall& call) {
  RegexTexts(call, 2);
  // NULL only for a NULL argument (a bad pattern or match type is an error).
  ExprType truth = TypeOf(ValueType::kInteger, 1);
  truth.not_null = std::all_of(call.args.begin(), call.args.end(),
                               [](const BoundExpr& arg) { return arg.type.not_null; });
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr flags, MatchType(call, 2));
  std::vector<BoundExpr> args;
  args.push_back(std::move(call.args[1]));
  args.push_back(std::move(call.args[0]));
  args.push_back(std::move(flags));
  return BoundExpr::Call("mysql_regexp", std::move(args), truth);
}

Result<BoundExpr> RegexpInstr(FunctionCall& call) {
  RegexTexts(call, 2);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr flags, MatchType(call, 5));
  if (call.args.size() > 5) call.args.resize(5);
  FillDefaults(call, 2, {1, 1, 0});
  call.args.push_back(std::move(flags));
  return BoundExpr::Call("mysql_regexp_instr", std::move(call.args), TypeOf(ValueType::kInteger, 21));
}

Result<BoundExpr> RegexpSubstr(FunctionCall& call) {
  // (as long as the subject as it is shown: a DOUBLE literal's written length)
  const uint32_t length = LengthOf(call, 0);
  RegexTexts(call, 2);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr flags, MatchType(call, 4));
  // (in the collation of the subject and the pattern together, as MySQL matches them)
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringOf(call, {0, 1}, length));
  type.not_null = false;
  if (call.args.size() > 4) call.args.resize(4);
  FillDefaults(call, 2, {1, 1});
  call.args.push_back(std::move(flags));
  return BoundExpr::Call("mysql_regexp_substr", std::move(call.args), type);
}

Result<BoundExpr> RegexpReplace(FunctionCall& call) {
  RegexTexts(call, 3);
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr flags, MatchType(call, 5));
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringOf(call, {0, 1}, kMaxBlobWidth));
  type.not_null = false;
  if (call.args.size() > 5) call.args.resize(5);
  FillDefaults(call, 3, {1, 0});
  call.args.push_back(std::move(flags));
  return BoundExpr::Call("mysql_regexp_replace", std::move(call.args), type);
}

// Whether `expr` reads a row (a column or a subquery): MySQL's XPath must be known before the
// rows are (a constant, a parameter or a user variable).
bool ReadsRows(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kColumn || expr.kind == BoundKind::kSubquery || expr.aggregate) {
    return true;
  }
  for (const BoundExprPtr& child : expr.children) {
    if (ReadsRows(*child)) return true;
  }
  return false;
}

// EXTRACTVALUE(xml, xpath) / UPDATEXML(xml, xpath, replacement): text in the arguments'
// collation, as long as MySQL's longest string. A constant XPath is compiled here, so its
// errors (1105) come before any row is read; one known only when the statement runs is
// compiled then.
Result<BoundExpr> XmlFunction(FunctionCall& call) {
  bool update = call.name == "UPDATEXML";
  const BoundExpr& path = call.args[1];
  if (ReadsRows(path)) {
    return Status::WithMessage(ER_UNKNOWN_ERROR, "Only constant XPATH queries are supported");
  }
  if (path.constant && !path.constant->is_null()) {
    std::string text;
    if (ToText(*path.constant, path.type, &text)) {
      Result<xml::XPath> compiled = xml::XPath::Compile(text);
      if (!compiled.ok()) return compiled.status();
    }
  }
  PORPOISE_ASSIGN_OR_RETURN(ExprType type, StringOf(call, {}, kMaxBlobWidth));
  type.not_null = false;
  if (type.collation == nullptr) type.collation = call.context().connection_collation;
  // A DOUBLE is read as the text MySQL prints for it (5.1e194, not SQLite's 5.1e+194).
  for (BoundExpr& arg : call.args) arg = call.binder.FloatText(std::move(arg));
  call.args.push_back(IntegerConstant(type.collation != nullptr ? type.collation->id() : 0));
  return BoundExpr::Call(update ? "pp_updatexml" : "pp_extractvalue", std::move(call.args), type);
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
  // A FLOAT argument is read as its text, save by the functions that read numbers as
  // numbers (FORMAT's digits, FIELD's comparison, CONV/BIN/OCT's integer).
  auto form = [](std::string_view name) {
    return name == "FORMAT" || name == "FIELD" || name == "CONV" || name == "BIN" ||
                   name == "OCT"
               ? ArgumentForm::kTextual
               : ArgumentForm::kString;
  };
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, BindRule bind) {
    registry.Add({name, min, max, form(name), bind, false});
  };
  // The counting functions are NULL only for a NULL argument.
  auto count = [&](std::string_view name, uint8_t min, uint8_t max, BindRule bind) {
    registry.Add({name, min, max, form(name), bind, false, Nullability::kFromArgs});
  };
  add("CONCAT", 1, kAnyArity, Text<kConcat, SumLength>);
  add("CONCAT_WS", 2, kAnyArity, Text<kConcatWs, ConcatWsLength>);
  add("UPPER", 1, 1, CaseMap<kUpper>);
  add("UCASE", 1, 1, CaseMap<kUpper>);
  add("LOWER", 1, 1, CaseMap<kLower>);
  add("LCASE", 1, 1, CaseMap<kLower>);
  count("LENGTH", 1, 1, ByteLength);
  count("OCTET_LENGTH", 1, 1, ByteLength);
  count("CHAR_LENGTH", 1, 1, Count<kCharLength, 10>);
  count("CHARACTER_LENGTH", 1, 1, Count<kCharLength, 10>);
  count("BIT_LENGTH", 1, 1, BitLength);
  for (std::string_view name : {"SUBSTRING", "SUBSTR", "MID"}) {
    add(name, 2, 3, Text<kSubstr, SubstringLength, 0>);
  }
  add("LEFT", 2, 2, Left);
  add("RIGHT", 2, 2, Text<kRight, SideLength, 0>);
  add("REPLACE", 3, 3, Text<kReplace, ReplaceLength>);
  add("REGEXP_LIKE", 2, 3, RegexpLike);
  add("REGEXP_INSTR", 2, 6, RegexpInstr);
  add("REGEXP_SUBSTR", 2, 5, RegexpSubstr);
  add("REGEXP_REPLACE", 3, 6, RegexpReplace);
  add("TRIM", 1, 3, Trim);
  add("LTRIM", 1, 1, Trim);
  add("RTRIM", 1, 1, Trim);
  count("LOCATE", 2, 3, Count<kLocate, 11>);
  count("POSITION", 2, 3, Count<kLocate, 11>);
  count("INSTR", 2, 2, Instr);
  add("REPEAT", 2, 2, Text<kRepeat, RepeatLength, 0>);
  add("REVERSE", 1, 1, Text<kReverse, FirstLength, 0>);
  add("LPAD", 3, 3, Text<kLpad, PadLength, 0, 2>);
  add("RPAD", 3, 3, Text<kRpad, PadLength, 0, 2>);
  add("SPACE", 1, 1, Text<kSpace, SpaceLength, kNoArgument>);
  registry.Add({"HEX", 1, 1, ArgumentForm::kTyped, Hex, false});
  add("UNHEX", 1, 1, Unhex);
  count("ASCII", 1, 1, Count<kAscii, 3>);
  count("ORD", 1, 1, Ord);
  count("FIND_IN_SET", 2, 2, Count<kFindInSet, 3>);
  count("STRCMP", 2, 2, Strcmp);
  add("SUBSTRING_INDEX", 3, 3, Text<kSubstringIndex, FirstLength, 0, 1>);
  add("INSERT", 4, 4, Text<kInsert, InsertLength, 0, 3>);
  add("ELT", 2, kAnyArity, Text<kElt, EltLength>);
  add("QUOTE", 1, 1, Text<kQuote, QuoteLength, 0>);
  add("CHAR", 1, kAnyArity, CharOf);
  add("MD5", 1, 1, Encoded<kMd5, Fixed<32>>);
  add("SHA1", 1, 1, Encoded<kSha1, Fixed<40>>);
  add("SHA", 1, 1, Encoded<kSha1, Fixed<40>>);
  add("SHA2", 2, 2, Sha2);
  add("TO_BASE64", 1, 1, Encoded<kToBase64, Base64Length>);
  add("COMPRESS", 1, 1, Compression);
  add("UNCOMPRESS", 1, 1, Compression);
  add("UNCOMPRESSED_LENGTH", 1, 1, Compression);
  add("AES_ENCRYPT", 2, 3, Aes);
  add("AES_DECRYPT", 2, 3, Aes);
  add("FROM_BASE64", 1, 1, FromBase64);
  count("CRC32", 1, 1, Crc32);
  add("FORMAT", 2, 3, Format);
  add("CONV", 3, 3, Conv);
  add("BIN", 1, 1, Conv);
  add("OCT", 1, 1, Conv);
  add("FIELD", 2, kAnyArity, Field);
  add("SOUNDEX", 1, 1, Text<kSoundex, SoundexLength, 0>);
  add("MAKE_SET", 2, kAnyArity, Text<kMakeSet, MakeSetLength>);
  add("EXPORT_SET", 3, 5, Text<kExportSet, ExportSetLength, 1, 2>);
  add("CHARSET", 1, 1, CharsetOrCollation);
  add("COLLATION", 1, 1, CharsetOrCollation);
  add("COERCIBILITY", 1, 1, CoercibilityOf);
  add("WEIGHT_STRING", 1, 1, WeightString);
  add("EXTRACTVALUE", 2, 2, XmlFunction);
  add("UPDATEXML", 3, 3, XmlFunction);
}

}  // namespace porpoise::engine
