// MySQL host-pattern matching: localhost, IPs and names, LIKE wildcards, IPv4 netmasks, and the
// specificity order in which account rows are tried. (auth/)
#include "auth/host_match.h"
#include "common/strings.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstdint>
#include <optional>

namespace porpoise::auth {
namespace {

char Fold(char c, bool case_sensitive) {
  return case_sensitive ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Iterative LIKE matcher with backtracking to the last '%': linear in practice, no recursion.
bool Like(std::string_view pattern, std::string_view text, bool case_sensitive) {
  size_t p = 0, t = 0;
  std::optional<size_t> star_p, star_t;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '%') {
      star_p = ++p;
      star_t = t;
      continue;
    }
    if (p < pattern.size()) {
      bool escaped = pattern[p] == '\\' && p + 1 < pattern.size();
      char pc = escaped ? pattern[p + 1] : pattern[p];
      if ((!escaped && pc == '_') || Fold(pc, case_sensitive) == Fold(text[t], case_sensitive)) {
        p += escaped ? 2 : 1;
        ++t;
        continue;
      }
    }
    if (!star_p) return false;
    p = *star_p;
    t = ++*star_t;
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

std::optional<uint32_t> ParseIpv4(std::string_view text) {
  std::string copy(text);
  in_addr address{};
  if (inet_pton(AF_INET, copy.c_str(), &address) != 1) return std::nullopt;
  return ntohl(address.s_addr);
}

// "a.b.c.d/m.m.m.m" or "a.b.c.d/len" against an IPv4 client.
std::optional<bool> NetmaskMatch(std::string_view pattern, std::string_view ip) {
  size_t slash = pattern.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::optional<uint32_t> network = ParseIpv4(pattern.substr(0, slash));
  std::string_view mask_text = pattern.substr(slash + 1);
  std::optional<uint32_t> mask = ParseIpv4(mask_text);
  if (!mask && !mask_text.empty() && mask_text.size() <= 2 &&
      mask_text.find_first_not_of("0123456789") == std::string_view::npos) {
    int length = std::stoi(std::string(mask_text));
    if (length <= 32) mask = length == 0 ? 0u : ~uint32_t{0} << (32 - length);
  }
  if (!network || !mask) return std::nullopt;
  std::optional<uint32_t> client = ParseIpv4(ip);
  if (!client) return false;
  return (*client & *mask) == *network;
}

bool IsLoopback(std::string_view ip) {
  if (ip == "::1") return true;
  std::optional<uint32_t> v4 = ParseIpv4(ip);
  return v4 && (*v4 >> 24) == 127;
}

}  // namespace

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  return Like(pattern, text, false);
}

bool WildcardMatch(std::string_view pattern, std::string_view text, bool case_sensitive) {
  return Like(pattern, text, case_sensitive);
}

bool HasWildcard(std::string_view pattern) {
  for (size_t index = 0; index < pattern.size(); ++index) {
    if (pattern[index] == '\\') {
      ++index;
    } else if (pattern[index] == '%' || pattern[index] == '_') {
      return true;
    }
  }
  return false;
}

bool HostMatches(std::string_view pattern, const ClientAddress& client) {
  if (pattern.empty() || pattern == "%") return true;
  if (client.unix_socket) {
    // A socket client's host name is "localhost" and it has no IP.
    return WildcardMatch(pattern, "localhost");
  }
  if (std::optional<bool> netmask = NetmaskMatch(pattern, client.ip)) return *netmask;
  if (EqualsIgnoreCase(pattern, "localhost")) return IsLoopback(client.ip);
  if (WildcardMatch(pattern, client.ip)) return true;
  // A loopback client also goes by "localhost" (its reverse lookup), so "local%" admits it.
  return IsLoopback(client.ip) && HasWildcard(pattern) && WildcardMatch(pattern, "localhost");
}

int HostSpecificity(std::string_view pattern) {
  constexpr int kAnyHost = 1 << 20;
  constexpr int kWildcardBase = 1 << 16;
  if (pattern.empty() || pattern == "%") return kAnyHost;
  for (size_t index = 0; index < pattern.size(); ++index) {
    if (pattern[index] == '\\') {
      ++index;
    } else if (pattern[index] == '%' || pattern[index] == '_') {
      // The longer the literal prefix, the more specific: "10.0.0.%" before "10.%".
      int prefix = static_cast<int>(index < 0xffff ? index : 0xffff);
      return kWildcardBase + (0xffff - prefix);
    }
  }
  return 0;
}

}  // namespace porpoise::auth
