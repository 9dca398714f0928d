#pragma once
// Before any test: is this target usable? Each role's token is accepted and names a distinct user,
// and HOST may broadcast and has no live stream of its own (a stream the suite did not create is
// never touched). An unusable target is one line naming the token, the reason and (for a live
// stream) its id, and exit code 2, instead of a hundred failures that blame the server.

#include "core/result.h"

namespace contract {

struct Suite;

// The user id of each role (given, or the JWT's subject) into suite.user_ids; each token is
// accepted by the server.
lsm::Status checkRoles(Suite& suite);
// HOST may broadcast and has no live stream (one create, removed at once; skipped when writes
// are not allowed). Run after the sweep of what earlier runs left.
lsm::Status checkHost(Suite& suite);

}  // namespace contract
