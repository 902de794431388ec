// StatementSplitter: cuts the shell's input lines into statements and client commands the way
// the mysql client does: the delimiter (`;` or as set by `delimiter`), \g and \G end a statement
// only outside quotes, backticks and comments; `quit`, `use db`, `source f`, `tee f`, `pager
// cmd`, `prompt str`, ... and \q \u \. \c \s \h \T \P \R ... are the client's own commands.
// (cli/)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::cli {

enum class ClientCommand {
  kNone,        // `text` is a statement for the server
  kQuit,        // quit, exit, \q
  kUse,         // use db, \u db: `text` is the database name (unquoted)
  kStatus,      // status, \s
  kSource,      // source file, \. file: `text` is the path
  kDelimiter,   // delimiter X, \d X: already applied unless `error` is set
  kHelp,        // help, ?, \h, \?
  kPrint,       // print, \p: `text` is the pending statement
  kWarnings,    // warnings, \W: show warnings after every statement
  kNoWarnings,  // nowarning, \w
  kTee,         // tee [file], \T: `text` is the file name ("": the previous one)
  kNoTee,       // notee, \t
  kPager,       // pager [command], \P: `text` is the command ("": the default pager)
  kNoPager,     // nopager, \n
  kPrompt,      // prompt [text], \R: `text` is the prompt as typed ("": the default)
  kRehash,      // rehash, \#: reload the names completion offers
  kError,       // a malformed command: `error` says what is wrong
};

struct SplitItem {
  ClientCommand command = ClientCommand::kNone;
  // The statement without its terminator and outer whitespace (may be empty: "No query
  // specified"), or the command's argument.
  std::string text;
  bool vertical = false;   // the statement ended with \G
  std::string error;       // for kError and a rejected kDelimiter
};

class StatementSplitter {
 public:
  StatementSplitter() = default;

  // Feeds one input line without its line ending; returns the statements and commands the
  // line completed, in order. A kQuit item is always last (the rest of the line is ignored).
  std::vector<SplitItem> AddLine(std::string_view line);
  // End of input: the unterminated statement if there is one (the mysql client runs it).
  std::optional<SplitItem> Finish();

  // True while a statement is being continued (the shell shows the continuation prompt).
  bool HasPendingText() const { return !pending_.empty() || state_ != State::kCode; }
  const std::string& pending_text() const { return pending_; }
  // '\'', '"' or '`' inside that quote, '*' inside a /* comment, 0 otherwise.
  char OpenQuote() const;
  const std::string& delimiter() const { return delimiter_; }
  // Drops the pending statement (\c).
  void Clear();

 private:
  enum class State { kCode, kSingleQuote, kDoubleQuote, kBacktick, kComment, kVersionComment };
  struct Scan;  // per-line scanning position and output

  bool TryLineCommand(std::string_view line, std::vector<SplitItem>& items);
  void EndStatement(bool vertical, std::vector<SplitItem>& items);
  // Handles "\X" at line[position]; returns false when scanning must stop (quit).
  bool HandleBackslash(std::string_view line, size_t& position, std::vector<SplitItem>& items);
  bool InQuote() const;
  void Append(char c);
  SplitItem ApplyDelimiter(std::string_view argument);

  std::string pending_;
  std::string delimiter_ = ";";
  State state_ = State::kCode;
};

}  // namespace porpoise::cli
