// Statement digests (digest.h): the lexer's tokens reduced as MySQL's digest reduces its
// token stream (sql/sql_digest.cc there), kept within max_digest_length bytes as MySQL counts
// them, then printed. (sql/)
#include "sql/digest.h"

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/strings.h"
#include "sql/keywords.h"
#include "sql/lexer.h"

namespace porpoise::sql {

namespace {

// What one stored digest token is.
enum class Kind : uint8_t {
  kToken,             // a keyword or punctuation, printed as `text`
  kIdentifier,        // `text`, quoted
  kIdentifierAt,      // `text` right before '@' (table@query_block in a hint)
  kValue,             // ?
  kValueList,         // ?, ...
  kRowSingle,         // (?)
  kRowSingleList,     // (?) /* , ... */
  kRowMultiple,       // (...)
  kRowMultipleList,   // (...) /* , ... */
  kInValues,          // IN (...)
};

struct Entry {
  Kind kind;
  std::string text;  // kToken: what is printed; identifiers: the name
};

// Functions MySQL's lexer makes tokens of when '(' follows (its sql_functions[]); elsewhere
// they are plain identifiers.
constexpr std::string_view kFunctionTokens[] = {
    "ADDDATE", "BIT_AND", "BIT_OR", "BIT_XOR", "CAST", "COUNT", "CURDATE", "CURTIME",
    "DATE_ADD", "DATE_SUB", "EXTRACT", "GROUP_CONCAT", "JSON_ARRAYAGG", "JSON_OBJECTAGG", "MAX",
    "MID", "MIN", "NOW", "POSITION", "SESSION_USER", "STD", "STDDEV", "STDDEV_POP",
    "STDDEV_SAMP", "ST_COLLECT", "SUBDATE", "SUBSTR", "SUBSTRING", "SUM", "SYSDATE",
    "SYSTEM_USER", "TRIM", "VARIANCE", "VAR_POP", "VAR_SAMP"};

// Keywords MySQL prints under another of their spellings: its digest prints a token by the
// last of the names its symbol table gives it.
const std::unordered_map<std::string_view, std::string_view>& Spellings() {
  static const auto* spellings = new std::unordered_map<std::string_view, std::string_view>{
      {"<>", "!="},
      {"DISTINCT", "DISTINCTROW"},
      {"INT", "INTEGER"}, {"INT4", "INTEGER"},
      {"INT1", "TINYINT"}, {"INT2", "SMALLINT"}, {"INT3", "MIDDLEINT"},
      {"MEDIUMINT", "MIDDLEINT"}, {"BIGINT", "INT8"},
      {"FLOAT", "FLOAT4"}, {"DOUBLE", "FLOAT8"}, {"DEC", "DECIMAL"},
      {"CHAR", "CHARACTER"}, {"VARCHAR", "VARCHARACTER"},
      {"DATABASE", "SCHEMA"}, {"DATABASES", "SCHEMAS"},
      {"COLUMNS", "FIELDS"}, {"INDEXES", "KEYS"}, {"ANY", "SOME"}, {"REGEXP", "RLIKE"},
      {"CURRENT_TIMESTAMP", "NOW"}, {"LOCALTIME", "NOW"}, {"LOCALTIMESTAMP", "NOW"},
      {"CURRENT_DATE", "CURDATE"}, {"CURRENT_TIME", "CURTIME"},
      {"SUBSTR", "SUBSTRING"}, {"MID", "SUBSTRING"},
      {"STD", "STDDEV_POP"}, {"STDDEV", "STDDEV_POP"}, {"VARIANCE", "VAR_POP"},
      {"USER", "SYSTEM_USER"}, {"SESSION_USER", "SYSTEM_USER"},
  };
  return *spellings;
}

// Tokens after which an expression starts (MySQL's m_start_expr): a sign right after one is
// a number's, not an operator.
bool StartsExpression(const Entry* entry) {
  static constexpr std::string_view kStarts[] = {
      "(", ",", "EVERY", "AT", "STARTS", "ENDS", "DEFAULT", "RETURN", "IF", "ELSEIF", "CASE",
      "WHEN", "WHILE", "UNTIL", "SELECT", "OR", "||", "XOR", "AND", "&&", "NOT", "BETWEEN",
      "LIKE", "RLIKE", "|", "&", "<<", ">>", "+", "-", "INTERVAL", "*", "/", "%", "DIV", "MOD",
      "^"};
  return entry != nullptr && entry->kind == Kind::kToken &&
         std::find(std::begin(kStarts), std::end(kStarts), entry->text) != std::end(kStarts);
}

// Optimizer hint names, printed upper case inside /*+ ... */.
bool IsHintKeyword(std::string_view upper) {
  static constexpr std::string_view kHints[] = {
      "BKA", "BNL", "DERIVED_CONDITION_PUSHDOWN", "DUPSWEEDOUT", "FIRSTMATCH", "GROUP_INDEX",
      "HASH_JOIN", "INDEX", "INDEX_MERGE", "INTOEXISTS", "JOIN_FIXED_ORDER", "JOIN_INDEX",
      "JOIN_ORDER", "JOIN_PREFIX", "JOIN_SUFFIX", "LOOSESCAN", "MATERIALIZATION",
      "MAX_EXECUTION_TIME", "MERGE", "MRR", "NO_BKA", "NO_BNL", "NO_DERIVED_CONDITION_PUSHDOWN",
      "NO_GROUP_INDEX", "NO_HASH_JOIN", "NO_ICP", "NO_INDEX", "NO_INDEX_MERGE", "NO_JOIN_INDEX",
      "NO_MERGE", "NO_MRR", "NO_ORDER_INDEX", "NO_RANGE_OPTIMIZATION", "NO_SEMIJOIN",
      "NO_SKIP_SCAN", "ORDER_INDEX", "QB_NAME", "RESOURCE_GROUP", "SEMIJOIN", "SET_VAR",
      "SKIP_SCAN", "SUBQUERY"};
  return std::find(std::begin(kHints), std::end(kHints), upper) != std::end(kHints);
}

bool IsValueToken(TokenType type) {
  return type == TokenType::kString || type == TokenType::kNationalString ||
         type == TokenType::kInteger || type == TokenType::kDecimal ||
         type == TokenType::kFloat || type == TokenType::kHex || type == TokenType::kBit;
}

bool IsNumberToken(TokenType type) {
  return type == TokenType::kInteger || type == TokenType::kDecimal ||
         type == TokenType::kFloat || type == TokenType::kHex || type == TokenType::kBit;
}

// The stored tokens and MySQL's reductions over them.
class DigestStore {
 public:
  explicit DigestStore(size_t max_length) : max_length_(max_length) {}

  void AddToken(std::string text) { Store({Kind::kToken, std::move(text)}); }

  void AddIdentifier(std::string name, bool at) {
    Store({at ? Kind::kIdentifierAt : Kind::kIdentifier, std::move(name)});
    last_identifier_ = entries_.size();
  }

  // A literal (a number when `number`): a sign where an expression starts is folded in, and
  // values separated by commas become a list.
  void AddValue(bool number) {
    if (full_) return;
    while (number) {
      const Entry* last = Peek(1);
      if (last == nullptr || last->kind != Kind::kToken || (last->text != "-" && last->text != "+") ||
          !StartsExpression(Peek(2))) {
        break;
      }
      Pop(1);
    }
    Kind kind = Kind::kValue;
    if (IsComma(Peek(1)) && (Is(Peek(2), Kind::kValue) || Is(Peek(2), Kind::kValueList))) {
      Pop(2);
      kind = Kind::kValueList;
    }
    Store({kind, ""});
  }

  // ')': a parenthesised value or list of values, rows of them, IN (...).
  void AddClose() {
    if (full_) return;
    const Entry* last = Peek(1);
    bool open = Peek(2) != nullptr && Peek(2)->kind == Kind::kToken && Peek(2)->text == "(";
    if (!open || !(Is(last, Kind::kValue) || Is(last, Kind::kValueList))) return AddToken(")");
    bool single = last->kind == Kind::kValue;
    Pop(2);
    Kind kind = single ? Kind::kRowSingle : Kind::kRowMultiple;
    Kind list = single ? Kind::kRowSingleList : Kind::kRowMultipleList;
    if (IsComma(Peek(1)) && (Is(Peek(2), kind) || Is(Peek(2), list))) {
      Pop(2);
      kind = list;
    } else if (Peek(1) != nullptr && Peek(1)->kind == Kind::kToken && Peek(1)->text == "IN") {
      Pop(1);
      kind = Kind::kInValues;
    }
    Store({kind, ""});
  }

  std::string Text() const {
    std::string out;
    bool space = false;
    for (const Entry& entry : entries_) {
      if (space) out += ' ';
      space = true;
      switch (entry.kind) {
        case Kind::kToken:
          out += entry.text;
          space = entry.text != "@";
          break;
        case Kind::kIdentifier: out += "`" + entry.text + "`"; break;
        case Kind::kIdentifierAt:
          out += "`" + entry.text + "`";
          space = false;
          break;
        case Kind::kValue: out += "?"; break;
        case Kind::kValueList: out += "?, ..."; break;
        case Kind::kRowSingle: out += "(?)"; break;
        case Kind::kRowSingleList: out += "(?) /* , ... */"; break;
        case Kind::kRowMultiple: out += "(...)"; break;
        case Kind::kRowMultipleList: out += "(...) /* , ... */"; break;
        case Kind::kInValues: out += "IN (...)"; break;
      }
    }
    return out;
  }

 private:
  static size_t SizeOf(const Entry& entry) {
    bool identifier = entry.kind == Kind::kIdentifier || entry.kind == Kind::kIdentifierAt;
    return identifier ? 4 + entry.text.size() : 2;
  }
  static bool Is(const Entry* entry, Kind kind) { return entry != nullptr && entry->kind == kind; }
  static bool IsComma(const Entry* entry) {
    return entry != nullptr && entry->kind == Kind::kToken && entry->text == ",";
  }

  // The n-th entry from the end (1: the last), never one at or before the last identifier
  // (MySQL reduces nothing across a name).
  const Entry* Peek(size_t n) const {
    if (entries_.size() < n || entries_.size() - n < last_identifier_) return nullptr;
    return &entries_[entries_.size() - n];
  }
  void Pop(size_t n) {
    for (size_t i = 0; i < n; ++i) {
      bytes_ -= SizeOf(entries_.back());
      entries_.pop_back();
    }
  }
  void Store(Entry entry) {
    if (full_) return;
    if (bytes_ + SizeOf(entry) > max_length_) {
      full_ = true;
      return;
    }
    bytes_ += SizeOf(entry);
    entries_.push_back(std::move(entry));
  }

  size_t max_length_;
  size_t bytes_ = 0;
  bool full_ = false;
  size_t last_identifier_ = 0;  // entries before this index are out of reductions' reach
  std::vector<Entry> entries_;
};

bool IsFunctionToken(std::string_view upper) {
  return std::find(std::begin(kFunctionTokens), std::end(kFunctionTokens), upper) !=
         std::end(kFunctionTokens);
}

std::string Spelled(std::string upper) {
  auto found = Spellings().find(upper);
  return found == Spellings().end() ? upper : std::string(found->second);
}

// Reads the tokens of `sql` into `store`.
class Digester {
 public:
  Digester(std::string_view sql, const ParserOptions& options, DigestStore* store)
      : sql_(sql), options_(options), store_(*store) {}

  void Run() {
    std::vector<Token> tokens = Lexer::TokenizeAll(sql_, options_);
    ddl_ = !tokens.empty() && tokens[0].type == TokenType::kWord &&
           (EqualsIgnoreCase(tokens[0].text, "CREATE") || EqualsIgnoreCase(tokens[0].text, "ALTER"));
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Token& token = tokens[i];
      if (token.type == TokenType::kEnd || token.type == TokenType::kError) break;
      if (!token.hint.empty()) Hint(token.hint);
      const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
      Add(token, next, false);
    }
  }

 private:
  void Hint(std::string_view text) {
    store_.AddToken("/*+");
    std::vector<Token> tokens = Lexer::TokenizeAll(text, options_);
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].type == TokenType::kEnd || tokens[i].type == TokenType::kError) break;
      const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
      Add(tokens[i], next, true);
    }
    store_.AddToken("*/");
    previous_.clear();
  }

  void Add(const Token& token, const Token* next, bool hint) {
    std::string previous = std::exchange(previous_, "");
    switch (token.type) {
      case TokenType::kWord: previous_ = Word(token, next, previous, hint); return;
      case TokenType::kQuotedIdent: Identifier(token, next, hint); return;
      case TokenType::kUserVar:
        store_.AddToken("@");
        if (hint) {
          store_.AddIdentifier(token.text, false);
        } else {
          store_.AddValue(false);
        }
        return;
      case TokenType::kSysVar: SystemVariable(token); return;
      case TokenType::kOperator:
        if (token.text == ")") return store_.AddClose();
        previous_ = Spelled(token.text);
        store_.AddToken(previous_);
        return;
      default:
        if (IsValueToken(token.type)) store_.AddValue(IsNumberToken(token.type));
        return;
    }
  }

  void Identifier(const Token& token, const Token* next, bool hint) {
    bool at = hint && next != nullptr && next->type == TokenType::kUserVar && next->begin == token.end;
    store_.AddIdentifier(token.text, at);
  }

  // A word: a keyword, a function token before '(', NULL as a value or not, a character set
  // introducer, or a name. Returns what `previous_` should hold (the keyword, upper case).
  std::string Word(const Token& token, const Token* next, const std::string& previous, bool hint) {
    std::string upper = ToUpperAscii(token.text);
    bool after_dot = previous == ".";
    bool before_paren = next != nullptr && next->Is("(");
    if (!after_dot && token.text.size() > 1 && token.text[0] == '_' && next != nullptr &&
        (next->type == TokenType::kString || next->type == TokenType::kHex ||
         next->type == TokenType::kBit) &&
        next->begin == token.end) {
      store_.AddToken("(_charset)");
      return "";
    }
    if (upper == "NULL" && !after_dot && !hint && NullIsValue(previous)) {
      store_.AddValue(false);
      return "";
    }
    bool keyword = hint ? IsHintKeyword(upper)
                        : !after_dot && (FindKeyword(upper) != nullptr ||
                                         (before_paren && IsFunctionToken(upper)));
    if (!keyword) {
      Identifier(token, next, hint);
      return "";
    }
    std::string spelled = Spelled(upper);
    store_.AddToken(spelled);
    return upper == "NOT" && previous == "IS" ? "IS NOT" : upper;
  }

  // NULL stays a keyword after IS / IS NOT, and as a column's attribute in CREATE / ALTER.
  bool NullIsValue(const std::string& previous) const {
    if (previous == "IS" || previous == "IS NOT") return false;
    if (ddl_ && previous != "DEFAULT" && previous != "SELECT" && previous != "=" &&
        previous != "," && previous != "(") {
      return false;
    }
    return true;
  }

  // @@name, @@scope.name: '@' '@', the scope keyword and '.', the name.
  void SystemVariable(const Token& token) {
    store_.AddToken("@");
    store_.AddToken("@");
    std::string_view raw = sql_view(token);
    size_t dot = raw.find('.');
    if (raw.size() > 2 && raw[2] != '`' && dot != std::string_view::npos) {
      store_.AddToken(ToUpperAscii(raw.substr(2, dot - 2)));
      store_.AddToken(".");
    }
    store_.AddIdentifier(token.text, false);
  }

  std::string_view sql_view(const Token& token) const {
    if (token.begin >= sql_.size() || token.end > sql_.size() || token.end < token.begin) return {};
    return sql_.substr(token.begin, token.end - token.begin);
  }

  std::string_view sql_;
  const ParserOptions& options_;
  DigestStore& store_;
  bool ddl_ = false;
  std::string previous_;  // the last keyword or operator added ("" after anything else)
};

}  // namespace

std::string StatementDigestText(std::string_view sql, const ParserOptions& options,
                                size_t max_length) {
  DigestStore store(max_length);
  Digester(sql, options, &store).Run();
  return store.Text();
}

Status CheckNoParameterMarkers(std::string_view sql, const ParserOptions& options) {
  for (const Token& token : Lexer::TokenizeAll(sql, options)) {
    if (token.type != TokenType::kParam) continue;
    return SyntaxErrorNear(sql, token.begin, token.line);
  }
  return Status::OK();
}

}  // namespace porpoise::sql
