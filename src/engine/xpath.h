// ExtractValue() and UpdateXML(): MySQL's XML fragment reader and its XPath subset. (engine/)
//
// MySQL reads XML with its own small parser (names relative, text kept as written, entities
// not decoded, a closing tag checked by its length only) into a flat list of nodes, and
// compiles an XPath expression into SQL items: location steps over that list, comparisons,
// arithmetic and string functions with SQL's semantics (DIV is integer division, a node set
// compared with a value compares each text child, a node set is true as a boolean when it
// holds exactly one node). This module does the same, so both functions give MySQL's answers.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace porpoise::types {
class Collation;
}

namespace porpoise::engine::xml {

// One node of a parsed fragment. Node 0 is the root (a tag of level 0 around the fragment).
struct Node {
  enum class Type : uint8_t { kTag, kAttribute, kText };
  Type type = Type::kTag;
  uint32_t level = 0;
  uint32_t parent = 0;
  size_t begin = 0, end = 0;  // the name of a tag or attribute, or a text's bytes
  size_t tag_end = 0;         // where the parser stood when it left the tag or attribute
};

// Reads `text` as MySQL's my_xml_parse does. On failure returns false and sets *error to
// MySQL's "parse error at line L pos P: <reason>".
bool ParseFragment(std::string_view text, std::vector<Node>* nodes, std::string* error);

// A scalar or node-set value of an XPath expression.
struct Value {
  enum class Kind : uint8_t { kNull, kInteger, kReal, kString, kNodes };
  Kind kind = Kind::kNull;
  int64_t integer = 0;
  double real = 0;
  uint8_t decimals = 31;  // a REAL's fixed decimals (31: not fixed)
  std::string text;
};

// What evaluation needs from the statement: the collation strings compare under, where
// warnings go, and the user variables ($@name).
struct Environment {
  const types::Collation* collation = nullptr;
  std::function<void(Status)> warn;
  std::function<Value(std::string_view name)> user_variable;
};

class XPath {
 public:
  XPath(XPath&&) noexcept;
  XPath& operator=(XPath&&) noexcept;
  ~XPath();

  // Compiles `text`; MySQL's 1105 errors for what it refuses ("XPATH syntax error: '...'",
  // "Unknown XPATH variable at: '...'", "XPATH error: comparison of two nodesets is not
  // supported: '...'").
  static Result<XPath> Compile(std::string_view text);

  // ExtractValue(xml, this): the text children of the selected nodes, space separated, or the
  // value of a scalar expression; nullopt for NULL (an XML parse error warns 1525). An error
  // (1690 for arithmetic out of range) fails the statement.
  Result<std::optional<std::string>> Extract(std::string_view xml, Environment& env) const;
  // UpdateXML(xml, this, replacement): xml with the one selected tag or attribute replaced
  // (the whole of it for '/'); xml unchanged when not exactly one is selected; nullopt (NULL)
  // when the expression is no node set or the XML does not parse.
  Result<std::optional<std::string>> Update(std::string_view xml, std::string_view replacement,
                                            Environment& env) const;

  struct Program;

 private:
  explicit XPath(std::unique_ptr<Program> program);
  std::unique_ptr<Program> program_;
};

}  // namespace porpoise::engine::xml
