#pragma once
// What a stream's creator may do to it besides creating it: cancel it, soft-delete it.

#include <string>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

// Moves the stream to `cancelled` through the state machine.
// Errors: 404 no such (or a deleted) stream, 403 the caller is not its creator, 409 it is ended or
// cancelled already.
Result<const Stream*> cancelLiveStream(State& s, const std::string& stream_id,
                                       const std::string& caller_id, Millis now);

// Soft-deletes the stream: it keeps its record but State::liveStream no longer finds it.
// Errors: 404 no such (or a deleted) stream, 403 the caller is not its creator, 409 it is active
// (end it first).
Status deleteLiveStream(State& s, const std::string& stream_id, const std::string& caller_id,
                        Millis now);

}  // namespace lsm
