// Prompt expansion: the mysql client's prompt escapes (\u user, \h host, \d database, \p port
// or socket, \D date, \R \m \s time parts, \v server version, \c counter, ...) turned into the
// text shown before each statement. (cli/)
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

namespace porpoise::cli {

// The prompt the shell shows when no other is set.
inline constexpr std::string_view kDefaultPrompt = "porpoise> ";

// What the escapes read: facts about the connection and the shell.
struct PromptFacts {
  std::string user;            // USER(): "root@localhost" (\U whole, \u before the '@')
  std::string host_info;       // "Localhost via UNIX socket", "127.0.0.1 via TCP/IP"
  std::string local_host;      // this machine's name, for \H over a local connection
  std::string database;        // "" when none (\d shows "(none)")
  unsigned port = 0;           // \p over TCP
  std::string socket;          // \p over a unix socket: the file name without its folder
  std::string server_version;  // \v
  uint64_t connection_id = 0;  // \C
  std::string delimiter = ";";  // \l
};

// Expands `format` for the time `now` (local time). \c adds one to *counter first and shows
// it, as the mysql client counts each prompt it builds. An unknown escape stands for its
// letter, as in the mysql client (so "\\" is a backslash); a trailing lone backslash is kept.
std::string ExpandPrompt(std::string_view format, const PromptFacts& facts, const std::tm& now,
                         uint64_t* counter);

// True when expanding `format` needs PromptFacts::user (\u or \U), which costs a query.
bool PromptNeedsUser(std::string_view format);

}  // namespace porpoise::cli
