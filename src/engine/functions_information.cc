// Information functions, answered from the session at bind time: DATABASE, USER,
// CURRENT_USER, VERSION, CONNECTION_ID, PS_CURRENT_THREAD_ID, LAST_INSERT_ID, ROW_COUNT,
// FOUND_ROWS; PS_THREAD_ID; and SLEEP, the user-level locks, UUID and its binary forms (UUID_TO_BIN,
// BIN_TO_UUID, IS_UUID), the network addresses (INET_*, INET6_*, IS_IPV*), RANDOM_BYTES,
// mysql_query_attribute_string, FORMAT_BYTES, FORMAT_PICO_TIME, ICU_VERSION,
// VALIDATE_PASSWORD_STRENGTH, LOAD_FILE, ROLES_GRAPHML, STATEMENT_DIGEST,
// STATEMENT_DIGEST_TEXT, GTID_SUBSET, GTID_SUBTRACT and BENCHMARK, answered when they run;
// NAME_CONST. (engine/)
#include <unicode/uvernum.h>

#include <algorithm>
#include <cstdlib>

#include "common/strings.h"
#include "engine/function_registry.h"
#include "engine/physical.h"
#include "engine/variables.h"

namespace porpoise::engine {

namespace {

// A session fact: a constant of the statement, described nullable as MySQL does.
BoundExpr Fact(Value value, ExprType type) {
  BoundExpr result = BoundExpr::Constant(std::move(value), std::move(type));
  result.type.not_null = false;
  return result;
}

// Names the server itself gives (DATABASE(), USER(), VERSION()): utf8mb3 system constants.
ExprType SystemText(uint32_t length) {
  ExprType type = TypeOf(ValueType::kString, length);
  type.collation = types::FindCollationByName("utf8mb3_general_ci");
  type.coercibility = Coercibility::kSysconst;
  return type;
}

Result<BoundExpr> Database(FunctionCall& call) {
  const std::string& database = call.context().current_database;
  ExprType type = SystemText(34);
  return Fact(database.empty() ? Value::Null() : Value::Text(database), type);
}

Result<BoundExpr> User(FunctionCall& call) {
  const TranslatorContext& context = call.context();
  const std::string& user = call.name == "CURRENT_USER" ? context.current_user : context.user;
  return Fact(Value::Text(user), SystemText(288));
}

Result<BoundExpr> CurrentRole(FunctionCall& call) {
  call.context().binds_alike = false;  // SET ROLE changes it within the session
  return Fact(Value::Text(call.context().current_role), SystemText(4096));
}

Result<BoundExpr> Version(FunctionCall& call) {
  std::string version = "8.4.0";
  if (call.context().variables != nullptr) {
    Result<std::string> value = call.context().variables->Get("version", sql::VariableScope::kDefault);
    if (value.ok()) version = value.value();
  }
  return Fact(Value::Text(version), SystemText(static_cast<uint32_t>(version.size())));
}

Result<BoundExpr> ConnectionId(FunctionCall& call) {
  return Fact(Value::Integer(call.context().connection_id), TypeOf(ValueType::kInteger, 10));
}

// PS_CURRENT_THREAD_ID(): this connection's THREAD_ID in performance_schema.threads (its
// connection id plus one: the server's own thread is 1).
Result<BoundExpr> CurrentThreadId(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 20);
  type.is_unsigned = true;
  return Fact(Value::Integer(static_cast<int64_t>(call.context().connection_id) + 1), type);
}

// PS_THREAD_ID(id): another connection's THREAD_ID, NULL when no connection has that id.
Result<BoundExpr> ThreadIdOf(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 20);
  type.is_unsigned = true;
  BoundExpr id = call.binder.Convert(std::move(call.args[0]), TypeOf(ValueType::kInteger, 21));
  return BoundExpr::Call("mysql_ps_thread_id", {std::move(id)}, type);
}

Result<BoundExpr> LastInsertId(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 21);
  type.is_unsigned = true;
  if (!call.args.empty()) {
    // LAST_INSERT_ID(x): x read as a BIGINT UNSIGNED, remembered for LAST_INSERT_ID() in the
    // rest of the statement and after it.
    type.not_null = call.args[0].type.not_null;
    // (as long as its argument, as MySQL sizes it)
    const ExprType& given = call.args[0].type;
    type.length = static_cast<uint32_t>(IsStringType(given.type) ? MaxByteLength(given) : given.length);
    BoundExpr value = call.binder.Convert(std::move(call.args[0]), NumericType(ValueType::kInteger, 21, 0, true));
    BoundExpr set = BoundExpr::Call("mysql_set_last_insert_id", {std::move(value)}, type);
    set.volatile_call = true;
    return set;
  }
  call.context().binds_alike = false;
  BoundExpr fact = Fact(EncodeUnsigned(call.context().last_insert_id), type);
  fact.type.not_null = true;  // MySQL describes these counters NOT NULL
  ExprType counter = fact.type;
  BoundExpr now = BoundExpr::Call("mysql_last_insert_id", {std::move(fact)}, counter);
  now.volatile_call = true;
  return now;
}

Result<BoundExpr> RowCount(FunctionCall& call) {
  call.context().binds_alike = false;
  BoundExpr fact = Fact(Value::Integer(call.context().row_count), TypeOf(ValueType::kInteger, 21));
  fact.type.not_null = true;
  return fact;
}

Result<BoundExpr> FoundRows(FunctionCall& call) {
  call.context().binds_alike = false;
  call.context().warnings.push_back(Status::WithMessage(
      ER_WARN_DEPRECATED_SYNTAX,
      "FOUND_ROWS() is deprecated and will be removed in a future release. Consider using COUNT(*) instead."));
  BoundExpr fact = Fact(Value::Integer(static_cast<int64_t>(call.context().found_rows)),
                        TypeOf(ValueType::kInteger, 21));
  fact.type.not_null = true;
  return fact;
}

// UUID(): 36 characters, a new value for each row.
Result<BoundExpr> Uuid(FunctionCall&) {
  ExprType type = SystemText(36);
  type.coercibility = Coercibility::kCoercible;
  type.not_null = false;  // (described nullable, as MySQL's Item_func_uuid is)
  BoundExpr uuid = BoundExpr::Call("mysql_uuid", std::vector<BoundExpr>(), type);
  uuid.volatile_call = true;
  return uuid;
}

// UUID_SHORT(): BIGINT UNSIGNED, a new value each call.
Result<BoundExpr> UuidShort(FunctionCall& call) {
  Result<std::string> server_id = call.context().variables->Get("server_id", sql::VariableScope::kGlobal);
  int64_t id = server_id.ok() ? std::strtoll(server_id->c_str(), nullptr, 10) : 1;
  ExprType type = TypeOf(ValueType::kInteger, 21);
  type.is_unsigned = true;
  type.not_null = true;
  BoundExpr value = BoundExpr::Call("pp_uuid_short", {IntegerConstant(id)}, type);
  value.volatile_call = true;
  return value;
}

// INET_ATON('a.b.c.d'): BIGINT UNSIGNED; NULL for what is not an address.
Result<BoundExpr> InetAton(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 21);
  type.is_unsigned = true;
  return BoundExpr::Call("mysql_inet_aton", std::move(call.args), type);
}

// INET6_ATON(text): VARBINARY(16), NULL for what is not an address.
Result<BoundExpr> Inet6Aton(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kBinary, 16);
  type.not_null = false;
  return BoundExpr::Call("mysql_inet6_aton", std::move(call.args), type);
}

// INET_NTOA(n) / INET6_NTOA(bytes): the address's text in the connection's character set
// (NULL for what is not an address).
Result<BoundExpr> AddressText(FunctionCall& call) {
  bool v6 = call.name == "INET6_NTOA";
  ExprType type = TypeOf(ValueType::kString, v6 ? 39 : 31);
  type.collation = call.context().connection_collation;
  type.coercibility = Coercibility::kCoercible;
  if (v6) type.not_null = false;
  return BoundExpr::Call(v6 ? "mysql_inet6_ntoa" : "mysql_inet_ntoa", std::move(call.args), type);
}

// IS_IPV4, IS_IPV6, IS_IPV4_COMPAT, IS_IPV4_MAPPED: 1 or 0 (0 for NULL), described nullable
// when the argument is (MySQL's Item_bool_func takes that from its argument).
Result<BoundExpr> IpIs(FunctionCall& call) {
  int64_t kind = call.name == "IS_IPV4" ? 0 : call.name == "IS_IPV6" ? 1
                 : call.name == "IS_IPV4_COMPAT" ? 2 : 3;
  ExprType type = TypeOf(ValueType::kInteger, 1);
  type.not_null = call.args[0].type.not_null;
  return BoundExpr::Call("pp_ip_is", {IntegerConstant(kind), std::move(call.args[0])}, type);
}

// UUID_TO_BIN(text[, swap]): BINARY(16); BIN_TO_UUID(bytes[, swap]): the 36-character text.
Result<BoundExpr> UuidToBin(FunctionCall& call) {
  if (call.args.size() == 1) call.args.push_back(IntegerConstant(0));
  ExprType type = TypeOf(ValueType::kBinary, 16);
  return BoundExpr::Call("pp_uuid_to_bin", std::move(call.args), type);
}

Result<BoundExpr> BinToUuid(FunctionCall& call) {
  if (call.args.size() == 1) call.args.push_back(IntegerConstant(0));
  ExprType type = SystemText(36);
  type.coercibility = Coercibility::kCoercible;
  return BoundExpr::Call("pp_bin_to_uuid", std::move(call.args), type);
}

Result<BoundExpr> IsUuid(FunctionCall& call) {
  return BoundExpr::Call("pp_is_uuid", std::move(call.args), TypeOf(ValueType::kInteger, 1));
}

// RANDOM_BYTES(n): VARBINARY(1024), new bytes for each row.
Result<BoundExpr> RandomBytes(FunctionCall& call) {
  BoundExpr bytes = BoundExpr::Call("pp_random_bytes", std::move(call.args),
                                    TypeOf(ValueType::kBinary, 1024));
  bytes.volatile_call = true;
  return bytes;
}

Result<BoundExpr> Sleep(FunctionCall& call) {
  BoundExpr sleep = BoundExpr::Call("mysql_sleep", std::move(call.args), TypeOf(ValueType::kInteger, 21));
  sleep.volatile_call = true;
  return sleep;
}

// GET_LOCK and its family: mysql_user_lock(op, arguments...), a new answer each call.
BoundExpr UserLockCall(FunctionCall& call, int op, ExprType type) {
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(op));
  for (BoundExpr& arg : call.args) args.push_back(std::move(arg));
  BoundExpr lock = BoundExpr::Call("mysql_user_lock", std::move(args), type);
  lock.volatile_call = true;
  return lock;
}

// mysql_query_attribute_string(name) (MySQL's query_attributes component): the value of the
// running command's attribute `name` as a utf8mb4 string, NULL when it was not sent. Read
// when the statement runs, so a kept prepared statement sees each execution's attributes.
Result<BoundExpr> QueryAttributeString(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kString, 1024);
  type.collation = types::FindCollationByName("utf8mb4_0900_ai_ci");
  type.coercibility = Coercibility::kCoercible;
  type.not_null = false;
  BoundExpr attribute = BoundExpr::Call("mysql_query_attribute", std::move(call.args), type);
  attribute.volatile_call = true;
  return attribute;
}

// FORMAT_BYTES(n), FORMAT_PICO_TIME(n): VARCHAR(11) in utf8mb3 ("1.00 KiB", "3.50 ns"). MySQL
// reads numbers only: another type is 1690 when the call meets a value (runtime_information.cc).
Result<BoundExpr> FormatUnits(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kString, 11);
  type.collation = types::FindCollationByName("utf8mb3_general_ci");
  type.coercibility = Coercibility::kCoercible;
  ValueType arg = call.args[0].type.type;
  bool numeric = arg == ValueType::kInteger || arg == ValueType::kDecimal ||
                 arg == ValueType::kDouble || arg == ValueType::kFloat || arg == ValueType::kNull;
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(call.name == "FORMAT_BYTES" ? 0 : 1));
  args.push_back(IntegerConstant(numeric ? 1 : 0));
  args.push_back(std::move(call.args[0]));
  return BoundExpr::Call("pp_format_units", std::move(args), type);
}

// ICU_VERSION(): the version of the ICU library the server's collations and regular
// expressions use, a system constant as VERSION() is.
Result<BoundExpr> IcuVersion(FunctionCall&) {
  std::string version = U_ICU_VERSION;
  return Fact(Value::Text(version), SystemText(static_cast<uint32_t>(version.size())));
}

// VALIDATE_PASSWORD_STRENGTH(password): INT, 0 to 100. Without MySQL's validate_password
// component (which this server does not have) MySQL answers 0; NULL for NULL.
Result<BoundExpr> PasswordStrength(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 10);
  return BoundExpr::Call("pp_password_strength", std::move(call.args), type);
}

// LOAD_FILE(path): the file's bytes, a LONGBLOB, read when the statement runs; NULL where
// MySQL answers NULL (runtime_information.cc).
Result<BoundExpr> LoadFile(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kBinary, 16777216);
  BoundExpr file = BoundExpr::Call("pp_load_file", std::move(call.args), type);
  file.volatile_call = true;
  return file;
}

// ROLES_GRAPHML(): the role graph as a GraphML document, utf8mb3 text of MySQL's largest
// string length (MAX_BLOB_WIDTH characters), read when the statement runs.
Result<BoundExpr> RolesGraphml(FunctionCall&) {
  ExprType type = SystemText(16777216);
  type.coercibility = Coercibility::kCoercible;
  BoundExpr graph = BoundExpr::Call("pp_roles_graphml", std::vector<BoundExpr>(), type);
  graph.volatile_call = true;
  return graph;
}

// STATEMENT_DIGEST_TEXT(statement): LONGTEXT in the connection's character set (MySQL's
// 64 MiB characters); STATEMENT_DIGEST(statement): 64 hex digits. The statement is read with
// the session's sql_mode (sql/digest.h; runtime_information.cc).
Result<BoundExpr> StatementDigest(FunctionCall& call) {
  bool text = call.name == "STATEMENT_DIGEST_TEXT";
  ExprType type = TypeOf(ValueType::kString, text ? 67108864 : 64);
  type.collation = call.context().connection_collation;
  type.coercibility = Coercibility::kCoercible;
  type.not_null = false;
  std::string sql_mode = call.context().variables != nullptr ? call.context().variables->sql_mode() : "";
  auto has = [&sql_mode](std::string_view flag) {
    std::string_view rest = sql_mode;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      if (EqualsIgnoreCase(rest.substr(0, comma), flag)) return true;
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return false;
  };
  bool ansi = has("ANSI");
  int64_t modes = (ansi || has("ANSI_QUOTES") ? 1 : 0) | (ansi || has("PIPES_AS_CONCAT") ? 2 : 0) |
                  (has("NO_BACKSLASH_ESCAPES") ? 4 : 0) | (has("HIGH_NOT_PRECEDENCE") ? 8 : 0);
  call.context().binds_alike = false;  // the reading depends on sql_mode
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(text ? 1 : 0));
  args.push_back(IntegerConstant(modes));
  args.push_back(std::move(call.args[0]));
  return BoundExpr::Call("pp_statement_digest", std::move(args), type);
}

// BENCHMARK(count, expr): expr evaluated count times, then 0 (BIGINT of width 1, nullable);
// NULL for a NULL count, with 1411 for a negative one. expr becomes a sub-statement that
// pp_benchmark runs itself (BoundExpr::runs_last_child).
Result<BoundExpr> Benchmark(FunctionCall& call) {
  BoundExpr count = std::move(call.args[0]);
  bool is_unsigned = count.type.type == ValueType::kInteger && count.type.is_unsigned;
  if (count.type.type != ValueType::kInteger && count.type.type != ValueType::kNull) {
    count = call.binder.Convert(std::move(count), TypeOf(ValueType::kInteger, 21));
  }
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant(is_unsigned ? 1 : 0));
  args.push_back(std::move(count));
  args.push_back(std::move(call.args[1]));
  BoundExpr benchmark = BoundExpr::Call("pp_benchmark", std::move(args), TypeOf(ValueType::kInteger, 1));
  benchmark.runs_last_child = true;
  benchmark.volatile_call = true;
  return benchmark;
}

// Whether `expr` is a literal (a number, a string, NULL, a hexadecimal or bit value), a negated
// number, or a string with a COLLATE clause: what NAME_CONST's value may be.
bool IsNameConstValue(const sql::Expr& expr) {
  switch (expr.kind) {
    case sql::ExprKind::kLiteral:
      return expr.literal_kind != sql::LiteralKind::kTrue &&
             expr.literal_kind != sql::LiteralKind::kFalse &&
             expr.literal_kind != sql::LiteralKind::kDate &&
             expr.literal_kind != sql::LiteralKind::kTime &&
             expr.literal_kind != sql::LiteralKind::kTimestamp;
    case sql::ExprKind::kUnary:
      return expr.op == sql::Operator::kNegate && expr.args.size() == 1 &&
             expr.args[0]->kind == sql::ExprKind::kLiteral &&
             (expr.args[0]->literal_kind == sql::LiteralKind::kInteger ||
              expr.args[0]->literal_kind == sql::LiteralKind::kDecimal ||
              expr.args[0]->literal_kind == sql::LiteralKind::kFloat);
    case sql::ExprKind::kCollate:
      return expr.args.size() == 1 && expr.args[0]->kind == sql::ExprKind::kLiteral &&
             expr.args[0]->literal_kind == sql::LiteralKind::kString;
    default: return false;
  }
}

// NAME_CONST(name, value): the value, as a column named `name` (the select list takes the name
// from NameConstColumnName). Both must be constants: 1210 otherwise.
Result<BoundExpr> NameConst(FunctionCall& call) {
  if (!NameConstColumnName(call.expr) || !IsNameConstValue(*call.expr.args[1])) {
    return Status::Error(ER_WRONG_ARGUMENTS, "NAME_CONST");
  }
  return std::move(call.args[1]);
}

ExprType LockAnswer() { return TypeOf(ValueType::kInteger, 1); }

ExprType ConnectionNumber() {
  ExprType type = TypeOf(ValueType::kInteger, 21);
  type.is_unsigned = true;
  return type;
}

Result<BoundExpr> GetLock(FunctionCall& call) { return UserLockCall(call, 0, LockAnswer()); }
Result<BoundExpr> ReleaseLock(FunctionCall& call) { return UserLockCall(call, 1, LockAnswer()); }
Result<BoundExpr> IsFreeLock(FunctionCall& call) { return UserLockCall(call, 2, LockAnswer()); }
Result<BoundExpr> IsUsedLock(FunctionCall& call) { return UserLockCall(call, 3, ConnectionNumber()); }
Result<BoundExpr> ReleaseAllLocks(FunctionCall& call) {
  return UserLockCall(call, 4, ConnectionNumber());
}

// GTID_SUBSET(a, b): BIGINT, 1 when every GTID of set a is in set b; NULL when either is.
Result<BoundExpr> GtidSubset(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 21);
  type.not_null = call.args[0].type.not_null && call.args[1].type.not_null;
  // (a DOUBLE read as MySQL's text of it; DECIMALs come as text already)
  BoundExpr first = call.binder.FloatText(std::move(call.args[0]));
  BoundExpr second = call.binder.FloatText(std::move(call.args[1]));
  return BoundExpr::Call("pp_gtid_subset", {std::move(first), std::move(second)}, type);
}

// GTID_SUBTRACT(a, b): the GTIDs of set a not in set b, as text in the connection's character
// set. MySQL declares a's length plus 5/2 of what b's passes a UUID's 36 (the worst case of a
// split interval); below 36 its unsigned arithmetic wraps, to the longest text.
Result<BoundExpr> GtidSubtract(FunctionCall& call) {
  int64_t first_bytes = MaxByteLength(call.args[0].type);
  int64_t second_bytes = MaxByteLength(call.args[1].type);
  int64_t characters = second_bytes >= 36 ? first_bytes + (second_bytes - 36) * 5 / 2 : 4294967295;
  ExprType type = TypeOf(ValueType::kString, static_cast<uint32_t>(std::min<int64_t>(characters, 16777216)));
  type.collation = call.context().connection_collation;
  type.coercibility = Coercibility::kCoercible;
  type.not_null = call.args[0].type.not_null && call.args[1].type.not_null;
  // (a DOUBLE read as MySQL's text of it; DECIMALs come as text already)
  BoundExpr first = call.binder.FloatText(std::move(call.args[0]));
  BoundExpr second = call.binder.FloatText(std::move(call.args[1]));
  return BoundExpr::Call("pp_gtid_subtract", {std::move(first), std::move(second)}, type);
}

}  // namespace

const std::string* NameConstColumnName(const sql::Expr& expr) {
  if (expr.kind != sql::ExprKind::kFunction || !EqualsIgnoreCase(expr.text, "NAME_CONST") ||
      expr.args.size() != 2 || !expr.database.empty()) {
    return nullptr;
  }
  const sql::Expr& name = *expr.args[0];
  bool string = name.kind == sql::ExprKind::kLiteral && name.literal_kind == sql::LiteralKind::kString;
  return string ? &name.text : nullptr;
}

void RegisterInformationFunctions(FunctionRegistry& registry) {
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, BindRule bind) {
    registry.Add({name, min, max, ArgumentForm::kTextual, bind, false});
  };
  add("DATABASE", 0, 0, Database);
  add("SCHEMA", 0, 0, Database);
  for (std::string_view name : {"USER", "SESSION_USER", "SYSTEM_USER", "CURRENT_USER"}) {
    add(name, 0, 0, User);
  }
  add("VERSION", 0, 0, Version);
  add("CURRENT_ROLE", 0, 0, CurrentRole);
  add("CONNECTION_ID", 0, 0, ConnectionId);
  add("PS_CURRENT_THREAD_ID", 0, 0, CurrentThreadId);
  add("PS_THREAD_ID", 1, 1, ThreadIdOf);
  add("LAST_INSERT_ID", 0, 1, LastInsertId);
  add("ROW_COUNT", 0, 0, RowCount);
  add("FOUND_ROWS", 0, 0, FoundRows);
  add("SLEEP", 1, 1, Sleep);
  add("GET_LOCK", 2, 2, GetLock);
  add("RELEASE_LOCK", 1, 1, ReleaseLock);
  add("IS_FREE_LOCK", 1, 1, IsFreeLock);
  add("IS_USED_LOCK", 1, 1, IsUsedLock);
  add("RELEASE_ALL_LOCKS", 0, 0, ReleaseAllLocks);
  add("UUID", 0, 0, Uuid);
  add("UUID_SHORT", 0, 0, UuidShort);
  add("INET_ATON", 1, 1, InetAton);
  add("INET_NTOA", 1, 1, AddressText);
  add("INET6_ATON", 1, 1, Inet6Aton);
  add("INET6_NTOA", 1, 1, AddressText);
  for (std::string_view name : {"IS_IPV4", "IS_IPV6", "IS_IPV4_COMPAT", "IS_IPV4_MAPPED"}) {
    add(name, 1, 1, IpIs);
  }
  add("UUID_TO_BIN", 1, 2, UuidToBin);
  add("BIN_TO_UUID", 1, 2, BinToUuid);
  add("IS_UUID", 1, 1, IsUuid);
  add("RANDOM_BYTES", 1, 1, RandomBytes);
  add("MYSQL_QUERY_ATTRIBUTE_STRING", 1, 1, QueryAttributeString);
  add("FORMAT_BYTES", 1, 1, FormatUnits);
  add("FORMAT_PICO_TIME", 1, 1, FormatUnits);
  add("ICU_VERSION", 0, 0, IcuVersion);
  add("VALIDATE_PASSWORD_STRENGTH", 1, 1, PasswordStrength);
  add("LOAD_FILE", 1, 1, LoadFile);
  add("ROLES_GRAPHML", 0, 0, RolesGraphml);
  add("STATEMENT_DIGEST", 1, 1, StatementDigest);
  add("STATEMENT_DIGEST_TEXT", 1, 1, StatementDigest);
  add("GTID_SUBSET", 2, 2, GtidSubset);
  add("GTID_SUBTRACT", 2, 2, GtidSubtract);
  registry.Add({"BENCHMARK", 2, 2, ArgumentForm::kTyped, Benchmark, false});
  registry.Add({"NAME_CONST", 2, 2, ArgumentForm::kTyped, NameConst, false});
}

}  // namespace porpoise::engine
