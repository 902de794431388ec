// ROLES_GRAPHML()'s document: nodes for every account, edges from grantee to role with the
// admin option as their "color", XML entities escaped.
#include "engine/roles_graphml.h"

#include <gtest/gtest.h>

namespace porpoise::engine {
namespace {

auth::Account Account(std::string user, std::string host) {
  auth::Account account;
  account.user = std::move(user);
  account.host = std::move(host);
  return account;
}

auth::RoleEdge Grant(std::string role, std::string user, bool admin) {
  auth::RoleEdge edge;
  edge.role_user = std::move(role);
  edge.role_host = "%";
  edge.user = std::move(user);
  edge.host = "%";
  edge.admin = admin;
  return edge;
}

TEST(RolesGraphmlTest, NodesForAccountsAndEdgesFromGranteeToRole) {
  auth::AccountSnapshot snapshot({Account("r1", "%"), Account("u<1>", "%")}, {}, {}, {},
                                 {Grant("r1", "u<1>", true)});
  std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      "  <key id=\"key0\" for=\"edge\" attr.name=\"color\" attr.type=\"int\" />\n"
      "  <key id=\"key1\" for=\"node\" attr.name=\"name\" attr.type=\"string\" />\n"
      "  <graph id=\"G\" edgedefault=\"directed\" parse.nodeids=\"canonical\" "
      "parse.edgeids=\"canonical\" parse.order=\"nodesfirst\">\n"
      "    <node id=\"n0\">\n"
      "      <data key=\"key1\">`r1`@`%`</data>\n"
      "    </node>\n"
      "    <node id=\"n1\">\n"
      "      <data key=\"key1\">`u&lt;1&gt;`@`%`</data>\n"
      "    </node>\n"
      "    <edge id=\"e0\" source=\"n1\" target=\"n0\">\n"
      "      <data key=\"key0\">1</data>\n"
      "    </edge>\n"
      "  </graph>\n"
      "</graphml>\n";
  EXPECT_EQ(RolesGraphml(snapshot), expected);
}

TEST(RolesGraphmlTest, GrantsOfAccountsThatAreGoneAreLeftOut) {
  auth::AccountSnapshot snapshot({Account("u", "%")}, {}, {}, {}, {Grant("gone", "u", false)});
  std::string graph = RolesGraphml(snapshot);
  EXPECT_EQ(graph.find("<edge"), std::string::npos);
  EXPECT_NE(graph.find("`u`@`%`"), std::string::npos);
}

}  // namespace
}  // namespace porpoise::engine
