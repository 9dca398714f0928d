#pragma once
// In front of a real server (--proxy), the mock answers what the real server lacks from its own
// state; the records the real server's answers showed (proxy/recorder.h) are merged in first, so
// such an answer knows the real users, streams and chat: the caller's own user among them.
// Only records the state does not have are added (by id); what the state has, it keeps.

#include "domain/model.h"

namespace lsm {

// Adds to `into` every user, stream, chat message and follow of `seen` it does not have.
// Returns how many records were added.
size_t mergeSeenRecords(State& into, const State& seen);

}  // namespace lsm
