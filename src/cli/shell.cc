// Shell: the read-split-execute-print loop and the client commands of the porpoise cli. (cli/)
#include "cli/shell.h"

#include <sys/utsname.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

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
      show_warnings_(settings.show_warnings) {}

void Shell::Out(std::string_view text) { std::fwrite(text.data(), 1, text.size(), stdout); }

void Shell::Err(std::string_view text) {
  std::fflush(stdout);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

void Shell::Info(std::string_view text) {
  if (interactive_ && !InFile() && settings_.silent == 0) Out(std::string(text) + "\n");
}

void Shell::PrintBanner() {
  ErrorOr<std::optional<std::string>> comment =
      connection_.QueryScalar("select @@version_comment limit 1");
  std::string version = connection_.server_version();
  if (comment.ok() && comment->has_value() && !(*comment)->empty()) version += " " + **comment;
  Out("Welcome to the Porpoise monitor.  Commands end with ; or \\g.\n");
  Out("Your MySQL connection id is " + std::to_string(connection_.connection_id()) + "\n");
  Out("Server version: " + version + "\n\n");
  Out("Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n");
}

std::string Shell::Prompt(const StatementSplitter& splitter) const {
  switch (splitter.OpenQuote()) {
    case '\'': return "    '> ";
    case '"': return "    \"> ";
    case '`': return "    `> ";
    case '*': return "   /*> ";
    default: return splitter.HasPendingText() ? "    -> " : "porpoise> ";
  }
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
  while (flow == Flow::kContinue) {
    std::optional<std::string> line = reader.ReadLine(Prompt(splitter));
    if (!line) break;
    ++line_number;
    if (!splitter.HasPendingText()) source_.line = line_number;
    if (interactive_ && file_name.empty()) reader.AddHistory(*line);
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
  const Clock::time_point start = Clock::now();
  client::ClientStatus status = connection_.Query(sql);
  if (!status.ok()) return ServerError(status);
  while (true) {
    ErrorOr<client::StatementOutcome> outcome = connection_.ReadOutcome();
    if (!outcome.ok()) return ServerError(outcome.status());
    PrintOutcome(*outcome, vertical, SecondsSince(start));
    if (!connection_.MoreResults()) break;
    status = connection_.NextResult();
    if (!status.ok()) return ServerError(status);
  }
  if (show_warnings_) PrintWarnings();
  return Flow::kContinue;
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
        Out(FormatVertical(table, settings_.column_names));
      } else if (settings_.layout == OutputLayout::kTable || !BatchOutput()) {
        Out(FormatBoxed(table, settings_.column_names));
      } else {
        Out(FormatTabSeparated(table, settings_.column_names && silence < 2, settings_.raw));
      }
    }
  }
  const bool summaries = interactive_ ? settings_.silent == 0 && !InFile() : settings_.verbose >= 3;
  if (summaries) Out(FormatSummary(summary, elapsed));
}

void Shell::PrintWarnings() {
  ErrorOr<client::StatementOutcome> outcome = connection_.Execute("SHOW WARNINGS");
  if (!outcome.ok() || !outcome->result_set) return;
  while (std::optional<client::Row> row = outcome->result_set->FetchRow()) {
    if (row->size() < 3) continue;
    auto text = [&](size_t index) { return std::string((*row)[index].value_or("NULL")); };
    Out(text(0) + " (Code " + text(1) + "): " + text(2) + "\n");
  }
}

Shell::Flow Shell::UseDatabase(const std::string& database) {
  client::ClientStatus status = connection_.SelectDatabase(database);
  if (!status.ok()) return ServerError(status);
  Info("Database changed");
  return Flow::kContinue;
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
  if (interactive_ && settings_.beep) Out("\a");
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
    if (settings_.beep) Out("\a");
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
  ErrorOr<client::StatementOutcome> who = connection_.Execute("select DATABASE(), USER() limit 1");
  std::string database;
  std::string user;
  if (who.ok() && who->result_set) {
    if (std::optional<client::Row> row = who->result_set->FetchRow(); row && row->size() >= 2) {
      database = std::string((*row)[0].value_or(""));
      user = std::string((*row)[1].value_or(""));
    }
  }
  const std::string socket = connection_.unix_socket();
  const std::string cipher = connection_.tls_cipher();
  std::string text = "--------------\n" + VersionLine("porpoise") + "\n\n";
  text += "Connection id:\t\t" + std::to_string(connection_.connection_id()) + "\n";
  text += "Current database:\t" + database + "\n";
  text += "Current user:\t\t" + user + "\n";
  text += "SSL:\t\t\t" + (cipher.empty() ? std::string("Not in use") : "Cipher in use is " + cipher) + "\n";
  text += "Using delimiter:\t" + splitter.delimiter() + "\n";
  text += "Server version:\t\t" + connection_.server_version() + "\n";
  text += "Protocol version:\t" + std::to_string(connection_.protocol_version()) + "\n";
  text += "Connection:\t\t" + connection_.host_info() + "\n";
  text += "Conn.  characterset:\t" + connection_.character_set() + "\n";
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
      "nowarning (\\w) Don't show warnings after every statement.\n"
      "print     (\\p) Print current command.\n"
      "quit      (\\q) Quit porpoise.\n"
      "source    (\\.) Execute an SQL script file. Takes a file name as an argument.\n"
      "status    (\\s) Get status information from the server.\n"
      "use       (\\u) Use another database. Takes database name as argument.\n"
      "warnings  (\\W) Show warnings after every statement.\n\n");
}

}  // namespace porpoise::cli
