#include "engine/xpath.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "common/field_value.h"
#include "common/strings.h"
#include "engine/expr_type.h"
#include "engine/physical.h"
#include "engine/value.h"
#include "types/collation.h"

namespace porpoise::engine::xml {

namespace {

// ---- The XML fragment reader ------------------------------------------------------------

constexpr int kLexUnknown = 'U', kLexEof = 'E', kLexString = 'S', kLexIdent = 'I',
              kLexComment = 'C', kLexCdata = 'D';
// The deepest nesting MySQL's reader keeps (its tag position stack).
constexpr uint32_t kMaxLevel = 256;

bool XmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool XmlNameStart(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == ':' || u == '_' || u >= 0x80;
}
bool XmlNameChar(char c) { return XmlNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

const char* LexName(int lex) {
  switch (lex) {
    case kLexEof: return "END-OF-INPUT";
    case kLexString: return "STRING";
    case kLexIdent: return "IDENT";
    case kLexCdata: return "CDATA";
    case '=': return "'='";
    case '<': return "'<'";
    case '>': return "'>'";
    case '/': return "'/'";
    case kLexComment: return "COMMENT";
    case '?': return "'?'";
    case '!': return "'!'";
    default: return "unknown token";
  }
}

struct Span {
  size_t begin = 0, end = 0;
};

class FragmentReader {
 public:
  FragmentReader(std::string_view text, std::vector<Node>* nodes) : s_(text), nodes_(nodes) {}

  bool Read(std::string* error) {
    nodes_->clear();
    // The root: a tag of level 0 around everything.
    Enter(Span{0, 0}, Node::Type::kTag);
    if (!ReadAll()) {
      *error = "parse error at line " + std::to_string(ErrorLine()) + " pos " +
               std::to_string(ErrorPosition()) + ": " + message_;
      return false;
    }
    return true;
  }

 private:
  int Scan(Span* a) {
    while (cur_ < s_.size() && XmlSpace(s_[cur_])) ++cur_;
    if (cur_ >= s_.size()) {
      *a = Span{s_.size(), s_.size()};
      return kLexEof;
    }
    *a = Span{cur_, cur_};
    std::string_view rest = s_.substr(cur_);
    if (rest.substr(0, 4) == "<!--") {
      for (; cur_ < s_.size(); ++cur_) {
        if (s_.substr(cur_, 3) == "-->") {
          cur_ += 3;
          break;
        }
      }
      a->end = cur_;
      return kLexComment;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      cur_ += 9;
      for (; cur_ + 2 < s_.size(); ++cur_) {
        if (s_.substr(cur_, 3) == "]]>") {
          cur_ += 3;
          a->end = cur_;
          break;
        }
      }
      return kLexCdata;
    }
    char c = s_[cur_];
    if (c == '?' || c == '=' || c == '/' || c == '<' || c == '>' || c == '!' || c == '\0') {
      ++cur_;
      a->end = cur_;
      return c;
    }
    if (c == '"' || c == '\'') {
      ++cur_;
      while (cur_ < s_.size() && s_[cur_] != c) ++cur_;
      a->end = cur_;
      if (cur_ < s_.size()) ++cur_;
      ++a->begin;
      return kLexString;
    }
    if (XmlNameStart(c)) {
      ++cur_;
      while (cur_ < s_.size() && XmlNameChar(s_[cur_])) ++cur_;
      a->end = cur_;
      return kLexIdent;
    }
    return kLexUnknown;
  }

  bool Fail(std::string message) {
    message_ = std::move(message);
    return false;
  }

  bool Enter(Span name, Node::Type type) {
    if (nodes_->size() > 0) path_.push_back(name);
    Node node;
    node.parent = parent_;
    parent_ = static_cast<uint32_t>(nodes_->size());
    positions_[level_] = parent_;
    if (level_ >= kMaxLevel - 1) return false;  // too deep: MySQL fails with no reason given
    node.level = level_++;
    node.type = type;
    node.begin = name.begin;
    node.end = name.end;
    nodes_->push_back(node);
    return true;
  }

  void AddText(Span text) {
    Node node;
    node.parent = parent_;
    node.level = level_;
    node.type = Node::Type::kText;
    node.begin = text.begin;
    node.end = std::max(text.begin, text.end);
    nodes_->push_back(node);
  }

  // Leaves the innermost tag or attribute; `closing` (a closing tag's name) must be as long as
  // its name (MySQL compares the lengths only).
  bool Leave(const Span* closing) {
    size_t wanted = path_.empty() ? 0 : path_.back().end - path_.back().begin;
    if (closing != nullptr && closing->end - closing->begin != wanted) {
      std::string got(s_.substr(closing->begin, std::min<size_t>(closing->end - closing->begin, 31)));
      if (wanted == 0) return Fail("'</" + got + ">' unexpected (END-OF-INPUT wanted)");
      std::string name(s_.substr(path_.back().begin, std::min<size_t>(wanted, 31)));
      return Fail("'</" + got + ">' unexpected ('</" + name + ">' wanted)");
    }
    if (level_ > 0) --level_;
    parent_ = (*nodes_)[parent_].parent;
    (*nodes_)[positions_[level_]].tag_end = cur_;
    if (!path_.empty()) path_.pop_back();
    return true;
  }

  bool ReadAll() {
    while (cur_ < s_.size()) {
      Span a;
      if (s_[cur_] != '<') {
        a.begin = cur_;
        while (cur_ < s_.size() && s_[cur_] != '<') ++cur_;
        a.end = cur_;
        if (a.begin != a.end) AddText(a);
        continue;
      }
      bool question = false, exclam = false;
      int lex = Scan(&a);
      if (lex == kLexComment) continue;
      if (lex == kLexCdata) {
        a.begin += 9;
        a.end = a.end >= 3 ? a.end - 3 : 0;
        AddText(a);
        continue;
      }
      lex = Scan(&a);
      if (lex == '/') {
        if ((lex = Scan(&a)) != kLexIdent) {
          return Fail(std::string(LexName(lex)) + " unexpected (ident wanted)");
        }
        if (!Leave(&a)) return false;
        lex = Scan(&a);
      } else {
        if (lex == '!') {
          lex = Scan(&a);
          exclam = true;
        } else if (lex == '?') {
          lex = Scan(&a);
          question = true;
        }
        if (lex != kLexIdent) return Fail(std::string(LexName(lex)) + " unexpected (ident or '/' wanted)");
        if (!Enter(a, Node::Type::kTag)) return false;
        while ((lex = Scan(&a)) == kLexIdent || (lex == kLexString && exclam)) {
          Span b;
          if ((lex = Scan(&b)) == '=') {
            lex = Scan(&b);
            if (lex != kLexIdent && lex != kLexString) {
              return Fail(std::string(LexName(lex)) + " unexpected (ident or string wanted)");
            }
            if (!Enter(a, Node::Type::kAttribute)) return false;
            AddText(b);
            if (!Leave(&a)) return false;
          } else if (lex == kLexIdent) {
            if (!Enter(a, Node::Type::kAttribute) || !Leave(&a)) return false;
          } else if (lex == kLexString && exclam) {
            // <!DOCTYPE name SYSTEM "literal">: the literals are skipped.
          } else {
            break;
          }
        }
        if (lex == '/') {
          if (!Leave(nullptr)) return false;
          lex = Scan(&a);
        }
      }
      if (question) {
        if (lex != '?') return Fail(std::string(LexName(lex)) + " unexpected ('?' wanted)");
        if (!Leave(nullptr)) return false;
        lex = Scan(&a);
      }
      if (exclam && !Leave(nullptr)) return false;
      if (lex != '>') return Fail(std::string(LexName(lex)) + " unexpected ('>' wanted)");
    }
    if (!path_.empty()) return Fail("unexpected END-OF-INPUT");
    return true;
  }

  // MySQL's position of an error: lines counted from 1, the column from the last line break
  // (which counts as the column's first character).
  size_t ErrorLine() const {
    return static_cast<size_t>(std::count(s_.begin(), s_.begin() + static_cast<std::ptrdiff_t>(cur_), '\n')) + 1;
  }
  size_t ErrorPosition() const {
    size_t line_start = 0;
    for (size_t i = cur_; i > 0; --i) {
      if (s_[i - 1] == '\n') {
        line_start = i - 1;
        break;
      }
    }
    return cur_ - line_start + 1;
  }

  std::string_view s_;
  std::vector<Node>* nodes_;
  size_t cur_ = 0;
  uint32_t level_ = 0;
  uint32_t parent_ = 0;
  uint32_t positions_[kMaxLevel] = {};
  std::vector<Span> path_;  // the open tags and attributes, innermost last
  std::string message_;
};

}  // namespace

bool ParseFragment(std::string_view text, std::vector<Node>* nodes, std::string* error) {
  FragmentReader reader(text, nodes);
  return reader.Read(error);
}

// ---- XPath: the compiled form --------------------------------------------------------------

namespace {

enum class Op : uint8_t {
  // Node sets.
  kRoot, kUnion, kSelf, kChild, kDescendant, kAncestor, kParent, kAttribute, kPredicate,
  kIndex, kContext,
  // Scalars.
  kInteger, kReal, kString, kBool, kUserVariable, kCompare, kNodesCompare, kAnd, kOr, kNot,
  kCastBool, kCastNumber, kPlus, kMinus, kMul, kIntDiv, kMod, kNeg, kCeiling, kFloor, kRound,
  kConcat, kSubstring, kCharLength, kLocate, kCount, kSum, kPosition,
};

// Comparison operators, as MySQL's XPath lexer names them.
constexpr int kLe = 'J', kGe = 'K';

struct Expr {
  Op op;
  std::vector<int> args;
  std::string name;  // a step's name test ("*" for any), a user variable's name
  bool with_self = false;
  int context = -1;  // kPredicate/kIndex: the context slot their expression reads
  int compare = 0;   // '=', '!', '<', '>', kLe, kGe
  int64_t integer = 0;
  double real = 0;
  uint8_t decimals = 31;
  std::string text;  // a string literal
};

bool IsNodeSet(Op op) { return op <= Op::kContext; }
bool IsBool(Op op) {
  return op == Op::kBool || op == Op::kCompare || op == Op::kNodesCompare || op == Op::kAnd ||
         op == Op::kOr || op == Op::kNot || op == Op::kCastBool;
}

}  // namespace

struct XPath::Program {
  std::vector<Expr> exprs;
  int top = -1;  // -1: the expression was NULL
  int contexts = 0;
};

XPath::XPath(std::unique_ptr<Program> program) : program_(std::move(program)) {}
XPath::XPath(XPath&&) noexcept = default;
XPath& XPath::operator=(XPath&&) noexcept = default;
XPath::~XPath() = default;

namespace {

// Lexical tokens of MySQL's XPath reader (one character each, as it has them).
constexpr int kTokDigits = 'd', kTokIdent = 'i', kTokString = 's', kTokError = 'A', kTokEof = 'B',
              kTokAnd = 'C', kTokOr = 'D', kTokDiv = 'E', kTokMod = 'F', kTokFunc = 'G',
              kTokNodeType = 'H', kTokAxis = 'I';

enum Axis : int {
  kAxisAncestor, kAxisAncestorOrSelf, kAxisAttribute, kAxisChild, kAxisDescendant,
  kAxisDescendantOrSelf, kAxisFollowing, kAxisFollowingSibling, kAxisNamespace, kAxisParent,
  kAxisPreceding, kAxisPrecedingSibling, kAxisSelf,
};

struct Token {
  int term = kTokEof;
  size_t begin = 0, end = 0;
};

struct Keyword {
  std::string_view name;
  int token;
  int extra;
};

constexpr Keyword kOperators[] = {{"and", kTokAnd, 0}, {"or", kTokOr, 0}, {"div", kTokDiv, 0},
                                  {"mod", kTokMod, 0}};
constexpr Keyword kAxes[] = {
    {"ancestor", kTokAxis, kAxisAncestor},
    {"ancestor-or-self", kTokAxis, kAxisAncestorOrSelf},
    {"attribute", kTokAxis, kAxisAttribute},
    {"child", kTokAxis, kAxisChild},
    {"descendant", kTokAxis, kAxisDescendant},
    {"descendant-or-self", kTokAxis, kAxisDescendantOrSelf},
    {"following", kTokAxis, kAxisFollowing},
    {"following-sibling", kTokAxis, kAxisFollowingSibling},
    {"namespace", kTokAxis, kAxisNamespace},
    {"parent", kTokAxis, kAxisParent},
    {"preceding", kTokAxis, kAxisPreceding},
    {"preceding-sibling", kTokAxis, kAxisPrecedingSibling},
    {"self", kTokAxis, kAxisSelf},
};
constexpr Keyword kNodeTypes[] = {{"comment", kTokNodeType, 0}, {"text", kTokNodeType, 0},
                                  {"processing-instruction", kTokNodeType, 0},
                                  {"node", kTokNodeType, 0}};

// The functions MySQL implements (others, such as name() or translate(), are not functions
// to it: a call of one is a syntax error).
enum class Function : uint8_t {
  kSum, kNot, kLast, kTrue, kCount, kFalse, kFloor, kRound, kConcat, kNumber, kBoolean,
  kCeiling, kPosition, kContains, kSubstring, kStringLength,
};
struct FunctionDef {
  std::string_view name;
  Function function;
  size_t min_args, max_args;
};
constexpr FunctionDef kFunctions[] = {
    {"sum", Function::kSum, 1, 1},           {"not", Function::kNot, 1, 1},
    {"last", Function::kLast, 0, 0},         {"true", Function::kTrue, 0, 0},
    {"count", Function::kCount, 1, 1},       {"false", Function::kFalse, 0, 0},
    {"floor", Function::kFloor, 1, 1},       {"round", Function::kRound, 1, 1},
    {"concat", Function::kConcat, 2, 255},   {"number", Function::kNumber, 0, 1},
    {"boolean", Function::kBoolean, 1, 1},   {"ceiling", Function::kCeiling, 1, 1},
    {"position", Function::kPosition, 0, 0}, {"contains", Function::kContains, 2, 2},
    {"substring", Function::kSubstring, 2, 3}, {"string-length", Function::kStringLength, 0, 1},
};

template <size_t N>
int LookUp(const Keyword (&table)[N], std::string_view word, int* extra) {
  for (const Keyword& k : table) {
    if (EqualsIgnoreCase(word, k.name)) {
      *extra = k.extra;
      return k.token;
    }
  }
  return kTokIdent;
}

bool SimpleToken(char c) {
  return std::strchr("!$()*+,-./:<=>@[]|", c) != nullptr && c != '\0';
}

// The XPath reader: MySQL's recursive descent, rule for rule, so that a refused expression is
// refused at the same token.
class Compiler {
 public:
  explicit Compiler(std::string_view text, XPath::Program* program) : q_(text), p_(program) {}

  Status Compile() {
    prev_ = Token{kTokEof, 0, q_.size()};
    Scan(&last_, 0);
    root_ = Add(Expr{Op::kRoot});
    bool ok = OrExpr() && Term(kTokEof);
    if (!failure_.ok()) return failure_;
    if (!ok) {
      size_t length = std::min<size_t>(q_.size() - last_.begin, 32);
      return Status::WithMessage(ER_UNKNOWN_ERROR, "XPATH syntax error: '" +
                                                       std::string(q_.substr(last_.begin, length)) + "'");
    }
    p_->top = item_;
    return Status::OK();
  }

 private:
  int Add(Expr expr) {
    p_->exprs.push_back(std::move(expr));
    return static_cast<int>(p_->exprs.size()) - 1;
  }
  Op OpOf(int i) const { return p_->exprs[static_cast<size_t>(i)].op; }
  int ToBool(int i) { return IsNodeSet(OpOf(i)) ? Add(Expr{Op::kCastBool, {i}}) : i; }

  void Scan(Token* t, size_t at) {
    while (at < q_.size() && q_[at] == ' ') ++at;
    t->begin = at;
    if (at >= q_.size()) {
      t->end = at;
      t->term = kTokEof;
      return;
    }
    auto letter = [](char c) {
      auto u = static_cast<unsigned char>(c);
      return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
    };
    if (letter(q_[at]) || q_[at] == '_') {
      ++at;
      while (at < q_.size() && (letter(q_[at]) || (q_[at] >= '0' && q_[at] <= '9') || q_[at] == '_' ||
                                q_[at] == '-' || q_[at] == '.')) {
        ++at;
      }
      t->end = at;
      std::string_view word = q_.substr(t->begin, at - t->begin);
      if (at < q_.size() && q_[at] == '(') {
        function_ = nullptr;
        if (word.size() > 1) {
          for (const FunctionDef& f : kFunctions) {
            if (EqualsIgnoreCase(word, f.name)) function_ = &f;
          }
        }
        t->term = function_ != nullptr ? kTokFunc : LookUp(kNodeTypes, word, &extra_);
        return;
      }
      if (at + 1 < q_.size() && q_[at] == ':' && q_[at + 1] == ':') {
        t->term = LookUp(kAxes, word, &extra_);
        return;
      }
      t->term = LookUp(kOperators, word, &extra_);
      return;
    }
    char c = q_[at++];
    if (SimpleToken(c)) {
      t->end = at;
      t->term = c;
      return;
    }
    if (c >= '0' && c <= '9') {
      while (at < q_.size() && q_[at] >= '0' && q_[at] <= '9') ++at;
      t->end = at;
      t->term = kTokDigits;
      return;
    }
    if (c == '"' || c == '\'') {
      while (at < q_.size() && q_[at] != c) ++at;
      if (at < q_.size()) {
        t->end = at + 1;
        t->term = kTokString;
      } else {
        t->end = at;
        t->term = kTokError;
      }
      return;
    }
    t->end = at;
    t->term = kTokError;
  }

  bool Term(int term) {
    if (last_.term != term || error_) return false;
    prev_ = last_;
    Scan(&last_, last_.end);
    return true;
  }

  // Step ::= AxisSpecifier NodeTest Predicate* | '.' | '..'
  int StepFunction(int axis, int context, std::string name) {
    Expr e{Op::kChild, {context}};
    e.name = std::move(name);
    switch (axis) {
      case kAxisAncestor: e.op = Op::kAncestor; break;
      case kAxisAncestorOrSelf: e.op = Op::kAncestor; e.with_self = true; break;
      case kAxisParent: e.op = Op::kParent; break;
      case kAxisDescendant: e.op = Op::kDescendant; break;
      case kAxisDescendantOrSelf: e.op = Op::kDescendant; e.with_self = true; break;
      case kAxisAttribute: e.op = Op::kAttribute; break;
      case kAxisSelf: e.op = Op::kSelf; break;
      default: break;  // child, and the axes MySQL reads as child
    }
    return Add(std::move(e));
  }
  int AnyDescendantOrSelf(int context) {
    Expr e{Op::kDescendant, {context}};
    e.name = "*";
    e.with_self = true;
    return Add(std::move(e));
  }

  bool LocationPath() {
    int saved = context_;
    if (context_ < 0) context_ = root_;
    bool ok = RelativeLocationPath() || AbsoluteLocationPath();
    item_ = context_;
    context_ = saved;
    return ok;
  }
  bool AbsoluteLocationPath() {
    if (!Term('/')) return false;
    context_ = root_;
    if (Term('/')) {
      context_ = AnyDescendantOrSelf(context_);
      return RelativeLocationPath();
    }
    RelativeLocationPath();
    return !error_;
  }
  bool RelativeLocationPath() {
    if (!Step()) return false;
    while (Term('/')) {
      if (Term('/')) context_ = AnyDescendantOrSelf(context_);
      if (!Step()) {
        error_ = true;
        return false;
      }
    }
    return true;
  }
  bool Step() { return AxisStep() || AbbreviatedStep(); }
  bool AxisStep() {
    if (!AxisSpecifier()) return false;
    if (!NodeTest()) return false;
    while (Term('[')) {
      int outer = context_;
      int slot = p_->contexts++;
      Expr cache{Op::kContext};
      cache.context = slot;
      context_ = Add(std::move(cache));
      if (!OrExpr()) {
        error_ = true;
        return false;
      }
      if (!Term(']')) {
        error_ = true;
        return false;
      }
      item_ = ToBool(item_);
      Expr filter{IsBool(OpOf(item_)) ? Op::kPredicate : Op::kIndex, {outer, item_}};
      filter.context = slot;
      context_ = Add(std::move(filter));
    }
    return true;
  }
  bool AxisSpecifier() {
    if (Term(kTokAxis)) {
      axis_ = extra_;
      if (Term(':') && Term(':')) return true;
      return AbbreviatedAxis();
    }
    axis_ = extra_;
    return AbbreviatedAxis();
  }
  bool AbbreviatedAxis() {
    axis_ = Term('@') ? kAxisAttribute : kAxisChild;
    return true;
  }
  bool NodeTest() { return NameTest() || (Term(kTokNodeType) && Term('(') && Term(')')); }
  bool NameTest() {
    if (Term('*')) {
      context_ = StepFunction(axis_, context_, "*");
      return true;
    }
    if (!QName()) return false;
    context_ = StepFunction(axis_, context_, std::string(q_.substr(prev_.begin, prev_.end - prev_.begin)));
    return true;
  }
  bool NCName() {
    return Term(kTokIdent) || Term(kTokAnd) || Term(kTokOr) || Term(kTokMod) || Term(kTokDiv);
  }
  bool QName() {
    if (!NCName()) return false;
    size_t begin = prev_.begin;
    if (!Term(':')) return true;
    if (!NCName()) return false;
    prev_.begin = begin;
    return true;
  }
  bool AbbreviatedStep() {
    if (!Term('.')) return false;
    if (Term('.')) {
      Expr e{Op::kParent, {context_}};
      e.name = "*";
      context_ = Add(std::move(e));
    }
    return true;
  }

  // Expressions.
  bool OrExpr() {
    if (++depth_ > 200) {
      failure_ = Status::WithMessage(ER_UNKNOWN_ERROR, "XPATH syntax error: expression too deep");
      return false;
    }
    bool ok = OrExprBody();
    --depth_;
    return ok;
  }
  bool OrExprBody() {
    if (!AndExpr()) return false;
    while (Term(kTokOr)) {
      int left = item_;
      if (!AndExpr()) return false;
      item_ = Add(Expr{Op::kOr, {ToBool(left), ToBool(item_)}});
    }
    return true;
  }
  bool AndExpr() {
    if (!EqualityExpr()) return false;
    while (Term(kTokAnd)) {
      int left = item_;
      if (!EqualityExpr()) {
        error_ = true;
        return false;
      }
      item_ = Add(Expr{Op::kAnd, {ToBool(left), ToBool(item_)}});
    }
    return true;
  }
  bool NotEquals() {
    Token saved = prev_;
    if (!Term('!')) return false;
    if (!Term('=')) {
      last_ = prev_;
      prev_ = saved;
      return false;
    }
    return true;
  }
  bool EqualityOperator() {
    if (NotEquals()) {
      extra_ = '!';
      return true;
    }
    if (Term('=')) {
      extra_ = '=';
      return true;
    }
    return false;
  }
  // One level of comparisons: operands read by `operand`, operators by `next_operator`.
  bool Comparisons(bool (Compiler::*operand)(), bool (Compiler::*next_operator)()) {
    if (!(this->*operand)()) return false;
    Token at = last_;
    while ((this->*next_operator)()) {
      int left = item_;
      int op = extra_;
      if (!(this->*operand)()) {
        error_ = true;
        return false;
      }
      if (!Comparison(op, at, left, item_)) return false;
      at = last_;
    }
    return true;
  }
  bool EqualityExpr() { return Comparisons(&Compiler::RelationalExpr, &Compiler::EqualityOperator); }
  bool RelationalOperator() {
    if (Term('<')) {
      extra_ = Term('=') ? kLe : '<';
      return true;
    }
    if (Term('>')) {
      extra_ = Term('=') ? kGe : '>';
      return true;
    }
    return false;
  }
  bool RelationalExpr() { return Comparisons(&Compiler::AdditiveExpr, &Compiler::RelationalOperator); }
  // A comparison of two scalars, or of a node set's text nodes with a scalar (the operator
  // turned around when the node set is on the right).
  bool Comparison(int op, const Token& at, int left, int right) {
    bool left_nodes = IsNodeSet(OpOf(left)), right_nodes = IsNodeSet(OpOf(right));
    if (left_nodes && right_nodes) {
      size_t length = std::min<size_t>(q_.size() - at.begin, 32);
      failure_ = Status::WithMessage(
          ER_UNKNOWN_ERROR, "XPATH error: comparison of two nodesets is not supported: '" +
                                std::string(q_.substr(at.begin, length)) + "'");
      return false;
    }
    Expr e{left_nodes || right_nodes ? Op::kNodesCompare : Op::kCompare, {left, right}};
    e.compare = op;
    if (right_nodes) {
      e.args = {right, left};
      e.compare = op == '<' ? '>' : op == '>' ? '<' : op == kLe ? kGe : op == kGe ? kLe : op;
    }
    item_ = Add(std::move(e));
    return true;
  }
  // One level of arithmetic: operands read by `operand`, each operator token (`next_operator`
  // consumed one) made an operation by `op_of`.
  bool Arithmetic(bool (Compiler::*operand)(), bool (Compiler::*next_operator)(), Op (*op_of)(int)) {
    if (!(this->*operand)()) return false;
    while ((this->*next_operator)()) {
      Op op = op_of(prev_.term);
      int left = item_;
      if (!(this->*operand)()) {
        error_ = true;
        return false;
      }
      item_ = Add(Expr{op, {left, item_}});
    }
    return true;
  }
  bool AdditiveOperator() { return Term('+') || Term('-'); }
  bool MultiplicativeOperator() { return Term('*') || Term(kTokDiv) || Term(kTokMod); }
  bool AdditiveExpr() {
    return Arithmetic(&Compiler::MultiplicativeExpr, &Compiler::AdditiveOperator,
                      [](int token) { return token == '+' ? Op::kPlus : Op::kMinus; });
  }
  bool MultiplicativeExpr() {
    return Arithmetic(&Compiler::UnaryExpr, &Compiler::MultiplicativeOperator, [](int token) {
      return token == '*' ? Op::kMul : token == kTokDiv ? Op::kIntDiv : Op::kMod;
    });
  }
  bool UnaryExpr() {
    if (!Term('-')) return UnionExpr();
    if (!UnaryExpr()) return false;
    item_ = Add(Expr{Op::kNeg, {item_}});
    return true;
  }
  bool UnionExpr() {
    if (!PathExpr()) return false;
    while (Term('|')) {
      int left = item_;
      if (!IsNodeSet(OpOf(left))) return false;
      if (!PathExpr() || !IsNodeSet(OpOf(item_))) {
        error_ = true;
        return false;
      }
      item_ = Add(Expr{Op::kUnion, {left, item_}});
    }
    return true;
  }
  bool PathExpr() { return LocationPath() || FilterPath(); }
  bool FilterPath() {
    int saved = context_;
    if (!PrimaryExpr()) return false;
    if (!Term('/')) return true;
    if (!IsNodeSet(OpOf(item_))) {
      last_ = prev_;
      error_ = true;
      return false;
    }
    context_ = item_;
    if (Term('/')) context_ = AnyDescendantOrSelf(context_);
    bool ok = RelativeLocationPath();
    item_ = context_;
    context_ = saved;
    return ok;
  }
  bool PrimaryExpr() {
    return (Term('(') && OrExpr() && Term(')')) || VariableReference() || Literal() || Number() ||
           FunctionCall();
  }
  bool Literal() {
    if (!Term(kTokString)) return false;
    Expr e{Op::kString};
    e.text = std::string(q_.substr(prev_.begin + 1, prev_.end - prev_.begin - 2));
    item_ = Add(std::move(e));
    return true;
  }
  bool Number() {
    if (!Term(kTokDigits)) return false;
    size_t begin = prev_.begin;
    if (!Term('.')) {
      Expr e{Op::kInteger};
      std::string digits(q_.substr(prev_.begin, prev_.end - prev_.begin));
      errno = 0;
      unsigned long long value = std::strtoull(digits.c_str(), nullptr, 10);
      e.integer = errno == ERANGE || value > INT64_MAX ? INT64_MAX : static_cast<int64_t>(value);
      item_ = Add(std::move(e));
      return true;
    }
    Term(kTokDigits);
    std::string text(q_.substr(begin, prev_.end - begin));
    Expr e{Op::kReal};
    e.real = std::strtod(text.c_str(), nullptr);
    size_t point = text.find('.');
    e.decimals = static_cast<uint8_t>(std::min<size_t>(text.size() - point - 1, 30));
    item_ = Add(std::move(e));
    return true;
  }
  bool VariableReference() {
    if (!Term('$')) return false;
    size_t dollar = prev_.begin;
    bool user = false;
    if (Term('@')) {
      if (!Term(kTokIdent)) return false;
      user = true;
    } else if (!Term(kTokIdent)) {
      return false;
    }
    std::string name(q_.substr(prev_.begin, prev_.end - prev_.begin));
    if (!user) {
      // A stored program's variable: there is none outside one.
      size_t length = std::min<size_t>(q_.size() - dollar, 32);
      failure_ = Status::WithMessage(ER_UNKNOWN_ERROR, "Unknown XPATH variable at: '" +
                                                           std::string(q_.substr(dollar, length)) + "'");
      return false;
    }
    Expr e{Op::kUserVariable};
    e.name = std::move(name);
    item_ = Add(std::move(e));
    return true;
  }
  bool FunctionCall() {
    if (!Term(kTokFunc)) return false;
    const FunctionDef* f = function_;
    if (!Term('(')) return false;
    std::vector<int> args;
    while (args.size() < f->max_args) {
      if (!OrExpr()) {
        if (args.size() < f->min_args) return false;
        break;
      }
      args.push_back(item_);
      if (!Term(',')) {
        if (args.size() < f->min_args) return false;
        break;
      }
    }
    if (!Term(')')) return false;
    int made = Call(*f, args);
    if (made < 0) return false;
    item_ = made;
    return true;
  }
  int Call(const FunctionDef& f, const std::vector<int>& args) {
    switch (f.function) {
      case Function::kTrue:
      case Function::kFalse: {
        Expr e{Op::kBool};
        e.integer = f.function == Function::kTrue ? 1 : 0;
        return Add(std::move(e));
      }
      case Function::kNot: return Add(Expr{Op::kNot, {ToBool(args[0])}});
      case Function::kCeiling: return Add(Expr{Op::kCeiling, {args[0]}});
      case Function::kFloor: return Add(Expr{Op::kFloor, {args[0]}});
      case Function::kRound: return Add(Expr{Op::kRound, {args[0]}});
      case Function::kBoolean: return Add(Expr{Op::kCastBool, {args[0]}});
      case Function::kNumber:
        return Add(Expr{Op::kCastNumber, {args.empty() ? (context_ >= 0 ? context_ : root_) : args[0]}});
      case Function::kStringLength: {
        int arg = args.empty() ? context_ : args[0];
        return arg < 0 ? -1 : Add(Expr{Op::kCharLength, {arg}});
      }
      case Function::kLast: return context_ < 0 ? -1 : Add(Expr{Op::kCount, {context_}});
      case Function::kPosition: return context_ < 0 ? -1 : Add(Expr{Op::kPosition, {context_}});
      // contains(s, part): LOCATE(part, s) read as a boolean.
      case Function::kContains: return Add(Expr{Op::kCastBool, {Add(Expr{Op::kLocate, {args[1], args[0]}})}});
      // MySQL's concat() takes up to 255 arguments and joins the first two.
      case Function::kConcat: return Add(Expr{Op::kConcat, {args[0], args[1]}});
      case Function::kSubstring: return Add(Expr{Op::kSubstring, args});
      case Function::kCount:
        return IsNodeSet(OpOf(args[0])) ? Add(Expr{Op::kCount, {args[0]}}) : -1;
      case Function::kSum:
        return IsNodeSet(OpOf(args[0])) ? Add(Expr{Op::kSum, {args[0]}}) : -1;
    }
    return -1;
  }

  std::string_view q_;
  XPath::Program* p_;
  Token last_, prev_;
  int axis_ = kAxisChild;
  int extra_ = 0;
  const FunctionDef* function_ = nullptr;
  int item_ = -1;
  int context_ = -1;
  int root_ = -1;
  bool error_ = false;
  int depth_ = 0;
  Status failure_ = Status::OK();
};

// ---- Evaluation ------------------------------------------------------------------------------

// A scalar's text as SQL prints it (a REAL with its fixed decimals, or shortest).
std::string TextOfValue(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kInteger: return std::to_string(v.integer);
    case Value::Kind::kReal: return v.decimals < 31 ? FormatFixed(v.real, v.decimals) : FormatDouble(v.real);
    default: return v.text;
  }
}

struct Filter {
  uint32_t num, pos, size;
};
struct Slot {
  bool set = false;
  Filter filter{0, 0, 0};
};

class Evaluator {
 public:
  Evaluator(const XPath::Program& program, const std::vector<Node>& nodes, std::string_view xml,
            Environment& env)
      : p_(program), nodes_(nodes), xml_(xml), env_(env), slots_(static_cast<size_t>(program.contexts)) {}

  std::vector<Filter> Nodes(int i) {
    const Expr& e = p_.exprs[static_cast<size_t>(i)];
    std::vector<Filter> out;
    switch (e.op) {
      case Op::kRoot: out.push_back({0, 0, 0}); break;
      case Op::kContext: {
        const Slot& slot = slots_[static_cast<size_t>(e.context)];
        if (slot.set) out.push_back(slot.filter);
        break;
      }
      case Op::kUnion: {
        std::vector<bool> both(nodes_.size(), false);
        for (const Filter& f : Nodes(e.args[0])) both[f.num] = true;
        for (const Filter& f : Nodes(e.args[1])) both[f.num] = true;
        uint32_t pos = 0;
        for (uint32_t j = 0; j < nodes_.size(); ++j) {
          if (both[j]) out.push_back({j, pos++, 0});
        }
        break;
      }
      case Op::kSelf:
        for (const Filter& f : Nodes(e.args[0])) {
          if (NameMatches(nodes_[f.num], e.name)) out.push_back({f.num, 0, 0});
        }
        break;
      case Op::kChild:
      case Op::kAttribute: {
        Node::Type type = e.op == Op::kChild ? Node::Type::kTag : Node::Type::kAttribute;
        for (const Filter& f : Nodes(e.args[0])) {
          const Node& self = nodes_[f.num];
          uint32_t pos = 0;
          for (uint32_t j = f.num + 1; j < nodes_.size() && nodes_[j].level > self.level; ++j) {
            const Node& node = nodes_[j];
            if (node.parent == f.num && node.type == type && NameMatches(node, e.name)) {
              out.push_back({j, pos++, 0});
            }
          }
        }
        break;
      }
      case Op::kDescendant:
        for (const Filter& f : Nodes(e.args[0])) {
          const Node& self = nodes_[f.num];
          uint32_t pos = 0;
          if (e.with_self && NameMatches(self, e.name)) out.push_back({f.num, pos++, 0});
          for (uint32_t j = f.num + 1; j < nodes_.size() && nodes_[j].level > self.level; ++j) {
            if (nodes_[j].type == Node::Type::kTag && NameMatches(nodes_[j], e.name)) {
              out.push_back({j, pos++, 0});
            }
          }
        }
        break;
      case Op::kAncestor: {
        std::vector<bool> active(nodes_.size(), false);
        uint32_t pos = 0;
        for (const Filter& f : Nodes(e.args[0])) {
          const Node& self = nodes_[f.num];
          if (e.with_self && NameMatches(self, e.name)) {
            active[f.num] = true;
            ++pos;
          }
          for (uint32_t j = self.parent; nodes_[j].parent != j; j = nodes_[j].parent) {
            if (f.num != 0 && NameMatches(nodes_[j], e.name)) {
              active[j] = true;
              ++pos;
            }
          }
        }
        for (uint32_t j = 0; j < nodes_.size(); ++j) {
          if (active[j]) out.push_back({j, --pos, 0});
        }
        break;
      }
      case Op::kParent: {
        std::vector<bool> active(nodes_.size(), false);
        for (const Filter& f : Nodes(e.args[0])) {
          uint32_t j = nodes_[f.num].parent;
          if (f.num != 0 && NameMatches(nodes_[j], e.name)) active[j] = true;
        }
        uint32_t pos = 0;
        for (uint32_t j = 0; j < nodes_.size(); ++j) {
          if (active[j]) out.push_back({j, pos++, 0});
        }
        break;
      }
      case Op::kPredicate:
      case Op::kIndex: {
        std::vector<Filter> in = Nodes(e.args[0]);
        uint32_t pos = 0;
        for (const Filter& f : in) {
          Slot& slot = slots_[static_cast<size_t>(e.context)];
          slot.set = true;
          slot.filter = {f.num, f.pos, static_cast<uint32_t>(in.size())};
          bool keep;
          if (e.op == Op::kPredicate) {
            keep = AsInteger(Eval(e.args[1])) != 0;
          } else {
            int64_t index = AsInteger(Eval(e.args[1])) - 1;
            keep = index >= 0 && f.pos == static_cast<uint64_t>(index);
          }
          if (keep) out.push_back({f.num, pos++, 0});
        }
        break;
      }
      default: break;
    }
    return out;
  }

  Value Eval(int i) {
    const Expr& e = p_.exprs[static_cast<size_t>(i)];
    if (IsNodeSet(e.op)) {
      Value v;
      v.kind = Value::Kind::kNodes;
      v.text = TextOf(Nodes(i));
      return v;
    }
    switch (e.op) {
      case Op::kInteger:
      case Op::kBool: return Integer(e.integer);
      case Op::kReal: return Real(e.real, e.decimals);
      case Op::kString: return String(e.text);
      case Op::kUserVariable:
        return env_.user_variable ? env_.user_variable(e.name) : Value{};
      case Op::kCompare: return Compare(e.compare, Eval(e.args[0]), Eval(e.args[1]));
      case Op::kNodesCompare: {
        Value scalar = Eval(e.args[1]);
        for (const Filter& f : Nodes(e.args[0])) {
          for (std::string_view text : TextChildren(f.num)) {
            Value result = Compare(e.compare, String(std::string(text)), scalar);
            if (result.kind == Value::Kind::kInteger && result.integer != 0) return Integer(1);
          }
        }
        return Integer(0);
      }
      case Op::kAnd:
      case Op::kOr: {
        bool is_and = e.op == Op::kAnd;
        bool saw_null = false;
        for (int arg : e.args) {
          std::optional<bool> truth = Truth(Eval(arg));
          if (!truth) {
            saw_null = true;
          } else if (*truth != is_and) {
            return Integer(is_and ? 0 : 1);
          }
        }
        return saw_null ? Value{} : Integer(is_and ? 1 : 0);
      }
      case Op::kNot: {
        std::optional<bool> truth = Truth(Eval(e.args[0]));
        return truth ? Integer(*truth ? 0 : 1) : Value{};
      }
      case Op::kCastBool: {
        if (IsNodeSet(p_.exprs[static_cast<size_t>(e.args[0])].op)) {
          return Integer(Nodes(e.args[0]).size() == 1 ? 1 : 0);
        }
        Value v = Eval(e.args[0]);
        return Integer(v.kind != Value::Kind::kNull && AsReal(v) != 0 ? 1 : 0);
      }
      case Op::kCastNumber: {
        Value v = Eval(e.args[0]);
        return Real(v.kind == Value::Kind::kNull ? 0 : AsReal(v), 31);
      }
      case Op::kPlus:
      case Op::kMinus:
      case Op::kMul: return Arithmetic(e.op, Eval(e.args[0]), Eval(e.args[1]));
      case Op::kIntDiv: return IntegerDivision(Eval(e.args[0]), Eval(e.args[1]));
      case Op::kMod: return Modulo(Eval(e.args[0]), Eval(e.args[1]));
      case Op::kNeg: {
        Value v = Eval(e.args[0]);
        if (v.kind == Value::Kind::kNull) return v;
        if (v.kind == Value::Kind::kInteger && v.integer != INT64_MIN) return Integer(-v.integer);
        if (v.kind == Value::Kind::kReal) return Real(-v.real, v.decimals);
        return Real(-AsReal(v), 31);
      }
      case Op::kCeiling:
      case Op::kFloor:
      case Op::kRound: {
        Value v = Eval(e.args[0]);
        if (v.kind == Value::Kind::kNull || v.kind == Value::Kind::kInteger) return v;
        double x = AsReal(v);
        double r = e.op == Op::kCeiling ? std::ceil(x) : e.op == Op::kFloor ? std::floor(x) : std::nearbyint(x);
        return Real(r == 0 ? 0.0 : r, 0);
      }
      case Op::kConcat: {
        std::string out;
        for (int arg : e.args) {
          Value v = Eval(arg);
          if (v.kind == Value::Kind::kNull) return v;
          out += TextOfValue(v);
        }
        return String(std::move(out));
      }
      case Op::kSubstring: return Substring(e);
      case Op::kCharLength: {
        Value v = Eval(e.args[0]);
        if (v.kind == Value::Kind::kNull) return v;
        return Integer(static_cast<int64_t>(Characters(TextOfValue(v)).size()));
      }
      case Op::kLocate: {
        Value needle = Eval(e.args[0]), haystack = Eval(e.args[1]);
        if (needle.kind == Value::Kind::kNull || haystack.kind == Value::Kind::kNull) return Value{};
        return Integer(Locate(TextOfValue(needle), TextOfValue(haystack)));
      }
      case Op::kCount: {
        std::vector<Filter> set = Nodes(e.args[0]);
        if (set.size() == 1 && set[0].size != 0) return Integer(set[0].size);
        return Integer(static_cast<int64_t>(set.size()));
      }
      case Op::kPosition: {
        std::vector<Filter> set = Nodes(e.args[0]);
        return Integer(set.size() == 1 ? set[0].pos + 1 : 0);
      }
      case Op::kSum: {
        double sum = 0;
        for (const Filter& f : Nodes(e.args[0])) {
          for (std::string_view text : TextChildren(f.num)) {
            size_t consumed = 0;
            double value = ParseNumberPrefix(text, &consumed);
            if (std::isfinite(value)) sum += value;
          }
        }
        return Real(sum, 31);
      }
      default: return Value{};
    }
  }

  std::string TextOf(const std::vector<Filter>& set) {
    std::vector<bool> in(nodes_.size(), false);
    for (const Filter& f : set) in[f.num] = true;
    std::string out;
    bool first = true;
    for (const Node& node : nodes_) {
      if (node.type != Node::Type::kText || !in[node.parent]) continue;
      if (!first) out += ' ';
      first = false;
      out += Bytes(node);
    }
    return out;
  }

 private:
  static Value Integer(int64_t v) {
    Value out;
    out.kind = Value::Kind::kInteger;
    out.integer = v;
    return out;
  }
  static Value Real(double v, uint8_t decimals) {
    Value out;
    out.kind = Value::Kind::kReal;
    out.real = v;
    out.decimals = decimals;
    return out;
  }
  static Value String(std::string v) {
    Value out;
    out.kind = Value::Kind::kString;
    out.text = std::move(v);
    return out;
  }

  std::string_view Bytes(const Node& node) const { return xml_.substr(node.begin, node.end - node.begin); }
  // The texts directly inside node `num` (a tag's, or an attribute's value).
  std::vector<std::string_view> TextChildren(uint32_t num) const {
    std::vector<std::string_view> texts;
    for (uint32_t j = num + 1; j < nodes_.size() && nodes_[j].level > nodes_[num].level; ++j) {
      if (nodes_[j].parent == num && nodes_[j].type == Node::Type::kText) texts.push_back(Bytes(nodes_[j]));
    }
    return texts;
  }
  bool NameMatches(const Node& node, const std::string& name) const {
    return name == "*" || Bytes(node) == name;
  }

  void Forward(std::vector<Status>& warnings) {
    for (Status& w : warnings) {
      if (env_.warn) env_.warn(std::move(w));
    }
  }
  // Text read as a number by `convert` (ToDouble, ToInt64), its warnings passed on.
  template <typename T>
  T FromText(const std::string& text,
             bool (*convert)(const engine::Value&, const ExprType&, ConversionContext&, T*)) {
    std::vector<Status> warnings;
    ConversionContext context{&warnings};
    T out = 0;
    convert(engine::Value::Text(text), TypeOf(ValueType::kString, 65535), context, &out);
    Forward(warnings);
    return out;
  }
  // A value as a DOUBLE or a BIGINT, as MySQL's val_real / val_int read it (text with 1292
  // for what is not a number).
  double AsReal(const Value& v) {
    switch (v.kind) {
      case Value::Kind::kInteger: return static_cast<double>(v.integer);
      case Value::Kind::kReal: return v.real;
      case Value::Kind::kNull: return 0;
      default: return FromText<double>(v.text, ToDouble);
    }
  }
  int64_t AsInteger(const Value& v) {
    switch (v.kind) {
      case Value::Kind::kInteger: return v.integer;
      case Value::Kind::kReal: {
        double r = std::nearbyint(v.real);
        if (!(r > -9.3e18)) return INT64_MIN;
        if (!(r < 9.3e18)) return INT64_MAX;
        return static_cast<int64_t>(r);
      }
      case Value::Kind::kNull: return 0;
      default: return FromText<int64_t>(v.text, ToInt64);
    }
  }
  std::optional<bool> Truth(const Value& v) {
    if (v.kind == Value::Kind::kNull) return std::nullopt;
    if (v.kind == Value::Kind::kInteger) return v.integer != 0;
    return AsReal(v) != 0;
  }
  static bool Textual(const Value& v) { return v.kind == Value::Kind::kString || v.kind == Value::Kind::kNodes; }

  Value Compare(int op, const Value& a, const Value& b) {
    if (a.kind == Value::Kind::kNull || b.kind == Value::Kind::kNull) return Value{};
    int order;
    if (Textual(a) && Textual(b)) {
      order = env_.collation != nullptr ? env_.collation->Compare(a.text, b.text) : a.text.compare(b.text);
    } else if (a.kind == Value::Kind::kInteger && b.kind == Value::Kind::kInteger) {
      order = a.integer < b.integer ? -1 : a.integer > b.integer ? 1 : 0;
    } else {
      double x = AsReal(a), y = AsReal(b);
      order = x < y ? -1 : x > y ? 1 : 0;
    }
    bool result = op == '=' ? order == 0 : op == '!' ? order != 0 : op == '<' ? order < 0
                  : op == '>' ? order > 0 : op == kLe ? order <= 0 : order >= 0;
    return Integer(result ? 1 : 0);
  }

  static uint8_t DecimalsOf(const Value& v) {
    return v.kind == Value::Kind::kInteger ? 0 : v.kind == Value::Kind::kReal ? v.decimals : 31;
  }
  Value Arithmetic(Op op, const Value& a, const Value& b) {
    if (a.kind == Value::Kind::kNull || b.kind == Value::Kind::kNull) return Value{};
    if (a.kind == Value::Kind::kInteger && b.kind == Value::Kind::kInteger) {
      int64_t out = 0;
      bool overflow = op == Op::kPlus ? __builtin_add_overflow(a.integer, b.integer, &out)
                      : op == Op::kMinus ? __builtin_sub_overflow(a.integer, b.integer, &out)
                                         : __builtin_mul_overflow(a.integer, b.integer, &out);
      if (!overflow) return Integer(out);
      const char* sign = op == Op::kPlus ? " + " : op == Op::kMinus ? " - " : " * ";
      failure_ = Status::Error(ER_DATA_OUT_OF_RANGE, "BIGINT",
                               "(" + std::to_string(a.integer) + sign + std::to_string(b.integer) + ")");
      return Value{};
    }
    uint8_t da = DecimalsOf(a), db = DecimalsOf(b);
    uint8_t decimals = op == Op::kMul ? static_cast<uint8_t>(std::min(da + db, 31))
                                      : std::max(da, db);
    double x = AsReal(a), y = AsReal(b);
    double r = op == Op::kPlus ? x + y : op == Op::kMinus ? x - y : x * y;
    if (!std::isfinite(r)) {
      const char* sign = op == Op::kPlus ? " + " : op == Op::kMinus ? " - " : " * ";
      failure_ = Status::Error(ER_DATA_OUT_OF_RANGE, "DOUBLE",
                               "(" + TextOfValue(a) + sign + TextOfValue(b) + ")");
      return Value{};
    }
    return Real(r, decimals);
  }
  Value IntegerDivision(const Value& a, const Value& b) {
    if (a.kind == Value::Kind::kNull || b.kind == Value::Kind::kNull) return Value{};
    if (a.kind == Value::Kind::kInteger && b.kind == Value::Kind::kInteger) {
      if (b.integer == 0) return DivisionByZero();
      if (a.integer == INT64_MIN && b.integer == -1) {
        failure_ = Status::Error(ER_DATA_OUT_OF_RANGE, "BIGINT",
                                 "(" + std::to_string(a.integer) + " DIV " + std::to_string(b.integer) + ")");
        return Value{};
      }
      return Integer(a.integer / b.integer);
    }
    double y = AsReal(b);
    double x = AsReal(a);
    if (y == 0) return DivisionByZero();
    double q = std::trunc(x / y);
    if (!(q > -9.3e18 && q < 9.3e18)) {
      failure_ = Status::Error(ER_DATA_OUT_OF_RANGE, "BIGINT", "(" + TextOfValue(a) + " DIV " + TextOfValue(b) + ")");
      return Value{};
    }
    return Integer(static_cast<int64_t>(q));
  }
  Value Modulo(const Value& a, const Value& b) {
    if (a.kind == Value::Kind::kNull || b.kind == Value::Kind::kNull) return Value{};
    if (a.kind == Value::Kind::kInteger && b.kind == Value::Kind::kInteger) {
      if (b.integer == 0) return DivisionByZero();
      if (b.integer == -1) return Integer(0);
      return Integer(a.integer % b.integer);
    }
    double y = AsReal(b);
    double x = AsReal(a);
    if (y == 0) return DivisionByZero();
    return Real(std::fmod(x, y), std::max(DecimalsOf(a), DecimalsOf(b)));
  }
  Value DivisionByZero() {
    if (env_.warn) env_.warn(Status::Error(ER_DIVISION_BY_ZERO));
    return Value{};
  }

  // The characters of `text`: UTF-8 sequences, or bytes for a single-byte character set.
  std::vector<std::string_view> Characters(std::string_view text) const {
    bool utf8 = env_.collation == nullptr || env_.collation->charset().substr(0, 4) == "utf8";
    std::vector<std::string_view> out;
    for (size_t i = 0; i < text.size();) {
      size_t length = 1;
      auto c = static_cast<unsigned char>(text[i]);
      if (utf8) length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      length = std::min(length, text.size() - i);
      out.push_back(text.substr(i, length));
      i += length;
    }
    return out;
  }
  // LOCATE(needle, haystack) under the collation: the first character position where the
  // needle's characters compare equal, 0 when none (1 for an empty needle).
  int64_t Locate(std::string_view needle, std::string_view haystack) const {
    std::vector<std::string_view> n = Characters(needle), h = Characters(haystack);
    if (n.empty()) return 1;
    for (size_t i = 0; i + n.size() <= h.size(); ++i) {
      size_t begin = static_cast<size_t>(h[i].data() - haystack.data());
      const std::string_view& last = h[i + n.size() - 1];
      size_t end = static_cast<size_t>(last.data() - haystack.data()) + last.size();
      std::string_view window = haystack.substr(begin, end - begin);
      bool equal = env_.collation != nullptr ? env_.collation->Compare(window, needle) == 0 : window == needle;
      if (equal) return static_cast<int64_t>(i + 1);
    }
    return 0;
  }
  // SUBSTRING(s, pos[, length]) by characters, as SQL has it (pos 0 gives '', a negative pos
  // counts from the end).
  Value Substring(const Expr& e) {
    Value s = Eval(e.args[0]);
    Value pos = Eval(e.args[1]);
    Value length;
    if (e.args.size() > 2) length = Eval(e.args[2]);
    if (s.kind == Value::Kind::kNull || pos.kind == Value::Kind::kNull ||
        (e.args.size() > 2 && length.kind == Value::Kind::kNull)) {
      return Value{};
    }
    std::string text = TextOfValue(s);
    std::vector<std::string_view> chars = Characters(text);
    int64_t start = AsInteger(pos);
    int64_t count = e.args.size() > 2 ? AsInteger(length) : INT64_MAX;
    auto size = static_cast<int64_t>(chars.size());
    if (count <= 0 || start == 0 || start > size || start < -size) return String("");
    int64_t first = start > 0 ? start - 1 : size + start;
    int64_t last = count >= size - first ? size : first + count;
    std::string out;
    for (int64_t i = first; i < last; ++i) out += chars[static_cast<size_t>(i)];
    return String(std::move(out));
  }

 public:
  Status failure_ = Status::OK();

 private:
  const XPath::Program& p_;
  const std::vector<Node>& nodes_;
  std::string_view xml_;
  Environment& env_;
  std::vector<Slot> slots_;
};

}  // namespace

Result<XPath> XPath::Compile(std::string_view text) {
  auto program = std::make_unique<Program>();
  Compiler compiler(text, program.get());
  Status status = compiler.Compile();
  if (!status.ok()) return status;
  return XPath(std::move(program));
}

namespace {

// Reads `xml` for evaluation; false (with MySQL's 1525 warning) when it does not parse.
bool ReadForEvaluation(std::string_view xml, Environment& env, std::vector<Node>* nodes) {
  std::string error;
  if (ParseFragment(xml, nodes, &error)) return true;
  if (env.warn) env.warn(Status::Error(ER_WRONG_VALUE, "XML", error));
  return false;
}

}  // namespace

Result<std::optional<std::string>> XPath::Extract(std::string_view xml, Environment& env) const {
  std::vector<Node> nodes;
  if (program_->top < 0 || !ReadForEvaluation(xml, env, &nodes)) return std::optional<std::string>();
  Evaluator evaluator(*program_, nodes, xml, env);
  Value v = evaluator.Eval(program_->top);
  if (!evaluator.failure_.ok()) return evaluator.failure_;
  if (v.kind == Value::Kind::kNull) return std::optional<std::string>();
  return std::optional<std::string>(TextOfValue(v));
}

Result<std::optional<std::string>> XPath::Update(std::string_view xml, std::string_view replacement,
                                                 Environment& env) const {
  std::vector<Node> nodes;
  if (program_->top < 0 || !ReadForEvaluation(xml, env, &nodes)) return std::optional<std::string>();
  if (!IsNodeSet(program_->exprs[static_cast<size_t>(program_->top)].op)) return std::optional<std::string>();
  Evaluator evaluator(*program_, nodes, xml, env);
  std::vector<Filter> selected = evaluator.Nodes(program_->top);
  if (!evaluator.failure_.ok()) return evaluator.failure_;
  if (selected.size() != 1) return std::optional<std::string>(std::string(xml));
  const Node& node = nodes[selected[0].num];
  if (node.level == 0) return std::optional<std::string>(std::string(replacement));
  size_t offset = node.type == Node::Type::kTag ? 1 : 0;
  size_t begin = node.begin >= offset ? node.begin - offset : 0;
  size_t end = std::min(node.tag_end + offset, xml.size());
  return std::optional<std::string>(std::string(xml.substr(0, begin)) + std::string(replacement) +
                                    std::string(xml.substr(end)));
}

}  // namespace porpoise::engine::xml
