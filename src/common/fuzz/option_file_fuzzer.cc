// Fuzz target: the my.cnf reader porpoised and the porpoise client run on start-up. The input
// is written to a file in a private temporary folder and read with ReadOptionFiles as
// --defaults-file would name it, so `!include` and `!includedir` reach real files: the
// folder holds a few option files of its own (one including another, one including itself,
// one world-writable, a conf.d/ folder with a file that is not *.cnf), and the input may
// include them or itself. (common/fuzz)
//
// Checked: reading the file and parsing its text (ParseOptionFileText) agree, warnings too;
// every option read has a canonical name (lower case, '_' for '-', no white space) and an
// origin "file:line" naming a file of the folder; ResolveOptions against a table of
// server-like options gives each a known name and a boolean "ON" or "OFF".
//
// Include targets that are absolute or climb out with ".." are not followed: the target
// would read whatever the machine holds (and a fuzzer running as root could reach devices
// or /proc). Such inputs are skipped whole.
#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/option_file.h"

namespace porpoise {
namespace {

const std::vector<std::string> kServerGroups = {"mysqld", "server", "mysqld-8.4", "porpoised"};
const std::vector<std::string> kClientGroups = {"client", "porpoise", "mysql"};

// A few of porpoised's options, of each shape ResolveOptions tells apart.
constexpr OptionSpec kSpecs[] = {
    {"port", true, false, 'P', false},
    {"bind_address", true, false, 0, false},
    {"datadir", true, false, 0, false},
    {"socket", true, false, 'S', false},
    {"log_error", true, true, 0, false},
    {"password", true, true, 'p', false},
    {"skip_networking", false, false, 0, true},
    {"general_log", false, false, 0, true},
    {"console", false, false, 0, true},
    {"help", false, false, '?', false},
    {"verbose", false, false, 'v', false},
};

[[noreturn]] void Fail(const char* what, std::string_view detail) {
  std::fprintf(stderr, "option_file_fuzzer: %s: %.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

void Check(bool condition, const char* what, std::string_view detail) {
  if (!condition) Fail(what, detail);
}

bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// The folder and its fixed files, made once and removed at exit.
class Folder {
 public:
  Folder() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "porpoise-optfuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) Fail("cannot make a temporary folder", pattern);
    root_ = pattern;
    Write("a.cnf", "[mysqld]\nport = 3307\n!include b.cnf\n[client]\nuser=a\n");
    Write("b.cnf", "[porpoised]\nloose-allow-from = 10.0.0.0/8\nskip-networking\n");
    Write("self.cnf", "[server]\ndatadir=/tmp/x\n!include self.cnf\n");
    Write("conf.d/10-first.cnf", "[mysqld]\nbind-address = 127.0.0.1\n");
    Write("conf.d/20-second.cnf", "[client]\nsocket = \"/run/x.sock\" # comment\n");
    Write("conf.d/ignored.txt", "[mysqld]\nport = 1\n");
    std::string writable = Write("conf.d/30-writable.cnf", "[mysqld]\nport = 2\n");
    ::chmod(writable.c_str(), 0666);
    main_ = root_ + "/main.cnf";
  }
  ~Folder() {
    std::error_code error;
    std::filesystem::remove_all(root_, error);
  }
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;

  std::string Write(const std::string& name, std::string_view text) const {
    std::string path = root_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    return path;
  }
  const std::string& root() const { return root_; }
  const std::string& main_file() const { return main_; }

 private:
  std::string root_;
  std::string main_;
};

// Whether a `!` line of `text` would leave the folder (see the header).
bool LeavesFolder(std::string_view text) {
  while (!text.empty()) {
    size_t newline = text.find('\n');
    std::string_view line = Trim(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (line.empty() || line.front() != '!') continue;
    if (line.find("..") != std::string_view::npos) return true;
    std::string_view rest = line.substr(1);
    while (!rest.empty() && !IsSpace(rest.front())) rest.remove_prefix(1);
    rest = Trim(rest);
    if (!rest.empty() && rest.front() == '/') return true;
  }
  return false;
}

void CheckOption(const OptionValue& option, const Folder& folder) {
  Check(!option.name.empty(), "empty option name", option.origin);
  for (char c : option.name) {
    Check(c != '-' && !IsSpace(c) && !(c >= 'A' && c <= 'Z'), "name not canonical", option.name);
  }
  size_t colon = option.origin.rfind(':');
  Check(colon != std::string::npos && option.origin.compare(0, folder.root().size(),
                                                             folder.root()) == 0,
        "origin outside the folder", option.origin);
  Check(colon + 1 < option.origin.size(), "origin without a line", option.origin);
}

bool SameOptions(const std::vector<OptionValue>& a, const std::vector<OptionValue>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].value != b[i].value || a[i].loose != b[i].loose ||
        a[i].origin != b[i].origin) {
      return false;
    }
  }
  return true;
}

void CheckResolved(const std::vector<OptionValue>& values) {
  std::vector<std::string> warnings;
  Result<std::vector<OptionValue>> resolved = ResolveOptions(values, kSpecs, &warnings);
  if (!resolved.ok()) return;
  for (const OptionValue& option : *resolved) {
    const OptionSpec* spec = FindOptionSpec(kSpecs, option.name);
    Check(spec != nullptr && spec->name == option.name, "resolved to an unknown name",
          option.name);
    if (spec->is_boolean) {
      Check(option.value == "ON" || option.value == "OFF", "boolean not ON/OFF", option.name);
    }
  }
}

}  // namespace
}  // namespace porpoise

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace porpoise;
  static Folder folder;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (LeavesFolder(text)) return 0;
  folder.Write("main.cnf", text);

  OptionFileSources sources;
  sources.defaults_file = folder.main_file();
  std::vector<std::string> warnings;
  Result<std::vector<OptionValue>> read = ReadOptionFiles(sources, kServerGroups, &warnings);
  std::vector<std::string> text_warnings;
  Result<std::vector<OptionValue>> parsed =
      ParseOptionFileText(text, folder.main_file(), kServerGroups, &text_warnings);
  Check(read.ok() == parsed.ok(), "reading the file and parsing its text disagree", text);
  if (read.ok()) {
    Check(SameOptions(*read, *parsed), "reading the file and parsing its text differ", text);
    Check(warnings == text_warnings, "warnings differ", text);
    for (const OptionValue& option : *read) CheckOption(option, folder);
    CheckResolved(*read);
  }
  // The client reads its own groups from the same files.
  Result<std::vector<OptionValue>> client = ReadOptionFiles(sources, kClientGroups, nullptr);
  if (client.ok()) {
    for (const OptionValue& option : *client) CheckOption(option, folder);
  }
  return 0;
}
