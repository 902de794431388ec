// Fuzz target: a COM_QUERY's text as the session reads it under each client character set the
// server accepts. Session::DecodeClientText turns latin1 and ascii clients' bytes into the
// UTF-8 the parser reads (types::Decode) and passes utf8mb4, utf8mb3 and binary bytes as they
// are; the text is then lexed and parsed with the session's sql_mode, as one statement or,
// with CLIENT_MULTI_STATEMENTS, statement by statement (Session::ComQuery). The other fuzzers
// see raw bytes; latin1's decoding is what puts well-formed multi-byte characters (and
// U+0080..U+009F) into identifiers, strings and comments. (sql/fuzz)
//
// Input: byte 0 = bits 0-2 the character set (modulo 5: utf8mb4, utf8mb3, latin1, ascii,
// binary), bit 3 multi-statements, bits 4-7 ANSI_QUOTES, PIPES_AS_CONCAT,
// NO_BACKSLASH_ESCAPES, HIGH_NOT_PRECEDENCE; the rest is the statement text as sent.
//
// Checked: latin1 decodes to valid UTF-8 that encodes back to the same bytes; ascii keeps the
// length and turns every byte past 0x7f into '?'; the other sets leave the bytes alone;
// encoding the decoded text into each set (results go back that way) reports the first
// character it could not hold inside the text; the lexer reaches its end; every statement
// that parses prints as SQL that parses again and prints the same (the same tree too, in the
// default sql_mode).
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/lexer.h"
#include "sql/parse_status.h"
#include "sql/parser.h"
#include "sql/printer.h"
#include "types/charset_codec.h"

namespace porpoise::sql {
namespace {

constexpr std::array<std::string_view, 5> kCharsets = {"utf8mb4", "utf8mb3", "latin1", "ascii",
                                                       "binary"};

[[noreturn]] void Fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "sql_charset_fuzzer: %s\ntext: %.*s\n", what,
               static_cast<int>(text.size()), text.data());
  std::abort();
}

void Check(bool condition, const char* what, std::string_view text) {
  if (!condition) Fail(what, text);
}

// Whether `text` is well-formed UTF-8 (shortest forms, no surrogates, at most U+10FFFF).
bool ValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto byte = [&](size_t at) { return static_cast<uint8_t>(text[at]); };
    uint8_t lead = byte(i);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xe ? 3
                                    : (lead >> 3) == 0x1e ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code = length == 1 ? lead : lead & (0x7f >> length);
    for (size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xc0) != 0x80) return false;
      code = (code << 6) | (byte(i + k) & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMin[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return false;
    }
    i += length;
  }
  return true;
}

// DecodeClientText, checked against what each set means.
std::string DecodeClientText(std::string_view bytes, std::string_view charset) {
  if (charset != "latin1" && charset != "ascii") {
    std::string same = types::Decode(bytes, charset);
    Check(same == bytes, "Decode changed bytes it should pass through", bytes);
    return same;
  }
  std::string text = types::Decode(bytes, charset);
  Check(ValidUtf8(text), "decoded text is not UTF-8", bytes);
  std::string back;
  bool exact = types::Encode(text, charset, &back);
  if (charset == "latin1") {
    Check(exact && back == bytes, "latin1 does not encode back to its bytes", bytes);
  } else {
    Check(text.size() == bytes.size(), "ascii changed the length", bytes);
    for (size_t i = 0; i < bytes.size(); ++i) {
      char expected = static_cast<uint8_t>(bytes[i]) < 0x80 ? bytes[i] : '?';
      Check(text[i] == expected, "ascii byte decoded wrongly", bytes);
    }
    Check(exact && back == text, "ascii text does not encode back", bytes);
  }
  return text;
}

// Results go back in character_set_results: the text in each set, and 1366's quote of the
// first character a set could not take.
void EncodeForResults(std::string_view text) {
  for (std::string_view charset : kCharsets) {
    std::string out;
    size_t first_bad = text.size() + 1;
    bool exact = types::Encode(text, charset, &out, &first_bad);
    if (exact) continue;
    Check(types::NeedsEncoding(charset), "a pass-through set lost characters", text);
    Check(first_bad < text.size(), "first unencodable character out of range", text);
    (void)types::PrintableFrom(text, first_bad);
  }
}

void Tokenize(std::string_view text, const ParserOptions& options) {
  Lexer lexer(text, options);
  // Every token but kEnd consumes at least one byte.
  for (size_t count = 0; count <= text.size() + 1; ++count) {
    Token token = lexer.Next();
    if (token.type == TokenType::kEnd || token.type == TokenType::kError) return;
    Check(token.begin < token.end && token.end <= text.size(), "token out of range", text);
  }
  Fail("lexer does not reach the end", text);
}

void CheckPrinted(const Statement& statement, std::string_view text, bool default_mode) {
  std::string printed = ToSql(statement);
  // The printer may add parentheses, so the copy may nest deeper than the session's limit
  // allowed the original: it is read back without that limit (only the stack's).
  ParserOptions unlimited;
  unlimited.max_depth = UINT32_MAX;
  Result<StatementPtr> again = ParseOne(printed, unlimited);
  if (!again.ok() && again.status().code() == ER_STACK_OVERRUN_NEED_MORE) return;
  if (!again.ok()) Fail("printed statement does not parse", printed);
  if (default_mode && !Equals(statement, **again)) Fail("reparsed tree differs", text);
  if (ToSql(**again) != printed) Fail("second print differs", printed);
}

// Session::ComQuery's parse: one statement, or with multi-statements each in turn, going on
// past mysqldump's DISABLE/ENABLE KEYS note as the session does.
void Parse(std::string_view text, const ParserOptions& options, bool multi, bool default_mode) {
  if (!multi) {
    Result<StatementPtr> parsed = ParseOne(text, options);
    if (parsed.ok()) CheckPrinted(**parsed, text, default_mode);
    return;
  }
  Parser parser(text, options);
  bool first = true;
  // Each statement consumes at least one byte.
  for (size_t count = 0; count <= text.size() + 1; ++count) {
    if (!first && parser.AtEnd()) return;
    first = false;
    Result<StatementPtr> parsed = parser.ParseNext();
    if (!parsed.ok()) {
      if (IsKeysToggleNote(parsed.status()) && !parser.AtEnd()) continue;
      return;
    }
    CheckPrinted(**parsed, text, default_mode);
  }
  Fail("parser does not reach the end", text);
}

}  // namespace
}  // namespace porpoise::sql

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace porpoise::sql;
  if (size == 0) return 0;
  uint8_t selector = data[0];
  std::string_view charset = kCharsets[(selector & 0x07) % kCharsets.size()];
  bool multi = (selector & 0x08) != 0;
  ParserOptions options;  // the server's: version 8.4, nesting limit 4000
  options.ansi_quotes = (selector & 0x10) != 0;
  options.pipes_as_concat = (selector & 0x20) != 0;
  options.no_backslash_escapes = (selector & 0x40) != 0;
  options.high_not_precedence = (selector & 0x80) != 0;
  bool default_mode = (selector & 0xf0) == 0;

  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string text = DecodeClientText(bytes, charset);
  EncodeForResults(text);
  Tokenize(text, options);
  Parse(text, options, multi, default_mode);
  return 0;
}
