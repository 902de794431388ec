// Option specs and their resolution into ClientSettings for the porpoise client. (cli/)
#include "cli/client_options.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace porpoise::cli {
namespace {

constexpr auto kSpecs = std::to_array<OptionSpec>({
    {"host", true, false, 'h', false, "Connect to host (TCP unless 'localhost')."},
    {"port", true, false, 'P', false, "Port number to use for the TCP connection."},
    {"user", true, false, 'u', false, "User for login if not the current OS user."},
    {"password", true, true, 'p', false,
     "Password to use; asked for on the terminal when given without a value."},
    {"database", true, false, 'D', false, "Database to use."},
    {"socket", true, false, 'S', false, "The socket file to use for the connection."},
    {"protocol", true, false, 0, false, "The protocol to use: TCP or SOCKET."},
    {"execute", true, false, 'e', false, "Execute the statements and quit (batch output)."},
    {"batch", false, false, 'B', true, "Tab-separated output, no boxes; no history."},
    {"table", false, false, 't', true, "Output in table format, also in batch mode."},
    {"vertical", false, false, 'E', true, "Print rows vertically (one line per column)."},
    {"column_names", false, false, 0, true, "Print column names in results (default on)."},
    {"skip_column_names", false, false, 'N', true, "Don't print column names in results."},
    {"silent", false, false, 's', false, "Less output; repeat for still less."},
    {"verbose", false, false, 'v', false, "More output; repeat for still more."},
    {"force", false, false, 'f', true, "Continue even after an SQL error."},
    {"raw", false, false, 'r', true, "Write column values without escaping (batch)."},
    {"show_warnings", false, false, 0, true, "Show warnings after every statement."},
    {"tee", true, false, 0, false,
     "Append everything shown to the file (interactive; also `tee`, \\T)."},
    {"no_tee", false, false, 0, true, "Don't write a tee file (also `notee`, \\t)."},
    {"pager", true, true, 0, false,
     "Pipe interactive results to the command; alone: $PAGER (also `pager`, \\P)."},
    {"skip_pager", false, false, 0, true, "Results go to stdout (default; `nopager`, \\n)."},
    {"prompt", true, false, 0, false,
     "Interactive prompt, with \\u \\h \\d \\p \\v \\D \\R \\m \\s \\c ...; default $MYSQL_PS1."},
    {"init_command", true, false, 0, false, "SQL to run after connecting."},
    {"safe_updates", false, false, 'U', true,
     "SET sql_safe_updates=1, sql_select_limit, max_join_size after connecting."},
    {"i_am_a_dummy", false, false, 0, true, "Synonym for --safe-updates."},
    {"select_limit", true, false, 0, false, "sql_select_limit with --safe-updates (1000)."},
    {"max_join_size", true, false, 0, false, "max_join_size with --safe-updates (1000000)."},
    {"auto_rehash", false, false, 0, true,
     "Load database, table and column names for completion (default on)."},
    {"no_auto_rehash", false, false, 'A', true,
     "No names for completion (faster start); `rehash` (\\#) loads them."},
    {"beep", false, false, 0, true, "Beep on errors (default on; --no-beep turns it off)."},
    {"no_beep", false, false, 'b', true, "Don't beep on errors."},
    {"line_numbers", false, false, 0, true, "Write line numbers for errors (default on)."},
    {"skip_line_numbers", false, false, 'L', true, "Don't write line numbers for errors."},
    {"connect_timeout", true, false, 0, false, "Seconds before a connection attempt fails."},
    {"default_character_set", true, false, 0, false, "Connection character set (utf8mb4)."},
    {"plugin_dir", true, false, 0, false, "Directory of client-side authentication plugins."},
    {"default_auth", true, false, 0, false, "Authentication plugin to use first."},
    {"server_public_key_path", true, false, 0, false,
     "PEM file with the server's RSA public key (caching_sha2_password without TLS)."},
    {"get_server_public_key", false, false, 0, true,
     "Ask the server for its RSA public key (libmariadb always does when needed)."},
    {"ssl", false, false, 0, true,
     "Use TLS when the server offers it (default on); --skip-ssl: never (--ssl-mode=DISABLED)."},
    {"ssl_mode", true, false, 0, false,
     "DISABLED, PREFERRED (default), REQUIRED, VERIFY_CA or VERIFY_IDENTITY (both check the "
     "server's certificate against --ssl-ca, and its host name)."},
    {"ssl_ca", true, false, 0, false, "PEM file of the CA that signed the server's certificate."},
    {"ssl_capath", true, false, 0, false, "Directory of trusted CA certificates (PEM)."},
    {"ssl_cert", true, false, 0, false, "PEM file of the client's certificate."},
    {"ssl_key", true, false, 0, false, "PEM file of the client's private key."},
    {"ssl_cipher", true, false, 0, false, "Permitted ciphers (TLS 1.2)."},
    {"tls_version", true, false, 0, false, "Permitted TLS versions, e.g. TLSv1.2,TLSv1.3."},
    {"version", false, false, 'V', false, "Print the version and exit."},
    {"help", false, false, '?', false, "Print this help and exit."},
});

Status OptionProblem(std::string message) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, std::move(message));
}

bool IsOn(const OptionValue& option) { return option.value.value_or("ON") == "ON"; }

template <typename Number>
Result<Number> ParseNumber(const OptionValue& option) {
  const std::string& text = option.value.value_or("");
  Number number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return OptionProblem("option '--" + option.name + "': '" + text + "' is not a number");
  }
  return number;
}

Result<client::Protocol> ParseProtocol(const std::string& text) {
  std::string upper;
  for (char c : text) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (upper == "TCP") return client::Protocol::kTcp;
  if (upper == "SOCKET") return client::Protocol::kSocket;
  return OptionProblem("Unknown protocol: '" + text + "'");
}

Status ApplyConnectionOption(const OptionValue& option, ClientSettings& settings) {
  client::ConnectOptions& connect = settings.connect;
  const std::string value = option.value.value_or("");
  const std::string& name = option.name;
  if (name == "host") {
    connect.host = value;
  } else if (name == "port") {
    PORPOISE_ASSIGN_OR_RETURN(connect.port, ParseNumber<unsigned>(option));
  } else if (name == "user") {
    connect.user = value;
  } else if (name == "password") {
    settings.prompt_password = !option.value.has_value();
    if (option.value.has_value()) connect.password = value;
  } else if (name == "database") {
    connect.database = value;
  } else if (name == "socket") {
    connect.socket = value;
  } else if (name == "protocol") {
    PORPOISE_ASSIGN_OR_RETURN(connect.protocol, ParseProtocol(value));
  } else if (name == "connect_timeout") {
    PORPOISE_ASSIGN_OR_RETURN(connect.connect_timeout_seconds, ParseNumber<unsigned>(option));
  } else if (name == "default_character_set") {
    connect.charset = value;
  } else if (name == "plugin_dir") {
    connect.plugin_dir = value;
  } else if (name == "default_auth") {
    connect.default_auth = value;
  } else if (name == "server_public_key_path") {
    connect.server_public_key_path = value;
  } else if (name == "ssl") {
    bool on = IsOn(option);
    if (!on) {
      connect.ssl_mode = client::SslMode::kDisabled;
    } else if (connect.ssl_mode == client::SslMode::kDisabled) {
      connect.ssl_mode = client::SslMode::kPreferred;
    }
  } else if (name == "ssl_mode") {
    std::string upper;
    for (char c : value) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    constexpr std::pair<std::string_view, client::SslMode> kModes[] = {
        {"DISABLED", client::SslMode::kDisabled},   {"PREFERRED", client::SslMode::kPreferred},
        {"REQUIRED", client::SslMode::kRequired},   {"VERIFY_CA", client::SslMode::kVerifyCa},
        {"VERIFY_IDENTITY", client::SslMode::kVerifyIdentity}};
    auto found = std::find_if(std::begin(kModes), std::end(kModes),
                              [&](const auto& mode) { return mode.first == upper; });
    if (found == std::end(kModes)) {
      return OptionProblem("Unknown value '" + value + "' for --ssl-mode: DISABLED, PREFERRED, "
                           "REQUIRED, VERIFY_CA or VERIFY_IDENTITY");
    }
    connect.ssl_mode = found->second;
  } else if (name == "ssl_ca") {
    connect.ssl_ca = value;
  } else if (name == "ssl_capath") {
    connect.ssl_capath = value;
  } else if (name == "ssl_cert") {
    connect.ssl_cert = value;
  } else if (name == "ssl_key") {
    connect.ssl_key = value;
  } else if (name == "ssl_cipher") {
    connect.ssl_cipher = value;
  } else if (name == "tls_version") {
    connect.tls_version = value;
  }
  return Status::OK();
}

// Applies one resolved option; later options override earlier ones.
Status ApplyOption(const OptionValue& option, ClientSettings& settings) {
  const std::string& name = option.name;
  if (name == "execute") {
    settings.execute = option.value.value_or("");
  } else if (name == "batch") {
    settings.batch = IsOn(option);
  } else if (name == "table") {
    settings.layout = IsOn(option) ? OutputLayout::kTable : OutputLayout::kAuto;
  } else if (name == "vertical") {
    settings.layout = IsOn(option) ? OutputLayout::kVertical : OutputLayout::kAuto;
  } else if (name == "column_names") {
    settings.column_names = IsOn(option);
  } else if (name == "skip_column_names") {
    settings.column_names = !IsOn(option);
  } else if (name == "silent") {
    ++settings.silent;
  } else if (name == "verbose") {
    ++settings.verbose;
  } else if (name == "force") {
    settings.force = IsOn(option);
  } else if (name == "raw") {
    settings.raw = IsOn(option);
  } else if (name == "show_warnings") {
    settings.show_warnings = IsOn(option);
  } else if (name == "tee") {
    settings.tee_file = option.value.value_or("");
  } else if (name == "no_tee") {
    if (IsOn(option)) settings.tee_file.reset();
  } else if (name == "pager") {
    // Without a value: the default pager ($PAGER), resolved once every option is read.
    settings.pager = option.value.value_or("");
    if (!settings.pager->empty()) settings.default_pager = *settings.pager;
  } else if (name == "skip_pager") {
    if (IsOn(option)) settings.pager.reset();
  } else if (name == "prompt") {
    settings.prompt = option.value.value_or("");
  } else if (name == "init_command") {
    settings.init_commands = {option.value.value_or("")};
  } else if (name == "safe_updates" || name == "i_am_a_dummy") {
    settings.safe_updates = IsOn(option);
  } else if (name == "select_limit") {
    PORPOISE_ASSIGN_OR_RETURN(settings.select_limit, ParseNumber<uint64_t>(option));
  } else if (name == "max_join_size") {
    PORPOISE_ASSIGN_OR_RETURN(settings.max_join_size, ParseNumber<uint64_t>(option));
  } else if (name == "auto_rehash") {
    settings.auto_rehash = IsOn(option);
  } else if (name == "no_auto_rehash") {
    settings.auto_rehash = !IsOn(option);
  } else if (name == "beep") {
    settings.beep = IsOn(option);
  } else if (name == "no_beep") {
    settings.beep = !IsOn(option);
  } else if (name == "line_numbers") {
    settings.line_numbers = IsOn(option);
  } else if (name == "skip_line_numbers") {
    settings.line_numbers = !IsOn(option);
  } else if (name == "version") {
    settings.print_version = true;
  } else if (name == "help") {
    settings.print_help = true;
  } else {
    return ApplyConnectionOption(option, settings);
  }
  return Status::OK();
}

Result<std::vector<OptionValue>> ReadClientOptionFiles(OptionFileSources sources,
                                                       const ClientEnvironment& environment,
                                                       std::vector<std::string>* warnings) {
  sources.search_files_for_testing = environment.option_files_for_testing;
  const std::vector<std::string> groups = {"client", "mysql", "porpoise"};
  PORPOISE_ASSIGN_OR_RETURN(std::vector<OptionValue> values,
                            ReadOptionFiles(sources, groups, warnings));
  // [client] is shared with every MySQL tool: skip what porpoise does not know.
  for (OptionValue& value : values) value.loose = true;
  return ResolveOptions(std::move(values), kSpecs, warnings);
}

}  // namespace

std::string CurrentLoginName() {
  const passwd* entry = getpwuid(getuid());
  if (entry != nullptr && entry->pw_name != nullptr) return entry->pw_name;
  if (const char* user = std::getenv("USER"); user != nullptr) return user;
  return std::string();
}

ClientEnvironment CurrentEnvironment() {
  ClientEnvironment environment{CurrentLoginName(), std::nullopt};
  if (const char* pager = std::getenv("PAGER"); pager != nullptr) environment.pager_variable = pager;
  if (const char* prompt = std::getenv("MYSQL_PS1"); prompt != nullptr) {
    environment.prompt_variable = prompt;
  }
  return environment;
}

std::string SafeUpdatesStatement(uint64_t select_limit, uint64_t max_join_size) {
  return "SET SQL_SAFE_UPDATES=1,SQL_SELECT_LIMIT=" + std::to_string(select_limit) +
         ",MAX_JOIN_SIZE=" + std::to_string(max_join_size);
}

std::span<const OptionSpec> ClientOptionSpecs() { return kSpecs; }

Result<ClientSettings> ResolveClientSettings(std::span<const std::string> args,
                                             const ClientEnvironment& environment) {
  size_t consumed = 0;
  PORPOISE_ASSIGN_OR_RETURN(OptionFileSources sources, ParseOptionFileSources(args, &consumed));
  ClientSettings settings;
  settings.connect.user = environment.login_name;
  settings.default_pager = environment.pager_variable;
  settings.prompt = environment.prompt_variable;
  PORPOISE_ASSIGN_OR_RETURN(std::vector<OptionValue> file_values,
                            ReadClientOptionFiles(sources, environment, &settings.warnings));
  std::vector<std::string> positional;
  PORPOISE_ASSIGN_OR_RETURN(
      std::vector<OptionValue> command_line,
      ParseCommandLine(args.subspan(consumed), kSpecs, &positional, &settings.warnings));
  for (const std::vector<OptionValue>* values : {&file_values, &command_line}) {
    for (const OptionValue& option : *values) PORPOISE_RETURN_IF_ERROR(ApplyOption(option, settings));
  }
  if (positional.size() > 1) {
    return OptionProblem("too many arguments: '" + positional[1] + "' (only a database name "
                         "may follow the options)");
  }
  if (positional.size() == 1) settings.connect.database = positional[0];
  if (settings.pager && settings.pager->empty()) {
    // --pager alone: the default pager, or stdout when there is none.
    if (settings.default_pager.empty()) {
      settings.pager.reset();
    } else {
      settings.pager = settings.default_pager;
    }
  }
  if (settings.safe_updates) {
    settings.init_commands.push_back(
        SafeUpdatesStatement(settings.select_limit, settings.max_join_size));
  }
  return settings;
}

std::string ClientUsage(std::string_view program_name) {
  std::string text = "Usage: " + std::string(program_name) + " [OPTIONS] [database]\n";
  text += "Options are read from the [client], [mysql] and [porpoise] groups of /etc/my.cnf,\n"
          "/etc/mysql/my.cnf, /etc/porpoise/my.cnf, ~/.my.cnf, then from the command line.\n"
          "Leading --no-defaults, --defaults-file=F, --defaults-extra-file=F choose the files.\n\n";
  text += FormatOptionHelp(kSpecs, 34);
  text += "\nIn the shell, `help` (\\h) lists the client commands and the prompt escapes; Tab\n"
          "completes keywords and names, Ctrl-R searches the history as you type, Esc-p finds\n"
          "the last line starting with what is typed.\n";
  return text;
}

}  // namespace porpoise::cli
