// Shell: runs the mysql-like session over one connection: reads lines, splits statements,
// executes them and prints results, errors and client-command output as the mysql client
// does, in interactive or batch mode. (cli/)
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "cli/client_options.h"
#include "cli/completion.h"
#include "cli/line_reader.h"
#include "cli/shell_output.h"
#include "cli/statement_splitter.h"
#include "client/connection.h"

namespace porpoise::cli {

class Shell {
 public:
  // `connection` and `settings` must outlive the Shell. `interactive`: a person at a terminal
  // (banner, prompts, summaries, errors do not stop the session).
  Shell(client::Connection& connection, const ClientSettings& settings, bool interactive);
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  // Runs --init-command and the SET of --safe-updates; prints the first error and returns
  // false when one fails (the mysql client then gives up the connection).
  bool RunInitCommands();
  // Interactive with --auto-rehash: reads the names Tab completes, before the banner.
  void PrepareCompletion();
  void PrintBanner();
  // Runs every line of `reader` until end of input, `quit`, or (batch mode, no --force) the
  // first error. Returns the process exit code: 0, or 1 after an error.
  int Run(LineReader& reader);
  // Runs the statements of -e TEXT (batch rules).
  int RunText(std::string_view text);
  // The words Tab offers for a prefix.
  const CompletionWords& completion() const { return completion_; }

 private:
  enum class Flow { kContinue, kQuit, kStop };
  struct Source {  // where the current lines come from, for error messages
    std::string file_name;  // empty: stdin, the terminal or -e
    size_t line = 0;        // line the current statement started on
  };

  Flow RunLines(LineReader& reader, const std::string& file_name);
  Flow Dispatch(const SplitItem& item, const StatementSplitter& splitter);
  Flow RunStatement(const std::string& sql, bool vertical);
  // Sends `sql` and prints each of its results; the error that ended it, if any.
  client::ClientStatus ExecuteAndPrint(const std::string& sql, bool vertical,
                                       unsigned* warning_count);
  void PrintOutcome(client::StatementOutcome& outcome, bool vertical, double elapsed);
  // SHOW WARNINGS, unless its one row is the error `error_code` just printed.
  void PrintWarnings(unsigned error_code);
  Flow UseDatabase(const std::string& database);
  Flow SourceFile(const std::string& path);
  void PrintStatus(const StatementSplitter& splitter);
  void PrintHelp();
  std::string Prompt(const StatementSplitter& splitter);
  void NoteDatabaseChange();  // the default database the server reported changing
  void LoadCompletionNames(bool announce);
  std::string ServerVersionText();  // "8.4.3-porpoise Porpoise": version and its comment
  void SetTee(const std::string& path);
  void SetPager(const std::string& command);
  void SetPrompt(const std::string& format);

  Flow ServerError(const client::ClientStatus& status);
  Flow ClientError(std::string_view message);
  Flow AfterError();
  void Info(std::string_view text);  // informational lines: only in interactive, non-silent
  void Out(std::string_view text);
  void Err(std::string_view text);

  bool BatchOutput() const { return !interactive_ || settings_.silent > 0; }
  bool InFile() const { return !source_.file_name.empty(); }

  client::Connection& connection_;
  const ClientSettings& settings_;
  const bool interactive_;
  bool show_warnings_;
  bool had_error_ = false;
  Source source_;
  ShellOutput output_;
  std::string default_pager_;       // what `pager` alone goes back to
  std::string prompt_format_;       // with the mysql client's escapes
  uint64_t prompt_counter_ = 0;     // \c
  std::string database_;            // the default database, for \d
  std::optional<std::string> user_;  // USER(), read when a prompt first needs it
  CompletionWords completion_;
};

// "porpoise  Ver 0.1.0 for Linux on x86_64 (Porpoise; libmariadb 3.3.20)".
std::string VersionLine(std::string_view program_name);

}  // namespace porpoise::cli
