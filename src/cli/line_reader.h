// LineReader: where the shell's input lines come from: the terminal through libedit (line
// editing and a history file) or any FILE* read plainly (batch input, source files). (cli/)
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace porpoise::cli {

class LineReader {
 public:
  virtual ~LineReader() = default;
  // The next line without its line ending; nullopt at end of input.
  virtual std::optional<std::string> ReadLine(const std::string& prompt) = 0;
  // Remembers a line for the history (no-op when there is none).
  virtual void AddHistory(const std::string& line) = 0;
};

// Reads `file` (not owned; must outlive the reader), ignoring prompts.
class FileLineReader : public LineReader {
 public:
  explicit FileLineReader(std::FILE* file) : file_(file) {}
  std::optional<std::string> ReadLine(const std::string& prompt) override;
  void AddHistory(const std::string&) override {}

 private:
  std::FILE* file_;
};

// The terminal through libedit's readline interface. Loads `history_path` at construction and
// writes it back on destruction (empty path: no history file). Tab completes the word before
// the cursor with the completer's words; Ctrl-R searches the history backwards as you type
// (libedit's em-inc-search-prev), Esc-p for a line starting with what is typed
// (ed-search-prev-history); ~/.editrc may bind keys otherwise. The terminal leaves canonical
// mode before the prompt is printed, so keys typed right after it are libedit's. One per
// process: libedit's readline state is global.
class EditLineReader : public LineReader {
 public:
  // The words that complete `prefix`.
  using Completer = std::function<std::vector<std::string>(std::string_view prefix)>;

  explicit EditLineReader(std::string history_path);
  ~EditLineReader() override;
  EditLineReader(const EditLineReader&) = delete;
  EditLineReader& operator=(const EditLineReader&) = delete;

  std::optional<std::string> ReadLine(const std::string& prompt) override;
  void AddHistory(const std::string& line) override;
  // Replaces the completer (none at first: Tab completes nothing).
  void SetCompleter(Completer completer);

 private:
  std::string history_path_;
};

// ~/.porpoise_history, or $PORPOISE_HISTFILE when set ("" or /dev/null: no history file).
std::string DefaultHistoryPath();

// Asks for a password on the terminal without echo ("Enter password: "); reads stdin when
// there is no terminal.
std::string ReadPassword(const std::string& prompt);

}  // namespace porpoise::cli
