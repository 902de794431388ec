// MySQL-style option handling shared by porpoised and the porpoise client: my.cnf option files
// ([group] sections, !include, !includedir, loose-) and command-line options. (common/)
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace porpoise {

// One option a program accepts. Names are canonical: lower case with '_' (option files and the
// command line may spell them with '-').
struct OptionSpec {
  std::string_view name;        // "bind_address"
  bool takes_value = false;     // --port=3306 or --port 3306
  bool value_optional = false;  // with takes_value: the value only when glued (-pPW, --password=PW)
  char short_name = 0;          // 'P' for -P; 0 when none
  bool is_boolean = false;      // --x, --x=0/1/ON/OFF/TRUE/FALSE, --skip-x, --enable-x, --disable-x
  std::string_view description = {};  // one line for --help
};

// One option as given, in the order given (a later value for the same name wins).
struct OptionValue {
  std::string name;                  // canonical '_' form, lower case, without "loose-"
  std::optional<std::string> value;  // nullopt: given without '=' ("skip-networking")
  bool loose = false;                // given as loose-name: unknown is a warning, not an error
  std::string origin;                // "/etc/my.cnf:12" or "command line"
};

// Where option files come from (the leading --no-defaults / --defaults-file /
// --defaults-extra-file / --print-defaults arguments).
struct OptionFileSources {
  bool no_defaults = false;                    // read no option files at all
  bool print_defaults = false;                 // print the options read, then exit (caller)
  std::optional<std::string> defaults_file;    // read only this file; missing is an error
  std::optional<std::string> defaults_extra_file;  // read after the global files; missing: error
  // Replaces the default search list (DefaultOptionFiles) when set; used by tests.
  std::optional<std::vector<std::string>> search_files_for_testing;
};

// Consumes the leading --no-defaults, --print-defaults, --defaults-file=F and
// --defaults-extra-file=F from `args` and sets *consumed to how many arguments it took.
// Must be given before any other option, as MySQL requires; ParseCommandLine rejects them later.
Result<OptionFileSources> ParseOptionFileSources(std::span<const std::string> args,
                                                size_t* consumed);

// MySQL's search list on Unix, in reading order: /etc/my.cnf, /etc/mysql/my.cnf,
// /etc/porpoise/my.cnf (ours, where MySQL has SYSCONFDIR/my.cnf), $MYSQL_HOME/my.cnf,
// [defaults-extra-file], ~/.my.cnf. Missing files are skipped when read.
std::vector<std::string> DefaultOptionFiles(const OptionFileSources& sources);

// Reads the options of `groups` (case-insensitive names, e.g. {"mysqld", "server"}) from the
// files `sources` selects, in reading order; a later OptionValue for the same name wins.
// Syntax: `[group]`; `name`, `name=value`, `name = value`; values may be quoted ('..' or "..")
// and use the escapes \n \t \r \b \s \\ \" \'; `#` or `;` at line start comments the line, `#`
// after whitespace outside quotes ends the line; `!include FILE` (relative to the including
// file's folder) and `!includedir DIR` (its *.cnf files in name order); included files start
// outside any group. Errors: missing --defaults-file / --defaults-extra-file, unreadable files,
// bad syntax ("file:line" in the message), includes nested deeper than 10.
// Non-fatal problems (a missing !include target) are appended to *warnings when given.
Result<std::vector<OptionValue>> ReadOptionFiles(const OptionFileSources& sources,
                                                 std::span<const std::string> groups,
                                                 std::vector<std::string>* warnings = nullptr);

// Parses one option file's text (as ReadOptionFiles does for each file; `path` names it in
// origins and errors and anchors relative includes). Exposed for tests.
Result<std::vector<OptionValue>> ParseOptionFileText(std::string_view text, std::string_view path,
                                                     std::span<const std::string> groups,
                                                     std::vector<std::string>* warnings = nullptr);

// Parses command-line arguments (without the program name) against `specs`:
// --name, --name=value, --name value (when the spec takes a non-optional value), --skip-name,
// --enable-name, --disable-name (booleans), --loose-name..., -X value, -Xvalue, -Xvalue glued
// only for value_optional, clustered flags (-BN), and "--" ending the options. Non-options go
// to *positional (error when positional is null). Unknown options are an error
// "unknown option '--x'"; unknown loose- options are dropped with a warning in *warnings.
// Returned values are resolved as ResolveOptions does.
Result<std::vector<OptionValue>> ParseCommandLine(std::span<const std::string> args,
                                                  std::span<const OptionSpec> specs,
                                                  std::vector<std::string>* positional,
                                                  std::vector<std::string>* warnings = nullptr);

// Checks option-file values against `specs` and brings them to their canonical form:
// skip-x / disable-x become x=OFF, enable-x becomes x=ON; a boolean given without a value gets
// "ON" and its values 1/0/ON/OFF/TRUE/FALSE become "ON"/"OFF"; an option needing a value
// without one, or a value for an option taking none, is an error naming its origin.
// Unknown names are an error ("unknown variable 'name=value'" as mysqld reports it for files);
// unknown loose ones are dropped with a warning in *warnings.
Result<std::vector<OptionValue>> ResolveOptions(std::vector<OptionValue> values,
                                                std::span<const OptionSpec> specs,
                                                std::vector<std::string>* warnings = nullptr);

// The spec for canonical `name` ('-' accepted), or nullptr.
const OptionSpec* FindOptionSpec(std::span<const OptionSpec> specs, std::string_view name);

// "port" from "Port", "bind-address" -> "bind_address".
std::string CanonicalOptionName(std::string_view name);

// --help lines for `specs`, one per option: "  -X, --long-name=value   description", the
// descriptions starting at `column` (or one space after a longer name).
std::string FormatOptionHelp(std::span<const OptionSpec> specs, size_t column);

}  // namespace porpoise
