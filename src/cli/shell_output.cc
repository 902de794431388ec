// ShellOutput: stdout/stderr with the tee file and the pager. (cli/)
#include "cli/shell_output.h"

#include <csignal>

namespace porpoise::cli {
namespace {

void Write(std::FILE* file, std::string_view text) { std::fwrite(text.data(), 1, text.size(), file); }

// Ignores SIGPIPE while it lives: a pager that quits early (`head`, `q` in less) must not
// end the shell; the writes fail instead.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &saved_);
  }
  ~IgnoreSigpipe() { sigaction(SIGPIPE, &saved_, nullptr); }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  struct sigaction saved_ {};
};

}  // namespace

void ShellOutput::Tee(std::string_view text) {
  if (tee_ != nullptr && tee_writes_) Write(tee_.get(), text);
}

void ShellOutput::Out(std::string_view text) {
  Write(stdout, text);
  Tee(text);
}

void ShellOutput::Err(std::string_view text) {
  std::fflush(stdout);
  Write(stderr, text);
  std::fflush(stderr);
  Tee(text);
}

void ShellOutput::TeeOnly(std::string_view text) { Tee(text); }

void ShellOutput::Screen(std::string_view text) { Write(stdout, text); }

void ShellOutput::Flush() {
  std::fflush(stdout);
  if (tee_ != nullptr) std::fflush(tee_.get());
}

void ShellOutput::Paged(std::string_view text) {
  if (!pager_) {
    Out(text);
    return;
  }
  std::fflush(stdout);
  IgnoreSigpipe ignore;
  std::FILE* pipe = popen(pager_->c_str(), "w");
  if (pipe == nullptr) {
    Out("popen() failed! defaulting PAGER to stdout\n");
    pager_.reset();
    Out(text);
    return;
  }
  Write(pipe, text);
  pclose(pipe);
  Tee(text);
}

bool ShellOutput::StartTee(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "a");
  if (file == nullptr) return false;
  tee_.reset(file);
  tee_path_ = path;
  return true;
}

void ShellOutput::StopTee() { tee_.reset(); }

}  // namespace porpoise::cli
