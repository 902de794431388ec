// Date and time functions over canonical date/time text: NOW and its synonyms (the statement's
// time), CURDATE/CURTIME, UNIX_TIMESTAMP/FROM_UNIXTIME, DATE/TIME, the field extractors
// (YEAR ... WEEKDAY), DATEDIFF, DATE_FORMAT; DATE_ADD/DATE_SUB/ADDDATE/SUBDATE with every
// INTERVAL unit, ADDTIME/SUBTIME, TIMESTAMP, TIMEDIFF, TIME_TO_SEC, SEC_TO_TIME, MAKETIME,
// MICROSECOND, TO_SECONDS, PERIOD_ADD/PERIOD_DIFF, TIME_FORMAT, EXTRACT, TIMESTAMPDIFF,
// TIMESTAMPADD, QUARTER, LAST_DAY, DAYNAME, MONTHNAME, TO_DAYS, FROM_DAYS, MAKEDATE,
// STR_TO_DATE and WEEK/YEARWEEK/WEEKOFYEAR run on MySQL's calendar (runtime_time.cc);
// GET_FORMAT is a table. (engine/)
#include <algorithm>
#include <array>
#include <cstdlib>

#include "common/strings.h"
#include "engine/function_registry.h"
#include "engine/physical.h"
#include "engine/runtime.h"
#include "engine/variables.h"
#include "types/locale.h"
#include "types/temporal.h"
#include "types/time_zone.h"

namespace porpoise::engine {

namespace {

uint8_t TextFsp(const std::string& text);  // below

// The fraction digits of a temporal or numeric argument, or of a constant string as written
// (MySQL's time and datetime precision); 0 for the others; at most 6.
uint8_t FspOf(const BoundExpr& arg) {
  switch (arg.type.type) {
    case ValueType::kDateTime: case ValueType::kTime: case ValueType::kDecimal:
      return std::min<uint8_t>(arg.type.decimals, 6);
    case ValueType::kString:
      if (!arg.constant || arg.constant->kind != Value::Kind::kText) return 0;
      return TextFsp(arg.constant->bytes);
    default:
      return 0;
  }
}

// The fraction digits of a result computed from a number of seconds (SEC_TO_TIME,
// MAKETIME's seconds, FROM_UNIXTIME): the argument's decimals as MySQL types it, so a DOUBLE's
// or a string's (constant or not, not fixed: 31) give six.
uint8_t SecondsFsp(const BoundExpr& arg) {
  switch (arg.type.type) {
    case ValueType::kDouble: case ValueType::kFloat:
      return std::min<uint8_t>(arg.type.decimals, 6);
    case ValueType::kString: case ValueType::kBinary: case ValueType::kJson:
      return 6;
    default:
      return FspOf(arg);
  }
}

// A number of seconds given as a string is read as MySQL's val_decimal reads it: with 1292
// "Truncated incorrect DECIMAL value" for what is not all number.
BoundExpr SecondsArgument(FunctionCall& call, BoundExpr arg) {
  if (IsTemporalType(arg.type.type)) {
    // (a date or time is its number: TIME '00:00:30' is 30 seconds)
    return call.binder.Textual(call.binder.Convert(std::move(arg), NumericType(ValueType::kDecimal, 23, 6)));
  }
  if (arg.type.type != ValueType::kString && arg.type.type != ValueType::kBinary) return arg;
  BoundExpr decimal = call.binder.Convert(std::move(arg), NumericType(ValueType::kDecimal, 67, 30));
  return call.binder.Textual(std::move(decimal));
}

ExprType TimeType(uint8_t fsp) { return TypeOf(ValueType::kTime, fsp > 0 ? 11u + fsp : 10u, fsp); }
ExprType DateTimeType(uint8_t fsp) {
  return TypeOf(ValueType::kDateTime, fsp > 0 ? 20u + fsp : 19u, fsp);
}
ExprType StringType(const FunctionCall& call, uint32_t length) {
  ExprType type = TypeOf(ValueType::kString, length);
  type.collation = call.context().connection_collation;
  type.coercibility = Coercibility::kCoercible;
  return type;
}
// A call that may give NULL for any argument (a value that is no date or time).
BoundExpr NullableCall(std::string_view function, std::vector<BoundExpr> args, ExprType type) {
  type.not_null = false;
  return BoundExpr::Call(function, std::move(args), type);
}

// The value of a constant integer argument (NOW's precision); 0 otherwise.
int64_t ConstantInteger(const BoundExpr& arg) {
  if (!arg.constant) return 0;
  const Value& value = *arg.constant;
  if (value.kind == Value::Kind::kInteger) return value.integer;
  if (value.kind == Value::Kind::kDouble) return static_cast<int64_t>(value.real);
  if (value.kind == Value::Kind::kText) return std::atoll(value.bytes.c_str());
  return 0;
}

// NOW(fsp) and its kin: MySQL's grammar takes only an unsigned integer there (1064), at
// most 6 (1426, naming the function as MySQL does: CURRENT_TIMESTAMP and LOCALTIME are now).
Result<int64_t> SecondsPrecision(const FunctionCall& call) {
  if (call.args.empty()) return 0;
  const sql::Expr& written = *call.expr.args[0];
  if (written.kind != sql::ExprKind::kLiteral || written.literal_kind != sql::LiteralKind::kInteger) {
    return Status::Error(ER_PARSE_ERROR, written.text, 1);
  }
  int64_t fsp = ConstantInteger(call.args[0]);
  if (fsp < 0 || fsp > 6 || written.text.size() > 18) {
    std::string name = call.name == "CURRENT_TIMESTAMP" || call.name == "LOCALTIME" || call.name == "LOCALTIMESTAMP"
                           ? "now"
                       : call.name == "CURRENT_TIME" ? "curtime"
                                                     : ToLowerAscii(call.name);
    return Status::Error(ER_TOO_BIG_PRECISION, static_cast<int>(std::min<int64_t>(std::max<int64_t>(fsp, 0), INT32_MAX)),
                         name, 6UL);
  }
  return fsp;
}

BoundExpr Now(int64_t fsp, bool utc) {
  return BoundExpr::Call(utc ? "mysql_utc_timestamp" : "mysql_now", {IntegerConstant(fsp)},
                         DateTimeType(static_cast<uint8_t>(fsp)));
}

Result<BoundExpr> CurrentTimestamp(FunctionCall& call) {
  PORPOISE_ASSIGN_OR_RETURN(int64_t fsp, SecondsPrecision(call));
  if (call.name == "SYSDATE") {
    // The time it runs, not the statement's.
    BoundExpr now = BoundExpr::Call("mysql_sysdate", {IntegerConstant(fsp)}, DateTimeType(static_cast<uint8_t>(fsp)));
    now.volatile_call = true;
    return now;
  }
  return Now(fsp, call.name == "UTC_TIMESTAMP");
}

Result<BoundExpr> CurrentDate(FunctionCall& call) {
  return BoundExpr::Call("substr", {Now(0, call.name == "UTC_DATE"), IntegerConstant(1), IntegerConstant(10)},
                         TypeOf(ValueType::kDate, 10));
}

Result<BoundExpr> CurrentTime(FunctionCall& call) {
  PORPOISE_ASSIGN_OR_RETURN(int64_t fsp, SecondsPrecision(call));
  return BoundExpr::Call("substr", {Now(fsp, call.name == "UTC_TIME"), IntegerConstant(12)},
                         TimeType(static_cast<uint8_t>(fsp)));
}

// The fraction digits written after a time's seconds or a number's point (at most 6).
uint8_t WrittenFsp(const std::string& text) {
  size_t dot = text.find('.');
  size_t from = std::string::npos;
  if (text.find_first_of(":-") == std::string::npos) {
    if (dot != std::string::npos && text.find('.', dot + 1) == std::string::npos) from = dot;
  } else {
    size_t last_dot = text.rfind('.');
    size_t colon = text.rfind(':');
    if (last_dot != std::string::npos && colon != std::string::npos && last_dot > colon) {
      from = last_dot;
    }
  }
  if (from == std::string::npos) return 0;
  size_t digits = 0;
  while (from + 1 + digits < text.size() && text[from + 1 + digits] >= '0' &&
         text[from + 1 + digits] <= '9') {
    ++digits;
  }
  return static_cast<uint8_t>(std::min<size_t>(digits, 6));
}

// The fraction digits of a time or datetime written as `text`: those after the dot that
// follows its clock ('10:00:00.5', '2024-01-01 10:00:00.25'), or after the one dot of a time
// written as a number ('0.1', '123456.25'); six for text that is no time at all (MySQL's
// precision of a string whose value is not known).
uint8_t TextFsp(const std::string& text) {
  types::Temporal parsed;
  if (types::ParseTimeText(text, &parsed) == types::TemporalOutcome::kBad) return 6;
  // A time written as a number: the digits of the point after its leading digits, whatever
  // follows them ('1.2.3.4' has one: str_to_time reads 1.2 and calls the rest cut).
  size_t pos = text.find_first_not_of(" \t");
  if (pos != std::string::npos && (text[pos] == '-' || text[pos] == '+')) ++pos;
  if (pos != std::string::npos && text.find_first_of(":-", pos) == std::string::npos) {
    auto digit = [&](size_t at) { return at < text.size() && text[at] >= '0' && text[at] <= '9'; };
    while (digit(pos)) ++pos;
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) ++pos;
    if (pos >= text.size() || text[pos] != '.' || !digit(pos + 1)) return 0;
    size_t digits = 0;
    while (digit(pos + 1 + digits)) ++digits;
    return static_cast<uint8_t>(std::min<size_t>(digits, 6));
  }
  return WrittenFsp(text);
}

bool IsText(const BoundExpr& arg) {
  return arg.type.type == ValueType::kString || arg.type.type == ValueType::kBinary ||
         arg.type.type == ValueType::kNull;
}

// A string argument computed from constants alone, as a constant of its value, for typing
// the call: MySQL reads such an argument's value while resolving the statement
// (Item::time_precision, datetime_precision), so '10:00' with ':00' joined to it has no
// fraction digits. What computing it warns is said once, before the rows' warnings. Other
// arguments as they are.
BoundExpr ValueForTyping(FunctionCall& call, const BoundExpr& arg) {
  if (!IsText(arg) || arg.type.type == ValueType::kNull) return arg;
  // (a constant whose folding warned, under the pp_warn calls that say that for each row:
  // folded once more, what it said said again)
  const BoundExpr* inner = nullptr;
  std::vector<Status> each_row = WarningsEachRow(arg, &inner);
  // (and what binding it said, folding its constants)
  const std::vector<Status>* folded = nullptr;
  for (size_t i = 0; i < call.args.size() && i < call.folded.size(); ++i) {
    if (&call.args[i] == &arg) folded = &call.folded[i];
  }
  std::vector<Status> said;
  std::optional<Value> value;
  if (inner->kind == BoundKind::kConstant) {
    if (each_row.empty() && (folded == nullptr || folded->empty())) return arg;
    value = inner->constant;
  } else {
    value = call.binder.ComputeNow(*inner, &said, true);
    if (!value) return arg;
  }
  TranslatorContext& context = call.context();
  if (folded != nullptr) {
    for (const Status& warning : *folded) context.warnings.push_back(Status(warning).AtResolve());
  }
  for (Status& warning : each_row) context.warnings.push_back(std::move(warning).AtResolve());
  for (Status& warning : said) context.warnings.push_back(std::move(warning).AtResolve());
  return BoundExpr::Constant(std::move(*value), arg.type);
}

// MySQL's datetime_precision of an argument: a constant string's fraction digits as written
// when it reads as a DATETIME, zero parts allowed but no impossible day (six when it does
// not: 2024-02-30), any other string's six, a DOUBLE's decimals (six when not fixed), JSON's
// six (not fixed either), the digits of a temporal or exact value.
uint8_t DateTimeFspOf(const BoundExpr& arg) {
  switch (arg.type.type) {
    case ValueType::kDouble: case ValueType::kFloat:
      return std::min<uint8_t>(arg.type.decimals, 6);
    case ValueType::kJson:
      return 6;
    case ValueType::kString:
      break;
    default:
      return FspOf(arg);
  }
  if (!arg.constant || arg.constant->kind != Value::Kind::kText) return 6;
  types::Temporal parsed;
  if (types::ParseDateTime(arg.constant->bytes, &parsed, types::DateChecks{true, true, false}) ==
      types::TemporalOutcome::kBad) {
    return 6;
  }
  return WrittenFsp(arg.constant->bytes);
}

// The fraction digits written in a constant string (TextFsp); six for a string known only
// when the statement runs.
uint8_t StringFsp(const BoundExpr& arg) {
  if (!arg.constant || arg.constant->kind != Value::Kind::kText) return 6;
  return TextFsp(arg.constant->bytes);
}

// UNIX_TIMESTAMP([value]): whole seconds, or a DECIMAL with the fraction digits of a value
// that has them.
Result<BoundExpr> UnixTimestamp(FunctionCall& call) {
  ExprType type = TypeOf(ValueType::kInteger, 11);
  if (call.args.empty()) {
    return BoundExpr::Call("mysql_unix_timestamp", std::vector<BoundExpr>(), type);
  }
  uint8_t fsp = DateTimeFspOf(ValueForTyping(call, call.args[0]));
  // Text that names the zero date warns under NO_ZERO_DATE (MySQL's str_to_datetime_with_warn
  // reads text with it, not with NO_ZERO_IN_DATE); a date value or a number says nothing.
  int64_t refused = IsText(call.args[0]) && !call.context().sql_mode_dates.zero_date ? 1 : 0;
  if (call.args[0].type.type == ValueType::kTime) {
    // A TIME is that time today, as MySQL reads a TIME where a DATETIME is wanted.
    call.args[0] = call.binder.Convert(std::move(call.args[0]), DateTimeType(fsp));
  }
  call.args.push_back(IntegerConstant(fsp));
  call.args.push_back(IntegerConstant(refused));
  if (fsp == 0) return BoundExpr::Call("mysql_unix_timestamp_of", std::move(call.args), type);
  ExprType text = StringType(call, 18);
  ExprType decimal = NumericType(ValueType::kDecimal, 13u + fsp, fsp);
  decimal.digits = static_cast<uint8_t>(11 + fsp);
  return call.binder.Convert(BoundExpr::Call("mysql_unix_timestamp_of", std::move(call.args), text),
                             decimal);
}

// FROM_UNIXTIME(n): a DATETIME with the fraction digits the number has (six for a double or
// a string).
// FROM_UNIXTIME(n, format) is DATE_FORMAT(FROM_UNIXTIME(n), format), as MySQL builds it.
uint32_t FormatResultLength(const FunctionCall& call);

Result<BoundExpr> FromUnixtime(FunctionCall& call) {
  uint8_t fsp = SecondsFsp(call.args[0]);
  std::vector<BoundExpr> args;
  args.push_back(SecondsArgument(call, std::move(call.args[0])));
  args.push_back(IntegerConstant(fsp));
  BoundExpr instant = NullableCall("mysql_from_unixtime", std::move(args), DateTimeType(fsp));
  if (call.args.size() == 1) return instant;
  uint32_t length = FormatResultLength(call);
  ExprType text = StringType(call, length);
  text.not_null = false;
  return BoundExpr::Call("mysql_date_format", {std::move(instant), std::move(call.args[1])}, text);
}

// MySQL reads a function's arguments in turn and stops at the first that is NULL (its
// `args[0]->get_time(...) || args[1]->get_time(...)`): after a first argument that binds to a
// constant NULL the call is NULL, and what the next would have warned is not said.
bool IsNullConstant(const BoundExpr& arg) { return arg.constant && arg.constant->is_null(); }

BoundExpr NullOf(ExprType type) {
  type.not_null = false;
  return BoundExpr::Constant(Value::Null(), type);
}

// A string or number argument of a function that reads a TIME (HOUR, TIME_TO_SEC, ADDTIME,
// TIMEDIFF, ...), read as MySQL reads one as a TIME (mysql_time_text: '2024-02-09' is
// 00:20:24, a long datetime's text keeps its date); other arguments as they are.
BoundExpr TimeText(FunctionCall& call, BoundExpr arg) {
  if (arg.type.type == ValueType::kDouble || arg.type.type == ValueType::kFloat) {
    // (a DOUBLE as CAST reads it: 1e300 is 838:59:59, with 1292)
    return call.binder.Convert(std::move(arg), TimeType(6));
  }
  if (arg.type.type == ValueType::kInteger || arg.type.type == ValueType::kDecimal) {
    // A number as [H..H]HMMSS[.ffffff], as CAST reads it: 19700101 is 838:59:59, with 1292.
    uint8_t fsp = FspOf(arg);
    return call.binder.Convert(std::move(arg), TimeType(fsp));
  }
  if (arg.type.type != ValueType::kString && arg.type.type != ValueType::kBinary) return arg;
  ExprType type = arg.type;
  if (arg.constant && arg.constant->kind == Value::Kind::kText) {
    // Read now, keeping the fraction digits written (the result's precision).
    const std::string& text = arg.constant->bytes;
    types::Temporal value;
    types::TemporalOutcome outcome = types::ParseTimeText(text, &value);
    if (outcome == types::TemporalOutcome::kBad) {
      call.context().warnings.push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, "time", text));
      type.not_null = false;
      return BoundExpr::Constant(Value::Null(), type);
    }
    if (outcome == types::TemporalOutcome::kTruncated) {
      call.context().warnings.push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, "time", text));
    }
    return BoundExpr::Constant(Value::Text(types::Format(value, TextFsp(text))), type);
  }
  type.not_null = false;
  return BoundExpr::Call("mysql_time_text", {std::move(arg)}, type);
}

// An argument a function reads a time from: the text a date function wrote as that function
// gives a time (MySQL asks it: Item_temporal_hybrid_func::get_time), a date its midnight and
// a datetime its time; anything else as TimeText reads it.
BoundExpr TimeArgument(FunctionCall& call, BoundExpr arg) {
  if (!IsText(arg) || !arg.type.temporal_text || arg.constant) return TimeText(call, std::move(arg));
  return BoundExpr::Call("pp_temporal_text", {std::move(arg), IntegerConstant(TypeCode(TimeType(6)))},
                         TimeType(6));
}

// A DATE argument of a function that reads a datetime's time as DATETIME (its midnight), so
// the runtime reads it as a date whatever its parts: '2024-02-00' as a string is a TIME made
// of its digits, as a stored DATE a date. Other arguments as they are.
BoundExpr DateAsDateTime(FunctionCall& call, BoundExpr arg) {
  if (arg.type.type != ValueType::kDate) return arg;
  return call.binder.Convert(std::move(arg), DateTimeType(0));
}

// How a date function reads a string argument, as MySQL's readings go: a fuzzy one (YEAR,
// MONTH, DAY, QUARTER, MONTHNAME, LAST_DAY, DATE_FORMAT, DATE) takes zero months and days
// whatever NO_ZERO_IN_DATE says, and the zero date unless NO_ZERO_DATE; a whole one (TO_DAYS,
// DAYNAME, WEEKDAY, WEEK, DATEDIFF, TIMESTAMPDIFF, ...) takes neither, whatever sql_mode says
// (MySQL's check_date refuses zero parts to a reading that is not fuzzy). Impossible days
// only under ALLOW_INVALID_DATES.
// kFuzzy: zero dates and zero parts read; kWhole: neither.
enum class DateReading : uint8_t { kFuzzy, kWhole };

// The checks mysql_date_text makes of text read as `reading` says.
int64_t DateTextChecks(FunctionCall& call, DateReading reading) {
  const types::DateChecks& mode = call.context().sql_mode_dates;
  bool fuzzy = reading == DateReading::kFuzzy;
  bool zero_parts = reading == DateReading::kFuzzy;
  return (fuzzy && mode.zero_date ? 1 : 0) | (zero_parts ? 2 : 0) | (mode.invalid_days ? 4 : 0);
}

// A string argument checked as `reading` says under the session's sql_mode (mysql_date_text:
// NULL with 1292 for what fails); other arguments as they are.
BoundExpr CheckedDateText(FunctionCall& call, BoundExpr arg, DateReading reading) {
  if (!IsText(arg) || arg.type.type == ValueType::kNull) return arg;
  ExprType type = arg.type;
  type.not_null = false;
  return BoundExpr::Call("mysql_date_text", {std::move(arg), IntegerConstant(DateTextChecks(call, reading))},
                         type);
}

// The text a date function wrote (temporal_text) where a date is wanted: a date or a datetime
// as written, a time on today's date, as MySQL asks the function itself for a date
// (Item_temporal_hybrid_func::get_date). Still text.
BoundExpr TimeTextOnToday(BoundExpr arg) {
  ExprType type = arg.type;
  type.not_null = false;
  return BoundExpr::Call("pp_temporal_text", {std::move(arg), IntegerConstant(TypeCode(DateTimeType(6))),
                                              IntegerConstant(1)}, type);
}

// A number a date function reads as [YY]YYMMDD[hhmmss][.fraction]: a YEAR too, by its number
// (MySQL's Field_num::get_date reads val_int: 2024 is no date, 0 the zero date).
bool IsDateNumber(ValueType type) { return IsNumericType(type); }

// An argument a function reads a date from: text as `reading` checks it (the runtime then
// reads it, zero parts too), a DATE or DATETIME as it is, a number as a DATETIME checked as
// `reading` says (NULL with 1292 for DAYNAME(0)), any other value (a TIME on today's date,
// JSON) as CAST(... AS DATETIME(6)) reads it.
BoundExpr DateArgument(FunctionCall& call, BoundExpr arg, DateReading reading) {
  // The text a date function wrote is read by its shape, a time on today's date (MySQL asks
  // the function itself for a date: Item_temporal_hybrid_func::get_date).
  if (IsText(arg) && arg.type.temporal_text) arg = TimeTextOnToday(std::move(arg));
  if (IsText(arg)) return CheckedDateText(call, std::move(arg), reading);
  ValueType from = arg.type.type;
  if (from == ValueType::kDate || from == ValueType::kDateTime) return arg;
  if (IsDateNumber(from)) {
    // (sql_mode's NO_ZERO_DATE does not apply: QUARTER(0) is 0 under it.)
    bool fuzzy = reading == DateReading::kFuzzy;
    bool zero_parts = reading == DateReading::kFuzzy;
    types::DateChecks checks{fuzzy, zero_parts, call.context().sql_mode_dates.invalid_days};
    return call.binder.ConvertDateText(std::move(arg), DateTimeType(6), true, &checks);
  }
  return call.binder.Convert(std::move(arg), DateTimeType(6));
}

// CONVERT_TZ(dt, from, to): a DATETIME with dt's fraction digits; a string dt that is no
// whole datetime is NULL with 1292 (MySQL reads it with TIME_NO_ZERO_DATE).
Result<BoundExpr> ConvertTz(FunctionCall& call) {
  uint8_t fsp = DateTimeFspOf(ValueForTyping(call, call.args[0]));
  // A constant zone that is none: NULL, the date not read (MySQL looks the zones up first).
  for (size_t i = 1; i < 3; ++i) {
    const BoundExpr& zone = call.args[i];
    if (zone.constant && (zone.constant->is_null() ||
                          (zone.constant->kind == Value::Kind::kText &&
                           types::TimeZone::Find(zone.constant->bytes) == nullptr))) {
      ExprType type = DateTimeType(fsp);
      type.not_null = false;
      return call.binder.Constant(Value::Null(), type);
    }
  }
  // (a TIME, or the time a date function wrote, is on today's date)
  if (call.args[0].type.type == ValueType::kTime) {
    call.args[0] = call.binder.Convert(std::move(call.args[0]), DateTimeType(fsp));
  } else if (IsText(call.args[0]) && call.args[0].type.temporal_text) {
    call.args[0] = TimeTextOnToday(std::move(call.args[0]));
  }
  // (a number as a datetime, as DAYNAME reads one: NULL with 1292 when it names none)
  if (IsDateNumber(call.args[0].type.type)) {
    call.args[0] = DateArgument(call, std::move(call.args[0]), DateReading::kWhole);
  }
  call.args[0] = CheckedDateText(call, std::move(call.args[0]), DateReading::kWhole);
  call.args.push_back(IntegerConstant(fsp));
  return NullableCall("mysql_convert_tz", std::move(call.args), DateTimeType(fsp));
}

// DATE(x): x read as CAST(x AS DATE) reads it (numbers as YYYYMMDD..., text by MySQL's
// rules under sql_mode, NULL and 1292 for what is no date).
Result<BoundExpr> DatePart(FunctionCall& call) {
  BoundExpr date = call.binder.ConvertDateText(std::move(call.args[0]), TypeOf(ValueType::kDate, 10),
                                               /*fold=*/false);
  date.type.not_null = false;
  return date;
}

// The fraction digits MySQL gives a TIME read from `arg` (its time_precision): a constant
// string's own digits when it reads as a time, six for other strings, a DOUBLE's decimals
// (six when not fixed), the declared digits of the other types.
uint8_t TimePrecision(const BoundExpr& arg) {
  switch (arg.type.type) {
    case ValueType::kString: case ValueType::kBinary:
      return StringFsp(arg);
    case ValueType::kDouble: case ValueType::kFloat:
      return std::min<uint8_t>(arg.type.decimals, 6);  // (six when they are not fixed)
    default:
      return FspOf(arg);
  }
}

// TIME(x): x read as CAST(x AS TIME(fsp)) reads it, fsp as TimePrecision says.
Result<BoundExpr> TimePart(FunctionCall& call) {
  uint8_t fsp = TimePrecision(ValueForTyping(call, call.args[0]));  // (before the argument is moved from)
  BoundExpr time = call.binder.Convert(std::move(call.args[0]), TimeType(fsp));
  time.type.not_null = false;
  return time;
}

// The fields of a date or time, as mysql_date_field / mysql_time_field number them.
constexpr std::array<std::string_view, 7> kDateFields = {
    "YEAR", "MONTH", "DAY", "DAYOFMONTH", "DAYOFYEAR", "DAYOFWEEK", "WEEKDAY"};
constexpr std::array<std::string_view, 3> kTimeFields = {"HOUR", "MINUTE", "SECOND"};

// YEAR, MONTH, DAY(OFMONTH), DAYOFYEAR, DAYOFWEEK, WEEKDAY, HOUR, MINUTE, SECOND. Text goes to
// the runtime as it is (it reads dates with zero parts, which MONTH and DAY accept); other
// values are read as CAST reads them: as a DATETIME for a date field (a TIME on today's
// date), as a TIME for a time field.
Result<BoundExpr> Field(FunctionCall& call) {
  std::string_view name = call.name;
  BoundExpr subject = std::move(call.args[0]);
  for (size_t code = 0; code < kTimeFields.size(); ++code) {
    if (name != kTimeFields[code]) continue;
    if (subject.type.datetime_text) {
      subject = call.binder.Convert(std::move(subject), TypeOf(ValueType::kDateTime, 26, 6));
    }
    if (!IsText(subject) && subject.type.type != ValueType::kTime &&
        subject.type.type != ValueType::kDateTime) {
      subject = call.binder.Convert(std::move(subject), TimeType(6));
    }
    subject = TimeText(call, std::move(subject));
    // MySQL 8's lengths count a sign: HOUR (up to 838) 4, MINUTE and SECOND 3.
    return NullableCall("mysql_time_field", {IntegerConstant(code), std::move(subject)},
                        TypeOf(ValueType::kInteger, code == 0 ? 4 : 3));
  }
  size_t code = std::find(kDateFields.begin(), kDateFields.end(), name) - kDateFields.begin();
  if (code == 3) code = 2;  // DAYOFMONTH is DAY
  subject = DateArgument(call, std::move(subject),
                         code <= 2 ? DateReading::kFuzzy : DateReading::kWhole);
  // The digits and a sign, as MySQL 8 sizes them: YEAR 5, DAYOFYEAR 4, DAYOFWEEK and WEEKDAY 2,
  // MONTH and DAY 3.
  uint32_t length = code == 0 ? 5 : code == 4 ? 4 : code >= 5 ? 2 : 3;
  return NullableCall("mysql_date_field", {IntegerConstant(code), std::move(subject)},
                      TypeOf(ValueType::kInteger, length));
}

// DATEDIFF(a, b): whole days from b to a, their times of day ignored.
Result<BoundExpr> DateDiff(FunctionCall& call) {
  for (BoundExpr& arg : call.args) arg = DateArgument(call, std::move(arg), DateReading::kWhole);
  // (MySQL's TO_DAYS(a) - TO_DAYS(b): seven digits and a sign each, one more digit)
  return NullableCall("mysql_datediff", std::move(call.args), TypeOf(ValueType::kInteger, 9));
}

// The characters DATE_FORMAT's result may take for a constant `format`, as MySQL sizes them:
// each specifier its widest text (a month's or day's name 64, for other locales), any other
// character one.
uint32_t DateFormatLength(std::string_view format) {
  uint32_t length = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 == format.size()) {
      ++length;
      continue;
    }
    switch (format[++i]) {
      case 'M': case 'W': length += 64; break;
      case 'a': case 'b': length += 32; break;
      case 'r': length += 11; break;
      case 'T': length += 8; break;
      case 'H': case 'k': length += 7; break;
      case 'f': length += 6; break;
      case 'D': case 'Y': case 'x': case 'X': length += 4; break;
      case 'j': length += 3; break;
      case 'U': case 'u': case 'V': case 'v': case 'y': case 'm': case 'd': case 'h':
      case 'I': case 'i': case 'l': case 'p': case 'S': case 's': case 'c': case 'e':
        length += 2;
        break;
      default: ++length; break;
    }
  }
  return length;
}

// The characters a DATE_FORMAT / TIME_FORMAT result may take: the format's widest text when
// it is written as a string literal (the only format MySQL reads when resolving), else ten
// per character of it (GET_FORMAT(...)'s is ten times its 17 characters).
uint32_t FormatResultLength(const FunctionCall& call) {
  const BoundExpr& format = call.args[1];
  const sql::Expr* written = call.expr.args.size() > 1 ? call.expr.args[1].get() : nullptr;
  bool literal = written != nullptr && written->kind == sql::ExprKind::kLiteral &&
                 written->literal_kind == sql::LiteralKind::kString;
  if (literal && format.constant && format.constant->kind == Value::Kind::kText) {
    return DateFormatLength(format.constant->bytes);
  }
  return static_cast<uint32_t>(std::min<uint64_t>(uint64_t{format.type.length} * 10, 16777216));
}

Result<BoundExpr> DateFormat(FunctionCall& call) {
  call.args[0] = DateArgument(call, std::move(call.args[0]), DateReading::kFuzzy);
  uint32_t length = FormatResultLength(call);
  return BoundExpr::Call("mysql_date_format", std::move(call.args), StringType(call, length));
}

// INTERVAL units: whether a unit's fields are all whole days or more, and whether it has a
// microseconds field.
bool DaysOrMore(std::string_view unit) {
  return unit == "DAY" || unit == "WEEK" || unit == "MONTH" || unit == "QUARTER" ||
         unit == "YEAR" || unit == "YEAR_MONTH";
}

bool KnownUnit(std::string_view unit) {
  static constexpr std::string_view kUnits[] = {
      "MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR",
      "YEAR_MONTH", "DAY_HOUR", "DAY_MINUTE", "DAY_SECOND", "DAY_MICROSECOND", "HOUR_MINUTE",
      "HOUR_SECOND", "HOUR_MICROSECOND", "MINUTE_SECOND", "MINUTE_MICROSECOND",
      "SECOND_MICROSECOND"};
  return std::find(std::begin(kUnits), std::end(kUnits), unit) != std::end(kUnits);
}

// DATE_ADD(d, INTERVAL n unit) and its synonyms (ADDDATE's bare second argument counts days),
// on MySQL's calendar (mysql_date_add in runtime_time.cc). The result is a DATE for a DATE
// moved by whole days or more, a TIME for a TIME, a DATETIME for the other temporal types,
// and a string (a date's or a datetime's text) for anything else.
BoundExpr AddInterval(FunctionCall& call, BoundExpr date, BoundExpr amount,
                      const std::string& unit, bool subtract);
bool NamesNoDate(FunctionCall& call, const BoundExpr& date, const std::string& unit);

Result<BoundExpr> DateAdd(FunctionCall& call) {
  const sql::Expr& expr = call.expr;
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr date,
                            call.binder.TranslateExpr(*expr.args[0], call.scope, call.clause));
  std::string unit = "DAY";
  const sql::Expr* amount_expr = expr.args[1].get();
  if (amount_expr->kind == sql::ExprKind::kInterval) {
    unit = ToUpperAscii(amount_expr->text);
    if (amount_expr->args.empty()) return Status::Error(ER_PARSE_ERROR, "INTERVAL", 1);
    amount_expr = amount_expr->args[0].get();
  }
  if (!KnownUnit(unit)) return Status::Error(ER_PARSE_ERROR, unit, 1);
  size_t amount_warned = call.context().warnings.size();
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr amount,
                            call.binder.TranslateExpr(*amount_expr, call.scope, call.clause));
  if (NamesNoDate(call, date, unit)) {
    call.binder.ForgetWarnings(amount_warned);
    amount = call.binder.UnreadNull(std::move(amount));
  }
  return AddInterval(call, std::move(date), std::move(amount), unit,
                     call.name == "DATE_SUB" || call.name == "SUBDATE");
}

// Whether `date`, a constant or what constants compute, names no date that DATE_ADD moves
// (moved by nothing it is NULL, or it is NULL itself):
// MySQL then reads no amount (Item_date_add_interval::get_date_internal stops at the date), so
// what reading the amount would say is never said.
bool NamesNoDate(FunctionCall& call, const BoundExpr& date, const std::string& unit) {
  // (a date constants compute to NULL, warning or not, is read as such first)
  if (!date.constant) return !date.aggregate && call.binder.IsKnownNull(date);
  if (date.constant->is_null()) return false;
  std::vector<Status>& warnings = call.context().warnings;
  const size_t before = warnings.size();
  BoundExpr probe = AddInterval(call, date, IntegerConstant(0), unit, false);
  call.binder.ForgetWarnings(before);
  warnings.resize(std::min(warnings.size(), before));
  std::vector<Status> said;
  std::optional<Value> moved = call.binder.ComputeNow(probe, &said);
  return moved && moved->is_null();
}

// `date` moved by `amount` of `unit` (DATE_ADD's rules, TIMESTAMPADD's too).
BoundExpr AddInterval(FunctionCall& call, BoundExpr date, BoundExpr amount,
                      const std::string& unit, bool subtract) {
  // (MySQL reads the amount only after a date: of a NULL date it reads none, so it warns
  // about none)
  const bool null_date = IsNullConstant(date);
  if (null_date) amount = call.binder.UnreadNull(std::move(amount));
  // A temporal amount of one unit is its digits as a number (INTERVAL TIME '00:00:02' SECOND
  // is two seconds); of a compound unit, its text.
  int64_t text_amount = 0;  // (mysql_date_add's amount mode for text of one unit)
  if (unit.find('_') == std::string::npos) {
    // (rounded to a whole number as MySQL's val_int rounds a temporal value, for every unit
    // but SECOND, which takes its fraction: INTERVAL TIME '23:59:59.9' HOUR is 240000 hours)
    amount = IsTemporalType(amount.type.type) && unit != "SECOND"
                 ? call.binder.Convert(std::move(amount), TypeOf(ValueType::kInteger, 21))
                 : call.binder.TemporalAsDecimal(std::move(amount));
    // Text for one unit is read as MySQL's val_int reads it (SECOND's as its val_decimal):
    // 1292 for what is not a number, 'a' DAY is no days.
    // A DOUBLE likewise: val_int rounds it half to even and stops at BIGINT's bounds, so
    // INTERVAL 1e18 MINUTE is that many minutes (an overflow), not 1.
    // (text is read so by mysql_date_add itself, once it has read the date)
    ValueType kind = amount.type.type;
    bool real = kind == ValueType::kDouble || kind == ValueType::kFloat;
    // (an unsigned integer too: val_int hands its 64 bits over as signed, so
    // INTERVAL 18446744073709551615 DAY is -1 day)
    if (kind == ValueType::kInteger && amount.type.is_unsigned) {
      amount = call.binder.Convert(std::move(amount), TypeOf(ValueType::kInteger, 21));
    }
    if (kind == ValueType::kString || kind == ValueType::kBinary) {
      text_amount = unit == "SECOND" ? 3 : 2;
    } else if (real) {
      uint8_t decimals = amount.type.decimals;
      amount = unit == "SECOND"
                   ? call.binder.Convert(std::move(amount), NumericType(ValueType::kDecimal, 67, 30))
                   : call.binder.Convert(std::move(amount), TypeOf(ValueType::kInteger, 21));
      if (unit == "SECOND") amount.type.decimals = decimals;  // (its fraction digits shown)
    }
  }
  bool numeric = text_amount != 0 ||
                 (amount.type.type != ValueType::kString && amount.type.type != ValueType::kNull);
  uint8_t amount_decimals = text_amount == 3                   ? 6
                            : numeric && unit == "SECOND" ? std::min<uint8_t>(amount.type.decimals, 6)
                                                          : 0;
  uint8_t unit_fsp = unit.find("MICROSECOND") != std::string::npos ? 6 : amount_decimals;
  // (a compound unit's FLOAT or DOUBLE amount is its text as MySQL prints it: a FLOAT 0.1 is
  // '0.1', not the digits of its double)
  if (unit.find('_') != std::string::npos) amount = call.binder.FloatText(std::move(amount));
  amount = call.binder.Textual(std::move(amount));
  ValueType from = date.type.type;
  uint8_t date_fsp = date.type.decimals <= 6 ? date.type.decimals : 0;
  // A number is read as CAST(n AS DATETIME) reads it: DATE_SUB(101, INTERVAL 1 DAY) is
  // 1999-12-31, of 2000-01-01.
  bool number = IsDateNumber(from);
  int64_t number_code = number ? TypeCode(date.type) : 0;
  uint8_t number_fsp = std::min<uint8_t>(date.type.decimals, 6);
  if (from == ValueType::kString && date.type.temporal_text) date = TimeTextOnToday(std::move(date));
  // (a YEAR stays its number, which is what MySQL reads and quotes: 0, not 0000)
  if (from != ValueType::kYear) date = call.binder.Textual(std::move(date));
  int64_t result = 0;  // as read (a string)
  ExprType type;
  if (from == ValueType::kDate && DaysOrMore(unit)) {
    result = 1;
    type = TypeOf(ValueType::kDate, 10);
  } else if (from == ValueType::kDate || from == ValueType::kDateTime) {
    result = 2;
    uint8_t fsp = std::max(from == ValueType::kDate ? uint8_t{0} : date_fsp, unit_fsp);
    type = TypeOf(ValueType::kDateTime, fsp > 0 ? 20u + fsp : 19u, fsp);
  } else if (from == ValueType::kTime) {
    result = 3;
    uint8_t fsp = std::max(date_fsp, unit_fsp);
    type = TypeOf(ValueType::kTime, fsp > 0 ? 11u + fsp : 10u, fsp);
  } else {
    // (a CHAR(29), as MySQL's set_data_type_char makes it)
    type = TypeOf(ValueType::kString, 29);
    type.collation = call.context().connection_collation;
    type.coercibility = Coercibility::kCoercible;
    type.own_field = FieldType::kString;
    type.datetime_text = true;
    type.temporal_text = true;
  }
  type.not_null = false;  // an invalid date or an overflow is NULL
  if (null_date) return call.binder.UnreadNull(std::move(amount), type);  // (an aggregate kept)
  // (SECOND of a number with a fraction: read as a DECIMAL)
  const bool second_fraction = numeric && text_amount == 0 && unit == "SECOND" &&
                               amount.type.decimals > 0 && amount.type.type != ValueType::kInteger;
  std::vector<BoundExpr> args;
  args.push_back(std::move(date));
  args.push_back(std::move(amount));
  args.push_back(TextConstant(unit));
  args.push_back(IntegerConstant(subtract ? 1 : 0));
  args.push_back(IntegerConstant(result));
  // (a string result shows a number's fraction digits, a DOUBLE's six; text shows six when
  // there is a fraction)
  uint8_t shown = result == 0 && number ? std::max(number_fsp, unit_fsp) : type.decimals;
  args.push_back(IntegerConstant(shown));
  args.push_back(IntegerConstant(text_amount != 0 ? text_amount : second_fraction ? 4 : numeric ? 1 : 0));
  if (number) args.push_back(IntegerConstant(number_code));
  return BoundExpr::Call("mysql_date_add", std::move(args), type);
}

// The session's default_week_format (0 when there is no session).
int64_t DefaultWeekFormat(const FunctionCall& call) {
  if (call.context().variables == nullptr) return 0;
  Result<std::string> text =
      call.context().variables->Get("default_week_format", sql::VariableScope::kSession);
  return text.ok() ? std::atoll(text.value().c_str()) : 0;
}

// The unit of EXTRACT, TIMESTAMPDIFF and TIMESTAMPADD: its first argument, a keyword the
// parser keeps as text.
std::string UnitOf(const FunctionCall& call) {
  const sql::Expr& unit = *call.expr.args[0];
  return unit.kind == sql::ExprKind::kLiteral ? ToUpperAscii(unit.text) : std::string();
}

// EXTRACT(unit FROM d): as many digits as the unit's fields take.
Result<BoundExpr> Extract(FunctionCall& call) {
  std::string unit = UnitOf(call);
  // MySQL 8.4's lengths: the digits and a sign.
  static constexpr std::pair<std::string_view, uint32_t> kDigits[] = {
      {"YEAR", 5}, {"YEAR_MONTH", 7}, {"QUARTER", 2}, {"MONTH", 3}, {"WEEK", 3}, {"DAY", 3},
      {"DAY_HOUR", 9}, {"DAY_MINUTE", 11}, {"DAY_SECOND", 13}, {"DAY_MICROSECOND", 20},
      {"HOUR", 4}, {"HOUR_MINUTE", 6}, {"HOUR_SECOND", 8}, {"HOUR_MICROSECOND", 14},
      {"MINUTE", 3}, {"MINUTE_SECOND", 5}, {"MINUTE_MICROSECOND", 11}, {"SECOND", 3},
      {"SECOND_MICROSECOND", 9}, {"MICROSECOND", 7}};
  uint32_t length = 21;
  for (const auto& [name, digits] : kDigits) {
    if (unit == name) length = digits;
  }
  // A unit of the date alone reads a string argument as the fuzzy date functions do, a
  // number as a DATETIME (EXTRACT(YEAR_MONTH FROM 127) is 200001, of 2000-01-27) and a TIME
  // as that time today (EXTRACT(DAY FROM TIME '10:00:00') is today's day).
  if (unit == "YEAR" || unit == "QUARTER" || unit == "MONTH" || unit == "WEEK" || unit == "DAY" ||
      unit == "YEAR_MONTH") {
    call.args[1] = call.args[1].type.type == ValueType::kTime
                       ? call.binder.Convert(std::move(call.args[1]), DateTimeType(6))
                   : IsDateNumber(call.args[1].type.type)
                       ? DateArgument(call, std::move(call.args[1]), DateReading::kFuzzy)
                       : CheckedDateText(call, std::move(call.args[1]), DateReading::kFuzzy);
  } else if (unit.rfind("DAY_", 0) == 0) {
    // Days to a time of day read the value as a TIME too, the days being a datetime's (a
    // time's hours stay whole: DAY_SECOND of '99:12:31' is 991231). An integer or a DECIMAL
    // is read for its digits by the runtime, so 12 digits or more keep their date.
    BoundExpr arg = DateAsDateTime(call, std::move(call.args[1]));
    bool exact_number = arg.type.type == ValueType::kInteger || arg.type.type == ValueType::kDecimal;
    // (the text a date function wrote is its value as a DATETIME: a date at its midnight)
    if (IsText(arg) && arg.type.temporal_text) {
      arg = BoundExpr::Call("pp_temporal_text", {std::move(arg), IntegerConstant(TypeCode(DateTimeType(6)))},
                            DateTimeType(6));
    }
    call.args[1] = exact_number ? std::move(arg) : TimeText(call, std::move(arg));
  } else {
    call.args[1] = TimeArgument(call, DateAsDateTime(call, std::move(call.args[1])));
  }
  call.args.push_back(IntegerConstant(unit == "WEEK" ? DefaultWeekFormat(call) : 0));
  return BoundExpr::Call("mysql_extract", std::move(call.args), TypeOf(ValueType::kInteger, length));
}

// TIMESTAMPDIFF(unit, a, b): each of a and b read as a DATETIME with no zero date (NULL, and
// 1292 for text that is none); a TIME is that time today.
Result<BoundExpr> TimestampDiff(FunctionCall& call) {
  const ExprType type = TypeOf(ValueType::kInteger, 21);
  call.args[1] = DateArgument(call, std::move(call.args[1]), DateReading::kWhole);
  // A first date that constants alone make NULL or no date ends it: MySQL reads the second
  // only when the first is one (so only the first warns; one read only when run is read
  // now, and says what it says).
  std::vector<Status> said;
  std::optional<Value> first = call.binder.ComputeNow(call.args[1], &said);
  if (first && first->is_null()) {
    for (Status& warning : said) call.context().warnings.push_back(std::move(warning));
    return call.binder.UnreadNull(std::move(call.args[2]), type);  // (an aggregate kept)
  }
  // Text that constants alone write is checked when the call runs, after the first date
  // (beside a first that varies, it is read on the rows that have one).
  if (IsText(call.args[2]) && call.args[2].type.type != ValueType::kNull &&
      !call.args[2].type.temporal_text && ComputesFromConstants(call.args[2]) &&
      !call.args[1].constant) {
    call.args.push_back(IntegerConstant(DateTextChecks(call, DateReading::kWhole)));
    return BoundExpr::Call("mysql_timestampdiff", std::move(call.args), type);
  }
  call.args[2] = DateArgument(call, std::move(call.args[2]), DateReading::kWhole);
  return BoundExpr::Call("mysql_timestampdiff", std::move(call.args), type);
}

// TIMESTAMPADD(unit, n, d): DATE_ADD(d, INTERVAL n unit), as MySQL parses it.
Result<BoundExpr> TimestampAdd(FunctionCall& call) {
  std::string unit = UnitOf(call);
  if (!KnownUnit(unit) || unit.find('_') != std::string::npos) {
    return Status::Error(ER_PARSE_ERROR, unit, 1);
  }
  const sql::Expr& expr = call.expr;
  // (the date first: MySQL reads it before the amount, and none beside no date)
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr date,
                            call.binder.TranslateExpr(*expr.args[2], call.scope, call.clause));
  size_t amount_warned = call.context().warnings.size();
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr amount,
                            call.binder.TranslateExpr(*expr.args[1], call.scope, call.clause));
  if (NamesNoDate(call, date, unit)) {
    call.binder.ForgetWarnings(amount_warned);
    amount = call.binder.UnreadNull(std::move(amount));
  }
  return AddInterval(call, std::move(date), std::move(amount), unit, false);
}

template <const char* kFunction, ValueType kType, uint32_t kLength>
Result<BoundExpr> OfDate(FunctionCall& call) {
  ExprType type = TypeOf(kType, kLength);
  if (kType == ValueType::kString) {
    type.collation = call.context().connection_collation;
    type.coercibility = Coercibility::kCoercible;
  }
  return BoundExpr::Call(kFunction, std::move(call.args), type);
}

// QUARTER, LAST_DAY, DAYNAME, MONTHNAME, TO_DAYS, TO_SECONDS: OfDate over a date argument
// read as kReading says (a number as a DATETIME: DAYNAME(101) is 2000-01-01's).
template <const char* kFunction, ValueType kType, uint32_t kLength, DateReading kReading>
Result<BoundExpr> OfDateArgument(FunctionCall& call) {
  call.args[0] = DateArgument(call, std::move(call.args[0]), kReading);
  return OfDate<kFunction, kType, kLength>(call);
}

// DAYNAME(d), MONTHNAME(d): text as long as the longest such name of the session's
// lc_time_names.
template <const char* kFunction, DateReading kReading, bool kDays>
Result<BoundExpr> NameOfDate(FunctionCall& call) {
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr result,
                            (OfDateArgument<kFunction, ValueType::kString, 9, kReading>(call)));
  const SessionVariables* variables = call.context().variables;
  const types::Locale* locale =
      variables != nullptr ? types::FindLocale(variables->lc_time_names()) : nullptr;
  if (locale != nullptr) {
    result.type.length = kDays ? types::LongestDayName(*locale) : types::LongestMonthName(*locale);
  }
  return result;
}

// A BIGINT call of `kLength` positions (MySQL 8: MICROSECOND six digits and a sign,
// PERIOD_ADD and PERIOD_DIFF a BIGINT's 21).
template <const char* kFunction, uint32_t kLength>
Result<BoundExpr> IntegerOf(FunctionCall& call) {
  return BoundExpr::Call(kFunction, std::move(call.args), TypeOf(ValueType::kInteger, kLength));
}

// STR_TO_DATE(s, format): a DATE, TIME or DATETIME as the format's specifiers say (DATETIME
// when the format is not a constant), with fraction digits when it reads %f.
Result<BoundExpr> StrToDate(FunctionCall& call) {
  int64_t kind = 1;
  uint8_t fsp = 6;  // a format not known when binding: DATETIME(6)
  const BoundExpr& format = call.args[1];
  if (format.constant && format.constant->kind == Value::Kind::kText) {
    const std::string& text = format.constant->bytes;
    bool date = false, time = false;
    fsp = 0;
    for (size_t i = 0; i + 1 < text.size(); ++i) {
      if (text[i] != '%') continue;
      char spec = text[++i];
      if (std::string_view("YymcdeDMbWajUuVvXxw").find(spec) != std::string_view::npos) date = true;
      if (std::string_view("HkhIlisSfprT").find(spec) != std::string_view::npos) time = true;
      if (spec == 'f') fsp = 6;
    }
    kind = date && time ? 1 : time ? 2 : 0;
  }
  ExprType type = kind == 0   ? TypeOf(ValueType::kDate, 10)
                  : kind == 2 ? TypeOf(ValueType::kTime, fsp > 0 ? 17u : 10u, fsp)
                              : TypeOf(ValueType::kDateTime, fsp > 0 ? 26u : 19u, fsp);
  // (the sql_mode's date checks: 8 no zero date, 16 no zero month or day, 32 any day to 31)
  const types::DateChecks& checks = call.context().sql_mode_dates;
  call.args.push_back(IntegerConstant(kind | (checks.zero_date ? 0 : 8) | (checks.zero_parts ? 0 : 16) |
                                      (checks.invalid_days ? 32 : 0)));
  call.args.push_back(IntegerConstant(fsp));
  return BoundExpr::Call("mysql_str_to_date", std::move(call.args), type);
}

// WEEK(d[, mode]), YEARWEEK(d[, mode]), WEEKOFYEAR(d) (WEEK(d, 3)); the mode defaults to
// default_week_format.
Result<BoundExpr> Week(FunctionCall& call) {
  int64_t yearweek = call.name == "YEARWEEK" ? 1 : 0;
  call.args[0] = DateArgument(call, std::move(call.args[0]), DateReading::kWhole);
  if (call.name == "WEEKOFYEAR") {
    call.args.push_back(IntegerConstant(3));
  } else if (call.args.size() == 1 && yearweek) {
    call.args.push_back(IntegerConstant(0));  // (YEARWEEK's mode is 0 whatever default_week_format)
  } else if (call.args.size() == 1) {
    call.args.push_back(IntegerConstant(DefaultWeekFormat(call)));
  } else if (call.args[1].type.type != ValueType::kInteger) {
    // The mode as MySQL's val_int reads it: 1292 for text that is no number.
    call.args[1] = call.binder.Convert(std::move(call.args[1]), TypeOf(ValueType::kInteger, 21));
  }
  call.args.push_back(IntegerConstant(yearweek));
  // (YYYYWW or WW and a sign, as MySQL 8 sizes them)
  return BoundExpr::Call("mysql_week", std::move(call.args), TypeOf(ValueType::kInteger, yearweek ? 7 : 3));
}

// An integer or DECIMAL read as a TIME, as MySQL's number_to_time reads one: past ten digits
// it names a DATETIME (its text), else a TIME.
BoundExpr NumberAsTime(FunctionCall& call, BoundExpr number) {
  ExprType text = StringType(call, 29);
  text.not_null = false;
  BoundExpr datetime = BoundExpr::Call(
      "mysql_number_datetime", {number, IntegerConstant(TypeCode(number.type))}, text);
  return BoundExpr::Call("coalesce", {std::move(datetime), TimeText(call, std::move(number))}, text);
}

// ADDTIME(a, t) / SUBTIME(a, t): the type of `a` (a DATETIME, a TIME, or a string of either).
Result<BoundExpr> AddTime(FunctionCall& call) {
  const bool null_first = call.binder.IsSilentNull(call.args[0]);  // (known before reading it)
  const bool approximate = call.args[0].type.type == ValueType::kDouble ||
                           call.args[0].type.type == ValueType::kFloat;
  // (MySQL's time precision of each argument: six for a string known only when read; it
  // types only a TIME or DATETIME result so, and reads a constant time for that alone)
  const ValueType first = call.args[0].type.type;
  const bool typed = first == ValueType::kTime || first == ValueType::kDateTime;
  const uint8_t fsp = std::max(TimePrecision(call.args[0]),
                               TimePrecision(typed ? ValueForTyping(call, call.args[1]) : call.args[1]));
  // Text a date function wrote is read as that function gives it (MySQL asks it for a time,
  // Item_temporal_hybrid_func::get_time, which keeps a date's day): a date moves as a
  // datetime, a time as a time.
  const bool function_text = IsText(call.args[0]) && call.args[0].type.temporal_text &&
                             !call.args[0].constant;
  if (call.args[0].type.type == ValueType::kInteger ||
      call.args[0].type.type == ValueType::kDecimal) {
    // (the result is text either way, as for a string)
    call.args[0] = NumberAsTime(call, std::move(call.args[0]));
  } else if (!function_text) {
    call.args[0] = TimeText(call, std::move(call.args[0]));
  }
  // (a DOUBLE, read as a TIME, still gives text: MySQL types the result by the argument's
  // own type, a TIME or DATETIME only for one)
  ValueType from = call.args[0].type.type;
  if (approximate) from = ValueType::kString;
  // (a DATE too gives text, a CHAR(29) as for any other argument: MySQL's set_data_type_char)
  ExprType type = from == ValueType::kDateTime ? DateTimeType(fsp)
                  : from == ValueType::kTime   ? TimeType(fsp)
                                               : StringType(call, 29);
  if (type.type == ValueType::kString) {
    type.own_field = FieldType::kString;
    type.temporal_text = true;
  }
  if (null_first || IsNullConstant(call.args[0])) return NullOf(type);
  // Text for the time is read when the call runs, after the first argument (MySQL reads no
  // time beside one that is NULL or no time: SUBTIME(b, '2024-2-9') warns of b alone then).
  const bool amount_text = IsText(call.args[1]) && call.args[1].type.type != ValueType::kNull &&
                           !call.args[1].type.temporal_text;
  // What folding any other amount's constants said is said the same way, by the call, where
  // it reads the amount (SUBTIME(ADDDATE(1, 1), 60) says nothing of 60).
  std::vector<Status> deferred;
  const bool defer = !call.args[0].constant;
  if (defer) {
    const BoundExpr* inner = nullptr;
    deferred = WarningsEachRow(call.args[1], &inner);
    BoundExpr amount = *inner;
    call.args[1] = std::move(amount);
  }
  const size_t amount_warned = call.context().warnings.size();
  if (!amount_text) call.args[1] = TimeText(call, std::move(call.args[1]));
  if (defer) {
    for (size_t i = amount_warned; i < call.context().warnings.size(); ++i) {
      const Status& warning = call.context().warnings[i];
      if (!SaidByParser(warning) && !warning.at_resolve()) deferred.push_back(warning);
    }
    call.binder.ForgetWarnings(amount_warned);
  }
  // (text shows six fraction digits or none, as the value has them; a TIME or DATETIME its
  // type's)
  int64_t printed = type.type == ValueType::kString ? -1 : fsp;
  call.args.push_back(IntegerConstant(call.name == "SUBTIME" ? 1 : 0));
  call.args.push_back(IntegerConstant(printed));
  call.args.push_back(IntegerConstant(from == ValueType::kDate ? 1 : function_text ? 3 : 0));
  call.args.push_back(IntegerConstant(amount_text ? 1 : 0));
  if (!deferred.empty()) call.args.push_back(TextConstant(EncodeDeferredWarnings(deferred)));
  return NullableCall("mysql_addtime", std::move(call.args), type);
}

// TIMESTAMP(e) / TIMESTAMP(e, t): e as a DATETIME (a number as CAST(n AS DATETIME) reads it),
// with the TIME t added.
Result<BoundExpr> Timestamp(FunctionCall& call) {
  uint8_t fsp = DateTimeFspOf(ValueForTyping(call, call.args[0]));
  // A number is read as CAST(n AS DATETIME) reads it; a TIME is that time today.
  if (IsDateNumber(call.args[0].type.type) || call.args[0].type.type == ValueType::kTime) {
    call.args[0] = call.binder.ConvertDateText(std::move(call.args[0]), DateTimeType(fsp));
  }
  // Text for the time is read when the call runs, after the datetime (MySQL's order).
  bool time_text = false;
  if (call.args.size() == 2) {
    fsp = std::max(fsp, TimePrecision(ValueForTyping(call, call.args[1])));
    // (of a NULL datetime MySQL reads no time)
    if (IsNullConstant(call.args[0])) return NullOf(DateTimeType(fsp));
    time_text = IsText(call.args[1]) && call.args[1].type.type != ValueType::kNull;
    if (!time_text) call.args[1] = TimeText(call, std::move(call.args[1]));
  }
  // (a DATETIME shows its type's fraction digits, six for a string known only when read)
  int64_t printed = fsp;
  const bool cast = call.args.size() == 1;  // TIMESTAMP(e) is CAST(e AS DATETIME)
  if (cast) call.args.push_back(TextConstant("0"));
  call.args.push_back(IntegerConstant(0));
  call.args.push_back(IntegerConstant(printed));
  call.args.push_back(IntegerConstant(cast ? 2 : 1));
  call.args.push_back(IntegerConstant(time_text ? 1 : 0));
  return NullableCall("mysql_addtime", std::move(call.args), DateTimeType(fsp));
}

Result<BoundExpr> TimeDiff(FunctionCall& call) {
  // (a string known only when read has six digits, and shows them all)
  uint8_t fsp = std::max(TimePrecision(ValueForTyping(call, call.args[0])),
                         TimePrecision(ValueForTyping(call, call.args[1])));
  // Beside a TIME or a DATE, a DATE is read as a date whatever its parts (its midnight): a
  // TIME and a date give NULL, two dates their difference.
  ValueType first = call.args[0].type.type, second = call.args[1].type.type;
  bool widen[2] = {second == ValueType::kTime || second == ValueType::kDate,
                   first == ValueType::kTime || first == ValueType::kDate};
  // As MySQL reads them: both as dates when either is a DATE or DATETIME, else both as TIMEs
  // (a string as MySQL reads a string as a TIME).
  auto dated = [](ValueType type) {
    return type == ValueType::kDate || type == ValueType::kDateTime;
  };
  bool times = !dated(first) && !dated(second);
  auto text = [](ValueType type) { return type == ValueType::kString || type == ValueType::kBinary; };
  const int64_t text_args = (text(first) ? 1 : 0) | (text(second) ? 2 : 0);
  // (an unsigned integer reaches the call as its digits: 8 and 16 say which is one)
  auto unsigned_integer = [](const ExprType& type) {
    return type.type == ValueType::kInteger && type.is_unsigned;
  };
  const int64_t unsigned_args = (unsigned_integer(call.args[0].type) ? 8 : 0) |
                                (unsigned_integer(call.args[1].type) ? 16 : 0);
  auto exact = [](ValueType type) { return type == ValueType::kInteger || type == ValueType::kDecimal; };
  // Text for the second time, a constant, is read when the call runs, after the first (MySQL
  // reads no second beside a first that is NULL or no time).
  const bool second_text = times && text(second) && call.args[1].constant &&
                           !call.args[1].constant->is_null();
  for (size_t i = 0; i < 2; ++i) {
    if (widen[i]) call.args[i] = DateAsDateTime(call, std::move(call.args[i]));
    if (i == 1 && second_text) break;
    // (two TIMEs or two DATETIMEs: a number past ten digits is a DATETIME)
    if (times && exact(call.args[i].type.type)) {
      call.args[i] = NumberAsTime(call, std::move(call.args[i]));
    } else if (times) {
      call.args[i] = TimeText(call, std::move(call.args[i]));
    }
    if (i == 0 && IsNullConstant(call.args[0])) return NullOf(TimeType(fsp));
  }
  call.args.push_back(IntegerConstant(fsp));
  call.args.push_back(IntegerConstant(times ? 1 : 0));
  // (read as DATETIMEs beside a date; 4: the second read as a TIME here; 8, 16: unsigned)
  call.args.push_back(IntegerConstant(text_args | (second_text ? 4 : 0) | unsigned_args));
  return NullableCall("mysql_timediff", std::move(call.args), TimeType(fsp));
}

Result<BoundExpr> SecToTime(FunctionCall& call) {
  uint8_t fsp = SecondsFsp(call.args[0]);
  call.args[0] = SecondsArgument(call, std::move(call.args[0]));
  call.args.push_back(IntegerConstant(fsp));
  return NullableCall("mysql_sec_to_time", std::move(call.args), TimeType(fsp));
}

Result<BoundExpr> MakeTime(FunctionCall& call) {
  uint8_t fsp = SecondsFsp(call.args[2]);
  call.args[2] = SecondsArgument(call, std::move(call.args[2]));
  call.args.push_back(IntegerConstant(fsp));
  return NullableCall("mysql_maketime", std::move(call.args), TimeType(fsp));
}

// TIME_FORMAT(t, format): sized as DATE_FORMAT is (MySQL's is the same function).
Result<BoundExpr> TimeFormat(FunctionCall& call) {
  call.args[0] = TimeArgument(call, std::move(call.args[0]));
  ExprType type = StringType(call, FormatResultLength(call));
  return NullableCall("mysql_time_format", std::move(call.args), type);
}

// GET_FORMAT({DATE|TIME|DATETIME|TIMESTAMP}, {'EUR'|'USA'|'JIS'|'ISO'|'INTERNAL'}): the
// DATE_FORMAT string of that convention; NULL for another name.
Result<BoundExpr> GetFormat(FunctionCall& call) {
  const sql::Expr& kind_expr = *call.expr.args[0];
  std::string kind = ToUpperAscii(kind_expr.kind == sql::ExprKind::kColumnRef && kind_expr.table.empty()
                                      ? kind_expr.column
                                      : kind_expr.text);
  if (kind == "TIMESTAMP") kind = "DATETIME";
  if (kind != "DATE" && kind != "TIME" && kind != "DATETIME") {
    return Status::Error(ER_PARSE_ERROR, kind_expr.text, 1);
  }
  PORPOISE_ASSIGN_OR_RETURN(BoundExpr convention,
                            call.binder.TranslateExpr(*call.expr.args[1], call.scope, call.clause));
  // The table of formats by convention, as CASE over the (upper-cased) name.
  static constexpr std::array<std::array<std::string_view, 4>, 5> kFormats = {{
      {"EUR", "%d.%m.%Y", "%H.%i.%s", "%Y-%m-%d %H.%i.%s"},
      {"USA", "%m.%d.%Y", "%h:%i:%s %p", "%Y-%m-%d %H.%i.%s"},
      {"JIS", "%Y-%m-%d", "%H:%i:%s", "%Y-%m-%d %H:%i:%s"},
      {"ISO", "%Y-%m-%d", "%H:%i:%s", "%Y-%m-%d %H:%i:%s"},
      {"INTERNAL", "%Y%m%d", "%H%i%s", "%Y%m%d%H%i%s"},
  }};
  size_t column = kind == "DATE" ? 1 : kind == "TIME" ? 2 : 3;
  ExprType type = StringType(call, 17);
  type.not_null = false;
  if (convention.constant && convention.constant->kind == Value::Kind::kText) {
    // A constant convention gives a constant format (which STR_TO_DATE then types by).
    std::string name = ToUpperAscii(convention.constant->bytes);
    for (const auto& row : kFormats) {
      if (name != row[0]) continue;
      BoundExpr format = BoundExpr::Constant(Value::Text(std::string(row[column])), type);
      format.type.not_null = false;  // (MySQL's GET_FORMAT may always be NULL)
      return format;
    }
    return BoundExpr::Constant(Value::Null(), type);
  }
  BoundExpr result;
  result.kind = BoundKind::kCase;
  result.type = type;
  result.case_operand = true;
  result.case_else = true;
  result.Add(BoundExpr::Call("upper", {call.binder.Textual(std::move(convention))},
                             StringType(call, 8)));
  for (const auto& row : kFormats) {
    result.Add(TextConstant(std::string(row[0])));
    result.Add(TextConstant(std::string(row[column])));
  }
  result.Add(BoundExpr::Constant(Value::Null(), type));
  return result;
}

constexpr char kQuarter[] = "mysql_quarter";
constexpr char kLastDay[] = "mysql_last_day";
constexpr char kDayName[] = "mysql_dayname";
constexpr char kMonthName[] = "mysql_monthname";
constexpr char kToDays[] = "mysql_to_days";
constexpr char kFromDays[] = "mysql_from_days";
constexpr char kMakeDate[] = "mysql_makedate";
constexpr char kTimeToSec[] = "mysql_time_to_sec";
constexpr char kMicrosecond[] = "mysql_microsecond";
constexpr char kToSeconds[] = "mysql_to_seconds";
constexpr char kPeriodAdd[] = "mysql_period_add";
constexpr char kPeriodDiff[] = "mysql_period_diff";

// TIME_TO_SEC(t): a DATE's time is midnight, whatever its date.
Result<BoundExpr> TimeToSec(FunctionCall& call) {
  call.args[0] = TimeArgument(call, DateAsDateTime(call, std::move(call.args[0])));
  return OfDate<kTimeToSec, ValueType::kInteger, 10>(call);
}

Result<BoundExpr> Microsecond(FunctionCall& call) {
  call.args[0] = TimeArgument(call, std::move(call.args[0]));
  return IntegerOf<kMicrosecond, 7>(call);
}

}  // namespace

Result<BoundExpr> BindMinMaxOfDates(FunctionCall& call, ExprType type) {
  bool datetime = false;
  uint8_t fsp = 0;
  for (const BoundExpr& arg : call.args) datetime = datetime || arg.type.type == ValueType::kDateTime;
  for (const BoundExpr& arg : call.args) {
    ValueType kind = arg.type.type;
    uint8_t digits = DateTimeFspOf(ValueForTyping(call, arg));
    if (kind == ValueType::kDate || kind == ValueType::kNull) digits = 0;
    fsp = std::max(fsp, digits);
  }
  if (!datetime) fsp = 0;
  std::vector<BoundExpr> args;
  args.push_back(IntegerConstant((call.name == "LEAST" ? 1 : 0) | (datetime ? 0 : 2)));
  args.push_back(IntegerConstant(fsp));
  args.push_back(IntegerConstant(type.collation != nullptr ? type.collation->id() : 0));
  types::DateChecks checks = call.context().sql_mode_dates;
  checks.invalid_days = true;
  args.push_back(IntegerConstant(DateChecksCode(checks)));
  for (BoundExpr& arg : call.args) {
    args.push_back(IntegerConstant(TypeCode(arg.type)));
    args.push_back(std::move(arg));
  }
  // (the text of a DATETIME with its fraction may be longer than any argument's)
  uint32_t characters = datetime ? (fsp > 0 ? 20u + fsp : 19u) : 10u;
  type.length = std::max(type.length, characters);
  type.decimals = 31;
  return BoundExpr::Call("mysql_minmax_dates", std::move(args), type);
}

void RegisterTimeFunctions(FunctionRegistry& registry) {
  auto add = [&](std::string_view name, uint8_t min, uint8_t max, BindRule bind,
                 ArgumentForm form = ArgumentForm::kTextual) {
    registry.Add({name, min, max, form, bind, false});
  };
  for (std::string_view name : {"NOW", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
                                "SYSDATE", "UTC_TIMESTAMP"}) {
    add(name, 0, 1, CurrentTimestamp);
  }
  for (std::string_view name : {"CURDATE", "CURRENT_DATE", "UTC_DATE"}) add(name, 0, 0, CurrentDate);
  for (std::string_view name : {"CURTIME", "CURRENT_TIME", "UTC_TIME"}) add(name, 0, 1, CurrentTime);
  add("UNIX_TIMESTAMP", 0, 1, UnixTimestamp);
  add("FROM_UNIXTIME", 1, 2, FromUnixtime);
  add("DATE", 1, 1, DatePart);
  add("TIME", 1, 1, TimePart);
  for (std::string_view name : {"YEAR", "MONTH", "DAY", "DAYOFMONTH", "HOUR", "MINUTE", "SECOND",
                                "DAYOFYEAR", "DAYOFWEEK", "WEEKDAY"}) {
    add(name, 1, 1, Field);
  }
  add("DATEDIFF", 2, 2, DateDiff);
  add("DATE_FORMAT", 2, 2, DateFormat);
  for (std::string_view name : {"DATE_ADD", "DATE_SUB", "ADDDATE", "SUBDATE"}) {
    add(name, 2, 2, DateAdd, ArgumentForm::kUnbound);
  }
  add("EXTRACT", 2, 2, Extract);
  add("TIMESTAMPDIFF", 3, 3, TimestampDiff);
  add("TIMESTAMPADD", 3, 3, TimestampAdd, ArgumentForm::kUnbound);
  add("QUARTER", 1, 1, OfDateArgument<kQuarter, ValueType::kInteger, 2, DateReading::kFuzzy>);
  add("LAST_DAY", 1, 1, OfDateArgument<kLastDay, ValueType::kDate, 10, DateReading::kFuzzy>);
  add("DAYNAME", 1, 1, NameOfDate<kDayName, DateReading::kWhole, true>);
  add("MONTHNAME", 1, 1, NameOfDate<kMonthName, DateReading::kFuzzy, false>);
  add("TO_DAYS", 1, 1, OfDateArgument<kToDays, ValueType::kInteger, 8, DateReading::kWhole>);
  add("FROM_DAYS", 1, 1, OfDate<kFromDays, ValueType::kDate, 10>);
  add("MAKEDATE", 2, 2, OfDate<kMakeDate, ValueType::kDate, 10>);
  add("STR_TO_DATE", 2, 2, StrToDate);
  // (what the amount's constants say is said where it is read: see AddTime)
  for (std::string_view name : {"ADDTIME", "SUBTIME"}) {
    FunctionDef def{name, 2, 2, ArgumentForm::kTextual, AddTime, false};
    def.lazy_from = 1;
    registry.Add(def);
  }
  add("TIMESTAMP", 1, 2, Timestamp);
  add("TIMEDIFF", 2, 2, TimeDiff);
  add("SEC_TO_TIME", 1, 1, SecToTime);
  add("MAKETIME", 3, 3, MakeTime);
  add("TIME_FORMAT", 2, 2, TimeFormat);
  add("CONVERT_TZ", 3, 3, ConvertTz);
  add("GET_FORMAT", 2, 2, GetFormat, ArgumentForm::kUnbound);
  add("TIME_TO_SEC", 1, 1, TimeToSec);
  add("MICROSECOND", 1, 1, Microsecond);
  add("TO_SECONDS", 1, 1, OfDateArgument<kToSeconds, ValueType::kInteger, 21, DateReading::kWhole>);
  registry.Add({"PERIOD_ADD", 2, 2, ArgumentForm::kTextual, IntegerOf<kPeriodAdd, 21>, false,
                Nullability::kFromArgs});
  registry.Add({"PERIOD_DIFF", 2, 2, ArgumentForm::kTextual, IntegerOf<kPeriodDiff, 21>, false,
                Nullability::kFromArgs});
  add("WEEK", 1, 2, Week);
  add("YEARWEEK", 1, 2, Week);
  add("WEEKOFYEAR", 1, 1, Week);
}

}  // namespace porpoise::engine
