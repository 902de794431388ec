// MySQL-style option files and command-line options: reading my.cnf groups with includes, and
// resolving --name[=value] / -X forms against a program's option table. (common/)
#include "common/option_file.h"
#include "common/strings.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace porpoise {
namespace {

constexpr int kMaxIncludeDepth = 10;
constexpr std::string_view kCommandLine = "command line";

Status OptionError(std::string message) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::move(message));
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Cuts a `#` comment that follows whitespace (or starts the text) outside quotes.
std::string_view StripInlineComment(std::string_view text) {
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote != 0) {
      if (c == '\\' && i + 1 < text.size()) {
        ++i;
      } else if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || IsSpace(text[i - 1]))) {
      return text.substr(0, i);
    }
  }
  return text;
}

// Escapes as MySQL's option-file reader knows them; others keep their backslash.
std::string Unescape(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out.push_back(text[i]);
      continue;
    }
    char next = text[++i];
    switch (next) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'b': out.push_back('\b'); break;
      case 's': out.push_back(' '); break;
      case '\\': case '"': case '\'': out.push_back(next); break;
      default:
        out.push_back('\\');
        out.push_back(next);
    }
  }
  return out;
}

// The value part of `name = value`: comment cut, trimmed, outer quotes removed, unescaped.
std::string ParseOptionValue(std::string_view raw) {
  std::string_view value = Trim(StripInlineComment(Trim(raw)));
  if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
      value.back() == value.front()) {
    value = value.substr(1, value.size() - 2);
  }
  return Unescape(value);
}

// Splits "loose_" off a canonical name.
std::string StripLoose(std::string name, bool* loose) {
  *loose = StartsWith(name, "loose_");
  return *loose ? name.substr(6) : name;
}

std::string FormatOrigin(std::string_view path, size_t line) {
  return std::string(path) + ":" + std::to_string(line);
}

bool FileExists(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return OptionError("Could not open option file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return OptionError("Could not read option file '" + path + "'");
  return text.str();
}

// Per-file parsing state shared across nested includes.
struct ParseContext {
  std::span<const std::string> groups;
  std::vector<OptionValue>* out;
  std::vector<std::string>* warnings;
};

void Warn(const ParseContext& context, std::string message) {
  if (context.warnings != nullptr) context.warnings->push_back(std::move(message));
}

Status ParseText(std::string_view text, std::string_view path, int depth,
                 const ParseContext& context);

Status ParseFile(const std::string& path, int depth, const ParseContext& context) {
  if (depth > kMaxIncludeDepth) {
    return OptionError("Option files are nested too deeply at '" + path + "'");
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && (info.st_mode & S_IWOTH) != 0) {
    Warn(context, "World-writable config file '" + path + "' is ignored.");
    return Status::OK();
  }
  PORPOISE_ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path));
  return ParseText(text, path, depth, context);
}

std::string ResolveIncludePath(std::string_view including_file, std::string_view target) {
  std::filesystem::path target_path{std::string(target)};
  if (target_path.is_absolute()) return target_path.string();
  return (std::filesystem::path(std::string(including_file)).parent_path() / target_path)
      .string();
}

Status IncludeDirectory(const std::string& directory, int depth, const ParseContext& context) {
  std::error_code error;
  std::vector<std::string> files;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() == ".cnf" && it->is_regular_file(error)) {
      files.push_back(it->path().string());
    }
  }
  if (error) {
    Warn(context, "Could not read option directory '" + directory + "'");
    return Status::OK();
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) PORPOISE_RETURN_IF_ERROR(ParseFile(file, depth, context));
  return Status::OK();
}

Status ParseDirective(std::string_view line, std::string_view path, size_t line_number,
                      int depth, const ParseContext& context) {
  std::string_view rest = line.substr(1);
  bool is_dir = StartsWith(rest, "includedir") && rest.size() > 10 && IsSpace(rest[10]);
  bool is_file = StartsWith(rest, "include") && rest.size() > 7 && IsSpace(rest[7]);
  std::string_view target = (is_dir || is_file) ? Trim(rest.substr(is_dir ? 10 : 7)) : "";
  if (target.empty()) {
    return OptionError("Wrong '!' directive in config file " + FormatOrigin(path, line_number));
  }
  std::string resolved = ResolveIncludePath(path, target);
  if (is_dir) return IncludeDirectory(resolved, depth + 1, context);
  if (!FileExists(resolved)) {
    Warn(context, "Included option file '" + resolved + "' not found (" +
                      FormatOrigin(path, line_number) + ")");
    return Status::OK();
  }
  return ParseFile(resolved, depth + 1, context);
}

Result<OptionValue> ParseOptionLine(std::string_view line, std::string_view path,
                                    size_t line_number) {
  size_t equals = line.find('=');
  std::string_view name_part = equals == std::string_view::npos
                                   ? Trim(StripInlineComment(line))
                                   : Trim(line.substr(0, equals));
  OptionValue option;
  option.name = StripLoose(CanonicalOptionName(name_part), &option.loose);
  if (option.name.empty() ||
      std::any_of(option.name.begin(), option.name.end(), [](char c) { return IsSpace(c); })) {
    return OptionError("Wrong option in config file " + FormatOrigin(path, line_number));
  }
  if (equals != std::string_view::npos) option.value = ParseOptionValue(line.substr(equals + 1));
  option.origin = FormatOrigin(path, line_number);
  return option;
}

Status ParseText(std::string_view text, std::string_view path, int depth,
                 const ParseContext& context) {
  bool in_group = false, group_selected = false;
  size_t line_number = 0;
  while (!text.empty()) {
    size_t newline = text.find('\n');
    std::string_view line = Trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++line_number;
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '!') {
      PORPOISE_RETURN_IF_ERROR(ParseDirective(line, path, line_number, depth, context));
      continue;
    }
    if (line.front() == '[') {
      std::string_view header = Trim(StripInlineComment(line));
      if (header.size() < 2 || header.back() != ']') {
        return OptionError("Wrong group definition in config file " +
                           FormatOrigin(path, line_number));
      }
      std::string_view group = Trim(header.substr(1, header.size() - 2));
      in_group = true;
      group_selected = std::any_of(context.groups.begin(), context.groups.end(),
                                   [&](const std::string& g) { return EqualsIgnoreCase(g, group); });
      continue;
    }
    if (!in_group) {
      return OptionError("Found option without preceding group in config file " +
                         FormatOrigin(path, line_number));
    }
    if (!group_selected) continue;
    PORPOISE_ASSIGN_OR_RETURN(OptionValue option, ParseOptionLine(line, path, line_number));
    context.out->push_back(std::move(option));
  }
  return Status::OK();
}

// The spec for `name` directly, or through a skip-/enable-/disable- prefix of a boolean.
// *forced_value is set for the prefixed forms.
const OptionSpec* FindWithPrefix(std::span<const OptionSpec> specs, std::string_view name,
                                 std::optional<std::string>* forced_value) {
  if (const OptionSpec* spec = FindOptionSpec(specs, name)) return spec;
  struct Prefix {
    std::string_view text;
    std::string_view value;
  };
  constexpr Prefix kPrefixes[] = {{"skip_", "OFF"}, {"disable_", "OFF"}, {"enable_", "ON"}};
  for (const Prefix& prefix : kPrefixes) {
    if (!StartsWith(name, prefix.text)) continue;
    const OptionSpec* spec = FindOptionSpec(specs, name.substr(prefix.text.size()));
    if (spec != nullptr && spec->is_boolean) {
      *forced_value = std::string(prefix.value);
      return spec;
    }
  }
  return nullptr;
}

std::optional<std::string> NormalizeBoolean(std::string_view value) {
  constexpr std::string_view kTrue[] = {"1", "on", "true"};
  constexpr std::string_view kFalse[] = {"0", "off", "false"};
  for (std::string_view word : kTrue) {
    if (EqualsIgnoreCase(value, word)) return "ON";
  }
  for (std::string_view word : kFalse) {
    if (EqualsIgnoreCase(value, word)) return "OFF";
  }
  return std::nullopt;
}

// How an option is named in messages: "--name" on the command line, "name" (with origin)
// for files.
std::string Dashed(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::string Describe(const OptionValue& option) {
  std::string text = "'--" + std::string(option.loose ? "loose-" : "") + Dashed(option.name) + "'";
  if (option.origin != kCommandLine) text += " (" + option.origin + ")";
  return text;
}

std::string UnknownMessage(const OptionValue& option) {
  std::string spelled = (option.loose ? "loose-" : "") + Dashed(option.name);
  if (option.origin == kCommandLine) return "unknown option '--" + spelled + "'";
  std::string text = "unknown variable '" + spelled;
  if (option.value.has_value()) text += "=" + *option.value;
  return text + "' (" + option.origin + ")";
}

// Checks one option against `specs`. Returns false in *keep for dropped unknown loose options.
Result<OptionValue> ResolveOne(OptionValue option, std::span<const OptionSpec> specs, bool* keep,
                               std::vector<std::string>* warnings) {
  *keep = true;
  std::optional<std::string> forced;
  const OptionSpec* spec = FindWithPrefix(specs, option.name, &forced);
  if (spec == nullptr) {
    if (!option.loose) return OptionError(UnknownMessage(option));
    if (warnings != nullptr) warnings->push_back(UnknownMessage(option));
    *keep = false;
    return option;
  }
  if (forced.has_value()) {
    if (option.value.has_value()) {
      return OptionError("option " + Describe(option) + " cannot take an argument");
    }
    option.value = forced;
  } else if (spec->is_boolean) {
    if (!option.value.has_value()) {
      option.value = "ON";
    } else if (std::optional<std::string> normalized = NormalizeBoolean(*option.value)) {
      option.value = normalized;
    } else {
      return OptionError("option " + Describe(option) + ": boolean value '" + *option.value +
                         "' wasn't recognized");
    }
  } else if (spec->takes_value && !spec->value_optional && !option.value.has_value()) {
    return OptionError("option " + Describe(option) + " requires an argument");
  } else if (!spec->takes_value && option.value.has_value()) {
    return OptionError("option " + Describe(option) + " cannot take an argument");
  }
  option.name = std::string(spec->name);
  return option;
}

Status CollectResolved(OptionValue option, std::span<const OptionSpec> specs,
                       std::vector<OptionValue>* out, std::vector<std::string>* warnings) {
  bool keep = true;
  PORPOISE_ASSIGN_OR_RETURN(OptionValue resolved,
                            ResolveOne(std::move(option), specs, &keep, warnings));
  if (keep) out->push_back(std::move(resolved));
  return Status::OK();
}

bool IsSourceOption(std::string_view canonical) {
  return canonical == "no_defaults" || canonical == "print_defaults" ||
         canonical == "defaults_file" || canonical == "defaults_extra_file";
}

// "--name[=value]" and "--name value".
Status ParseLongOption(std::span<const std::string> args, size_t* index,
                       std::span<const OptionSpec> specs, std::vector<OptionValue>* out,
                       std::vector<std::string>* warnings) {
  std::string_view body = std::string_view(args[*index]).substr(2);
  size_t equals = body.find('=');
  OptionValue option;
  option.name = StripLoose(CanonicalOptionName(body.substr(0, equals)), &option.loose);
  option.origin = std::string(kCommandLine);
  if (equals != std::string_view::npos) option.value = std::string(body.substr(equals + 1));
  if (IsSourceOption(option.name)) {
    return OptionError("option '--" + std::string(body.substr(0, equals)) +
                       "' must be given before any other option");
  }
  std::optional<std::string> forced;
  const OptionSpec* spec = FindWithPrefix(specs, option.name, &forced);
  bool wants_next = spec != nullptr && !forced.has_value() && !option.value.has_value() &&
                    spec->takes_value && !spec->value_optional && !spec->is_boolean;
  if (wants_next && *index + 1 < args.size()) option.value = args[++*index];
  return CollectResolved(std::move(option), specs, out, warnings);
}

const OptionSpec* FindShort(std::span<const OptionSpec> specs, char short_name) {
  for (const OptionSpec& spec : specs) {
    if (spec.short_name == short_name) return &spec;
  }
  return nullptr;
}

// "-X", "-Xvalue", "-X value", clustered "-BN".
Status ParseShortOptions(std::span<const std::string> args, size_t* index,
                         std::span<const OptionSpec> specs, std::vector<OptionValue>* out,
                         std::vector<std::string>* warnings) {
  std::string_view arg = args[*index];
  for (size_t pos = 1; pos < arg.size(); ++pos) {
    const OptionSpec* spec = FindShort(specs, arg[pos]);
    if (spec == nullptr) return OptionError("unknown option '-" + std::string(1, arg[pos]) + "'");
    OptionValue option{std::string(spec->name), std::nullopt, false, std::string(kCommandLine)};
    if (spec->takes_value && !spec->is_boolean) {
      std::string_view rest = arg.substr(pos + 1);
      if (!rest.empty()) {
        option.value = std::string(rest);
      } else if (!spec->value_optional) {
        if (*index + 1 >= args.size()) {
          return OptionError("option '-" + std::string(1, arg[pos]) + "' requires an argument");
        }
        option.value = args[++*index];
      }
      return CollectResolved(std::move(option), specs, out, warnings);
    }
    PORPOISE_RETURN_IF_ERROR(CollectResolved(std::move(option), specs, out, warnings));
  }
  return Status::OK();
}

}  // namespace

std::string FormatOptionHelp(std::span<const OptionSpec> specs, size_t column) {
  std::string text;
  for (const OptionSpec& spec : specs) {
    std::string flags = "  ";
    flags += spec.short_name != 0 ? std::string("-") + spec.short_name + ", " : "    ";
    std::string long_name(spec.name);
    std::replace(long_name.begin(), long_name.end(), '_', '-');
    flags += "--" + long_name;
    if (spec.takes_value) flags += spec.value_optional ? "[=value]" : "=value";
    if (flags.size() < column) flags.append(column - flags.size(), ' ');
    text += flags + " " + std::string(spec.description) + "\n";
  }
  return text;
}

std::string CanonicalOptionName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    out.push_back(c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

const OptionSpec* FindOptionSpec(std::span<const OptionSpec> specs, std::string_view name) {
  std::string canonical = CanonicalOptionName(name);
  for (const OptionSpec& spec : specs) {
    if (spec.name == canonical) return &spec;
  }
  return nullptr;
}

Result<OptionFileSources> ParseOptionFileSources(std::span<const std::string> args,
                                                size_t* consumed) {
  OptionFileSources sources;
  size_t index = 0;
  for (; index < args.size(); ++index) {
    std::string_view arg = args[index];
    if (!StartsWith(arg, "--")) break;
    size_t equals = arg.find('=');
    std::string name = CanonicalOptionName(arg.substr(2, equals - 2));
    std::optional<std::string> value;
    if (equals != std::string_view::npos) value = std::string(arg.substr(equals + 1));
    if (name == "no_defaults" || name == "print_defaults") {
      if (value.has_value()) {
        return OptionError("option '" + std::string(arg.substr(0, equals)) +
                           "' cannot take an argument");
      }
      (name == "no_defaults" ? sources.no_defaults : sources.print_defaults) = true;
    } else if (name == "defaults_file" || name == "defaults_extra_file") {
      if (!value.has_value() || value->empty()) {
        return OptionError("option '" + std::string(arg) + "' requires a file name (--" +
                           std::string(arg.substr(2, equals - 2)) + "=FILE)");
      }
      (name == "defaults_file" ? sources.defaults_file : sources.defaults_extra_file) = value;
    } else {
      break;
    }
  }
  *consumed = index;
  return sources;
}

std::vector<std::string> DefaultOptionFiles(const OptionFileSources& sources) {
  if (sources.no_defaults) return {};
  if (sources.defaults_file.has_value()) return {*sources.defaults_file};
  std::vector<std::string> files;
  if (sources.search_files_for_testing.has_value()) {
    files = *sources.search_files_for_testing;
    if (sources.defaults_extra_file.has_value()) files.push_back(*sources.defaults_extra_file);
    return files;
  }
  files = {"/etc/my.cnf", "/etc/mysql/my.cnf", "/etc/porpoise/my.cnf"};
  if (const char* mysql_home = std::getenv("MYSQL_HOME"); mysql_home != nullptr && *mysql_home) {
    files.push_back(std::string(mysql_home) + "/my.cnf");
  }
  if (sources.defaults_extra_file.has_value()) files.push_back(*sources.defaults_extra_file);
  if (const char* home = std::getenv("HOME"); home != nullptr && *home) {
    files.push_back(std::string(home) + "/.my.cnf");
  }
  return files;
}

Result<std::vector<OptionValue>> ParseOptionFileText(std::string_view text, std::string_view path,
                                                     std::span<const std::string> groups,
                                                     std::vector<std::string>* warnings) {
  std::vector<OptionValue> out;
  ParseContext context{groups, &out, warnings};
  PORPOISE_RETURN_IF_ERROR(ParseText(text, path, 0, context));
  return out;
}

Result<std::vector<OptionValue>> ReadOptionFiles(const OptionFileSources& sources,
                                                 std::span<const std::string> groups,
                                                 std::vector<std::string>* warnings) {
  std::vector<OptionValue> out;
  if (sources.no_defaults) return out;
  for (const std::optional<std::string>* required :
       {&sources.defaults_file, &sources.defaults_extra_file}) {
    if (required->has_value() && !FileExists(**required)) {
      return OptionError("Could not open required defaults file: " + **required);
    }
  }
  ParseContext context{groups, &out, warnings};
  for (const std::string& file : DefaultOptionFiles(sources)) {
    if (!FileExists(file)) continue;
    PORPOISE_RETURN_IF_ERROR(ParseFile(file, 0, context));
  }
  return out;
}

Result<std::vector<OptionValue>> ParseCommandLine(std::span<const std::string> args,
                                                  std::span<const OptionSpec> specs,
                                                  std::vector<std::string>* positional,
                                                  std::vector<std::string>* warnings) {
  std::vector<OptionValue> out;
  bool options_ended = false;
  for (size_t index = 0; index < args.size(); ++index) {
    const std::string& arg = args[index];
    if (!options_ended && arg == "--") {
      options_ended = true;
    } else if (!options_ended && StartsWith(arg, "--")) {
      PORPOISE_RETURN_IF_ERROR(ParseLongOption(args, &index, specs, &out, warnings));
    } else if (!options_ended && arg.size() > 1 && arg[0] == '-') {
      PORPOISE_RETURN_IF_ERROR(ParseShortOptions(args, &index, specs, &out, warnings));
    } else if (positional != nullptr) {
      positional->push_back(arg);
    } else {
      return OptionError("unexpected argument '" + arg + "'");
    }
  }
  return out;
}

Result<std::vector<OptionValue>> ResolveOptions(std::vector<OptionValue> values,
                                                std::span<const OptionSpec> specs,
                                                std::vector<std::string>* warnings) {
  std::vector<OptionValue> out;
  for (OptionValue& option : values) {
    PORPOISE_RETURN_IF_ERROR(CollectResolved(std::move(option), specs, &out, warnings));
  }
  return out;
}

}  // namespace porpoise
