// ShellOutput: where the shell's output goes: stdout and stderr, a copy of both in the tee
// file (`tee`, --tee), and result tables and warnings through the pager (`pager`, --pager),
// one pager process per statement as the mysql client runs it. (cli/)
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace porpoise::cli {

class ShellOutput {
 public:
  ShellOutput() = default;
  ShellOutput(const ShellOutput&) = delete;
  ShellOutput& operator=(const ShellOutput&) = delete;

  void Out(std::string_view text);    // stdout, and the tee file
  void Err(std::string_view text);    // stderr (stdout flushed first), and the tee file
  void Paged(std::string_view text);  // through the pager when one is set, and the tee file
  void TeeOnly(std::string_view text);  // only the tee file (the echoed prompt and input)
  void Screen(std::string_view text);   // only stdout (tee's own messages)
  void Flush();

  // Appends to `path` from now on (creating it), instead of any earlier file. False, with
  // errno set, when it cannot be opened.
  bool StartTee(const std::string& path);
  void StopTee();
  bool teeing() const { return tee_ != nullptr; }
  // The last file given to StartTee, kept after StopTee ("" before any).
  const std::string& tee_path() const { return tee_path_; }
  // Writes nothing to the tee file while off (batch mode, as the mysql client).
  void set_tee_writes(bool on) { tee_writes_ = on; }

  // nullopt: results go to stdout.
  void set_pager(std::optional<std::string> command) { pager_ = std::move(command); }
  const std::optional<std::string>& pager() const { return pager_; }

 private:
  struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  void Tee(std::string_view text);

  std::unique_ptr<std::FILE, FileCloser> tee_;
  std::string tee_path_;
  bool tee_writes_ = true;
  std::optional<std::string> pager_;
};

}  // namespace porpoise::cli
