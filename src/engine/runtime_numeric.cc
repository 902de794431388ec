// SQLite functions for MySQL's numeric semantics: conversions between physical forms,
// overflow-checked signed and unsigned integer arithmetic, exact DECIMAL arithmetic and
// aggregates, and numerically stable variance. The binder picks one implementation per
// operand type (function_registry.h); every argument arrives in the physical form its name
// says. (engine/)
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string>

#include "engine/physical.h"
#include "engine/runtime.h"
#include "engine/sqlite_functions.h"
#include "types/json.h"

namespace porpoise::engine {

namespace {

using types::Decimal;
__extension__ using Int128 = __int128;

FunctionHost* Host(sqlite3_context* context) {
  return static_cast<FunctionHost*>(sqlite3_user_data(context));
}

std::string TextArg(sqlite3_value* value) {
  const unsigned char* text = sqlite3_value_text(value);
  return text == nullptr ? std::string()
                         : std::string(reinterpret_cast<const char*>(text),
                                       static_cast<size_t>(sqlite3_value_bytes(value)));
}

// 1690 "<kind> value is out of range in '<expression>'": the expression text is the last
// argument of every checked operation.
void OutOfRange(sqlite3_context* context, std::string_view kind, sqlite3_value* text) {
  RaiseError(context, Status::Error(ER_DATA_OUT_OF_RANGE, kind, TextArg(text)));
}

void ResultDecimal(sqlite3_context* context, const Decimal& value) {
  std::string key = value.EncodeKey();
  sqlite3_result_blob64(context, key.data(), key.size(), SQLITE_TRANSIENT);
}

void ResultUnsigned(sqlite3_context* context, uint64_t value) {
  ResultValue(context, EncodeUnsigned(value));
}

bool ReadDecimal(sqlite3_value* value, Decimal* out) {
  return DecodeDecimal(ValueFrom(value), out);
}

// An integer operand as a 128-bit value: `is_unsigned` says which physical form it has.
bool ReadWide(sqlite3_value* value, bool is_unsigned, Int128* out) {
  if (!is_unsigned) {
    *out = sqlite3_value_int64(value);
    return true;
  }
  uint64_t number = 0;
  if (!DecodeUnsigned(ValueFrom(value), &number)) return false;
  *out = number;
  return true;
}

bool AnyNull(int argc, sqlite3_value** argv, int count) {
  for (int i = 0; i < argc && i < count; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  }
  return false;
}

// ---- conversions ----------------------------------------------------------------------

// pp_conv(x, from_code, to_code[, date_checks[, compared]]): with `compared`, text that is no
// DATE or DATETIME gives the zero date (a comparison reads it so), not NULL.
void Convert(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  ExprType from = TypeFromCode(sqlite3_value_int64(argv[1]));
  ExprType to = TypeFromCode(sqlite3_value_int64(argv[2]));
  FunctionHost* host = Host(context);
  ConversionContext conversion{&host->warnings};
  if (argc > 3) conversion.dates = DateChecksFromCode(sqlite3_value_int64(argv[3]));
  size_t said = host->warnings.size();
  Value converted = ConvertValue(ValueFrom(argv[0]), from, to, conversion);
  if (argc > 5) {
    // A compared value that is no date: its 1292 names the date column it is compared
    // with and the row, as MySQL's make_truncated_value_warning does given a field name.
    std::string beside = TextArg(argv[5]);  // "date:name" or "datetime:name"
    size_t colon = beside.find(':');
    for (size_t i = said; i < host->warnings.size() && colon != std::string::npos; ++i) {
      Status& warning = host->warnings[i];
      const std::string& message = warning.message();
      size_t open = message.find(" value: '");
      if (warning.code() != ER_TRUNCATED_WRONG_VALUE || open == std::string::npos) continue;
      std::string value = message.substr(open + 9, message.size() - open - 10);
      warning = Status::WithMessage(
          ER_TRUNCATED_WRONG_VALUE,
          "Incorrect " + beside.substr(0, colon) + " value: '" + value + "' for column '" +
              beside.substr(colon + 1) + "' at row " + std::to_string(host->condition_row));
    }
  }
  if (converted.is_null() && argc > 4 && sqlite3_value_int64(argv[4]) != 0) {
    types::Temporal zero;
    zero.kind = to.type == ValueType::kDate ? types::Temporal::Kind::kDate : types::Temporal::Kind::kDateTime;
    converted = Value::Text(types::Format(zero, to.type == ValueType::kDate ? 0 : std::min<uint32_t>(to.decimals, 6)));
  }
  ResultValue(context, converted);
}

// pp_conv_quiet(x, from_code, to_code): pp_conv's conversion with no warnings (a value stored
// where MySQL counts no cut fields).
void ConvertQuietly(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::vector<Status> unsaid;
  ConversionContext conversion{&unsaid};
  ResultValue(context, ConvertValue(ValueFrom(argv[0]), TypeFromCode(sqlite3_value_int64(argv[1])),
                                    TypeFromCode(sqlite3_value_int64(argv[2])), conversion));
}

// pp_temporal_text(text, to): the text a date function wrote (DATE_ADD of text:
// '2024-01-02', '2024-01-02 10:00:00.5', '11:00:00') read as the date, datetime or time it
// names, as type `to`: a number is its number (20240102), not the text's leading digits; a
// time read as a datetime is on today's date (MySQL's Item_temporal_hybrid_func reads its
// own value so). pp_temporal_text(text, to, 1) gives a date or a datetime as written, and
// converts only a time.
void TemporalText(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  std::string text = TextArg(argv[0]);
  size_t point = text.find('.');
  uint8_t fsp = point == std::string::npos ? 0 : static_cast<uint8_t>(std::min<size_t>(text.size() - point - 1, 6));
  bool date = text.find('-', 1) != std::string::npos;
  bool time = text.find(':') != std::string::npos;
  if (date && argc > 2 && sqlite3_value_int64(argv[2]) != 0) {
    return sqlite3_result_text64(context, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  ExprType from = !date                ? TypeOf(ValueType::kTime, 10, fsp)
                  : time ? TypeOf(ValueType::kDateTime, 19, fsp)
                         : TypeOf(ValueType::kDate, 10);
  ConversionContext conversion{&Host(context)->warnings};
  ResultValue(context, ConvertValue(Value::Text(std::move(text)), from,
                                    TypeFromCode(sqlite3_value_int64(argv[1])), conversion));
}

// pp_json_number(json, to, name): a JSON value where a number of type `to` is wanted, as
// MySQL coerces one: a number as it is, true and false as 1 and 0, a string by its contents.
// A string that is not all number (read as far as it is one), and any other value (read as
// 0), warn 3156 naming `name`, the column or function the value came from.
void JsonNumber(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  FunctionHost* host = Host(context);
  ExprType to = TypeFromCode(sqlite3_value_int64(argv[1]));
  Value json = ValueFrom(argv[0]);
  ConversionContext conversion{&host->warnings};
  types::JsonValue parsed;
  types::JsonParseError error;
  if (json.kind != Value::Kind::kText || !types::ParseJson(json.bytes, &parsed, &error)) {
    return ResultValue(context, ConvertValue(json, TypeOf(ValueType::kJson, 0), to, conversion));
  }
  const char* target = to.type == ValueType::kDecimal                                   ? "DECIMAL"
                       : to.type == ValueType::kDouble || to.type == ValueType::kFloat ? "DOUBLE"
                                                                                        : "INTEGER";
  auto invalid = [&] {
    host->warnings.push_back(Status::Error(ER_INVALID_JSON_VALUE_FOR_CAST, target, "",
                                           TextArg(argv[2]), static_cast<long>(host->condition_row)));
  };
  Value number = Value::Integer(0);
  ExprType from = TypeOf(ValueType::kInteger, 1);
  switch (parsed.kind()) {
    case types::JsonKind::kInteger:
    case types::JsonKind::kUnsigned:
    case types::JsonKind::kDouble:
    case types::JsonKind::kDecimal:
      number = Value::Text(json.bytes);
      from = TypeOf(ValueType::kString, 0);
      break;
    case types::JsonKind::kBoolean:
      number = Value::Integer(json.bytes == "true" ? 1 : 0);
      break;
    case types::JsonKind::kString: {
      // (read as text is; what reading it would say becomes 3156)
      std::vector<Status> said;
      ConversionContext quiet{&said};
      Value converted = ConvertValue(Value::Text(parsed.text()), TypeOf(ValueType::kString, 0), to, quiet);
      if (!said.empty()) invalid();
      return ResultValue(context, converted);
    }
    default:
      invalid();
      break;
  }
  ResultValue(context, ConvertValue(number, from, to, conversion));
}

// ---- signed and unsigned integers -----------------------------------------------------

enum class ArithmeticOp { kAdd, kSubtract, kMultiply };

template <ArithmeticOp op>
void SignedArithmetic(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  int64_t a = sqlite3_value_int64(argv[0]);
  int64_t b = sqlite3_value_int64(argv[1]);
  int64_t result = 0;
  bool overflow = op == ArithmeticOp::kAdd        ? __builtin_add_overflow(a, b, &result)
                  : op == ArithmeticOp::kSubtract ? __builtin_sub_overflow(a, b, &result)
                                                  : __builtin_mul_overflow(a, b, &result);
  if (overflow) return OutOfRange(context, "BIGINT", argv[2]);
  sqlite3_result_int64(context, result);
}

// pp_*_u(a, b, flags, text): flags bit 0 = a is unsigned, bit 1 = b is unsigned. MySQL gives
// an unsigned result whenever one operand is unsigned, and 1690 when it leaves 0..2^64-1;
// with bit 2 (a difference under NO_UNSIGNED_SUBTRACTION) a signed one, 1690 past BIGINT.
template <ArithmeticOp op>
void UnsignedArithmetic(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  int64_t flags = sqlite3_value_int64(argv[2]);
  Int128 a = 0;
  Int128 b = 0;
  if (!ReadWide(argv[0], (flags & 1) != 0, &a) || !ReadWide(argv[1], (flags & 2) != 0, &b)) {
    return OutOfRange(context, "BIGINT UNSIGNED", argv[3]);
  }
  Int128 result = op == ArithmeticOp::kAdd        ? a + b
                  : op == ArithmeticOp::kSubtract ? a - b
                                                  : a * b;
  if ((flags & 4) != 0) {
    if (result < std::numeric_limits<int64_t>::min() || result > std::numeric_limits<int64_t>::max()) {
      return OutOfRange(context, "BIGINT", argv[3]);
    }
    return sqlite3_result_int64(context, static_cast<int64_t>(result));
  }
  bool overflow = result < 0 || result > static_cast<Int128>(std::numeric_limits<uint64_t>::max());
  if (op == ArithmeticOp::kMultiply && a != 0 && result / a != b) overflow = true;
  if (overflow) return OutOfRange(context, "BIGINT UNSIGNED", argv[3]);
  ResultUnsigned(context, static_cast<uint64_t>(result));
}

// pp_cte_depth(previous, max): the iteration a recursive common table's row is made in, one
// after the row it was made from; past `max` (cte_max_recursion_depth) the statement fails.
void CommonTableDepth(sqlite3_context* context, int, sqlite3_value** argv) {
  int64_t depth = sqlite3_value_int64(argv[0]) + 1;
  if (depth > sqlite3_value_int64(argv[1])) {
    return RaiseError(context, Status::Error(ER_CTE_MAX_RECURSION_DEPTH, static_cast<unsigned>(depth)));
  }
  sqlite3_result_int64(context, depth);
}

// pp_rand(seed): MySQL's generator seeded with `seed`; with a constant seed one sequence for
// the statement (SQLite keeps the state with the constant argument), else seeded per row.
struct RandomState {
  uint64_t seed1 = 0;
  uint64_t seed2 = 0;
};

void SeededRandom(sqlite3_context* context, int, sqlite3_value** argv) {
  constexpr uint64_t kMax = 0x3FFFFFFF;
  auto* state = static_cast<RandomState*>(sqlite3_get_auxdata(context, 0));
  RandomState seeded;
  bool fresh = state == nullptr;
  if (fresh) {
    auto seed = static_cast<uint32_t>(sqlite3_value_type(argv[0]) == SQLITE_NULL
                                          ? 0
                                          : sqlite3_value_int64(argv[0]));
    seeded.seed1 = static_cast<uint32_t>(seed * 0x10001UL + 55555555UL) % kMax;
    seeded.seed2 = static_cast<uint32_t>(seed * 0x10000001UL) % kMax;
    state = &seeded;
  }
  state->seed1 = (state->seed1 * 3 + state->seed2) % kMax;
  state->seed2 = (state->seed1 + state->seed2 + 33) % kMax;
  double value = static_cast<double>(state->seed1) / static_cast<double>(kMax);
  if (fresh) {
    // Last: SQLite may free the state at once when the seed is not a constant.
    sqlite3_set_auxdata(context, 0, new RandomState(seeded),
                        [](void* data) { delete static_cast<RandomState*>(data); });
  }
  sqlite3_result_double(context, value);
}

// pp_neg_i(a, text)
void NegateSigned(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  int64_t a = sqlite3_value_int64(argv[0]);
  if (a == std::numeric_limits<int64_t>::min()) return OutOfRange(context, "BIGINT", argv[1]);
  sqlite3_result_int64(context, -a);
}

// pp_abs_i(a, text)
void AbsoluteSigned(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  int64_t a = sqlite3_value_int64(argv[0]);
  if (a == std::numeric_limits<int64_t>::min()) return OutOfRange(context, "BIGINT", argv[1]);
  sqlite3_result_int64(context, a < 0 ? -a : a);
}

// pp_neg_u(a, text): the negation of an unsigned value is signed in MySQL.
void NegateUnsigned(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  uint64_t a = 0;
  if (!DecodeUnsigned(ValueFrom(argv[0]), &a) || a > (uint64_t{1} << 63)) {
    return OutOfRange(context, "BIGINT", argv[1]);
  }
  sqlite3_result_int64(context, static_cast<int64_t>(0 - a));
}

// ---- DECIMAL --------------------------------------------------------------------------

// pp_{add,sub,mul}_dec(a, b, text); the _decu forms type a DECIMAL UNSIGNED result (both
// operands unsigned), which a negative difference overflows, as MySQL's does.
template <Decimal::Outcome (*op)(const Decimal&, const Decimal&, Decimal*), bool is_unsigned>
void DecimalArithmetic(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  Decimal a;
  Decimal b;
  Decimal result;
  if (!ReadDecimal(argv[0], &a) || !ReadDecimal(argv[1], &b) ||
      op(a, b, &result) == Decimal::Outcome::kOverflow || (is_unsigned && result.IsNegative())) {
    return OutOfRange(context, is_unsigned ? "DECIMAL UNSIGNED" : "DECIMAL", argv[2]);
  }
  ResultDecimal(context, result);
}

// Division by zero: NULL, with warning 1365 when ERROR_FOR_DIVISION_BY_ZERO is on (an error
// instead when the host says the statement is a strict write).
void DivisionByZero(sqlite3_context* context) {
  FunctionHost* host = Host(context);
  if (host->division_by_zero == DivisionByZeroMode::kError) {
    return RaiseError(context, Status::Error(ER_DIVISION_BY_ZERO));
  }
  if (host->division_by_zero == DivisionByZeroMode::kWarn) {
    host->warnings.push_back(Status::Error(ER_DIVISION_BY_ZERO));
  }
  sqlite3_result_null(context);
}

// a / b as MySQL computes it, cut at whole 9-digit words of fraction
// (Decimal::DivisionScale, and the words a wide quotient leaves); whatever shows or stores
// it rounds it to its declared `scale`. `text` names the operation in 1690, for a quotient
// whose integer part passes 81 digits.
void DecimalQuotient(sqlite3_context* context, const Decimal& a, const Decimal& b, int scale,
                     int increment, sqlite3_value* text) {
  if (b.IsZero()) return DivisionByZero(context);
  Decimal result;
  const int internal = std::max(Decimal::DivisionScale(a, b, increment), scale);
  if (Decimal::Divide(a, b, internal, &result, internal > scale) == Decimal::Outcome::kOverflow) {
    return OutOfRange(context, "DECIMAL", text);
  }
  ResultDecimal(context, result);
}

// pp_div_dec(a, b, scale, text, increment)
void DecimalDivide(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  Decimal a;
  Decimal b;
  if (!ReadDecimal(argv[0], &a) || !ReadDecimal(argv[1], &b)) {
    return OutOfRange(context, "DECIMAL", argv[3]);
  }
  DecimalQuotient(context, a, b, static_cast<int>(sqlite3_value_int64(argv[2])),
                  static_cast<int>(sqlite3_value_int64(argv[4])), argv[3]);
}

// pp_mod_dec(a, b)
void DecimalModulo(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  Decimal a;
  Decimal b;
  Decimal result;
  if (!ReadDecimal(argv[0], &a) || !ReadDecimal(argv[1], &b)) return sqlite3_result_null(context);
  if (b.IsZero()) return DivisionByZero(context);
  Decimal::Modulo(a, b, &result);
  ResultDecimal(context, result);
}

// pp_cast_dec(x, from_code, precision, scale, name): CAST(x AS DECIMAL(precision, scale)),
// clamped to the type's largest value with warning 1264 naming the expression.
void CastDecimal(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  FunctionHost* host = Host(context);
  ConversionContext conversion{&host->warnings};
  if (sqlite3_value_type(argv[0]) == SQLITE_FLOAT && std::fabs(sqlite3_value_double(argv[0])) >= 1e65) {
    // A DOUBLE past a DECIMAL's 65 digits: read as its largest value, and 1292 naming no
    // value (MySQL's double2my_decimal overflows so), before the cast's own 1264.
    host->warnings.push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, "DECIMAL", ""));
  }
  Decimal value;
  if (!ToDecimal(ValueFrom(argv[0]), TypeFromCode(sqlite3_value_int64(argv[1])), conversion,
                 &value)) {
    return sqlite3_result_null(context);
  }
  Decimal fitted;
  if (value.FitTo(static_cast<int>(sqlite3_value_int64(argv[2])),
                  static_cast<int>(sqlite3_value_int64(argv[3])), &fitted) ==
      Decimal::Outcome::kOverflow) {
    // (row 1 whatever the row: MySQL's Item_typecast_decimal names no row, passing 1)
    host->warnings.push_back(Status::Error(ER_WARN_DATA_OUT_OF_RANGE, TextArg(argv[4]), 1L));
  }
  ResultDecimal(context, fitted);
}

// pp_neg_dec(a)
void DecimalNegate(sqlite3_context* context, int, sqlite3_value** argv) {
  Decimal a;
  if (!ReadDecimal(argv[0], &a)) return sqlite3_result_null(context);
  ResultDecimal(context, a.Negate());
}

// pp_abs_dec(a)
void DecimalAbsolute(sqlite3_context* context, int, sqlite3_value** argv) {
  Decimal a;
  if (!ReadDecimal(argv[0], &a)) return sqlite3_result_null(context);
  ResultDecimal(context, a.Abs());
}

// pp_intdiv(a, b, mode, text): DIV. mode 0: signed integers, 1: unsigned, 2: decimals
// (truncated quotient), 3: a DOUBLE (REAL) with a DOUBLE or a DECIMAL. Bits 8-9 say which
// operand is unsigned (as for pp_*_u); with either, the quotient is a BIGINT UNSIGNED.
void IntegerDivide(sqlite3_context* context, int argc, sqlite3_value** argv) {
  int64_t mode = sqlite3_value_int64(argv[2]);
  if (AnyNull(argc, argv, 2)) {
    // (a DOUBLE dividend past a DECIMAL's 65 digits is read before the NULL divisor, and
    // says so: 1292 naming no value)
    if ((mode & 0xff) == 3 && sqlite3_value_type(argv[0]) == SQLITE_FLOAT &&
        std::fabs(sqlite3_value_double(argv[0])) >= 1e65) {
      Host(context)->warnings.push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, "DECIMAL", ""));
    }
    return sqlite3_result_null(context);
  }
  Decimal a;
  Decimal b;
  if ((mode & 0xff) == 3) {
    // A DOUBLE operand (REAL) beside an exact one (DECIMAL).
    bool beyond_scale = false;  // a DOUBLE too small for a DECIMAL's 30 fraction digits
    for (int i = 0; i < 2; ++i) {
      Decimal& out = i == 0 ? a : b;
      if (sqlite3_value_type(argv[i]) != SQLITE_FLOAT) {
        if (!ReadDecimal(argv[i], &out)) return sqlite3_result_null(context);
        continue;
      }
      double value = sqlite3_value_double(argv[i]);
      std::optional<Decimal> x = Decimal::FromDouble(value);
      if (!x) {
        return OutOfRange(context, (mode & 0x300) != 0 ? "BIGINT UNSIGNED" : "BIGINT", argv[3]);
      }
      if (std::fabs(value) >= 1e65) {
        // Past a DECIMAL's 65 digits: its largest value, and 1292 naming no value (MySQL's
        // double2my_decimal overflows so).
        Host(context)->warnings.push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, "DECIMAL", ""));
      }
      beyond_scale = beyond_scale || (value != 0 && x->IsZero());
      out = *x;
    }
    if (beyond_scale) {
      // MySQL's DECIMAL arithmetic keeps such a value to 81 fraction digits (its intermediate
      // values have room for 81 digits): the quotient of a tiny divisor is huge, not a
      // division by zero, unless the divisor is smaller still.
      auto kept = [](double v) { return std::fabs(v) < 1e-81 ? 0.0 : v; };
      double x = kept(sqlite3_value_type(argv[0]) == SQLITE_FLOAT ? sqlite3_value_double(argv[0]) : a.ToDouble());
      double y = kept(sqlite3_value_type(argv[1]) == SQLITE_FLOAT ? sqlite3_value_double(argv[1]) : b.ToDouble());
      if (y == 0) return DivisionByZero(context);
      double quotient = std::trunc(x / y);
      if ((mode & 0x300) != 0) {
        if (!(quotient >= 0 && quotient < 18446744073709551616.0)) {
          return OutOfRange(context, "BIGINT UNSIGNED", argv[3]);
        }
        return ResultUnsigned(context, static_cast<uint64_t>(quotient));
      }
      if (!(quotient >= -9223372036854775808.0 && quotient < 9223372036854775808.0)) {
        return OutOfRange(context, "BIGINT", argv[3]);
      }
      return sqlite3_result_int64(context, static_cast<int64_t>(quotient));
    }
  } else if ((mode & 0xff) == 2) {
    if (!ReadDecimal(argv[0], &a) || !ReadDecimal(argv[1], &b)) return sqlite3_result_null(context);
  } else {
    Int128 x = 0;
    Int128 y = 0;
    bool is_unsigned = (mode & 0xff) == 1;
    if (!ReadWide(argv[0], is_unsigned && (mode & 0x100), &x) ||
        !ReadWide(argv[1], is_unsigned && (mode & 0x200), &y)) {
      return sqlite3_result_null(context);
    }
    if (y == 0) return DivisionByZero(context);
    Int128 quotient = x / y;
    if (is_unsigned) {
      if (quotient < 0 || quotient > static_cast<Int128>(std::numeric_limits<uint64_t>::max())) {
        return OutOfRange(context, "BIGINT UNSIGNED", argv[3]);
      }
      return ResultUnsigned(context, static_cast<uint64_t>(quotient));
    }
    if (quotient > std::numeric_limits<int64_t>::max()) return OutOfRange(context, "BIGINT", argv[3]);
    return sqlite3_result_int64(context, static_cast<int64_t>(quotient));
  }
  if (b.IsZero()) return DivisionByZero(context);
  Decimal quotient;
  Decimal::IntegerDivide(a, b, &quotient);
  if ((mode & 0x300) != 0) {
    // An unsigned operand makes the quotient a BIGINT UNSIGNED, whatever the other's type.
    uint64_t result = 0;
    if (!quotient.IsZero() && quotient.ToUint64(&result) == Decimal::Outcome::kOverflow) {
      return OutOfRange(context, "BIGINT UNSIGNED", argv[3]);
    }
    return ResultUnsigned(context, result);
  }
  int64_t result = 0;
  if (quotient.ToInt64(&result) == Decimal::Outcome::kOverflow) {
    return OutOfRange(context, "BIGINT", argv[3]);
  }
  sqlite3_result_int64(context, result);
}

// pp_mod_i(a, b, flags): MOD of integers; the sign follows a.
void IntegerModulo(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  int64_t flags = sqlite3_value_int64(argv[2]);
  Int128 a = 0;
  Int128 b = 0;
  if (!ReadWide(argv[0], (flags & 1) != 0, &a) || !ReadWide(argv[1], (flags & 2) != 0, &b)) {
    return sqlite3_result_null(context);
  }
  if (b == 0) return DivisionByZero(context);
  Int128 result = a % b;
  if ((flags & 3) != 0 && result >= 0) return ResultUnsigned(context, static_cast<uint64_t>(result));
  sqlite3_result_int64(context, static_cast<int64_t>(result));
}

// ---- DOUBLE ---------------------------------------------------------------------------

enum class DoubleOp { kAdd, kSubtract, kMultiply, kDivide, kModulo };

// pp_math(function, text, x[, y]): MySQL's mathematical functions over DOUBLE (the codes are
// MathFunction's). A logarithm of a number <= 0 (or to a base <= 0 or 1) is NULL with
// warning 3020; a square root of a negative number or an ACOS/ASIN outside [-1, 1] is NULL;
// a result too large for a DOUBLE is error 1690 quoting `text`.
void Math(sqlite3_context* context, int argc, sqlite3_value** argv) {
  for (int i = 2; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return sqlite3_result_null(context);
  }
  auto function = static_cast<MathFunction>(sqlite3_value_int(argv[0]));
  double x = sqlite3_value_double(argv[2]);
  double y = argc > 3 ? sqlite3_value_double(argv[3]) : 0;
  auto bad_logarithm = [&]() {
    Host(context)->warnings.push_back(Status::Error(ER_INVALID_ARGUMENT_FOR_LOGARITHM));
    sqlite3_result_null(context);
  };
  double result = 0;
  switch (function) {
    case MathFunction::kLn:
    case MathFunction::kLog2:
    case MathFunction::kLog10:
      if (x <= 0) return bad_logarithm();
      result = function == MathFunction::kLn     ? std::log(x)
               : function == MathFunction::kLog2 ? std::log2(x)
                                                         : std::log10(x);
      break;
    case MathFunction::kLogBase:  // LOG(base, x)
      if (x <= 0 || y <= 0 || x == 1) return bad_logarithm();
      result = std::log(y) / std::log(x);
      break;
    case MathFunction::kSqrt:
      if (x < 0) return sqlite3_result_null(context);
      result = std::sqrt(x);
      break;
    case MathFunction::kExp: result = std::exp(x); break;
    case MathFunction::kPow: result = std::pow(x, y); break;
    case MathFunction::kSin: result = std::sin(x); break;
    case MathFunction::kCos: result = std::cos(x); break;
    case MathFunction::kTan: result = std::tan(x); break;
    case MathFunction::kCot:
      result = 1.0 / std::tan(x);
      break;
    case MathFunction::kAsin:
    case MathFunction::kAcos:
      if (x < -1 || x > 1) return sqlite3_result_null(context);
      result = function == MathFunction::kAsin ? std::asin(x) : std::acos(x);
      break;
    case MathFunction::kAtan: result = argc > 3 ? std::atan2(x, y) : std::atan(x); break;
    case MathFunction::kRadians: result = x * (M_PI / 180.0); break;
    case MathFunction::kDegrees: result = x * (180.0 / M_PI); break;
  }
  if (!std::isfinite(result)) return OutOfRange(context, "DOUBLE", argv[1]);
  sqlite3_result_double(context, result == 0 ? 0.0 : result);  // no -0
}

template <DoubleOp op>
void DoubleArithmetic(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  double a = sqlite3_value_double(argv[0]);
  double b = sqlite3_value_double(argv[1]);
  if ((op == DoubleOp::kDivide || op == DoubleOp::kModulo) && b == 0) return DivisionByZero(context);
  double result = op == DoubleOp::kAdd        ? a + b
                  : op == DoubleOp::kSubtract ? a - b
                  : op == DoubleOp::kMultiply ? a * b
                  : op == DoubleOp::kDivide   ? a / b
                                              : std::fmod(a, b);
  if (!std::isfinite(result)) return OutOfRange(context, "DOUBLE", argv[2]);
  sqlite3_result_double(context, result);
}

// ---- rounding -------------------------------------------------------------------------

// pp_round_dec(x, digits, truncate): ROUND / TRUNCATE of a DECIMAL (or integer) value.
void DecimalRound(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  Decimal a;
  if (!ReadDecimal(argv[0], &a)) return sqlite3_result_null(context);
  int64_t digits = sqlite3_value_int64(argv[1]);
  digits = std::max<int64_t>(-70, std::min<int64_t>(digits, Decimal::kMaxScale));
  bool truncate = sqlite3_value_int64(argv[2]) != 0;
  Decimal result = truncate ? a.Truncate(static_cast<int>(digits)) : a.Round(static_cast<int>(digits));
  ResultDecimal(context, result);
}

// pp_round_i(x, digits, mode, text): ROUND (mode bit 0 clear) or TRUNCATE (set) of an integer
// that stays one, signed or (mode bit 1) unsigned. Digits >= 0 leave it as it is; to tens or
// beyond it rounds half away from zero, and a result outside the type's range is 1690.
void IntegerRound(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  int64_t mode = sqlite3_value_int64(argv[2]);
  bool truncate = (mode & 1) != 0;
  bool is_unsigned = (mode & 2) != 0;
  int64_t digits = sqlite3_value_int64(argv[1]);
  if (digits >= 0) return sqlite3_result_value(context, argv[0]);
  Int128 value = 0;
  if (!ReadWide(argv[0], is_unsigned, &value)) return sqlite3_result_null(context);
  // 10^20 exceeds every 64-bit value: rounding to it or beyond gives 0.
  if (digits < -19) {
    return is_unsigned ? ResultUnsigned(context, 0) : sqlite3_result_int64(context, 0);
  }
  Int128 unit = 1;
  for (int64_t i = 0; i < -digits; ++i) unit *= 10;
  Int128 magnitude = value < 0 ? -value : value;
  Int128 rounded = magnitude / unit * unit;
  if (!truncate && magnitude - rounded >= unit / 2) rounded += unit;
  Int128 result = value < 0 ? -rounded : rounded;
  if (is_unsigned) {
    if (result > static_cast<Int128>(std::numeric_limits<uint64_t>::max())) {
      return OutOfRange(context, "BIGINT UNSIGNED", argv[3]);
    }
    return ResultUnsigned(context, static_cast<uint64_t>(result));
  }
  if (result > std::numeric_limits<int64_t>::max() ||
      result < std::numeric_limits<int64_t>::min()) {
    return OutOfRange(context, "BIGINT", argv[3]);
  }
  sqlite3_result_int64(context, static_cast<int64_t>(result));
}

// pp_floor_dec(x, ceiling)
void DecimalFloor(sqlite3_context* context, int, sqlite3_value** argv) {
  Decimal a;
  if (!ReadDecimal(argv[0], &a)) return sqlite3_result_null(context);
  ResultDecimal(context, sqlite3_value_int64(argv[1]) != 0 ? a.Ceiling() : a.Floor());
}

// pp_round_d(x, digits, truncate): ROUND / TRUNCATE of a DOUBLE as MySQL's my_double_round
// computes it, in doubles: x scaled by 10^digits, rounded to the nearest even integer (or
// cut), scaled back; whatever the digits asked (ROUND(1e-10, 35) keeps the scaling's last
// bit). Digits past a DOUBLE's range make a negative count's result 0, and leave x as it is
// for a positive count.
void DoubleRound(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  const double value = sqlite3_value_double(argv[0]);
  const int64_t digits = sqlite3_value_int64(argv[1]);
  const bool truncate = sqlite3_value_int64(argv[2]) != 0;
  const double scale = digits == std::numeric_limits<int64_t>::min()
                           ? HUGE_VAL
                           : std::pow(10.0, static_cast<double>(std::llabs(digits)));
  const double divided = value / scale;
  const double multiplied = value * scale;
  if (digits < 0 && std::isinf(scale)) return sqlite3_result_double(context, 0.0);
  if (digits >= 0 && !std::isfinite(multiplied)) return sqlite3_result_double(context, value);
  const double scaled = digits < 0 ? divided : multiplied;
  // (nearest even: ROUND(2.5e0) is 2)
  const double rounded = !truncate       ? std::nearbyint(scaled)
                         : value >= 0.0 ? std::floor(scaled)
                                        : std::ceil(scaled);
  sqlite3_result_double(context, digits < 0 ? rounded * scale : rounded / scale);
}

// ---- aggregates -----------------------------------------------------------------------

// The exact sum of the rows' DECIMAL values: a coefficient of up to 154 digits at the finest
// scale seen, so that the sum may pass 81 digits on its way, and apart from it the sum of
// SQLite integers (a signed integer argument), which cannot overflow 128 bits. Only the total
// must fit a computed DECIMAL (81 digits, MySQL's nine words).
using WideCoefficient = boost::multiprecision::int512_t;

WideCoefficient PowerOfTen(int exponent) {
  WideCoefficient power = 1;
  for (int i = 0; i < exponent; ++i) power *= 10;
  return power;
}

struct DecimalSum {
  WideCoefficient sum = 0;  // times 10^scale
  int scale = 0;
  Int128 integers = 0;
  uint64_t count = 0;
};

DecimalSum* SumState(sqlite3_context* context, bool create) {
  return AggregateState<DecimalSum>(context, create);
}

// A row entering the sum (or, as a window function, leaving the frame).
void DecimalSumMove(sqlite3_context* context, sqlite3_value* argument, bool leaving) {
  if (sqlite3_value_type(argument) == SQLITE_NULL) return;
  DecimalSum* state = SumState(context, true);
  if (state == nullptr) return sqlite3_result_error_nomem(context);
  if (sqlite3_value_type(argument) == SQLITE_INTEGER) {
    const int64_t value = sqlite3_value_int64(argument);
    state->integers += leaving ? -Int128(value) : Int128(value);
    state->count = leaving ? state->count - 1 : state->count + 1;
    return;
  }
  Decimal value;
  if (!ReadDecimal(argument, &value)) return;
  WideCoefficient coefficient(value.coefficient());
  if (value.scale() > state->scale) {
    state->sum *= PowerOfTen(value.scale() - state->scale);
    state->scale = value.scale();
  } else if (value.scale() < state->scale) {
    coefficient *= PowerOfTen(state->scale - value.scale());
  }
  if (leaving) {
    state->sum -= coefficient;
    --state->count;
  } else {
    state->sum += coefficient;
    ++state->count;
  }
}

void DecimalSumStep(sqlite3_context* context, int, sqlite3_value** argv) {
  DecimalSumMove(context, argv[0], false);
}

void DecimalSumInverse(sqlite3_context* context, int, sqlite3_value** argv) {
  DecimalSumMove(context, argv[0], true);
}

// The sum of the rows so far (its DECIMALs and its integers together), as a computed
// DECIMAL holds it (Decimal::FromComputed); false when its integer part does not fit.
bool SumTotal(const DecimalSum& state, Decimal* total) {
  static const WideCoefficient kLimit = PowerOfTen(Decimal::kMaxComputedDigits);
  WideCoefficient sum = state.sum + WideCoefficient(state.integers) * PowerOfTen(state.scale);
  if (sum >= kLimit || sum <= -kLimit) return false;
  return Decimal::FromComputed(types::DecimalCoefficient(sum), state.scale, total) ==
         Decimal::Outcome::kOk;
}

void DecimalSumResult(sqlite3_context* context, const DecimalSum* state) {
  if (state == nullptr || state->count == 0) return sqlite3_result_null(context);
  Decimal total;
  if (!SumTotal(*state, &total)) {
    return RaiseError(context, Status::Error(ER_DATA_OUT_OF_RANGE, "DECIMAL", "sum"));
  }
  ResultDecimal(context, total);
}

// pp_avg_dec(x): the sum and count of the rows so far, for pp_avg_div, in one value (the
// count's eight bytes, then the sum's key): the argument is read once per row.
void DecimalAverageResult(sqlite3_context* context, const DecimalSum* state) {
  if (state == nullptr || state->count == 0) return sqlite3_result_null(context);
  Decimal total;
  if (!SumTotal(*state, &total)) {
    return RaiseError(context, Status::Error(ER_DATA_OUT_OF_RANGE, "DECIMAL", "avg"));
  }
  std::string bytes(sizeof(uint64_t), '\0');
  std::memcpy(bytes.data(), &state->count, sizeof(uint64_t));
  bytes += total.EncodeKey();
  sqlite3_result_blob64(context, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

void DecimalAverageValue(sqlite3_context* context) {
  DecimalAverageResult(context, SumState(context, false));
}

void DecimalAverageFinal(sqlite3_context* context) {
  std::unique_ptr<DecimalSum> state(SumState(context, false));
  DecimalAverageResult(context, state.get());
}

// pp_avg_div(state, scale, text, increment[, real]): pp_avg_dec's sum over its count, as
// pp_div_dec divides; with `real` 1, the sum's DOUBLE over the count's, as MySQL reads an
// average of exact values as a number (Item_sum_avg::val_real).
void DecimalAverageDivide(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) != SQLITE_BLOB) return sqlite3_result_null(context);
  const auto* data = static_cast<const char*>(sqlite3_value_blob(argv[0]));
  const size_t size = static_cast<size_t>(sqlite3_value_bytes(argv[0]));
  uint64_t count = 0;
  Decimal total;
  if (data == nullptr || size <= sizeof(count)) return OutOfRange(context, "DECIMAL", argv[2]);
  std::memcpy(&count, data, sizeof(count));
  if (!DecodeDecimal(Value::Blob(std::string(data + sizeof(count), size - sizeof(count))), &total)) {
    return OutOfRange(context, "DECIMAL", argv[2]);
  }
  if (argc > 4 && sqlite3_value_int64(argv[4]) != 0) {
    return sqlite3_result_double(context, total.ToDouble() / static_cast<double>(count));
  }
  DecimalQuotient(context, total, Decimal::FromUint64(count),
                  static_cast<int>(sqlite3_value_int64(argv[1])),
                  static_cast<int>(sqlite3_value_int64(argv[3])), argv[2]);
}

// As a window function: the sum of the frame so far.
void DecimalSumValue(sqlite3_context* context) { DecimalSumResult(context, SumState(context, false)); }

// pp_sum_dec(x)
void DecimalSumFinal(sqlite3_context* context) {
  std::unique_ptr<DecimalSum> state(SumState(context, false));
  DecimalSumResult(context, state.get());
}

struct Variance {
  uint64_t count = 0;
  double mean = 0;
  double m2 = 0;
};

void VarianceStep(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* state = static_cast<Variance*>(sqlite3_aggregate_context(context, sizeof(Variance)));
  if (state == nullptr) return sqlite3_result_error_nomem(context);
  double x = sqlite3_value_double(argv[0]);
  ++state->count;
  double delta = x - state->mean;
  state->mean += delta / static_cast<double>(state->count);
  state->m2 += delta * (x - state->mean);
}

// A row leaving a window frame: Welford's step undone.
void VarianceInverse(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  auto* state = static_cast<Variance*>(sqlite3_aggregate_context(context, sizeof(Variance)));
  if (state == nullptr || state->count == 0) return;
  if (state->count == 1) {
    *state = Variance();
    return;
  }
  double x = sqlite3_value_double(argv[0]);
  double mean = (state->mean * static_cast<double>(state->count) - x) /
                static_cast<double>(state->count - 1);
  state->m2 -= (x - state->mean) * (x - mean);
  if (state->m2 < 0) state->m2 = 0;
  state->mean = mean;
  --state->count;
}

// pp_var_pop, pp_var_samp, pp_stddev_pop, pp_stddev_samp (kind 0-3; Welford's method, so
// values far from zero keep their precision). Also the window functions' current value.
template <int kind>
void VarianceFinal(sqlite3_context* context) {
  auto* state = static_cast<Variance*>(sqlite3_aggregate_context(context, 0));
  if (state == nullptr || state->count == 0) return sqlite3_result_null(context);
  bool sample = kind == 1 || kind == 3;
  if (sample && state->count < 2) return sqlite3_result_null(context);
  double variance = state->m2 / static_cast<double>(sample ? state->count - 1 : state->count);
  sqlite3_result_double(context, kind >= 2 ? std::sqrt(variance) : variance);
}

}  // namespace

Value ValueFrom(sqlite3_value* value) {
  switch (sqlite3_value_type(value)) {
    case SQLITE_INTEGER:
      return Value::Integer(sqlite3_value_int64(value));
    case SQLITE_FLOAT:
      return Value::Double(sqlite3_value_double(value));
    case SQLITE_TEXT:
      return Value::Text(TextArg(value));
    case SQLITE_BLOB: {
      const void* data = sqlite3_value_blob(value);
      int size = sqlite3_value_bytes(value);
      return Value::Blob(data == nullptr ? std::string()
                                         : std::string(static_cast<const char*>(data),
                                                       static_cast<size_t>(size)));
    }
    default:
      return Value::Null();
  }
}

void ResultValue(sqlite3_context* context, const Value& value) {
  switch (value.kind) {
    case Value::Kind::kNull:
      return sqlite3_result_null(context);
    case Value::Kind::kInteger:
      return sqlite3_result_int64(context, value.integer);
    case Value::Kind::kDouble:
      return sqlite3_result_double(context, value.real);
    case Value::Kind::kText:
      return sqlite3_result_text64(context, value.bytes.data(), value.bytes.size(),
                                   SQLITE_TRANSIENT, SQLITE_UTF8);
    case Value::Kind::kBlob:
      return sqlite3_result_blob64(context, value.bytes.data(), value.bytes.size(),
                                   SQLITE_TRANSIENT);
  }
}

bool AnyNull(int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return true;
  }
  return false;
}

Status RegisterScalars(sqlite3* db, FunctionHost* host, const ScalarFunction* functions,
                       size_t count) {
  for (size_t i = 0; i < count; ++i) {
    const ScalarFunction& function = functions[i];
    int flags = SQLITE_UTF8 | (function.deterministic ? SQLITE_DETERMINISTIC : 0);
    int rc = sqlite3_create_function_v2(db, function.name, function.arguments, flags, host,
                                        function.callback, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return Status::Error(ER_UNKNOWN_ERROR);
  }
  return Status::OK();
}

void** AggregateSlot(sqlite3_context* context, bool create) {
  return static_cast<void**>(sqlite3_aggregate_context(context, create ? sizeof(void*) : 0));
}

void RaiseError(sqlite3_context* context, Status status) {
  FunctionHost* host = Host(context);
  std::string message = status.message();
  if (host != nullptr && host->error.ok()) host->error = std::move(status);
  sqlite3_result_error(context, message.c_str(), -1);
}

// ---- bit operations ---------------------------------------------------------------------

// An operand as its 64 bits: an INTEGER (a signed value: its two's complement) or the BLOB
// of a BIGINT UNSIGNED above 2^63 (the binder converts every operand to one of the two).
uint64_t Bits(sqlite3_value* value) {
  if (sqlite3_value_type(value) == SQLITE_INTEGER) {
    return static_cast<uint64_t>(sqlite3_value_int64(value));
  }
  uint64_t bits = 0;
  DecodeUnsigned(ValueFrom(value), &bits);
  return bits;
}

enum class BitOp { kAnd, kOr, kXor, kShiftLeft, kShiftRight };

uint64_t ApplyBits(BitOp op, uint64_t a, uint64_t b) {
  switch (op) {
    case BitOp::kAnd: return a & b;
    case BitOp::kOr: return a | b;
    case BitOp::kXor: return a ^ b;
    case BitOp::kShiftLeft: return b >= 64 ? 0 : a << b;
    case BitOp::kShiftRight: return b >= 64 ? 0 : a >> b;
  }
  return 0;
}

// pp_bit_and(a, b), pp_bit_or, pp_bit_xor, pp_bit_shl, pp_bit_shr: BIGINT UNSIGNED results.
template <BitOp op>
void BitOperation(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 2)) return sqlite3_result_null(context);
  ResultValue(context, EncodeUnsigned(ApplyBits(op, Bits(argv[0]), Bits(argv[1]))));
}

// pp_bit_not(a)
void BitNot(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 1)) return sqlite3_result_null(context);
  ResultValue(context, EncodeUnsigned(~Bits(argv[0])));
}

// pp_bytes_bits(a, b, op): a bit operation on binary strings, byte by byte (op 0 AND, 1 OR,
// 2 XOR: strings of one length, 3513 otherwise; 3 and 4 shift a's bits left or right by the
// count b, keeping its length; 5 NOT a). pp_bytes_bit_count(a): the bits set in a's bytes.
void BytesBits(sqlite3_context* context, int, sqlite3_value** argv) {
  int64_t op = sqlite3_value_int64(argv[2]);
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || (op != 5 && sqlite3_value_type(argv[1]) == SQLITE_NULL)) {
    return sqlite3_result_null(context);
  }
  std::string a(BytesOf(argv[0]));
  if (op <= 2) {
    std::string_view b = BytesOf(argv[1]);
    if (a.size() != b.size()) return RaiseError(context, Status::Error(ER_INVALID_BITWISE_OPERANDS_SIZE));
    for (size_t i = 0; i < a.size(); ++i) {
      unsigned char x = static_cast<unsigned char>(a[i]);
      unsigned char y = static_cast<unsigned char>(b[i]);
      a[i] = static_cast<char>(op == 0 ? (x & y) : op == 1 ? (x | y) : (x ^ y));
    }
  } else if (op == 5) {
    for (char& byte : a) byte = static_cast<char>(~static_cast<unsigned char>(byte));
  } else {
    uint64_t count = Bits(argv[1]);
    size_t size = a.size();
    std::string shifted(size, '\0');
    if (count < static_cast<uint64_t>(size) * 8) {
      size_t bytes = static_cast<size_t>(count / 8);
      unsigned bits = static_cast<unsigned>(count % 8);
      for (size_t i = 0; i < size; ++i) {
        // Left: byte i takes bits from bytes i + bytes and the one after it; right, mirrored.
        auto at = [&](size_t index) -> unsigned { return index < size ? static_cast<unsigned char>(a[index]) : 0u; };
        unsigned value;
        if (op == 3) {
          value = (at(i + bytes) << bits) | (bits == 0 ? 0u : at(i + bytes + 1) >> (8 - bits));
        } else {
          unsigned high = i >= bytes ? at(i - bytes) : 0u;
          unsigned higher = i >= bytes + 1 ? at(i - bytes - 1) : 0u;
          value = (high >> bits) | (bits == 0 ? 0u : higher << (8 - bits));
        }
        shifted[i] = static_cast<char>(value & 0xff);
      }
    }
    a = std::move(shifted);
  }
  sqlite3_result_blob64(context, a.data(), a.size(), SQLITE_TRANSIENT);
}

void BytesBitCount(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  int64_t count = 0;
  for (char byte : BytesOf(argv[0])) count += __builtin_popcount(static_cast<unsigned char>(byte));
  sqlite3_result_int64(context, count);
}

// pp_interval(n, n1, n2, ...): INTERVAL(): 0 when n < n1, 1 when n1 <= n < n2, ... (the
// bounds in ascending order, as MySQL assumes); -1 for a NULL n; a NULL bound is passed over.
void Interval(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_int64(context, -1);
  double n = sqlite3_value_double(argv[0]);
  // (a NULL bound is passed over as one n is not below: INTERVAL(1, NULL, 2) is 1)
  for (int i = 1; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
    if (n < sqlite3_value_double(argv[i])) return sqlite3_result_int64(context, i - 1);
  }
  sqlite3_result_int64(context, argc - 1);
}

// pp_bit_count(a): how many of its 64 bits are set.
void BitCount(sqlite3_context* context, int argc, sqlite3_value** argv) {
  if (AnyNull(argc, argv, 1)) return sqlite3_result_null(context);
  sqlite3_result_int64(context, __builtin_popcountll(Bits(argv[0])));
}

// BIT_AND / BIT_OR / BIT_XOR: NULLs are skipped; over no value BIT_AND gives every bit set.
// The state counts the values and, per bit, those that have it set, so that a row leaving a
// window frame is taken back out.
struct BitState {
  int64_t values;
  int64_t ones[64];
};

template <int kDirection>
void BitAggregateStep(sqlite3_context* context, int, sqlite3_value** argv) {
  auto* state = static_cast<BitState*>(sqlite3_aggregate_context(context, sizeof(BitState)));
  if (state == nullptr || sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  uint64_t bits = Bits(argv[0]);
  state->values += kDirection;
  for (int bit = 0; bit < 64; ++bit) {
    if ((bits >> bit) & 1) state->ones[bit] += kDirection;
  }
}

template <BitOp op>
void BitAggregateFinal(sqlite3_context* context) {
  auto* state = static_cast<BitState*>(sqlite3_aggregate_context(context, 0));
  if (state == nullptr || state->values == 0) {
    return ResultValue(context, EncodeUnsigned(op == BitOp::kAnd ? UINT64_MAX : 0));
  }
  uint64_t result = 0;
  for (int bit = 0; bit < 64; ++bit) {
    int64_t ones = state->ones[bit];
    bool set = op == BitOp::kAnd ? ones == state->values : op == BitOp::kOr ? ones > 0 : ones % 2 != 0;
    if (set) result |= uint64_t{1} << bit;
  }
  ResultValue(context, EncodeUnsigned(result));
}

void RowValue(sqlite3_context* context, int, sqlite3_value** argv) {
  sqlite3_result_value(context, argv[0]);
}

// pp_warn(x, code, message, flags): x, raising the condition each time it is evaluated: what
// binding a constant said, said again for each row an aggregate reads. flags: 1 a note, 2
// only the first time the statement evaluates it (what a comparison's cached constant says,
// once that comparison is first computed).
void WarnEachRow(sqlite3_context* context, int, sqlite3_value** argv) {
  FunctionHost* host = Host(context);
  const int64_t flags = sqlite3_value_int64(argv[3]);
  if ((flags & 2) != 0) {
    // (remembered beside the message, a constant argument, for the statement's run)
    if (sqlite3_get_auxdata(context, 2) != nullptr) return sqlite3_result_value(context, argv[0]);
    static char said = 1;
    sqlite3_set_auxdata(context, 2, &said, nullptr);
  }
  if (host != nullptr) {
    Status warning = Status::WithMessage(static_cast<ErrorCode>(sqlite3_value_int64(argv[1])),
                                         std::string(TextArg(argv[2])));
    host->warnings.push_back((flags & 1) != 0 ? std::move(warning).AsNote() : std::move(warning));
  }
  sqlite3_result_value(context, argv[0]);
}

// Each warning as its code, '1' for a note or '0', and its message, the fields apart by
// \x1f and each warning ended by \x1e.
std::string EncodeDeferredWarnings(const std::vector<Status>& warnings) {
  std::string encoded;
  for (const Status& warning : warnings) {
    encoded += std::to_string(static_cast<int>(warning.code()));
    encoded += '\x1f';
    encoded += warning.is_note() ? '1' : '0';
    encoded += '\x1f';
    encoded += warning.message();
    encoded += '\x1e';
  }
  return encoded;
}

void SayDeferredWarnings(sqlite3_context* context, sqlite3_value* encoded) {
  FunctionHost* host = Host(context);
  if (host == nullptr) return;
  std::string_view rest = BytesOf(encoded);
  while (!rest.empty()) {
    const size_t end = rest.find('\x1e');
    std::string_view one = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const size_t first = one.find('\x1f');
    if (first == std::string_view::npos || first + 2 >= one.size()) continue;
    const int code = std::atoi(std::string(one.substr(0, first)).c_str());
    Status warning = Status::WithMessage(static_cast<ErrorCode>(code), std::string(one.substr(first + 3)));
    host->warnings.push_back(one[first + 1] == '1' ? std::move(warning).AsNote() : std::move(warning));
  }
}

Status RegisterNumericRuntime(sqlite3* db, FunctionHost* host) {
  static constexpr ScalarFunction kScalars[] = {
      {"pp_conv", 3, Convert},
      {"pp_json_number", 3, JsonNumber},
      {"pp_conv_quiet", 3, ConvertQuietly},
      {"pp_temporal_text", 2, TemporalText},
      {"pp_temporal_text", 3, TemporalText},
      {"pp_conv", 4, Convert},
      {"pp_conv", 5, Convert},
      {"pp_conv", 6, Convert},
      // pp_conv evaluated for each row, never once for the statement (SQLite hoists a
      // deterministic call of constants): a constant's warning per row.
      {"pp_conv_row", 3, Convert, false},
      // pp_row(x): x, a value SQLite treats as changing on every row (see
      // TranslatorContext::per_row_constants).
      {"pp_row", 1, RowValue, false},
      {"pp_warn", 4, WarnEachRow, false},
      {"pp_add_i", 3, SignedArithmetic<ArithmeticOp::kAdd>},
      {"pp_sub_i", 3, SignedArithmetic<ArithmeticOp::kSubtract>},
      {"pp_mul_i", 3, SignedArithmetic<ArithmeticOp::kMultiply>},
      {"pp_add_u", 4, UnsignedArithmetic<ArithmeticOp::kAdd>},
      {"pp_sub_u", 4, UnsignedArithmetic<ArithmeticOp::kSubtract>},
      {"pp_mul_u", 4, UnsignedArithmetic<ArithmeticOp::kMultiply>},
      {"pp_neg_i", 2, NegateSigned},
      {"pp_neg_u", 2, NegateUnsigned},
      {"pp_abs_i", 2, AbsoluteSigned},
      {"pp_abs_dec", 1, DecimalAbsolute},
      {"pp_add_dec", 3, DecimalArithmetic<Decimal::Add, false>},
      {"pp_sub_dec", 3, DecimalArithmetic<Decimal::Subtract, false>},
      {"pp_mul_dec", 3, DecimalArithmetic<Decimal::Multiply, false>},
      {"pp_add_decu", 3, DecimalArithmetic<Decimal::Add, true>},
      {"pp_sub_decu", 3, DecimalArithmetic<Decimal::Subtract, true>},
      {"pp_mul_decu", 3, DecimalArithmetic<Decimal::Multiply, true>},
      {"pp_div_dec", 5, DecimalDivide},
      {"pp_avg_div", 4, DecimalAverageDivide},  {"pp_avg_div", 5, DecimalAverageDivide},
      {"pp_mod_dec", 2, DecimalModulo},
      {"pp_neg_dec", 1, DecimalNegate},
      {"pp_cast_dec", 5, CastDecimal},
      {"pp_intdiv", 4, IntegerDivide},
      {"pp_mod_i", 3, IntegerModulo},
      {"pp_add_d", 3, DoubleArithmetic<DoubleOp::kAdd>},
      {"pp_sub_d", 3, DoubleArithmetic<DoubleOp::kSubtract>},
      {"pp_mul_d", 3, DoubleArithmetic<DoubleOp::kMultiply>},
      {"pp_div_d", 3, DoubleArithmetic<DoubleOp::kDivide>},
      {"pp_mod_d", 3, DoubleArithmetic<DoubleOp::kModulo>},
      {"pp_round_dec", 3, DecimalRound},
      {"pp_floor_dec", 2, DecimalFloor},
      {"pp_round_i", 4, IntegerRound},
      {"pp_round_d", 3, DoubleRound},
      {"pp_math", 3, Math},
      {"pp_math", 4, Math},
      {"pp_bit_and", 2, BitOperation<BitOp::kAnd>},
      {"pp_bit_or", 2, BitOperation<BitOp::kOr>},
      {"pp_bytes_bits", 3, BytesBits},
      {"pp_bytes_bit_count", 1, BytesBitCount},
      {"pp_bit_xor", 2, BitOperation<BitOp::kXor>},
      {"pp_bit_shl", 2, BitOperation<BitOp::kShiftLeft>},
      {"pp_bit_shr", 2, BitOperation<BitOp::kShiftRight>},
      {"pp_bit_not", 1, BitNot},
      {"pp_bit_count", 1, BitCount},
      {"pp_interval", -1, Interval},
      {"pp_cte_depth", 2, CommonTableDepth},
      // Not deterministic: a constant seed must not be computed once for the statement.
      {"pp_rand", 1, SeededRandom, false},
  };
  PORPOISE_RETURN_IF_ERROR(RegisterScalars(db, host, kScalars));
  int rc = sqlite3_create_window_function(db, "pp_sum_dec", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                          host, DecimalSumStep, DecimalSumFinal, DecimalSumValue,
                                          DecimalSumInverse, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_create_window_function(db, "pp_avg_dec", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                        host, DecimalSumStep, DecimalAverageFinal,
                                        DecimalAverageValue, DecimalSumInverse, nullptr);
  }
  // Aggregates that are window functions too (the final function gives the current value).
  struct Aggregate {
    const char* name;
    void (*step)(sqlite3_context*, int, sqlite3_value**);
    void (*final)(sqlite3_context*);
    void (*inverse)(sqlite3_context*, int, sqlite3_value**);
  };
  static constexpr Aggregate kAggregates[] = {
      {"pp_var_pop", VarianceStep, VarianceFinal<0>, VarianceInverse},
      {"pp_var_samp", VarianceStep, VarianceFinal<1>, VarianceInverse},
      {"pp_stddev_pop", VarianceStep, VarianceFinal<2>, VarianceInverse},
      {"pp_stddev_samp", VarianceStep, VarianceFinal<3>, VarianceInverse},
      {"pp_bit_and_agg", BitAggregateStep<1>, BitAggregateFinal<BitOp::kAnd>, BitAggregateStep<-1>},
      {"pp_bit_or_agg", BitAggregateStep<1>, BitAggregateFinal<BitOp::kOr>, BitAggregateStep<-1>},
      {"pp_bit_xor_agg", BitAggregateStep<1>, BitAggregateFinal<BitOp::kXor>, BitAggregateStep<-1>},
  };
  for (const Aggregate& aggregate : kAggregates) {
    if (rc != SQLITE_OK) break;
    rc = sqlite3_create_window_function(db, aggregate.name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                        host, aggregate.step, aggregate.final, aggregate.final,
                                        aggregate.inverse, nullptr);
  }
  return rc == SQLITE_OK ? Status::OK() : Status::Error(ER_UNKNOWN_ERROR);
}

}  // namespace porpoise::engine
