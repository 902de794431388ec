// MySQL host-pattern matching for account rows and grants. (auth/)
#pragma once

#include <string>
#include <string_view>

namespace porpoise::auth {

// Where a connection comes from.
struct ClientAddress {
  bool unix_socket = false;  // connected over the unix socket: matches the host 'localhost'
  std::string ip;            // textual peer address for TCP ("10.0.0.5", "::1"); IPv4-mapped
                             // IPv6 addresses are given in their IPv4 form
};

// True when `pattern` (an account's Host column) admits `client`:
//  - "localhost" matches the unix socket and loopback TCP (127.0.0.1, ::1);
//  - an IP or name compares case-insensitively to the client's IP;
//  - '%' and '_' are LIKE wildcards ('\\' escapes them); "%" matches everything;
//  - "a.b.c.d/m.m.m.m" matches IPv4 addresses with ip & mask == a.b.c.d.
bool HostMatches(std::string_view pattern, const ClientAddress& client);

// MySQL-style LIKE match with '%' and '_' (and '\\' escape), case-insensitive for ASCII.
bool WildcardMatch(std::string_view pattern, std::string_view text);

// WildcardMatch with a choice of case sensitivity (database names in mysql.db compare
// case-sensitively, as with lower_case_table_names=0).
bool WildcardMatch(std::string_view pattern, std::string_view text, bool case_sensitive);
// True when `pattern` holds an unescaped '%' or '_'.
bool HasWildcard(std::string_view pattern);

// Sort key for host specificity: lower is more specific (exact host < wildcard < "%"/"").
int HostSpecificity(std::string_view pattern);

}  // namespace porpoise::auth
