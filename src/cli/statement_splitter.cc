// StatementSplitter: the mysql client's input rules for statements and client commands. (cli/)
#include "cli/statement_splitter.h"
#include "common/strings.h"

#include <array>
#include <cctype>

namespace porpoise::cli {
namespace {

struct NamedCommand {
  std::string_view name;
  ClientCommand command;
  bool takes_argument;
};

// Commands recognised by name at the start of a line or as a whole delimited statement.
constexpr std::array<NamedCommand, 17> kNamedCommands = {{
    {"quit", ClientCommand::kQuit, false},
    {"exit", ClientCommand::kQuit, false},
    {"use", ClientCommand::kUse, true},
    {"status", ClientCommand::kStatus, false},
    {"source", ClientCommand::kSource, true},
    {"delimiter", ClientCommand::kDelimiter, true},
    {"help", ClientCommand::kHelp, true},
    {"?", ClientCommand::kHelp, true},
    {"print", ClientCommand::kPrint, false},
    {"warnings", ClientCommand::kWarnings, false},
    {"nowarning", ClientCommand::kNoWarnings, false},
    {"tee", ClientCommand::kTee, true},
    {"notee", ClientCommand::kNoTee, false},
    {"pager", ClientCommand::kPager, true},
    {"nopager", ClientCommand::kNoPager, false},
    {"prompt", ClientCommand::kPrompt, true},
    {"rehash", ClientCommand::kRehash, false},
}};

// The named command for `command`.
const NamedCommand& CommandEntry(ClientCommand command) {
  for (const NamedCommand& entry : kNamedCommands) {
    if (entry.command == command) return entry;
  }
  return kNamedCommands[0];
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string_view TrimLeft(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  return text;
}

std::string_view Trim(std::string_view text) {
  text = TrimLeft(text);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Splits "word rest" at the first blank.
std::pair<std::string_view, std::string_view> FirstWord(std::string_view text) {
  text = TrimLeft(text);
  size_t end = 0;
  while (end < text.size() && !IsSpace(text[end])) ++end;
  return {text.substr(0, end), Trim(text.substr(end))};
}

const NamedCommand* FindNamedCommand(std::string_view word) {
  for (const NamedCommand& command : kNamedCommands) {
    if (EqualsIgnoreCase(word, command.name)) return &command;
  }
  return nullptr;
}

// The first argument as the mysql client reads it: a quoted string without its quotes
// ('x', "x" or `x`) or the text up to the first blank.
std::string FirstArgument(std::string_view text) {
  text = TrimLeft(text);
  if (text.empty()) return std::string();
  const char quote = text.front();
  if (quote == '\'' || quote == '"' || quote == '`') {
    const size_t close = text.find(quote, 1);
    return std::string(text.substr(1, close == std::string_view::npos ? close : close - 1));
  }
  return std::string(FirstWord(text).first);
}

}  // namespace

char StatementSplitter::OpenQuote() const {
  switch (state_) {
    case State::kSingleQuote: return '\'';
    case State::kDoubleQuote: return '"';
    case State::kBacktick: return '`';
    case State::kComment:
    case State::kVersionComment: return '*';
    case State::kCode: return 0;
  }
  return 0;
}

void StatementSplitter::Clear() {
  pending_.clear();
  state_ = State::kCode;
}

bool StatementSplitter::InQuote() const {
  return state_ == State::kSingleQuote || state_ == State::kDoubleQuote ||
         state_ == State::kBacktick;
}

void StatementSplitter::Append(char c) { pending_.push_back(c); }

SplitItem StatementSplitter::ApplyDelimiter(std::string_view argument) {
  SplitItem item{ClientCommand::kDelimiter, FirstArgument(argument), false, {}};
  if (item.text.empty()) {
    item.error = "DELIMITER must be followed by a 'delimiter' character or string";
  } else if (item.text.find('\\') != std::string::npos) {
    item.error = "DELIMITER cannot contain a backslash character";
  } else {
    delimiter_ = item.text;
  }
  return item;
}

namespace {

// The item for named command `command` with argument text `argument`.
SplitItem NamedCommandItem(const NamedCommand& command, std::string_view argument,
                           std::string_view delimiter, const std::string& pending) {
  SplitItem item{command.command, {}, false, {}};
  switch (command.command) {
    case ClientCommand::kUse:
      item.text = FirstArgument(argument);
      if (item.text.empty()) {
        item.command = ClientCommand::kError;
        item.error = "USE must be followed by a database name";
      }
      break;
    case ClientCommand::kSource: {
      std::string_view path = Trim(argument);
      if (path.ends_with(delimiter)) path = Trim(path.substr(0, path.size() - delimiter.size()));
      item.text = std::string(path);
      break;
    }
    case ClientCommand::kPrint: item.text = pending; break;
    case ClientCommand::kPrompt: {
      // Everything after the blank that follows the command word, trailing blanks included
      // ("prompt \\u> " keeps its last space), as the mysql client takes it.
      if (!argument.empty() && IsSpace(argument.front())) argument.remove_prefix(1);
      item.text = std::string(argument);
      break;
    }
    default: item.text = std::string(Trim(argument)); break;
  }
  return item;
}

}  // namespace

bool StatementSplitter::TryLineCommand(std::string_view line, std::vector<SplitItem>& items) {
  const std::string_view text = Trim(line);
  const auto [word, rest] = FirstWord(text);
  const NamedCommand* command = FindNamedCommand(word);
  if (command == nullptr) return false;
  if (command->command != ClientCommand::kDelimiter &&
      (text.find("\\g") != std::string_view::npos ||
       text.find(delimiter_) != std::string_view::npos)) {
    return false;  // a statement on this line: the delimiter decides
  }
  if (!command->takes_argument && !rest.empty()) return false;
  if (command->command == ClientCommand::kDelimiter) {
    items.push_back(ApplyDelimiter(rest));
  } else if (command->command == ClientCommand::kPrompt) {
    // The line as typed after the command word: the prompt may end in blanks.
    const std::string_view typed = TrimLeft(line).substr(word.size());
    items.push_back(NamedCommandItem(*command, typed, delimiter_, pending_));
  } else {
    items.push_back(NamedCommandItem(*command, rest, delimiter_, pending_));
  }
  return true;
}

void StatementSplitter::EndStatement(bool vertical, std::vector<SplitItem>& items) {
  std::string text(Trim(pending_));
  pending_.clear();
  if (!vertical) {
    // "use db;", "quit;", "source f;": a whole statement naming a client command.
    const auto [word, rest] = FirstWord(text);
    const NamedCommand* command = FindNamedCommand(word);
    if (command != nullptr && (command->takes_argument || rest.empty())) {
      if (command->command == ClientCommand::kDelimiter) {
        items.push_back(ApplyDelimiter(rest));
      } else {
        items.push_back(NamedCommandItem(*command, rest, delimiter_, text));
      }
      return;
    }
  }
  items.push_back(SplitItem{ClientCommand::kNone, std::move(text), vertical, {}});
}

bool StatementSplitter::HandleBackslash(std::string_view line, size_t& position,
                                        std::vector<SplitItem>& items) {
  if (position + 1 >= line.size()) {
    Append('\\');
    ++position;
    return true;
  }
  const char letter = line[position + 1];
  position += 2;
  switch (letter) {
    case 'g': EndStatement(false, items); return true;
    case 'G': EndStatement(true, items); return true;
    case 'c': pending_.clear(); return true;
    case 'q': items.push_back(SplitItem{ClientCommand::kQuit, {}, false, {}}); return false;
    case 's': items.push_back(SplitItem{ClientCommand::kStatus, {}, false, {}}); return true;
    case 'h':
    case '?': items.push_back(SplitItem{ClientCommand::kHelp, {}, false, {}}); return true;
    case 'p': items.push_back(SplitItem{ClientCommand::kPrint, pending_, false, {}}); return true;
    case 'W': items.push_back(SplitItem{ClientCommand::kWarnings, {}, false, {}}); return true;
    case 'w': items.push_back(SplitItem{ClientCommand::kNoWarnings, {}, false, {}}); return true;
    case 't': items.push_back(SplitItem{ClientCommand::kNoTee, {}, false, {}}); return true;
    case 'n': items.push_back(SplitItem{ClientCommand::kNoPager, {}, false, {}}); return true;
    case '#': items.push_back(SplitItem{ClientCommand::kRehash, {}, false, {}}); return true;
    case 'u':
    case '.':
    case 'T':
    case 'P':
    case 'R':
    case 'd': {
      // The argument runs to the delimiter or the end of the line.
      size_t end = line.find(delimiter_, position);
      const std::string_view argument =
          line.substr(position, end == std::string_view::npos ? end : end - position);
      position = end == std::string_view::npos ? line.size() : end + delimiter_.size();
      if (letter == 'd') {
        items.push_back(ApplyDelimiter(argument));
      } else {
        const ClientCommand command = letter == 'u'   ? ClientCommand::kUse
                                      : letter == '.' ? ClientCommand::kSource
                                      : letter == 'T' ? ClientCommand::kTee
                                      : letter == 'P' ? ClientCommand::kPager
                                                      : ClientCommand::kPrompt;
        items.push_back(NamedCommandItem(CommandEntry(command), argument, delimiter_, pending_));
      }
      return true;
    }
    default:
      items.push_back(SplitItem{ClientCommand::kError, {}, false,
                                std::string("Unknown command '\\") + letter + "'."});
      Append('\\');
      Append(letter);
      return true;
  }
}

std::vector<SplitItem> StatementSplitter::AddLine(std::string_view line) {
  std::vector<SplitItem> items;
  if (pending_.empty() && state_ == State::kCode && TryLineCommand(line, items)) return items;
  size_t position = 0;
  while (position < line.size()) {
    const char c = line[position];
    const char next = position + 1 < line.size() ? line[position + 1] : '\0';
    if (InQuote()) {
      Append(c);
      ++position;
      const char quote = OpenQuote();
      if (c == '\\' && quote != '`' && position < line.size()) {
        Append(line[position++]);  // an escaped character never closes the string
      } else if (c == quote) {
        state_ = State::kCode;
      }
      continue;
    }
    if (state_ == State::kComment || state_ == State::kVersionComment) {
      const bool closes = c == '*' && next == '/';
      if (state_ == State::kVersionComment) {
        Append(c);
        if (closes) Append('/');
      }
      position += closes ? 2 : 1;
      if (closes) state_ = State::kCode;
      continue;
    }
    if (c == '\\') {
      if (!HandleBackslash(line, position, items)) return items;
      continue;
    }
    if (line.substr(position).starts_with(delimiter_)) {
      position += delimiter_.size();
      EndStatement(false, items);
      const auto [word, rest] = FirstWord(line.substr(position));
      if (EqualsIgnoreCase(word, "delimiter")) {
        items.push_back(ApplyDelimiter(rest));
        return items;
      }
      continue;
    }
    if (c == '#' || (c == '-' && next == '-' &&
                     (position + 2 >= line.size() || IsSpace(line[position + 2])))) {
      break;  // a comment to the end of the line
    }
    if (c == '/' && next == '*') {
      const char third = position + 2 < line.size() ? line[position + 2] : '\0';
      if (third == '!' || third == '+') {
        state_ = State::kVersionComment;  // executable comment and optimizer hints are kept
        pending_ += "/*";
      } else {
        state_ = State::kComment;
        if (!pending_.empty() && !IsSpace(pending_.back())) Append(' ');
      }
      position += 2;
      continue;
    }
    ++position;
    if (pending_.empty() && IsSpace(c)) continue;
    if (c == '\'') state_ = State::kSingleQuote;
    if (c == '"') state_ = State::kDoubleQuote;
    if (c == '`') state_ = State::kBacktick;
    Append(c);
  }
  if (!pending_.empty()) Append('\n');
  return items;
}

std::optional<SplitItem> StatementSplitter::Finish() {
  std::string text(Trim(pending_));
  Clear();
  if (text.empty()) return std::nullopt;
  return SplitItem{ClientCommand::kNone, std::move(text), false, {}};
}

}  // namespace porpoise::cli
