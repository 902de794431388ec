// Statement shapes: which literals of a statement are values a shared parse can take in,
// and the shape's text with those as numbered parameters. (sql/)
#include "sql/statement_shape.h"

#include "common/strings.h"

namespace porpoise::sql {
namespace {

bool IsWord(const Token& token, std::string_view upper) {
  return token.type == TokenType::kWord && EqualsIgnoreCase(token.text, upper);
}

bool IsValueLiteral(TokenType type) {
  return type == TokenType::kInteger || type == TokenType::kDecimal ||
         type == TokenType::kFloat || type == TokenType::kString;
}

bool IsStringToken(TokenType type) {
  return type == TokenType::kString || type == TokenType::kNationalString;
}

// Where the tokens are, for one level of parentheses: whether literals here are kept.
struct Level {
  bool inherited = false;    // the enclosing level keeps its literals
  bool select_list = false;  // between SELECT and the end of its list
  bool by_list = false;      // ORDER BY / GROUP BY / PARTITION BY items
  bool limit = false;        // LIMIT's and OFFSET's values
  bool Keeps() const { return inherited || select_list || by_list || limit; }
};

// A word that ends a select list or a BY list at its level.
bool EndsList(const Token& token) {
  static constexpr std::string_view kWords[] = {
      "FROM",  "WHERE", "GROUP",  "HAVING", "ORDER", "LIMIT", "UNION", "INTERSECT",
      "EXCEPT", "INTO", "WINDOW", "FOR",    "LOCK",  "ROWS",  "RANGE", "GROUPS"};
  if (token.type != TokenType::kWord) return false;
  for (std::string_view word : kWords) {
    if (EqualsIgnoreCase(token.text, word)) return true;
  }
  return false;
}

// Whether the literal at `index` stays in the shape's text.
bool KeptLiteral(const std::vector<Token>& tokens, size_t index, const Level& level) {
  if (level.Keeps()) return true;
  if (!IsValueLiteral(tokens[index].type)) return true;
  const Token* before = index > 0 ? &tokens[index - 1] : nullptr;
  const Token& after = tokens[index + 1];  // the list ends with kEnd
  if (IsStringToken(after.type)) return true;  // 'a' 'b' is one string
  if (before == nullptr) return true;
  if (IsStringToken(before->type)) return true;
  if (before->type == TokenType::kOperator &&
      (before->text == "-" || before->text == "+" || before->text == "->" ||
       before->text == "->>")) {
    return true;
  }
  if (before->type == TokenType::kWord &&
      (before->text.starts_with('_') || IsWord(*before, "INTERVAL") || IsWord(*before, "DATE") ||
       IsWord(*before, "TIME") || IsWord(*before, "TIMESTAMP") || IsWord(*before, "LIMIT") ||
       IsWord(*before, "OFFSET"))) {
    return true;
  }
  return false;
}

}  // namespace

std::optional<StatementShape> ShapeOf(std::string_view sql, const ParserOptions& options,
                                      size_t max_bytes) {
  if (sql.size() > max_bytes) return std::nullopt;
  std::vector<Token> tokens = Lexer::TokenizeAll(sql, options);
  if (tokens.empty() || tokens.back().type != TokenType::kEnd) return std::nullopt;
  const Token& first = tokens.front();
  if (!IsWord(first, "SELECT") && !IsWord(first, "WITH") && !IsWord(first, "INSERT") &&
      !IsWord(first, "REPLACE") && !IsWord(first, "UPDATE") && !IsWord(first, "DELETE")) {
    return std::nullopt;
  }
  // The statement's tokens: up to the end, or a final ';' with nothing after it.
  size_t count = tokens.size() - 1;
  if (count > 0 && tokens[count - 1].Is(";")) --count;
  StatementShape shape;
  shape.source = sql.substr(first.begin, tokens[count - 1].end - first.begin);
  std::vector<Level> levels(1);
  size_t copied = 0;
  for (size_t index = 0; index < count; ++index) {
    const Token& token = tokens[index];
    if (token.type == TokenType::kParam || token.Is(";")) return std::nullopt;
    Level& level = levels.back();
    if (token.Is("(")) {
      Level inner;
      inner.inherited = level.Keeps();
      levels.push_back(inner);
      continue;
    }
    if (token.Is(")")) {
      if (levels.size() > 1) levels.pop_back();
      continue;
    }
    if (token.type == TokenType::kWord) {
      if (EndsList(token)) {
        level.select_list = level.by_list = false;
        level.limit = IsWord(token, "LIMIT");
      }
      if (IsWord(token, "SELECT")) level.select_list = true;
      if (IsWord(token, "BY") && index > 0 &&
          (IsWord(tokens[index - 1], "ORDER") || IsWord(tokens[index - 1], "GROUP") ||
           IsWord(tokens[index - 1], "PARTITION"))) {
        level.by_list = true;
      }
      continue;
    }
    if (KeptLiteral(tokens, index, level)) continue;
    shape.text.append(sql.substr(copied, token.begin - copied));
    shape.text += " ?" + std::to_string(shape.literals.size()) + " ";
    copied = token.end;
    shape.literals.push_back(token);
  }
  shape.text.append(sql.substr(copied));
  return shape;
}

ExprPtr LiteralOf(const Token& token) {
  switch (token.type) {
    case TokenType::kInteger:
      return MakeLiteral(LiteralKind::kInteger, token.text);
    case TokenType::kDecimal:
      return MakeLiteral(LiteralKind::kDecimal, token.text);
    case TokenType::kFloat:
      return MakeLiteral(LiteralKind::kFloat, token.text);
    default:
      return MakeLiteral(LiteralKind::kString, token.text);
  }
}

}  // namespace porpoise::sql
