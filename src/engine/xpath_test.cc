#include "engine/xpath.h"

#include <gtest/gtest.h>

#include "types/collation.h"

namespace porpoise::engine::xml {
namespace {

std::string Extract(std::string_view xml, std::string_view path) {
  Result<XPath> compiled = XPath::Compile(path);
  if (!compiled.ok()) return "error: " + compiled.status().message();
  Environment env;
  env.collation = &types::DefaultCollation();
  Result<std::optional<std::string>> out = compiled.value().Extract(xml, env);
  if (!out.ok()) return "error: " + out.status().message();
  return out.value() ? *out.value() : "NULL";
}

std::string Update(std::string_view xml, std::string_view path, std::string_view replacement) {
  Result<XPath> compiled = XPath::Compile(path);
  if (!compiled.ok()) return "error: " + compiled.status().message();
  Environment env;
  env.collation = &types::DefaultCollation();
  Result<std::optional<std::string>> out = compiled.value().Update(xml, replacement, env);
  if (!out.ok()) return "error: " + out.status().message();
  return out.value() ? *out.value() : "NULL";
}

TEST(XPathTest, ReadsTheTextChildrenOfTheSelectedNodes) {
  EXPECT_EQ(Extract("<a>ccc<b>ddd</b></a>", "/a"), "ccc");
  EXPECT_EQ(Extract("<a>ccc<b>ddd</b></a>", "/a/b"), "ddd");
  EXPECT_EQ(Extract("<a>ccc<b>ddd</b></a>", "//b"), "ddd");
  EXPECT_EQ(Extract("<a>ccc<b>ddd</b></a>", "/b"), "");
  EXPECT_EQ(Extract("<a>ccc<b>ddd</b><b>eee</b></a>", "//b"), "ddd eee");
  EXPECT_EQ(Extract("<a>ccc<b>ddd</b><b>eee</b></a>", "/a/b[2]"), "eee");
  EXPECT_EQ(Extract("<a><b id='1'>x</b><b id='2'>y</b></a>", "/a/b[@id=2]"), "y");
  EXPECT_EQ(Extract("<a><b id='1'>x</b></a>", "/a/b/@id"), "1");
  EXPECT_EQ(Extract("<a>x<!-- c --><![CDATA[<y>]]></a>", "/a"), "x <y>");
  // text() is read as the step before it; entities stay as written.
  EXPECT_EQ(Extract("<a>&lt;b&gt;</a>", "/a/text()"), "&lt;b&gt;");
}

TEST(XPathTest, ScalarsFollowSqlSemantics) {
  EXPECT_EQ(Extract("<a>1</a><a>2</a>", "count(/a)"), "2");
  EXPECT_EQ(Extract("<a>1</a><a>2</a>", "sum(/a)"), "3");
  EXPECT_EQ(Extract("", "5 div 2"), "2");   // DIV: integer division
  EXPECT_EQ(Extract("", "1.50 + 1"), "2.50");
  EXPECT_EQ(Extract("", "7 mod 3"), "1");
  EXPECT_EQ(Extract("", "1 div 0"), "NULL");
  EXPECT_EQ(Extract("", "true()"), "1");
  EXPECT_EQ(Extract("", "'abc' = 'ABC'"), "1");  // the collation's comparison
  EXPECT_EQ(Extract("", "concat('a', 'b', 'c')"), "ab");  // the first two only
  EXPECT_EQ(Extract("", "substring('abcdef', 2, 3)"), "bcd");
  EXPECT_EQ(Extract("", "string-length('héllo')"), "5");
  EXPECT_EQ(Extract("", "contains('abc', 'B')"), "1");  // under the collation
  EXPECT_EQ(Extract("", "contains('b', 'abc')"), "0");
  // A node set is true when it holds exactly one node.
  EXPECT_EQ(Extract("<a/><a/>", "boolean(/a)"), "0");
  EXPECT_EQ(Extract("<a/>", "boolean(/a)"), "1");
  EXPECT_EQ(Extract("<a><b>x</b><b>y</b></a>", "/a/b[last()]"), "y");
  EXPECT_EQ(Extract("<a><b>x</b><b>y</b></a>", "/a/b[position()=1]"), "x");
}

TEST(XPathTest, RefusesWhatMySqlRefuses) {
  EXPECT_EQ(Extract("<a/>", "/a/"), "error: XPATH syntax error: ''");
  EXPECT_EQ(Extract("<a/>", "/a[1"), "error: XPATH syntax error: ''");
  EXPECT_EQ(Extract("<a/>", "name(/a)"), "error: XPATH syntax error: '(/a)'");
  EXPECT_EQ(Extract("<a/>", "/a = /a"),
            "error: XPATH error: comparison of two nodesets is not supported: '= /a'");
  EXPECT_EQ(Extract("<a/>", "$x"), "error: Unknown XPATH variable at: '$x'");
  EXPECT_EQ(Extract("<a>", "/a"), "NULL");
  EXPECT_EQ(Extract("<a></b>", "/a"), "");  // a closing tag is checked by its length only
}

TEST(XPathTest, ParseErrorsNameLineAndPosition) {
  std::vector<Node> nodes;
  std::string error;
  EXPECT_FALSE(ParseFragment("<a>", &nodes, &error));
  EXPECT_EQ(error, "parse error at line 1 pos 4: unexpected END-OF-INPUT");
  EXPECT_FALSE(ParseFragment("<a>\n</bb>", &nodes, &error));
  EXPECT_EQ(error, "parse error at line 2 pos 6: '</bb>' unexpected ('</a>' wanted)");
  EXPECT_FALSE(ParseFragment("<a =", &nodes, &error));
  EXPECT_EQ(error, "parse error at line 1 pos 5: '=' unexpected ('>' wanted)");
}

TEST(XPathTest, UpdatesExactlyOneNode) {
  EXPECT_EQ(Update("<a><b>ccc</b><d></d></a>", "/a", "<e>fff</e>"), "<e>fff</e>");
  EXPECT_EQ(Update("<a><b>ccc</b><d></d></a>", "/b", "<e>fff</e>"), "<a><b>ccc</b><d></d></a>");
  EXPECT_EQ(Update("<a><b>ccc</b><d></d></a>", "//b", "<e>fff</e>"), "<a><e>fff</e><d></d></a>");
  EXPECT_EQ(Update("<a><d></d><b>ccc</b><d></d></a>", "/a/d", "<e>fff</e>"),
            "<a><d></d><b>ccc</b><d></d></a>");
  EXPECT_EQ(Update("<a x='1'/>", "/a/@x", "y='2'"), "<a y='2'/>");
  EXPECT_EQ(Update("<a/>", "/", "z"), "z");
  EXPECT_EQ(Update("<a/>", "count(/a)", "z"), "NULL");
}

}  // namespace
}  // namespace porpoise::engine::xml
