// String functions: CONCAT and CONCAT_WS, case mapping, lengths, substrings, padding, TRIM,
// LOCATE/INSTR, HEX/UNHEX, STRCMP under the operands' collation, CHARSET and COLLATION.
// Arguments arrive as text (DECIMAL and BIGINT UNSIGNED as their MySQL text). (engine/)
#include "common/strings.h"
#include "engine/function_registry.h"

namespace porpoise::engine {

namespace {

uint32_t FirstLength(const FunctionCall& call) {
  return call.args.empty() ? 0 : call.args[0].type.length;
}

// A rule calling `function` with the arguments as given, typed by `Type`.
template <const char* kFunction, ExprType (*Type)(const FunctionCall&)>
Result<BoundExpr> Direct(FunctionCall& call) {
  ExprType type = Type(call);
  return BoundExpr::Call(kFunction, std::move(call.args), type);
}

ExprType SameLength(const FunctionCall& call) { return TypeOf(ValueType::kString, FirstLength(call)); }
ExprType Count10(const FunctionCall&) { return TypeOf(ValueType::kInteger, 10); }
ExprType Count11(const FunctionCall&) { return TypeOf(ValueType::kInteger, 11); }
ExprType Count3(const FunctionCall&) { return TypeOf(ValueType::kInteger, 3); }
ExprType Spaces(const FunctionCall&) { return TypeOf(ValueType::kString, 255); }
ExprType HexText(const FunctionCall& call) {
  return TypeOf(ValueType::kString, FirstLength(call) * 2 + 16);
}
ExprType Unhexed(const FunctionCall& call) {
  return TypeOf(ValueType::kBinary, FirstLength(call) / 2);
}

constexpr char kUpper[] = "mysql_upper";
constexpr char kLower[] = "mysql_lower";
constexpr char kLength[] = "mysql_length";
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
constexpr char kHex[] = "mysql_hex";
constexpr char kUnhex[] = "mysql_unhex";
constexpr char kAscii[] = "mysql_ascii";
constexpr char kFindInSet[] = "mysql_find_in_set";

Result<BoundExpr> Concat(FunctionCall& call) {
  uint32_t length = 0;
  bool binary = false;
  for (const BoundExpr& arg : call.args) {
    length += arg.type.length;
    binary = binary || arg.type.type == ValueType::kBinary;
  }
  ExprType type = TypeOf(binary ? ValueType::kBinary : ValueType::kString, length);
  return BoundExpr::Call("mysql_concat", std::move(call.args), type);
}

Result<BoundExpr> ConcatWs(FunctionCall& call) {
  uint32_t length = 0;
  for (const BoundExpr& arg : call.args) length += arg.type.length;
  return BoundExpr::Call("mysql_concat_ws", std::move(call.args),
                         TypeOf(ValueType::kString, length));
}

Result<BoundExpr> BitLength(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 10);
  BoundExpr bytes = BoundExpr::Call("mysql_length", std::move(call.args), type);
  return BoundExpr::Infix("*", std::move(bytes), IntegerConstant(8), type);
}

Result<BoundExpr> Left(FunctionCall& call) {
  ExprType type = SameLength(call);
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
  ExprType type = SameLength(call);
  BoundExpr remove = call.args.size() > 1 ? std::move(call.args[1]) : TextConstant(" ");
  return BoundExpr::Call("mysql_trim_string",
                         {std::move(call.args[0]), std::move(remove), TextConstant(mode)}, type);
}

Result<BoundExpr> Instr(FunctionCall& call) {
  return BoundExpr::Call("mysql_locate", {std::move(call.args[1]), std::move(call.args[0])},
                         TypeOf(ValueType::kInteger, 11));
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

Result<BoundExpr> CharsetOrCollation(FunctionCall& call) {
  bool binary = call.args[0].type.type == ValueType::kBinary;
  std::string name = binary ? "binary" : call.name == "CHARSET" ? "utf8mb4" : "utf8mb4_0900_ai_ci";
  BoundExpr result = TextConstant(name);
  result.type = TypeOf(ValueType::kString, 64);
  result.type.not_null = true;
  return result;
}

}  // namespace

void RegisterStringFunctions(FunctionRegistry& registry) {
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, BindRule bind) {
    registry.Add({name, min, max, ArgumentForm::kTextual, bind, false});
  };
  add("CONCAT", 1, kAnyArity, Concat);
  add("CONCAT_WS", 2, kAnyArity, ConcatWs);
  add("UPPER", 1, 1, Direct<kUpper, SameLength>);
  add("UCASE", 1, 1, Direct<kUpper, SameLength>);
  add("LOWER", 1, 1, Direct<kLower, SameLength>);
  add("LCASE", 1, 1, Direct<kLower, SameLength>);
  add("LENGTH", 1, 1, Direct<kLength, Count10>);
  add("OCTET_LENGTH", 1, 1, Direct<kLength, Count10>);
  add("CHAR_LENGTH", 1, 1, Direct<kCharLength, Count10>);
  add("CHARACTER_LENGTH", 1, 1, Direct<kCharLength, Count10>);
  add("BIT_LENGTH", 1, 1, BitLength);
  for (std::string_view name : {"SUBSTRING", "SUBSTR", "MID"}) {
    add(name, 2, 3, Direct<kSubstr, SameLength>);
  }
  add("LEFT", 2, 2, Left);
  add("RIGHT", 2, 2, Direct<kRight, SameLength>);
  add("REPLACE", 3, 3, Direct<kReplace, SameLength>);
  add("TRIM", 1, 3, Trim);
  add("LTRIM", 1, 1, Trim);
  add("RTRIM", 1, 1, Trim);
  add("LOCATE", 2, 3, Direct<kLocate, Count11>);
  add("POSITION", 2, 3, Direct<kLocate, Count11>);
  add("INSTR", 2, 2, Instr);
  add("REPEAT", 2, 2, Direct<kRepeat, SameLength>);
  add("REVERSE", 1, 1, Direct<kReverse, SameLength>);
  add("LPAD", 3, 3, Direct<kLpad, SameLength>);
  add("RPAD", 3, 3, Direct<kRpad, SameLength>);
  add("SPACE", 1, 1, Direct<kSpace, Spaces>);
  add("HEX", 1, 1, Direct<kHex, HexText>);
  add("UNHEX", 1, 1, Direct<kUnhex, Unhexed>);
  add("ASCII", 1, 1, Direct<kAscii, Count3>);
  add("ORD", 1, 1, Direct<kAscii, Count3>);
  add("FIND_IN_SET", 2, 2, Direct<kFindInSet, Count3>);
  add("STRCMP", 2, 2, Strcmp);
  add("CHARSET", 1, 1, CharsetOrCollation);
  add("COLLATION", 1, 1, CharsetOrCollation);
}

}  // namespace porpoise::engine
