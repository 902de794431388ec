// Prompt expansion with the mysql client's escapes. (cli/)
#include "cli/prompt.h"

#include <array>
#include <span>

namespace porpoise::cli {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
                                                   "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// `value` with at least two digits.
std::string TwoDigits(int value) {
  return (value >= 0 && value < 10 ? "0" : "") + std::to_string(value);
}

std::string_view NameAt(std::span<const std::string_view> names, int index) {
  return index >= 0 && static_cast<size_t>(index) < names.size() ? names[index] : "?";
}

// The date as ctime(3) writes it, without the line end: "Wed Jun 30 21:49:08 1993".
std::string CtimeText(const std::tm& now) {
  std::string day = std::to_string(now.tm_mday);
  if (day.size() < 2) day.insert(0, " ");
  return std::string(NameAt(kDays, now.tm_wday)) + " " +
         std::string(NameAt(kMonths, now.tm_mon)) + " " + day + " " + TwoDigits(now.tm_hour) +
         ":" + TwoDigits(now.tm_min) + ":" + TwoDigits(now.tm_sec) + " " +
         std::to_string(now.tm_year + 1900);
}

// \h and \H: the host part of the connection's description, "localhost" (or, for \H, this
// machine's name) over a local connection.
std::string HostText(const PromptFacts& facts, bool machine_name) {
  if (facts.host_info.find("Localhost") != std::string::npos) {
    return machine_name && !facts.local_host.empty() ? facts.local_host : "localhost";
  }
  return facts.host_info.substr(0, facts.host_info.find(' '));
}

std::string PortText(const PromptFacts& facts) {
  if (facts.host_info.find("TCP/IP") != std::string::npos || facts.socket.empty()) {
    return std::to_string(facts.port);
  }
  const size_t slash = facts.socket.rfind('/');
  return slash == std::string::npos ? facts.socket : facts.socket.substr(slash + 1);
}

}  // namespace

bool PromptNeedsUser(std::string_view format) {
  for (size_t i = 0; i + 1 < format.size(); ++i) {
    if (format[i] != '\\') continue;
    if (format[i + 1] == 'u' || format[i + 1] == 'U') return true;
    ++i;  // skip the escaped character ("\\u" is a backslash and a u)
  }
  return false;
}

std::string ExpandPrompt(std::string_view format, const PromptFacts& facts, const std::tm& now,
                         uint64_t* counter) {
  std::string text;
  for (size_t i = 0; i < format.size(); ++i) {
    const char c = format[i];
    if (c != '\\' || i + 1 == format.size()) {
      text.push_back(c);
      continue;
    }
    const char escape = format[++i];
    switch (escape) {
      case 'c': text += std::to_string(++*counter); break;
      case 'C': text += std::to_string(facts.connection_id); break;
      case 'd': text += facts.database.empty() ? "(none)" : facts.database; break;
      case 'D': text += CtimeText(now); break;
      case 'h': text += HostText(facts, false); break;
      case 'H': text += HostText(facts, true); break;
      case 'l': text += facts.delimiter; break;
      case 'm': text += TwoDigits(now.tm_min); break;
      case 'n': text.push_back('\n'); break;
      case 'O': text += NameAt(kMonths, now.tm_mon); break;
      case 'o': text += std::to_string(now.tm_mon + 1); break;
      case 'P': text += now.tm_hour < 12 ? "am" : "pm"; break;
      case 'p': text += PortText(facts); break;
      case 'R': text += TwoDigits(now.tm_hour); break;
      case 'r': text += TwoDigits(now.tm_hour % 12 == 0 ? 12 : now.tm_hour % 12); break;
      case 'S': text.push_back(';'); break;
      case 's': text += TwoDigits(now.tm_sec); break;
      case 't': text.push_back('\t'); break;
      case 'U': text += facts.user.empty() ? "(unknown)" : facts.user; break;
      case 'u': {
        const std::string user = facts.user.substr(0, facts.user.find('@'));
        text += user.empty() ? "(unknown)" : user;
        break;
      }
      case 'v': text += facts.server_version; break;
      case 'w': text += NameAt(kDays, now.tm_wday); break;
      case 'Y': text += std::to_string(now.tm_year + 1900); break;
      case 'y': text += TwoDigits(now.tm_year % 100); break;
      case '_': text.push_back(' '); break;
      default: text.push_back(escape); break;  // \\ \' \" "\ " and any other letter
    }
  }
  return text;
}

}  // namespace porpoise::cli
