// Shell: the read-split-execute-print loop and the client commands of the porpoise cli. (cli/)
#include "cli/shell.h"

#include <mysql.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <memory>

#include "cli/prompt.h"
#include "cli/result_formatter.h"

#ifndef PORPOISE_VERSION
#define PORPOISE_VERSION "0.0.0"
#endif

namespace porpoise::cli {
namespace {

using Clock = std::chrono::steady_clock;
using client::ErrorOr;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// "Uptime: 3723  Threads: 1 ..." -> 3723 and "Threads: 1 ...".
std::pair<double, std::string> SplitUptime(const std::string& statistics) {
  constexpr std::string_view kUptime = "Uptime: ";
  if (statistics.rfind(kUptime, 0) != 0) return {-1.0, statistics};
  size_t end = kUptime.size();
  while (end < statistics.size() && statistics[end] >= '0' && statistics[end] <= '9') ++end;
  const double uptime = std::strtod(statistics.c_str() + kUptime.size(), nullptr);
  size_t rest = end;
  while (rest < statistics.size() && statistics[rest] == ' ') ++rest;
  return {uptime, statistics.substr(rest)};
}

// FormatElapsed without fractions: "1 hour 2 min 3 sec".
std::string WholeSeconds(double seconds) {
  std::string text = FormatElapsed(std::floor(seconds));
  const size_t dot = text.rfind(".00 sec");
  if (dot != std::string::npos) text.replace(dot, 7, " sec");
  return text;
}

}  // namespace

std::string VersionLine(std::string_view program_name) {
  utsname system{};
  std::string platform = "Linux on x86_64";
  if (uname(&system) == 0) platform = std::string(system.sysname) + " on " + system.machine;
  return std::string(program_name) + "  Ver " PORPOISE_VERSION " for " + platform +
         " (Porpoise; libmariadb " + client::LibraryVersion() + ")";
}

Shell::Shell(client::Connection& connection, const ClientSettings& settings, bool interactive)
    : connection_(connection),
      settings_(settings),
      interactive_(interactive),
      show_warnings_(settings.show_warnings),
      default_pager_(settings.default_pager),
      prompt_format_(settings.prompt.value_or(std::string(kDefaultPrompt))),
      database_(settings.connect.database) {
  // As the mysql client: the pager only serves a person at a terminal, and in batch mode a
  // --tee file is opened but written nothing.
  if (interactive_) output_.set_pager(settings.pager);
  output_.set_tee_writes(interactive_);
  if (settings.tee_file) SetTee(*settings.tee_file);
}

void Shell::Out(std::string_view text) { output_.Out(text); }

void Shell::Err(std::string_view text) { output_.Err(text); }

void Shell::Info(std::string_view text) {
  if (interactive_ && !InFile() && settings_.silent == 0) Out(std::string(text) + "\n");
}

std::string Shell::ServerVersionText() {
  ErrorOr<std::optional<std::string>> comment =
      connection_.QueryScalar("select @@version_comment limit 1");
  std::string version = connection_.server_version();
  if (comment.ok() && comment->has_value() && !(*comment)->empty()) version += " " + **comment;
  return version;
}

bool Shell::RunInitCommands() {
  for (const std::string& sql : settings_.init_commands) {
    client::ClientStatus status = connection_.Query(sql);
    while (status.ok()) {
      ErrorOr<client::StatementOutcome> outcome = connection_.ReadOutcome();
      if (!outcome.ok()) status = outcome.status();
      if (!status.ok() || !connection_.MoreResults()) break;
      status = connection_.NextResult();
    }
    if (!status.ok()) {
      Err(status.ToString() + "\n");
      return false;
    }
  }
  return true;
}

void Shell::PrepareCompletion() {
  if (interactive_ && settings_.auto_rehash) LoadCompletionNames(true);
}

void Shell::LoadCompletionNames(bool announce) {
  if (!interactive_) return;
  std::vector<std::string> names;
  auto read_rows = [&](std::string_view sql, auto&& take) {
    ErrorOr<client::StatementOutcome> outcome = connection_.Execute(sql);
    if (!outcome.ok() || !outcome->result_set) return;
    while (std::optional<client::Row> row = outcome->result_set->FetchRow()) take(*row);
  };
  read_rows("SHOW DATABASES", [&](const client::Row& row) {
    if (row.size() >= 1 && row[0]) names.emplace_back(*row[0]);
  });
  if (!database_.empty()) {
    bool announced = !announce || settings_.silent > 0;
    read_rows("SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS "
              "WHERE TABLE_SCHEMA = DATABASE()",
              [&](const client::Row& row) {
                if (row.size() < 2 || !row[0] || !row[1]) return;
                if (!announced) {
                  Out("Reading table information for completion of table and column names\n"
                      "Start with -A (--no-auto-rehash) to skip this and connect faster.\n\n");
                  announced = true;
                }
                const std::string table(*row[0]);
                const std::string column(*row[1]);
                names.push_back(table);
                names.push_back(column);
                names.push_back(table + "." + column);
              });
  }
  completion_.SetNames(std::move(names));
}

void Shell::PrintBanner() {
  Out("Welcome to the Porpoise monitor.  Commands end with ; or \\g.\n");
  Out("Your MySQL connection id is " + std::to_string(connection_.connection_id()) + "\n");
  Out("Server version: " + ServerVersionText() + "\n\n");
  Out("Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n");
}

std::string Shell::Prompt(const StatementSplitter& splitter) {
  switch (splitter.OpenQuote()) {
    case '\'': return "    '> ";
    case '"': return "    \"> ";
    case '`': return "    `> ";
    case '*': return "   /*> ";
    default: break;
  }
  if (splitter.HasPendingText()) return "    -> ";
  PromptFacts facts;
  if (PromptNeedsUser(prompt_format_) && !user_) {
    ErrorOr<std::optional<std::string>> user = connection_.QueryScalar("select USER()");
    user_ = user.ok() ? user->value_or("") : std::string();
  }
  facts.user = user_.value_or("");
  facts.host_info = connection_.host_info();
  char host_name[256] = {};
  if (gethostname(host_name, sizeof(host_name) - 1) == 0) facts.local_host = host_name;
  facts.database = database_;
  facts.port = connection_.port();
  facts.socket = connection_.unix_socket();
  facts.server_version = connection_.server_version();
  facts.connection_id = connection_.connection_id();
  facts.delimiter = splitter.delimiter();
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return ExpandPrompt(prompt_format_, facts, local, &prompt_counter_);
}

int Shell::Run(LineReader& reader) {
  const Flow flow = RunLines(reader, std::string());
  if (interactive_ && flow != Flow::kStop) Out("Bye\n");
  std::fflush(stdout);
  return had_error_ ? 1 : 0;
}

int Shell::RunText(std::string_view text) {
  std::string owned(text);
  std::unique_ptr<std::FILE, FileCloser> memory(fmemopen(owned.data(), owned.size(), "r"));
  if (memory == nullptr) return 1;
  FileLineReader reader(memory.get());
  RunLines(reader, std::string());
  std::fflush(stdout);
  return had_error_ ? 1 : 0;
}

Shell::Flow Shell::RunLines(LineReader& reader, const std::string& file_name) {
  StatementSplitter splitter;
  const Source saved = source_;
  source_ = Source{file_name, 0};
  size_t line_number = 0;
  Flow flow = Flow::kContinue;
  const bool typed = interactive_ && file_name.empty();  // a person at the terminal
  while (flow == Flow::kContinue) {
    const std::string prompt = typed ? Prompt(splitter) : std::string();
    output_.Flush();
    std::optional<std::string> line = reader.ReadLine(prompt);
    if (!line) break;
    ++line_number;
    if (!splitter.HasPendingText()) source_.line = line_number;
    if (typed) {
      reader.AddHistory(*line);
      output_.TeeOnly(prompt + *line + "\n");
    }
    for (const SplitItem& item : splitter.AddLine(*line)) {
      flow = Dispatch(item, splitter);
      source_.line = line_number;  // later statements on this line start here
      if (flow != Flow::kContinue) break;
    }
  }
  if (flow == Flow::kContinue) {
    if (std::optional<SplitItem> last = splitter.Finish()) flow = Dispatch(*last, splitter);
  }
  source_ = saved;
  return flow;
}

Shell::Flow Shell::Dispatch(const SplitItem& item, const StatementSplitter& splitter) {
  switch (item.command) {
    case ClientCommand::kNone: return RunStatement(item.text, item.vertical);
    case ClientCommand::kQuit: return Flow::kQuit;
    case ClientCommand::kUse: return UseDatabase(item.text);
    case ClientCommand::kSource: return SourceFile(item.text);
    case ClientCommand::kStatus: PrintStatus(splitter); return Flow::kContinue;
    case ClientCommand::kHelp: PrintHelp(); return Flow::kContinue;
    case ClientCommand::kPrint:
      Out("--------------\n" + item.text + (item.text.ends_with('\n') ? "" : "\n") +
          "--------------\n");
      return Flow::kContinue;
    case ClientCommand::kWarnings:
      show_warnings_ = true;
      Info("Show warnings enabled.");
      return Flow::kContinue;
    case ClientCommand::kNoWarnings:
      show_warnings_ = false;
      Info("Show warnings disabled.");
      return Flow::kContinue;
    case ClientCommand::kTee:
      // The mysql client ignores tee and pager in batch mode.
      if (!interactive_) return Flow::kContinue;
      if (!item.text.empty()) {
        SetTee(item.text);
      } else if (output_.tee_path().empty()) {
        Out("No previous outfile available, you must give a filename!\n");
      } else if (output_.teeing()) {
        Out("Currently logging to file '" + output_.tee_path() + "'\n");
      } else {
        SetTee(output_.tee_path());
      }
      return Flow::kContinue;
    case ClientCommand::kNoTee:
      output_.StopTee();
      Out("Outfile disabled.\n");
      return Flow::kContinue;
    case ClientCommand::kPager:
      if (interactive_) SetPager(item.text);
      return Flow::kContinue;
    case ClientCommand::kNoPager:
      output_.set_pager(std::nullopt);
      Out("PAGER set to stdout\n");
      return Flow::kContinue;
    case ClientCommand::kPrompt: SetPrompt(item.text); return Flow::kContinue;
    case ClientCommand::kRehash: LoadCompletionNames(false); return Flow::kContinue;
    case ClientCommand::kDelimiter:
      return item.error.empty() ? Flow::kContinue : ClientError(item.error);
    case ClientCommand::kError: return ClientError(item.error);
  }
  return Flow::kContinue;
}

Shell::Flow Shell::RunStatement(const std::string& sql, bool vertical) {
  if (sql.empty()) {
    if (!interactive_ || InFile()) return Flow::kContinue;
    return ClientError("No query specified\n");
  }
  if (!interactive_ && settings_.verbose >= 1) {
    Out("--------------\n" + sql + "\n--------------\n\n");
  }
  unsigned warning_count = 0;
  const client::ClientStatus status = ExecuteAndPrint(sql, vertical, &warning_count);
  const Flow flow = status.ok() ? Flow::kContinue : ServerError(status);
  // As the mysql client: the warnings follow the summary, or the error.
  if (show_warnings_ && (warning_count > 0 || !status.ok())) PrintWarnings(status.code());
  return flow;
}

client::ClientStatus Shell::ExecuteAndPrint(const std::string& sql, bool vertical,
                                            unsigned* warning_count) {
  const Clock::time_point start = Clock::now();
  client::ClientStatus status = connection_.Query(sql);
  while (status.ok()) {
    ErrorOr<client::StatementOutcome> outcome = connection_.ReadOutcome();
    if (!outcome.ok()) return outcome.status();
    *warning_count = outcome->warning_count;
    NoteDatabaseChange();
    PrintOutcome(*outcome, vertical, SecondsSince(start));
    if (!connection_.MoreResults()) break;
    status = connection_.NextResult();
  }
  return status;
}

void Shell::NoteDatabaseChange() {
  const char* name = nullptr;
  size_t length = 0;
  if (mysql_session_track_get_first(connection_.native_handle(), SESSION_TRACK_SCHEMA, &name,
                                    &length) == 0) {
    database_.assign(name, length);
  }
}

void Shell::PrintOutcome(client::StatementOutcome& outcome, bool vertical, double elapsed) {
  StatementSummary summary;
  summary.affected_rows = outcome.affected_rows;
  summary.warning_count = outcome.warning_count;
  summary.info = outcome.info;
  if (outcome.result_set) {
    summary.has_result_set = true;
    summary.row_count = outcome.result_set->row_count();
    if (summary.row_count != 0) {
      const TableData table = TableFromResult(*outcome.result_set);
      const int silence = settings_.silent + (interactive_ ? 0 : 1);
      if (vertical || settings_.layout == OutputLayout::kVertical) {
        output_.Paged(FormatVertical(table, settings_.column_names));
      } else if (settings_.layout == OutputLayout::kTable || !BatchOutput()) {
        output_.Paged(FormatBoxed(table, settings_.column_names));
      } else {
        output_.Paged(FormatTabSeparated(table, settings_.column_names && silence < 2, settings_.raw));
      }
    }
  }
  const bool summaries = interactive_ ? settings_.silent == 0 && !InFile() : settings_.verbose >= 3;
  if (summaries) Out(FormatSummary(summary, elapsed));
}

void Shell::PrintWarnings(unsigned error_code) {
  ErrorOr<client::StatementOutcome> outcome = connection_.Execute("SHOW WARNINGS");
  if (!outcome.ok() || !outcome->result_set) return;
  std::string text;
  size_t rows = 0;
  bool only_the_error = false;
  while (std::optional<client::Row> row = outcome->result_set->FetchRow()) {
    if (row->size() < 3) continue;
    auto field = [&](size_t index) { return std::string((*row)[index].value_or("NULL")); };
    only_the_error = ++rows == 1 && error_code != 0 && field(1) == std::to_string(error_code);
    text += field(0) + " (Code " + field(1) + "): " + field(2) + "\n";
  }
  if (rows == 0 || (rows == 1 && only_the_error)) return;
  output_.Paged(text);
}

Shell::Flow Shell::UseDatabase(const std::string& database) {
  client::ClientStatus status = connection_.SelectDatabase(database);
  if (!status.ok()) return ServerError(status);
  const bool changed = database != database_;
  database_ = database;
  if (changed && settings_.auto_rehash) LoadCompletionNames(true);
  Info("Database changed");
  return Flow::kContinue;
}

void Shell::SetTee(const std::string& path) {
  output_.StopTee();
  if (!output_.StartTee(path)) {
    Out("Error logging to file '" + path + "'\n");
    return;
  }
  output_.Screen("Logging to file '" + path + "'\n");
}

void Shell::SetPager(const std::string& command) {
  if (!command.empty()) {
    default_pager_ = command;
  } else if (default_pager_.empty()) {
    output_.set_pager(std::nullopt);
    Out("Default pager wasn't set, using stdout.\n");
    return;
  }
  output_.set_pager(default_pager_);
  Out("PAGER set to '" + default_pager_ + "'\n");
}

void Shell::SetPrompt(const std::string& format) {
  prompt_counter_ = 0;
  if (format.empty()) {
    prompt_format_ = kDefaultPrompt;
    Out("Returning to default PROMPT of " + prompt_format_ + "\n");
  } else {
    prompt_format_ = format;
    Out("PROMPT set to '" + prompt_format_ + "'\n");
  }
}

Shell::Flow Shell::SourceFile(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "r"));
  if (file == nullptr) {
    return ClientError("Failed to open file '" + path + "', error: " + std::to_string(errno));
  }
  FileLineReader reader(file.get());
  return RunLines(reader, path);
}

Shell::Flow Shell::ServerError(const client::ClientStatus& status) {
  std::string text = "ERROR " + std::to_string(status.code());
  if (!status.sqlstate().empty()) text += " (" + status.sqlstate() + ")";
  if ((!interactive_ || InFile()) && settings_.line_numbers && source_.line > 0) {
    text += " at line " + std::to_string(source_.line);
    if (InFile()) text += " in file: '" + source_.file_name + "'";
  }
  if (interactive_ && settings_.beep) output_.Screen("\a");
  Err(text + ": " + status.message() + "\n");
  return AfterError();
}

Shell::Flow Shell::ClientError(std::string_view message) {
  if (!interactive_ || InFile()) {
    std::string text = "ERROR";
    if (settings_.line_numbers && source_.line > 0) text += " at line " + std::to_string(source_.line);
    if (InFile()) text += " in file: '" + source_.file_name + "'";
    Err(text + ": " + std::string(message) + "\n");
  } else {
    if (settings_.beep) output_.Screen("\a");
    Err("ERROR: \n" + std::string(message) + "\n");
  }
  return AfterError();
}

Shell::Flow Shell::AfterError() {
  // Errors inside a sourced file are reported and the file goes on, as the stock client does.
  if (interactive_ || InFile()) return Flow::kContinue;
  if (settings_.force) return Flow::kContinue;  // --force: exit 0, as the stock client does
  had_error_ = true;
  return Flow::kStop;
}

void Shell::PrintStatus(const StatementSplitter& splitter) {
  // "limit 1" as the mysql client writes it: immune to a small sql_select_limit.
  auto first_row = [&](std::string_view sql, size_t columns) {
    std::vector<std::string> values(columns);
    ErrorOr<client::StatementOutcome> outcome = connection_.Execute(sql);
    if (!outcome.ok() || !outcome->result_set) return values;
    if (std::optional<client::Row> row = outcome->result_set->FetchRow()) {
      for (size_t i = 0; i < columns && i < row->size(); ++i) {
        values[i] = std::string((*row)[i].value_or(""));
      }
    }
    return values;
  };
  const uint64_t insert_id = mysql_insert_id(connection_.native_handle());
  const std::vector<std::string> who = first_row("select DATABASE(), USER() limit 1", 2);
  const std::string socket = connection_.unix_socket();
  const std::string cipher = connection_.tls_cipher();
  std::string text = "--------------\n" + VersionLine("porpoise") + "\n\n";
  text += "Connection id:\t\t" + std::to_string(connection_.connection_id()) + "\n";
  text += "Current database:\t" + who[0] + "\n";
  text += "Current user:\t\t" + who[1] + "\n";
  text += "SSL:\t\t\t" + (cipher.empty() ? std::string("Not in use") : "Cipher in use is " + cipher) + "\n";
  text += "Current pager:\t\t" + output_.pager().value_or("stdout") + "\n";
  text += "Using outfile:\t\t'" + (output_.teeing() ? output_.tee_path() : std::string()) + "'\n";
  text += "Using delimiter:\t" + splitter.delimiter() + "\n";
  text += "Server version:\t\t" + ServerVersionText() + "\n";
  text += "Protocol version:\t" + std::to_string(connection_.protocol_version()) + "\n";
  text += "Connection:\t\t" + connection_.host_info() + "\n";
  if (insert_id != 0) text += "Insert id:\t\t" + std::to_string(insert_id) + "\n";
  const std::vector<std::string> charsets = first_row(
      "select @@character_set_client, @@character_set_connection, @@character_set_server, "
      "@@character_set_database limit 1", 4);
  text += "Server characterset:\t" + charsets[2] + "\n";
  text += "Db     characterset:\t" + charsets[3] + "\n";
  text += "Client characterset:\t" + charsets[0] + "\n";
  text += "Conn.  characterset:\t" + charsets[1] + "\n";
  if (!socket.empty()) {
    text += "UNIX socket:\t\t" + socket + "\n";
  } else {
    text += "TCP port:\t\t" + std::to_string(connection_.port()) + "\n";
  }
  if (ErrorOr<std::string> statistics = connection_.Statistics(); statistics.ok()) {
    auto [uptime, rest] = SplitUptime(*statistics);
    if (uptime >= 0) text += "Uptime:\t\t\t" + WholeSeconds(uptime) + "\n";
    text += "\n" + rest + "\n";
  }
  if (settings_.safe_updates) {
    text += "\nSafe updates are on (--safe-updates):\n"
            "an UPDATE or DELETE needs a key column in its WHERE clause, or a LIMIT;\n"
            "a SELECT without LIMIT returns at most " + std::to_string(settings_.select_limit) +
            " rows;\n"
            "a join may examine at most " + std::to_string(settings_.max_join_size) +
            " row combinations.\n\n";
  }
  Out(text + "--------------\n\n");
}

void Shell::PrintHelp() {
  Out("\nList of all client commands:\n"
      "Note that all text commands must be first on line and end with ';'\n"
      "?         (\\?) Synonym for `help'.\n"
      "clear     (\\c) Clear the current input statement.\n"
      "delimiter (\\d) Set statement delimiter.\n"
      "ego       (\\G) Send command to server, display result vertically.\n"
      "exit      (\\q) Exit porpoise. Same as quit.\n"
      "go        (\\g) Send command to server.\n"
      "help      (\\h) Display this help.\n"
      "nopager   (\\n) Results to stdout again, not through the pager.\n"
      "notee     (\\t) Stop copying output to the tee file.\n"
      "nowarning (\\w) Don't show warnings after every statement.\n"
      "pager     (\\P) Pipe results through a command (interactive): pager less -S.\n"
      "               Without one: the --pager or $PAGER command.\n"
      "print     (\\p) Print current command.\n"
      "prompt    (\\R) Set the prompt; alone: back to the default.\n"
      "quit      (\\q) Quit porpoise.\n"
      "rehash    (\\#) Reload the names Tab completes.\n"
      "source    (\\.) Execute an SQL script file. Takes a file name as an argument.\n"
      "status    (\\s) Get status information from the server.\n"
      "tee       (\\T) Append all output to a file (interactive); alone: the last file.\n"
      "use       (\\u) Use another database. Takes database name as argument.\n"
      "warnings  (\\W) Show warnings after every statement.\n\n"
      "Prompt escapes: \\u user, \\U user@host, \\h host, \\p port or socket, \\d database,\n"
      "\\v server version, \\C connection id, \\c statement counter, \\D date, \\w weekday,\n"
      "\\Y \\y year, \\o \\O month, \\R \\r hour, \\m minutes, \\s seconds, \\P am/pm,\n"
      "\\l delimiter, \\n newline, \\t tab, \\_ space, \\S semicolon, \\\\ backslash.\n\n");
}

}  // namespace porpoise::cli
