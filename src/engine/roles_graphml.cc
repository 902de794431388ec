// ROLES_GRAPHML()'s document (roles_graphml.h). (engine/)
#include "engine/roles_graphml.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "common/strings.h"

namespace porpoise::engine {

namespace {

// Text as GraphML data: the five XML entities escaped.
std::string Escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// The node number of the account `user`@`host` (hosts compare case-insensitively).
std::optional<size_t> NodeOf(const std::vector<auth::Account>& accounts, std::string_view user,
                             std::string_view host) {
  for (size_t index = 0; index < accounts.size(); ++index) {
    if (accounts[index].user == user && EqualsIgnoreCase(accounts[index].host, host)) return index;
  }
  return std::nullopt;
}

}  // namespace

std::string RolesGraphml(const auth::AccountSnapshot& snapshot) {
  const std::vector<auth::Account>& accounts = snapshot.accounts();
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      "  <key id=\"key0\" for=\"edge\" attr.name=\"color\" attr.type=\"int\" />\n"
      "  <key id=\"key1\" for=\"node\" attr.name=\"name\" attr.type=\"string\" />\n"
      "  <graph id=\"G\" edgedefault=\"directed\" parse.nodeids=\"canonical\" "
      "parse.edgeids=\"canonical\" parse.order=\"nodesfirst\">\n";
  for (size_t index = 0; index < accounts.size(); ++index) {
    out += "    <node id=\"n" + std::to_string(index) + "\">\n";
    out += "      <data key=\"key1\">" +
           Escaped("`" + accounts[index].user + "`@`" + accounts[index].host + "`") + "</data>\n";
    out += "    </node>\n";
  }
  struct Edge {
    size_t from, to;
    bool admin;
  };
  std::vector<Edge> edges;
  for (const auth::RoleEdge& grant : snapshot.role_edges()) {
    std::optional<size_t> grantee = NodeOf(accounts, grant.user, grant.host);
    std::optional<size_t> role = NodeOf(accounts, grant.role_user, grant.role_host);
    if (grantee && role) edges.push_back({*grantee, *role, grant.admin});
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
    return std::pair(a.from, a.to) < std::pair(b.from, b.to);
  });
  for (size_t index = 0; index < edges.size(); ++index) {
    out += "    <edge id=\"e" + std::to_string(index) + "\" source=\"n" +
           std::to_string(edges[index].from) + "\" target=\"n" + std::to_string(edges[index].to) +
           "\">\n";
    out += std::string("      <data key=\"key0\">") + (edges[index].admin ? "1" : "0") + "</data>\n";
    out += "    </edge>\n";
  }
  out += "  </graph>\n</graphml>\n";
  return out;
}

}  // namespace porpoise::engine
