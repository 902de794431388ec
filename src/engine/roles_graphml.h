// ROLES_GRAPHML()'s document: the graph of accounts and the roles granted to them, in the
// GraphML MySQL writes (Boost's write_graphml over its role graph). (engine/)
#pragma once

#include <string>

#include "auth/account.h"

namespace porpoise::engine {

// What an account without ROLE_ADMIN or SUPER gets: a document with no graph.
inline constexpr char kEmptyRolesGraphml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><graphml />";

// Every account and role of `snapshot` is a node named `user`@`host`, in the snapshot's order;
// each granted role is an edge from the grantee to the role whose "color" is 1 when it was
// granted WITH ADMIN OPTION, else 0, ordered by grantee then role.
std::string RolesGraphml(const auth::AccountSnapshot& snapshot);

}  // namespace porpoise::engine
