// String helpers shared by every layer: ASCII case (MySQL keywords, identifiers, option and
// variable names compare case-insensitively in ASCII), joining. (common/)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace porpoise {

inline char ToLowerAsciiChar(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
inline char ToUpperAsciiChar(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLowerAsciiChar(a[i]) != ToLowerAsciiChar(b[i])) return false;
  }
  return true;
}

inline std::string ToLowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToLowerAsciiChar(c);
  return out;
}

inline std::string ToUpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToUpperAsciiChar(c);
  return out;
}

// Bytes as an SQL hexadecimal literal, X'4142', which carries any bytes through a statement.
inline std::string SqlHexLiteral(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out = "X'";
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out + "'";
}

// `parts` with `separator` between each two.
inline std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.append(separator);
    out += parts[i];
  }
  return out;
}

}  // namespace porpoise
