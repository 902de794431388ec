// main() of the `porpoise` client: options, password prompt, connect, then the shell in
// interactive or batch mode. (cli/)
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cli/client_options.h"
#include "cli/line_reader.h"
#include "cli/shell.h"

namespace {

constexpr const char* kProgramName = "porpoise";

int RunClient(const porpoise::cli::ClientSettings& settings) {
  using porpoise::cli::Shell;
  // As the mysql client: batch when either end is not a terminal, or -e / -B.
  const bool interactive = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 &&
                           !settings.execute && !settings.batch;
  porpoise::client::ConnectOptions options = settings.connect;
  options.interactive = interactive;
  if (settings.prompt_password) options.password = porpoise::cli::ReadPassword("Enter password: ");
  porpoise::client::ErrorOr<porpoise::client::Connection> connection =
      porpoise::client::Connection::Connect(options);
  if (!connection.ok()) {
    std::fprintf(stderr, "%s\n", connection.status().ToString().c_str());
    return 1;
  }
  Shell shell(*connection, settings, interactive);
  if (!shell.RunInitCommands()) return 1;
  if (settings.execute) return shell.RunText(*settings.execute);
  if (interactive) {
    shell.PrepareCompletion();
    shell.PrintBanner();
    porpoise::cli::EditLineReader reader(porpoise::cli::DefaultHistoryPath());
    reader.SetCompleter([&shell](std::string_view prefix) {
      return shell.completion().Matches(prefix);
    });
    return shell.Run(reader);
  }
  porpoise::cli::FileLineReader reader(stdin);
  return shell.Run(reader);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const porpoise::cli::ClientEnvironment environment = porpoise::cli::CurrentEnvironment();
  porpoise::Result<porpoise::cli::ClientSettings> settings =
      porpoise::cli::ResolveClientSettings(args, environment);
  if (!settings.ok()) {
    std::fprintf(stderr, "%s: %s\n", kProgramName, settings.status().message().c_str());
    return 2;
  }
  if (settings->print_help || settings->print_version) {
    std::string text = porpoise::cli::VersionLine(kProgramName) + "\n";
    if (settings->print_help) text += porpoise::cli::ClientUsage(kProgramName);
    std::fputs(text.c_str(), stdout);
    return 0;
  }
  return RunClient(*settings);
}
