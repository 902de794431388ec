// GLOBAL and SESSION system-variable values and MySQL's rules for reading and setting them
// (scope errors 1228/1229/1238, read-only 1238/1621, DEFAULT, alias pairs). (engine/)
#include "engine/variables.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

namespace porpoise::engine {
namespace {

using catalog::SystemVariable;
using catalog::VariableScope;
using catalog::VariableType;

// BOTH-scope variables whose SESSION value cannot be SET (MySQL 8.4: error 1621).
constexpr std::string_view kSessionReadOnly[] = {
    "max_allowed_packet", "max_user_connections", "net_buffer_length"};

size_t IndexOf(const SystemVariable* variable) {
  return static_cast<size_t>(variable - catalog::AllSystemVariables().data());
}

bool IsSessionReadOnly(const SystemVariable& variable) {
  return std::find(std::begin(kSessionReadOnly), std::end(kSessionReadOnly), variable.name) !=
         std::end(kSessionReadOnly);
}

bool IsGlobalScope(sql::VariableScope scope) {
  return scope == sql::VariableScope::kGlobal || scope == sql::VariableScope::kPersist ||
         scope == sql::VariableScope::kPersistOnly;
}

bool IsIntegerType(const SystemVariable& variable) {
  return variable.type == VariableType::kUnsigned || variable.type == VariableType::kInteger;
}

// Reads "[-+]digits" as a signed magnitude; false when `text` is not an integer.
bool ParseSignedMagnitude(std::string_view text, bool* negative, uint64_t* magnitude) {
  *negative = !text.empty() && text.front() == '-';
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *magnitude);
  if (error == std::errc::result_out_of_range) {
    *magnitude = std::numeric_limits<uint64_t>::max();
    return true;
  }
  return error == std::errc() && end == text.data() + text.size();
}

// True when normalising an integer changed its value (MySQL then warns 1292).
bool WasClamped(const SystemVariable& variable, std::string_view input,
                std::string_view normalized) {
  if (!IsIntegerType(variable)) return false;
  bool input_negative = false, output_negative = false;
  uint64_t input_value = 0, output_value = 0;
  if (!ParseSignedMagnitude(input, &input_negative, &input_value)) return false;
  if (!ParseSignedMagnitude(normalized, &output_negative, &output_value)) return false;
  if (input_value == 0 && output_value == 0) return false;
  return input_negative != output_negative || input_value != output_value;
}

// Normalises a SET value, appending 1292 when it had to be clamped.
Result<std::string> NormalizeForSet(const SystemVariable& variable, std::string_view value,
                                    std::vector<Status>* warnings) {
  Result<std::string> normalized = catalog::NormalizeVariableValue(variable, value);
  if (normalized.ok() && warnings != nullptr && WasClamped(variable, value, *normalized)) {
    warnings->push_back(Status::Error(ER_TRUNCATED_WRONG_VALUE, variable.name, value));
  }
  return normalized;
}

const SystemVariable* FindOrNull(std::string_view name) {
  return catalog::FindSystemVariable(name);
}

Status Unknown(std::string_view name) {
  return Status::Error(ER_UNKNOWN_SYSTEM_VARIABLE, name);
}

Status ReadOnly(const SystemVariable& variable) {
  return Status::Error(ER_INCORRECT_GLOBAL_LOCAL_VAR, variable.name, "read only");
}

uint64_t ToUnsigned(std::string_view text) {
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return 0;
  return value;
}

char LowerAscii(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

std::string ExpandSizeSuffix(std::string_view value) {
  if (value.size() < 2) return std::string(value);
  int shift = 0;
  switch (LowerAscii(value.back())) {
    case 'k': shift = 10; break;
    case 'm': shift = 20; break;
    case 'g': shift = 30; break;
    case 't': shift = 40; break;
    case 'p': shift = 50; break;
    case 'e': shift = 60; break;
    default: return std::string(value);
  }
  std::string_view digits = value.substr(0, value.size() - 1);
  uint64_t number = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::string(value);
  if (number > (std::numeric_limits<uint64_t>::max() >> shift)) {
    return std::to_string(std::numeric_limits<uint64_t>::max());
  }
  return std::to_string(number << shift);
}

bool MatchesLikePattern(std::string_view text, std::string_view pattern) {
  // Iterative matcher with backtracking to the last '%'.
  size_t text_pos = 0, pattern_pos = 0;
  size_t star_pattern = std::string_view::npos, star_text = 0;
  while (text_pos < text.size()) {
    if (pattern_pos < pattern.size()) {
      char p = pattern[pattern_pos];
      if (p == '%') {
        star_pattern = ++pattern_pos;
        star_text = text_pos;
        continue;
      }
      bool escaped = p == '\\' && pattern_pos + 1 < pattern.size();
      char literal = escaped ? pattern[pattern_pos + 1] : p;
      if ((!escaped && p == '_') || LowerAscii(literal) == LowerAscii(text[text_pos])) {
        pattern_pos += escaped ? 2 : 1;
        ++text_pos;
        continue;
      }
    }
    if (star_pattern == std::string_view::npos) return false;
    pattern_pos = star_pattern;
    text_pos = ++star_text;
  }
  while (pattern_pos < pattern.size() && pattern[pattern_pos] == '%') ++pattern_pos;
  return pattern_pos == pattern.size();
}

// ---- GlobalVariables ----

GlobalVariables::GlobalVariables() {
  for (const SystemVariable& variable : catalog::AllSystemVariables()) {
    values_.emplace_back(variable.default_value);
  }
  origins_.resize(values_.size());
}

void GlobalVariables::SetOrigin(std::string_view name, VariableOrigin origin) {
  const SystemVariable* variable = FindOrNull(name);
  if (variable == nullptr) return;
  std::lock_guard<std::mutex> lock(mutex_);
  origins_[IndexOf(variable)] = std::move(origin);
}

std::vector<VariableOrigin> GlobalVariables::Origins() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return origins_;
}

void GlobalVariables::StoreLocked(size_t index, std::string value) {
  values_[index] = std::move(value);
  changes_.fetch_add(1, std::memory_order_release);
}

Status GlobalVariables::SetFromOption(std::string_view name, std::string_view value) {
  const SystemVariable* variable = FindOrNull(name);
  if (variable == nullptr) return Unknown(name);
  std::string expanded = IsIntegerType(*variable) ? ExpandSizeSuffix(value) : std::string(value);
  PORPOISE_ASSIGN_OR_RETURN(std::string normalized,
                            catalog::NormalizeVariableValue(*variable, expanded));
  std::lock_guard<std::mutex> lock(mutex_);
  StoreLocked(IndexOf(variable), std::move(normalized));
  return Status::OK();
}

Result<std::string> GlobalVariables::Get(std::string_view name) const {
  const SystemVariable* variable = FindOrNull(name);
  if (variable == nullptr) return Unknown(name);
  if (variable->scope == VariableScope::kSession) {
    return Status::Error(ER_INCORRECT_GLOBAL_LOCAL_VAR, variable->name, "SESSION");
  }
  return ValueAt(IndexOf(variable));
}

Status GlobalVariables::Set(std::string_view name, std::optional<std::string> value,
                            std::vector<Status>* warnings) {
  const SystemVariable* variable = FindOrNull(name);
  if (variable == nullptr) return Unknown(name);
  if (!variable->dynamic) return ReadOnly(*variable);
  if (variable->scope == VariableScope::kSession) {
    return Status::Error(ER_LOCAL_VARIABLE, variable->name);
  }
  std::string normalized(variable->default_value);
  if (value.has_value()) {
    PORPOISE_ASSIGN_OR_RETURN(normalized, NormalizeForSet(*variable, *value, warnings));
  }
  std::optional<std::pair<std::string_view, std::string>> companion =
      catalog::CompanionSetting(variable->name, normalized);
  std::lock_guard<std::mutex> lock(mutex_);
  StoreLocked(IndexOf(variable), std::move(normalized));
  if (companion) StoreLocked(IndexOf(FindOrNull(companion->first)), std::move(companion->second));
  return Status::OK();
}

uint64_t GlobalVariables::GetUnsigned(std::string_view name) const {
  Result<std::string> value = Get(name);
  return value.ok() ? ToUnsigned(*value) : 0;
}

bool GlobalVariables::GetBool(std::string_view name) const {
  Result<std::string> value = Get(name);
  return value.ok() && *value == "ON";
}

std::vector<std::pair<std::string, std::string>> GlobalVariables::Snapshot() const {
  std::vector<std::string> values = AllValues();
  std::vector<std::pair<std::string, std::string>> out;
  std::span<const SystemVariable> table = catalog::AllSystemVariables();
  for (size_t index = 0; index < table.size(); ++index) {
    if (table[index].scope == VariableScope::kSession) continue;
    out.emplace_back(std::string(table[index].name), std::move(values[index]));
  }
  return out;
}

std::string GlobalVariables::ValueAt(size_t index) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return values_[index];
}

std::vector<std::string> GlobalVariables::AllValues() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return values_;
}

// ---- SessionVariables ----

SessionVariables::SessionVariables(GlobalVariables& globals) : globals_(globals) { Reset(); }

void SessionVariables::Reset() {
  ++generation_;
  values_ = globals_.AllValues();
  std::span<const SystemVariable> table = catalog::AllSystemVariables();
  for (size_t index = 0; index < table.size(); ++index) {
    // Session-only variables start from their compiled default, global-only ones are not kept.
    if (table[index].scope == VariableScope::kSession) {
      values_[index] = std::string(table[index].default_value);
    } else if (table[index].scope == VariableScope::kGlobal) {
      values_[index].clear();
    }
  }
}

const catalog::SystemVariable* SessionVariables::Find(std::string_view name) const {
  return FindOrNull(name);
}

Result<std::string> SessionVariables::Get(std::string_view name,
                                          sql::VariableScope scope) const {
  const SystemVariable* variable = FindOrNull(name);
  if (variable == nullptr || scope == sql::VariableScope::kUser) return Unknown(name);
  if (IsGlobalScope(scope)) return globals_.Get(variable->name);
  if (variable->scope == VariableScope::kGlobal) {
    if (scope == sql::VariableScope::kSession) {
      return Status::Error(ER_INCORRECT_GLOBAL_LOCAL_VAR, variable->name, "GLOBAL");
    }
    return globals_.Get(variable->name);
  }
  return values_[IndexOf(variable)];
}

Status SessionVariables::Set(std::string_view name, sql::VariableScope scope,
                             std::optional<std::string> value, std::vector<Status>* warnings) {
  const SystemVariable* variable = FindOrNull(name);
  if (variable == nullptr || scope == sql::VariableScope::kUser) return Unknown(name);
  if (!variable->dynamic) return ReadOnly(*variable);
  if (IsGlobalScope(scope)) return globals_.Set(variable->name, std::move(value), warnings);
  ++generation_;
  if (variable->scope == VariableScope::kGlobal) {
    return Status::Error(ER_GLOBAL_VARIABLE, variable->name);
  }
  if (IsSessionReadOnly(*variable)) {
    return Status::Error(ER_VARIABLE_IS_READONLY, "SESSION", variable->name, "GLOBAL");
  }
  std::string normalized;
  if (!value.has_value()) {
    normalized = variable->scope == VariableScope::kBoth
                     ? globals_.ValueAt(IndexOf(variable))
                     : std::string(variable->default_value);
  } else {
    PORPOISE_ASSIGN_OR_RETURN(normalized, NormalizeForSet(*variable, *value, warnings));
  }
  std::optional<std::pair<std::string_view, std::string>> companion =
      catalog::CompanionSetting(variable->name, normalized);
  values_[IndexOf(variable)] = std::move(normalized);
  if (companion) values_[IndexOf(FindOrNull(companion->first))] = std::move(companion->second);
  return Status::OK();
}

void SessionVariables::SetInternal(std::string_view name, std::string value) {
  ++generation_;
  const SystemVariable* variable = FindOrNull(name);
  if (variable == nullptr || variable->scope == VariableScope::kGlobal) return;
  values_[IndexOf(variable)] = std::move(value);
}

std::vector<std::pair<std::string, std::string>> SessionVariables::Show(
    bool global, std::optional<std::string_view> like) const {
  std::vector<std::string> global_values = globals_.AllValues();
  std::vector<std::pair<std::string, std::string>> out;
  std::span<const SystemVariable> table = catalog::AllSystemVariables();
  for (size_t index = 0; index < table.size(); ++index) {
    const SystemVariable& variable = table[index];
    if (global && variable.scope == VariableScope::kSession) continue;
    if (like.has_value() && !MatchesLikePattern(variable.name, *like)) continue;
    bool use_global = global || variable.scope == VariableScope::kGlobal;
    out.emplace_back(std::string(variable.name),
                     use_global ? global_values[index] : values_[index]);
  }
  return out;
}

const std::string& SessionVariables::SessionValue(const SystemVariable* variable) const {
  static const std::string kEmpty;
  return variable == nullptr ? kEmpty : values_[IndexOf(variable)];
}

uint64_t SessionVariables::SessionUnsigned(const SystemVariable* variable) const {
  return ToUnsigned(SessionValue(variable));
}

bool SessionVariables::SessionBool(const SystemVariable* variable) const {
  return SessionValue(variable) == "ON";
}

// The accessors below run for every statement: each looks its table entry up once.

bool SessionVariables::autocommit() const { return SessionBool([] {
    static const SystemVariable* const kVariable = FindOrNull("autocommit");
    return kVariable;
  }()); }
const std::string& SessionVariables::sql_mode() const { return SessionValue([] {
    static const SystemVariable* const kVariable = FindOrNull("sql_mode");
    return kVariable;
  }()); }
uint32_t SessionVariables::wait_timeout() const {
  return static_cast<uint32_t>(SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("wait_timeout");
    return kVariable;
  }()));
}
uint32_t SessionVariables::interactive_timeout() const {
  return static_cast<uint32_t>(SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("interactive_timeout");
    return kVariable;
  }()));
}
uint64_t SessionVariables::max_allowed_packet() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("max_allowed_packet");
    return kVariable;
  }());
}
std::string SessionVariables::transaction_isolation() const {
  return SessionValue([] {
    static const SystemVariable* const kVariable = FindOrNull("transaction_isolation");
    return kVariable;
  }());
}
bool SessionVariables::transaction_read_only() const {
  return SessionBool([] {
    static const SystemVariable* const kVariable = FindOrNull("transaction_read_only");
    return kVariable;
  }());
}
bool SessionVariables::foreign_key_checks() const { return SessionBool([] {
    static const SystemVariable* const kVariable = FindOrNull("foreign_key_checks");
    return kVariable;
  }()); }
bool SessionVariables::unique_checks() const { return SessionBool([] {
    static const SystemVariable* const kVariable = FindOrNull("unique_checks");
    return kVariable;
  }()); }
bool SessionVariables::sql_auto_is_null() const { return SessionBool([] {
    static const SystemVariable* const kVariable = FindOrNull("sql_auto_is_null");
    return kVariable;
  }()); }
bool SessionVariables::sql_notes() const { return SessionBool([] {
    static const SystemVariable* const kVariable = FindOrNull("sql_notes");
    return kVariable;
  }()); }
bool SessionVariables::sql_safe_updates() const { return SessionBool([] {
    static const SystemVariable* const kVariable = FindOrNull("sql_safe_updates");
    return kVariable;
  }()); }
uint64_t SessionVariables::innodb_lock_wait_timeout() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("innodb_lock_wait_timeout");
    return kVariable;
  }());
}
uint64_t SessionVariables::lock_wait_timeout() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("lock_wait_timeout");
    return kVariable;
  }());
}
uint64_t SessionVariables::write_lock_idle_timeout() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("write_lock_idle_timeout");
    return kVariable;
  }());
}
uint64_t SessionVariables::max_execution_time() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("max_execution_time");
    return kVariable;
  }());
}
uint64_t SessionVariables::sql_select_limit() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("sql_select_limit");
    return kVariable;
  }());
}
std::string SessionVariables::time_zone() const { return SessionValue([] {
    static const SystemVariable* const kVariable = FindOrNull("time_zone");
    return kVariable;
  }()); }
std::string SessionVariables::lc_time_names() const {
  return SessionValue([] {
    static const SystemVariable* const kVariable = FindOrNull("lc_time_names");
    return kVariable;
  }());
}
std::string SessionVariables::character_set_client() const {
  return SessionValue([] {
    static const SystemVariable* const kVariable = FindOrNull("character_set_client");
    return kVariable;
  }());
}
std::string SessionVariables::character_set_results() const {
  return SessionValue([] {
    static const SystemVariable* const kVariable = FindOrNull("character_set_results");
    return kVariable;
  }());
}
std::string SessionVariables::collation_connection() const {
  return SessionValue([] {
    static const SystemVariable* const kVariable = FindOrNull("collation_connection");
    return kVariable;
  }());
}
size_t SessionVariables::max_error_count() const {
  return static_cast<size_t>(SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("max_error_count");
    return kVariable;
  }()));
}

uint64_t SessionVariables::parser_max_mem_size() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("parser_max_mem_size");
    return kVariable;
  }());
}

uint32_t SessionVariables::div_precision_increment() const {
  return static_cast<uint32_t>(SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("div_precision_increment");
    return kVariable;
  }()));
}
uint64_t SessionVariables::auto_increment_increment() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("auto_increment_increment");
    return kVariable;
  }());
}
uint64_t SessionVariables::auto_increment_offset() const {
  return SessionUnsigned([] {
    static const SystemVariable* const kVariable = FindOrNull("auto_increment_offset");
    return kVariable;
  }());
}

}  // namespace porpoise::engine
