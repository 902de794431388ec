// JSON functions: JSON_EXTRACT (and `->`, `->>`), JSON_UNQUOTE, JSON_QUOTE, JSON_OBJECT,
// JSON_ARRAY, JSON_VALID, JSON_TYPE, JSON_KEYS, JSON_LENGTH, JSON_DEPTH, JSON_CONTAINS,
// JSON_CONTAINS_PATH, JSON_SET/INSERT/REPLACE, JSON_ARRAY_APPEND/INSERT, JSON_REMOVE,
// JSON_MERGE_PRESERVE/PATCH, JSON_SEARCH, JSON_OVERLAPS, MEMBER OF, JSON_PRETTY,
// JSON_STORAGE_SIZE, JSON_STORAGE_FREE, JSON_SCHEMA_VALID, JSON_SCHEMA_VALIDATION_REPORT and
// the aggregates JSON_ARRAYAGG and JSON_OBJECTAGG.
//
// Every call becomes pp_json(signature, arguments...) or an aggregate pp_json_*agg: the
// signature names the function and gives each argument's MySQL type as one letter (see
// JsonTag), which the runtime (runtime_json.cc) needs to turn SQL values into JSON values:
// a string argument is JSON text where a document is expected and a JSON string where a value
// is, TRUE and comparisons are JSON booleans, and so on. (engine/)
#include <string>

#include "common/strings.h"
#include "engine/function_registry.h"
#include "types/json_schema.h"

namespace porpoise::engine {

namespace {

// Whether `expr` is a boolean expression, which MySQL turns into JSON true/false.
bool IsBooleanExpr(const sql::Expr& expr) {
  using sql::ExprKind;
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return expr.literal_kind == sql::LiteralKind::kTrue ||
             expr.literal_kind == sql::LiteralKind::kFalse;
    case ExprKind::kUnary: return expr.op == sql::Operator::kNot;
    case ExprKind::kBinary:
      switch (expr.op) {
        case sql::Operator::kOr:
        case sql::Operator::kXor:
        case sql::Operator::kAnd:
        case sql::Operator::kEq:
        case sql::Operator::kNullSafeEq:
        case sql::Operator::kNe:
        case sql::Operator::kLt:
        case sql::Operator::kLe:
        case sql::Operator::kGt:
        case sql::Operator::kGe: return true;
        default: return false;
      }
    case ExprKind::kIn:
    case ExprKind::kBetween:
    case ExprKind::kLike:
    case ExprKind::kRegexp:
    case ExprKind::kIsNull:
    case ExprKind::kIsBool:
    case ExprKind::kExists:
    case ExprKind::kQuantified: return true;
    case ExprKind::kFunction: {
      // MySQL's boolean functions (Item_bool_func and the others it reports as boolean).
      static constexpr std::string_view kBooleanFunctions[] = {
          "MEMBER OF",      "IS_IPV4",       "IS_IPV6",           "IS_IPV4_COMPAT",
          "IS_IPV4_MAPPED", "IS_UUID",       "JSON_VALID",        "JSON_OVERLAPS",
          "REGEXP_LIKE",    "JSON_CONTAINS", "JSON_CONTAINS_PATH", "JSON_SCHEMA_VALID",
          "ISNULL"};
      for (std::string_view name : kBooleanFunctions) {
        if (EqualsIgnoreCase(expr.text, name)) return true;
      }
      return false;
    }
    default: return false;
  }
}

// One letter for the MySQL type of an argument (runtime_json.cc reads them).
char JsonTag(const BoundExpr& arg, const sql::Expr* ast) {
  if (ast != nullptr && IsBooleanExpr(*ast)) return 'B';
  switch (arg.type.type) {
    case ValueType::kNull: return 'n';
    case ValueType::kInteger: return arg.type.is_unsigned ? 'u' : 'i';
    case ValueType::kYear: return 'i';
    case ValueType::kDecimal: return 'd';
    case ValueType::kDouble:
    case ValueType::kFloat: return 'r';
    case ValueType::kString: return 's';
    case ValueType::kBinary: return 'x';
    case ValueType::kBit: return 'z';
    case ValueType::kDate: return 'D';
    case ValueType::kDateTime: return 'M';
    case ValueType::kTime: return 'T';
    case ValueType::kJson: return 'j';
  }
  return 's';
}

// "json_set|jss": the function's name as MySQL's messages spell it, and the argument tags.
std::string Signature(const FunctionCall& call, std::string_view name) {
  std::string signature(name);
  signature += '|';
  for (size_t i = 0; i < call.args.size(); ++i) {
    const sql::Expr* ast = i < call.expr.args.size() ? call.expr.args[i].get() : nullptr;
    signature += JsonTag(call.args[i], ast);
  }
  return signature;
}


// pp_json(signature + suffix, arguments...).
BoundExpr JsonCall(FunctionCall& call, std::string_view name, ExprType type,
                   std::string_view suffix = "") {
  std::vector<BoundExpr> args;
  args.push_back(TextConstant(Signature(call, name) + std::string(suffix)));
  for (BoundExpr& arg : call.args) args.push_back(std::move(arg));
  return BoundExpr::Call("pp_json", std::move(args), std::move(type));
}

ExprType JsonType() {
  ExprType type = TypeOf(ValueType::kJson, 0);
  type.not_null = false;
  return type;
}

// A LONGTEXT in utf8mb4_bin, COERCIBLE as a string function is: JSON_UNQUOTE's, JSON_PRETTY's.
ExprType JsonText(uint32_t length = 0xffffffffu / 4) {
  ExprType type = TypeOf(ValueType::kString, length);
  type.collation = types::FindCollationByName("utf8mb4_bin");
  type.coercibility = Coercibility::kCoercible;
  return type;
}

ExprType Integer(uint32_t length) {
  ExprType type = TypeOf(ValueType::kInteger, length);
  return type;
}

Status ParamCount(const FunctionCall& call) {
  return Status::Error(ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT, ToLowerAscii(call.name));
}

Result<BoundExpr> Document(FunctionCall& call) { return JsonCall(call, ToLowerAscii(call.name), JsonType()); }

// The call over its document and its first `pairs` path-value pairs as `known` gives them,
// the last value being `sentinel` (an integer): what it computes says whether that value goes
// anywhere.
BoundExpr ModifyProbe(const FunctionCall& call, const std::vector<BoundExpr>& known, size_t pairs,
                      int64_t sentinel) {
  std::string signature = ToLowerAscii(call.name) + "|";
  std::vector<BoundExpr> args;
  args.push_back(BoundExpr());
  for (size_t j = 0; j < 2 * pairs; ++j) {
    const sql::Expr* ast = j < call.expr.args.size() ? call.expr.args[j].get() : nullptr;
    signature += JsonTag(call.args[j], ast);
    args.push_back(known[j]);
  }
  signature += 'i';
  args.push_back(IntegerConstant(sentinel));
  args[0] = TextConstant(std::move(signature));
  return BoundExpr::Call("pp_json", std::move(args), JsonType());
}

// `value` as the constant it is when constants alone compute it (under the pp_warn calls that
// say what folding it warned too), for a probe; none when it varies.
std::optional<BoundExpr> KnownValue(FunctionCall& call, const BoundExpr& value) {
  const BoundExpr* inner = &value;
  while (inner->kind == BoundKind::kCall && inner->name == "pp_warn" && !inner->children.empty()) {
    inner = inner->children[0].get();
  }
  if (inner->constant) return *inner;
  std::vector<Status> said;
  std::optional<Value> computed = call.binder.ComputeNow(*inner, &said);
  if (!computed) return std::nullopt;
  return BoundExpr::Constant(std::move(*computed), inner->type);
}

// JSON_INSERT, JSON_ARRAY_APPEND and JSON_ARRAY_INSERT read a value only where its path leads
// somewhere it goes (MySQL seeks the path first): of a document and paths known while
// binding, a value that would go nowhere is never computed (what computing it would say, an
// error among it, is not said). JSON_SET and JSON_REPLACE read each value first.
void UnreadValuesGoingNowhere(FunctionCall& call) {
  if (call.name != "JSON_INSERT" && call.name != "JSON_ARRAY_APPEND" &&
      call.name != "JSON_ARRAY_INSERT") {
    return;
  }
  std::vector<BoundExpr> known;
  std::optional<BoundExpr> document = call.args[0].aggregate ? std::nullopt : KnownValue(call, call.args[0]);
  if (!document) return;
  known.push_back(std::move(*document));
  for (size_t i = 1; i + 1 < call.args.size(); i += 2) {
    std::optional<BoundExpr> path = call.args[i].aggregate ? std::nullopt : KnownValue(call, call.args[i]);
    if (!path) return;
    known.push_back(std::move(*path));
    BoundExpr& value = call.args[i + 1];
    if (!value.constant && !value.aggregate) {
      std::vector<Status> said;
      std::optional<Value> with_zero = call.binder.ComputeNow(ModifyProbe(call, known, (i + 1) / 2, 0), &said);
      std::optional<Value> with_one = call.binder.ComputeNow(ModifyProbe(call, known, (i + 1) / 2, 1), &said);
      if (with_zero && with_one && with_zero->kind == with_one->kind &&
          with_zero->bytes == with_one->bytes && with_zero->is_null() == with_one->is_null()) {
        value = call.binder.UnreadNull(std::move(value));
      }
    }
    // (a later path's place depends on this value)
    std::optional<BoundExpr> fixed = value.aggregate ? std::nullopt : KnownValue(call, value);
    if (!fixed) return;
    known.push_back(std::move(*fixed));
  }
}

// Whether computing `expr` says what folding its constants said (pp_warn), each time.
bool SaysWhenComputed(const BoundExpr& expr) {
  if (expr.kind == BoundKind::kCall && expr.name == "pp_warn") return true;
  return std::any_of(expr.children.begin(), expr.children.end(),
                     [](const BoundExprPtr& child) { return SaysWhenComputed(*child); });
}

// JSON_SET / JSON_INSERT / JSON_REPLACE / JSON_ARRAY_APPEND / JSON_ARRAY_INSERT (doc, path,
// value, ...): pairs after the document.
Result<BoundExpr> Modify(FunctionCall& call) {
  if (call.args.size() % 2 == 0) return ParamCount(call);
  UnreadValuesGoingNowhere(call);
  // Of a document that varies by row and one pair, a value whose computing says something is
  // computed only on the rows where it goes somewhere (UnreadValuesGoingNowhere's rule, row
  // by row): where the call with 0 and with 1 in its place agree, it goes nowhere, and that
  // is the answer. (The document is computed again for that: one that says something, or
  // gives a new value each time, is not.)
  const BoundExpr& document = call.args[0];
  const bool reads_value_where_used =
      (call.name == "JSON_INSERT" || call.name == "JSON_ARRAY_APPEND" || call.name == "JSON_ARRAY_INSERT") &&
      call.args.size() == 3 && !document.constant && !document.aggregate && !HasVolatileCall(document) &&
      NoSubqueryOrWindow(document) && call.args[1].constant && !call.args[2].aggregate &&
      SaysWhenComputed(call.args[2]) && NoSubqueryOrWindow(call.args[2]);
  std::optional<BoundExpr> with_zero, with_one;
  if (reads_value_where_used) {
    const std::vector<BoundExpr> known{call.args[0], call.args[1]};
    with_zero = ModifyProbe(call, known, 1, 0);
    with_one = ModifyProbe(call, known, 1, 1);
  }
  BoundExpr result = JsonCall(call, ToLowerAscii(call.name), JsonType());
  if (!reads_value_where_used) return result;
  BoundExpr chosen;
  chosen.kind = BoundKind::kCase;
  chosen.type = result.type;
  chosen.case_else = true;
  chosen.Add(BoundExpr::Infix("IS", *with_zero, *with_one, TypeOf(ValueType::kInteger, 1)));
  chosen.Add(std::move(*with_zero));
  chosen.Add(std::move(result));
  return chosen;
}

Result<BoundExpr> Object(FunctionCall& call) {
  if (call.args.size() % 2 != 0) return ParamCount(call);
  BoundExpr result = JsonCall(call, "json_object", JsonType());
  result.type.not_null = true;
  return result;
}

Result<BoundExpr> Array(FunctionCall& call) {
  BoundExpr result = JsonCall(call, "json_array", JsonType());
  result.type.not_null = true;
  return result;
}

Result<BoundExpr> Merge(FunctionCall& call) {
  if (call.name == "JSON_MERGE") {
    call.context().warnings.push_back(Status::Error(ER_WARN_DEPRECATED_SYNTAX, "JSON_MERGE",
                                                    "JSON_MERGE_PRESERVE/JSON_MERGE_PATCH"));
    return JsonCall(call, "json_merge_preserve", JsonType());
  }
  return JsonCall(call, ToLowerAscii(call.name), JsonType());
}

Result<BoundExpr> IntegerResult(FunctionCall& call) {
  uint32_t length = call.name == "JSON_VALID" || call.name == "JSON_CONTAINS" ||
                            call.name == "JSON_CONTAINS_PATH" || call.name == "JSON_OVERLAPS" ||
                            call.name == "MEMBER OF"
                        ? 1
                    : call.name == "JSON_LENGTH" || call.name == "JSON_DEPTH"
                        ? 21  // a BIGINT's, as MySQL 8.4 leaves them
                        : 10;
  // JSON_DEPTH is NULL only for a NULL argument (what is no JSON is an error, not NULL).
  bool not_null = call.name == "JSON_DEPTH" && NoneNullable(call.args);
  BoundExpr result = JsonCall(call, ToLowerAscii(call.name), Integer(length));
  if (not_null) result.type.not_null = true;
  return result;
}

// JSON_TYPE: as long as the longest type name ("UNSIGNED INTEGER") and one more, as MySQL
// sizes it.
Result<BoundExpr> TypeName(FunctionCall& call) {
  return JsonCall(call, "json_type", JsonText(17));
}

Result<BoundExpr> Text(FunctionCall& call) { return JsonCall(call, ToLowerAscii(call.name), JsonText()); }

// JSON_UNQUOTE(x): as long as x (a LONGTEXT for a JSON value), as MySQL sizes it.
Result<BoundExpr> Unquote(FunctionCall& call) {
  const ExprType& arg = call.args[0].type;
  // (a number or a temporal value is no JSON text: MySQL refuses it when binding)
  if (IsNumericType(arg.type) || IsTemporalType(arg.type)) {
    return Status::Error(ER_INCORRECT_TYPE, "1", "json_unquote");
  }
  ExprType type = arg.type == ValueType::kJson ? JsonText() : JsonText(arg.length);
  return JsonCall(call, "json_unquote", type);
}

Result<BoundExpr> Quote(FunctionCall& call) {
  // (a binary string makes no JSON string: 3144 when binding, as MySQL checks)
  if (call.args[0].type.type == ValueType::kBinary) {
    return Status::Error(ER_INVALID_JSON_CHARSET, "binary");
  }
  ExprType type = JsonText(call.args[0].type.length * 6 + 2);
  type.collation = types::FindCollationByName("utf8mb4_bin");
  return JsonCall(call, "json_quote", type);
}

// JSON_SEARCH(doc, one_or_all, search [, escape [, path ...]]): strings match bytewise
// (utf8mb4_bin), whatever the search string's collation.
Result<BoundExpr> Search(FunctionCall& call) {
  return JsonCall(call, "json_search", JsonType());
}

// JSON_VALUE(doc, path [RETURNING type] [ON EMPTY] [ON ERROR]): the scalar at the path,
// unquoted, cast to the RETURNING type (VARCHAR(512) in utf8mb4_bin without one). The modes
// follow the signature: one letter each for ON EMPTY and ON ERROR (N, E or D), and 'j' when
// the result is JSON.
Result<BoundExpr> ScalarValue(FunctionCall& call) {
  const sql::ExprDetail& detail = call.expr.detail();
  auto mode = [](const std::string& text) {
    return text == "ERROR" ? 'E' : text == "DEFAULT" ? 'D' : 'N';
  };
  std::string_view target = detail.cast_type.name;
  bool json = target == "json";
  std::string suffix = "|";
  suffix += mode(detail.on_empty);
  suffix += mode(detail.on_error);
  if (json) suffix += 'j';
  if (json) return JsonCall(call, "json_value", JsonType(), suffix);
  ExprType text = JsonText(512);
  text.coercibility = Coercibility::kCoercible;
  BoundExpr value = JsonCall(call, "json_value", text, suffix);
  if (target.empty()) return value;
  return call.binder.CastAs(call.expr, std::move(value));
}

// JSON_SCHEMA_VALID(schema, document): 1 or 0; JSON_SCHEMA_VALIDATION_REPORT(schema,
// document): a JSON object saying why. Both arguments must be JSON or text (3146 when binding,
// as MySQL checks them), and a constant schema is read when binding (3141, 3853).
Result<BoundExpr> SchemaValidation(FunctionCall& call) {
  std::string name = ToLowerAscii(call.name);
  for (size_t i = 0; i < call.args.size(); ++i) {
    ValueType type = call.args[i].type.type;
    if (type != ValueType::kJson && type != ValueType::kString && type != ValueType::kNull) {
      return Status::Error(ER_INVALID_TYPE_FOR_JSON, i + 1, name);
    }
  }
  const BoundExpr& schema = call.args[0];
  if (schema.constant && !schema.constant->is_null()) {
    PORPOISE_RETURN_IF_ERROR(types::CheckJsonSchema(schema.constant->bytes, name));
  }
  bool report = call.name == "JSON_SCHEMA_VALIDATION_REPORT";
  return JsonCall(call, name, report ? JsonType() : Integer(1));
}

BoundExpr JsonAggregate(FunctionCall& call, std::string_view function, std::string_view name) {
  std::vector<BoundExprPtr> args;
  args.push_back(std::make_shared<const BoundExpr>(TextConstant(Signature(call, name))));
  for (BoundExpr& arg : call.args) args.push_back(std::make_shared<const BoundExpr>(std::move(arg)));
  BoundExpr aggregate = BoundExpr::Call(function, std::move(args), JsonType());
  aggregate.aggregate = true;
  aggregate.aggregate_call = true;
  return aggregate;
}

Result<BoundExpr> ArrayAgg(FunctionCall& call) {
  return JsonAggregate(call, "pp_json_arrayagg", "json_arrayagg");
}

Result<BoundExpr> ObjectAgg(FunctionCall& call) {
  return JsonAggregate(call, "pp_json_objectagg", "json_objectagg");
}

}  // namespace

BoundExpr CastToJson(const sql::Expr& operand_ast, BoundExpr operand) {
  std::string signature = "cast_as_json|";
  signature += JsonTag(operand, &operand_ast);
  std::vector<BoundExpr> args;
  args.push_back(TextConstant(signature));
  args.push_back(std::move(operand));
  return BoundExpr::Call("pp_json", std::move(args), JsonType());
}

BoundExpr CompareAsJson(std::string_view op, BoundExpr left, const sql::Expr* left_ast,
                        BoundExpr right, const sql::Expr* right_ast, ExprType truth) {
  std::string signature = "json_compare|";
  signature += JsonTag(left, left_ast);
  signature += JsonTag(right, right_ast);
  signature += "|" + std::string(op);
  std::vector<BoundExpr> args;
  args.push_back(TextConstant(signature));
  args.push_back(std::move(left));
  args.push_back(std::move(right));
  return BoundExpr::Call("pp_json", std::move(args), std::move(truth));
}

BoundExpr JsonSortKey(BoundExpr json) {
  std::vector<BoundExpr> args;
  args.push_back(TextConstant("json_sort_key|j"));
  args.push_back(std::move(json));
  return BoundExpr::Call("pp_json", std::move(args), TypeOf(ValueType::kBinary, 0));
}

void RegisterJsonFunctions(FunctionRegistry& registry) {
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, BindRule bind) {
    registry.Add({name, min, max, ArgumentForm::kTextual, bind, false});
  };
  add("JSON_EXTRACT", 2, kAnyArity, Document);
  add("JSON_OBJECT", 0, kAnyArity, Object);
  add("JSON_ARRAY", 0, kAnyArity, Array);
  add("JSON_KEYS", 1, 2, Document);
  for (std::string_view name : {"JSON_SET", "JSON_REPLACE"}) add(name, 3, kAnyArity, Modify);
  // (what their values' constants say is said when a value is read: see
  // UnreadValuesGoingNowhere)
  for (std::string_view name : {"JSON_INSERT", "JSON_ARRAY_APPEND", "JSON_ARRAY_INSERT"}) {
    FunctionDef def{name, 3, kAnyArity, ArgumentForm::kTextual, Modify, false};
    def.lazy_from = 2;
    registry.Add(def);
  }
  add("JSON_REMOVE", 2, kAnyArity, Document);
  for (std::string_view name : {"JSON_MERGE", "JSON_MERGE_PRESERVE", "JSON_MERGE_PATCH"}) {
    add(name, 2, kAnyArity, Merge);
  }
  add("JSON_SEARCH", 3, kAnyArity, Search);
  add("JSON_VALID", 1, 1, IntegerResult);
  add("JSON_LENGTH", 1, 2, IntegerResult);
  add("JSON_DEPTH", 1, 1, IntegerResult);
  add("JSON_STORAGE_FREE", 1, 1, IntegerResult);
  add("JSON_CONTAINS", 2, 3, IntegerResult);
  add("JSON_CONTAINS_PATH", 3, kAnyArity, IntegerResult);
  add("JSON_OVERLAPS", 2, 2, IntegerResult);
  add("JSON_STORAGE_SIZE", 1, 1, IntegerResult);
  add("MEMBER OF", 2, 2, IntegerResult);
  add("JSON_TYPE", 1, 1, TypeName);
  add("JSON_VALUE", 4, 4, ScalarValue);
  add("JSON_UNQUOTE", 1, 1, Unquote);
  add("JSON_PRETTY", 1, 1, Text);
  add("JSON_QUOTE", 1, 1, Quote);
  add("JSON_SCHEMA_VALID", 2, 2, SchemaValidation);
  add("JSON_SCHEMA_VALIDATION_REPORT", 2, 2, SchemaValidation);
  registry.Add({"JSON_ARRAYAGG", 1, 1, ArgumentForm::kTextual, ArrayAgg, true});
  registry.Add({"JSON_OBJECTAGG", 2, 2, ArgumentForm::kTextual, ObjectAgg, true});
}

}  // namespace porpoise::engine
