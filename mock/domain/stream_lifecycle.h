#pragma once
// The stream state machine, in one place:
//   scheduled -> active -> ended,  scheduled -> cancelled,  active -> cancelled.
// Anything else is a conflict (409).

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

bool canTransition(StreamStatus from, StreamStatus to);
// Moves `st` to `to` at `now`, stamping startedAt / endedAt / updatedAt; kConflict otherwise.
Status transition(Stream& st, StreamStatus to, Millis now);

}  // namespace lsm
