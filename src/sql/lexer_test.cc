// Tests for the tokenizer: every token class, escapes, comments and version comments. (sql/)
#include "sql/lexer.h"

#include <gtest/gtest.h>

#include "sql/keywords.h"

namespace porpoise::sql {
namespace {

std::vector<Token> Lex(std::string_view sql, ParserOptions options = {}) {
  std::vector<Token> tokens = Lexer::TokenizeAll(sql, options);
  EXPECT_FALSE(tokens.empty());
  return tokens;
}

// "type:text" for each token except the final kEnd.
std::vector<std::string> Describe(std::string_view sql, ParserOptions options = {}) {
  std::vector<std::string> out;
  for (const Token& token : Lex(sql, options)) {
    if (token.type == TokenType::kEnd) break;
    out.push_back(std::to_string(static_cast<int>(token.type)) + ":" + token.text);
  }
  return out;
}

std::string Text(TokenType type, std::string text) {
  return std::to_string(static_cast<int>(type)) + ":" + text;
}

TEST(LexerTest, IdentifiersIncludeDollarUtf8AndDigitsFirst) {
  EXPECT_EQ(Describe("abc $x1 café 1abc `we``ird` 123"),
            (std::vector<std::string>{Text(TokenType::kWord, "abc"), Text(TokenType::kWord, "$x1"),
                                      Text(TokenType::kWord, "café"),
                                      Text(TokenType::kWord, "1abc"),
                                      Text(TokenType::kQuotedIdent, "we`ird"),
                                      Text(TokenType::kInteger, "123")}));
}

TEST(LexerTest, StringEscapesFollowMysql) {
  std::vector<Token> tokens = Lex(R"('a''b\'c\"d\0\b\n\r\t\Z\\\%\_\q')");
  ASSERT_EQ(tokens[0].type, TokenType::kString);
  EXPECT_EQ(tokens[0].text, std::string("a'b'c\"d\0\b\n\r\t\x1a\\\\%\\_q", 19));
}

TEST(LexerTest, NoBackslashEscapesKeepsBackslashes) {
  ParserOptions options;
  options.no_backslash_escapes = true;
  std::vector<Token> tokens = Lex(R"('a\n''b')", options);
  EXPECT_EQ(tokens[0].text, "a\\n'b");
}

TEST(LexerTest, DoubleQuotesAreStringsOrIdentifiersUnderAnsiQuotes) {
  EXPECT_EQ(Lex("\"x\"\"y\"")[0].type, TokenType::kString);
  EXPECT_EQ(Lex("\"x\"\"y\"")[0].text, "x\"y");
  ParserOptions ansi;
  ansi.ansi_quotes = true;
  EXPECT_EQ(Lex("\"x\"", ansi)[0].type, TokenType::kQuotedIdent);
}

TEST(LexerTest, NumbersHexBitAndNational) {
  EXPECT_EQ(Describe("1.5 .5 1. 1e3 1.5E-2 X'4142' 0x414 b'101' 0b1 N'n'"),
            (std::vector<std::string>{
                Text(TokenType::kDecimal, "1.5"), Text(TokenType::kDecimal, ".5"),
                Text(TokenType::kDecimal, "1."), Text(TokenType::kFloat, "1e3"),
                Text(TokenType::kFloat, "1.5E-2"), Text(TokenType::kHex, "AB"),
                Text(TokenType::kHex, std::string("\x04\x14", 2)), Text(TokenType::kBit, "\x05"),
                Text(TokenType::kBit, "\x01"), Text(TokenType::kNationalString, "n")}));
  EXPECT_EQ(Lex("X'414'")[0].type, TokenType::kError);
  EXPECT_EQ(Lex("0x1g")[0].type, TokenType::kWord);
}

TEST(LexerTest, VariablesAndPlaceholders) {
  std::vector<Token> tokens = Lex("@a @'q v' @`b` @@version @@session.x @@GLOBAL.y @@local.z ?");
  ASSERT_EQ(tokens.size(), 9u);
  EXPECT_EQ(tokens[0].type, TokenType::kUserVar);
  EXPECT_EQ(tokens[1].text, "q v");
  EXPECT_EQ(tokens[2].text, "b");
  EXPECT_EQ(tokens[3].type, TokenType::kSysVar);
  EXPECT_EQ(tokens[3].scope, VariableScope::kDefault);
  EXPECT_EQ(tokens[4].scope, VariableScope::kSession);
  EXPECT_EQ(tokens[4].text, "x");
  EXPECT_EQ(tokens[5].scope, VariableScope::kGlobal);
  EXPECT_EQ(tokens[6].scope, VariableScope::kSession);
  EXPECT_EQ(tokens[7].type, TokenType::kParam);
}

TEST(LexerTest, OperatorsUseLongestMatch) {
  std::vector<std::string> ops;
  for (const Token& token : Lex("<=> := != <> <= >= << >> && || ! ~ ^ % -> ->> = < >")) {
    if (token.type == TokenType::kOperator) ops.push_back(token.text);
  }
  EXPECT_EQ(ops, (std::vector<std::string>{"<=>", ":=", "!=", "<>", "<=", ">=", "<<", ">>", "&&",
                                           "||", "!", "~", "^", "%", "->", "->>", "=", "<", ">"}));
}

TEST(LexerTest, CommentsInAllThreeForms) {
  EXPECT_EQ(Describe("a -- c\nb # d\nc /* e */ d"),
            (std::vector<std::string>{Text(TokenType::kWord, "a"), Text(TokenType::kWord, "b"),
                                      Text(TokenType::kWord, "c"), Text(TokenType::kWord, "d")}));
  // "--" without a following space is two minus signs.
  EXPECT_EQ(Describe("1--2").size(), 4u);
  EXPECT_EQ(Lex("a /* open")[1].type, TokenType::kError);
}

TEST(LexerTest, VersionCommentsRunWhenOldEnough) {
  EXPECT_EQ(Describe("/*!40101 SET x=1 */"),
            (std::vector<std::string>{Text(TokenType::kWord, "SET"), Text(TokenType::kWord, "x"),
                                      Text(TokenType::kOperator, "="),
                                      Text(TokenType::kInteger, "1")}));
  EXPECT_EQ(Describe("/*!99999 SET x=1 */ y"),
            (std::vector<std::string>{Text(TokenType::kWord, "y")}));
  EXPECT_EQ(Describe("/*! z */"), (std::vector<std::string>{Text(TokenType::kWord, "z")}));
  EXPECT_EQ(Describe("/*+ BKA(t) */ w"), (std::vector<std::string>{Text(TokenType::kWord, "w")}));
  ParserOptions old_server;
  old_server.server_version = 40000;
  EXPECT_TRUE(Describe("/*!40101 SET */", old_server).empty());
}

TEST(LexerTest, SemicolonsInsideStringsAndCommentsAreText) {
  std::vector<Token> tokens = Lex("'a;b' /* ; */ -- ;\n;");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "a;b");
  EXPECT_TRUE(tokens[1].Is(";"));
}

TEST(LexerTest, TokensCarryLinesAndOffsets) {
  std::vector<Token> tokens = Lex("a\n  b\n\nc");
  EXPECT_EQ(tokens[0].line, 1u);
  EXPECT_EQ(tokens[1].line, 2u);
  EXPECT_EQ(tokens[1].begin, 4u);
  EXPECT_EQ(tokens[2].line, 4u);
}

TEST(LexerTest, LinesCountNewlinesInsideStringsAndComments) {
  std::vector<Token> tokens = Lex("'long run of text\nover two lines' e /* a\nb */\n f");
  EXPECT_EQ(tokens[0].text, "long run of text\nover two lines");
  EXPECT_EQ(tokens[0].line, 1u);
  EXPECT_EQ(tokens[1].line, 2u);
  EXPECT_EQ(tokens[2].line, 4u);
}

TEST(LexerTest, UnterminatedStringIsAnError) {
  std::vector<Token> tokens = Lex("select 'abc");
  EXPECT_EQ(tokens[1].type, TokenType::kError);
  EXPECT_EQ(tokens[1].begin, 7u);
}

TEST(KeywordsTest, ReservedFlagsMatchMysql84) {
  EXPECT_TRUE(IsReservedWord("select"));
  EXPECT_TRUE(IsReservedWord("Interval"));
  EXPECT_TRUE(IsReservedWord("RANK"));
  for (const char* word : {"user", "host", "status", "password", "plugin", "comment", "data",
                           "date", "time", "timestamp", "text", "names", "level", "count"}) {
    EXPECT_FALSE(IsReservedWord(word)) << word;
  }
  ASSERT_NE(FindKeyword("begin"), nullptr);
  EXPECT_EQ(FindKeyword("begin")->name, "BEGIN");
  EXPECT_EQ(FindKeyword("not_a_keyword"), nullptr);
}

}  // namespace
}  // namespace porpoise::sql
