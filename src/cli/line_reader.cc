// Line input: plain FILE* reading, libedit line editing with history, the password prompt.
// (cli/)
#include "cli/line_reader.h"

#include <editline/readline.h>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>

namespace porpoise::cli {
namespace {

struct FreeDeleter {
  void operator()(char* text) const { std::free(text); }  // readline's lines are malloc'ed
};

constexpr int kHistoryLines = 500;

// The one completer libedit's callbacks reach (its readline state is global too).
EditLineReader::Completer& ActiveCompleter() {
  static EditLineReader::Completer completer;
  return completer;
}

// rl_completion_matches calls this with state 0 first, then 1, 2, ... until it returns null;
// each word returned is malloc'ed and freed by libedit.
char* NextCompletion(const char* text, int state) {
  static std::vector<std::string> matches;
  static size_t next = 0;
  if (state == 0) {
    matches = ActiveCompleter() ? ActiveCompleter()(text) : std::vector<std::string>();
    next = 0;
  }
  if (next >= matches.size()) return nullptr;
  return strdup(matches[next++].c_str());
}

char** CompleteWord(const char* text, int /*start*/, int /*end*/) {
  rl_attempted_completion_over = 1;  // no file-name completion when nothing matches
  return rl_completion_matches(text, NextCompletion);
}

char* NoCompletion(const char* /*text*/, int /*state*/) { return nullptr; }

// readline() prints the prompt and only then, when it reads the first key, takes the terminal
// out of canonical mode. Keys typed in between meet the kernel's line discipline instead of
// libedit: echoed by the kernel, and its editing characters taken by it (Ctrl-R reprints the
// line, Ctrl-W, Ctrl-U, Ctrl-V, Ctrl-O), so they never reach libedit. This hook runs after
// readline() has set up the terminal and before the prompt: libedit's own editing mode is on
// when the prompt appears. (TCSADRAIN, as libedit always: nothing typed ahead is discarded.)
int EnterEditingMode() {
  rl_prep_terminal(1);
  return 0;
}

// Closes a file descriptor when it goes out of scope.
class ScopedFd {
 public:
  explicit ScopedFd(int fd) : fd_(fd) {}
  ~ScopedFd() {
    if (fd_ >= 0) close(fd_);
  }
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string ReadLineFromFd(int fd) {
  std::string line;
  char c = 0;
  while (read(fd, &c, 1) == 1 && c != '\n') {
    if (c != '\r') line.push_back(c);
  }
  return line;
}

}  // namespace

std::optional<std::string> FileLineReader::ReadLine(const std::string&) {
  std::string line;
  int c = 0;
  bool any = false;
  while ((c = std::fgetc(file_)) != EOF) {
    any = true;
    if (c == '\n') break;
    line.push_back(static_cast<char>(c));
  }
  if (!any) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

EditLineReader::EditLineReader(std::string history_path) : history_path_(std::move(history_path)) {
  rl_readline_name = "porpoise";
  rl_attempted_completion_function = CompleteWord;
  rl_completion_entry_function = NoCompletion;
  rl_pre_input_hook = EnterEditingMode;
  rl_initialize();
  // Ctrl-R: the incremental backwards history search (libedit's emacs map redraws instead);
  // then ~/.editrc again, so that the user's own bindings win.
  rl_parse_and_bind("bind ^R em-inc-search-prev");
  rl_read_init_file(nullptr);
  using_history();
  stifle_history(kHistoryLines);
  if (!history_path_.empty()) read_history(history_path_.c_str());
}

EditLineReader::~EditLineReader() {
  if (history_path_.empty()) return;
  write_history(history_path_.c_str());
  history_truncate_file(history_path_.c_str(), kHistoryLines);
}

std::optional<std::string> EditLineReader::ReadLine(const std::string& prompt) {
  std::unique_ptr<char, FreeDeleter> line(readline(prompt.c_str()));
  if (line == nullptr) return std::nullopt;
  return std::string(line.get());
}

void EditLineReader::SetCompleter(Completer completer) { ActiveCompleter() = std::move(completer); }

void EditLineReader::AddHistory(const std::string& line) {
  if (!line.empty()) add_history(line.c_str());
}

std::string DefaultHistoryPath() {
  if (const char* path = std::getenv("PORPOISE_HISTFILE"); path != nullptr) {
    const std::string value = path;
    return value == "/dev/null" ? std::string() : value;
  }
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return std::string();
  return std::string(home) + "/.porpoise_history";
}

std::string ReadPassword(const std::string& prompt) {
  ScopedFd tty(open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC));
  if (tty.get() < 0) return ReadLineFromFd(STDIN_FILENO);
  if (write(tty.get(), prompt.data(), prompt.size()) < 0) return std::string();
  termios saved{};
  const bool have_termios = tcgetattr(tty.get(), &saved) == 0;
  if (have_termios) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(tty.get(), TCSAFLUSH, &quiet);
  }
  std::string password = ReadLineFromFd(tty.get());
  if (have_termios) tcsetattr(tty.get(), TCSAFLUSH, &saved);
  if (write(tty.get(), "\n", 1) < 0) return password;
  return password;
}

}  // namespace porpoise::cli
