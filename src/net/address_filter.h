// AddressFilter: a list of IPv4/IPv6 addresses and CIDR networks that a peer address is
// checked against, for porpoised's allow-from option. Knows nothing of MySQL. (net/)
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace porpoise::net {

class AddressFilter {
 public:
  // An empty filter: admits every address.
  AddressFilter() = default;

  // `list`: comma-separated entries, each an address ("10.0.0.5", "fd00::7") or a network
  // ("10.0.0.0/24", "fd00::/64"); spaces around entries are ignored. An IPv4-mapped IPv6
  // entry ("::ffff:10.0.0.5") stands for its IPv4 address. An empty or all-space list is an
  // empty filter. Errors name the entry and what is wrong with it.
  static Result<AddressFilter> Parse(std::string_view list);

  bool empty() const { return networks_.empty(); }

  // True when the filter is empty or `ip` (a textual peer address as DescribePeer gives it,
  // IPv4-mapped IPv6 in IPv4 form) lies in one of its networks. An unparsable `ip` is not
  // admitted by a non-empty filter.
  bool Admits(std::string_view ip) const;

 private:
  struct Network {
    bool v6 = false;
    std::array<uint8_t, 16> bytes{};  // IPv4 in the first 4 bytes
    unsigned prefix = 0;              // leading bits that must match
  };

  std::vector<Network> networks_;
};

}  // namespace porpoise::net
