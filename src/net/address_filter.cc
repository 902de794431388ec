// AddressFilter: parsing of allow-lists and the prefix match. (net/)
#include "net/address_filter.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <optional>

namespace porpoise::net {
namespace {

struct Address {
  bool v6 = false;
  std::array<uint8_t, 16> bytes{};
};

// A textual address as inet_pton reads it; IPv4-mapped IPv6 as IPv4.
std::optional<Address> ParseAddress(std::string_view text) {
  std::string copy(text);
  Address address;
  if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) == 1) return address;
  if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(address.bytes.data(), kMappedPrefix, sizeof kMappedPrefix) == 0) {
    std::memmove(address.bytes.data(), address.bytes.data() + 12, 4);
    std::memset(address.bytes.data() + 4, 0, 12);
    return address;
  }
  address.v6 = true;
  return address;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

Status BadEntry(std::string_view entry, std::string_view why) {
  return Status::WithMessage(ER_UNKNOWN_ERROR, "'" + std::string(entry) + "' " + std::string(why));
}

// True when the first `prefix` bits of a and b agree.
bool PrefixEqual(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& b,
                 unsigned prefix) {
  unsigned whole = prefix / 8;
  if (std::memcmp(a.data(), b.data(), whole) != 0) return false;
  unsigned rest = prefix % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (a[whole] & mask) == (b[whole] & mask);
}

}  // namespace

Result<AddressFilter> AddressFilter::Parse(std::string_view list) {
  AddressFilter filter;
  if (Trim(list).empty()) return filter;
  while (true) {
    size_t comma = list.find(',');
    std::string_view entry = Trim(list.substr(0, comma));
    if (entry.empty()) return BadEntry(list, "has an empty entry");
    std::string_view address_text = entry;
    std::optional<unsigned> prefix;
    if (size_t slash = entry.find('/'); slash != std::string_view::npos) {
      address_text = entry.substr(0, slash);
      std::string_view bits = entry.substr(slash + 1);
      unsigned value = 0;
      auto [end, error] = std::from_chars(bits.data(), bits.data() + bits.size(), value);
      if (bits.empty() || error != std::errc() || end != bits.data() + bits.size()) {
        return BadEntry(entry, "has no valid prefix length after '/'");
      }
      prefix = value;
    }
    std::optional<Address> address = ParseAddress(address_text);
    if (!address) return BadEntry(entry, "is not an IPv4 or IPv6 address or network");
    unsigned width = address->v6 ? 128 : 32;
    // A mapped entry's prefix counts the 96 bits of ::ffff:0:0/96 too.
    if (prefix && !address->v6 && address_text.find(':') != std::string_view::npos) {
      if (*prefix < 96) return BadEntry(entry, "has a prefix length shorter than its mapping");
      *prefix -= 96;
    }
    if (prefix && *prefix > width) return BadEntry(entry, "has a prefix length too long");
    Network network;
    network.v6 = address->v6;
    network.bytes = address->bytes;
    network.prefix = prefix.value_or(width);
    filter.networks_.push_back(network);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return filter;
}

bool AddressFilter::Admits(std::string_view ip) const {
  if (networks_.empty()) return true;
  std::optional<Address> address = ParseAddress(ip);
  if (!address) return false;
  for (const Network& network : networks_) {
    if (network.v6 == address->v6 && PrefixEqual(network.bytes, address->bytes, network.prefix)) {
      return true;
    }
  }
  return false;
}

}  // namespace porpoise::net
