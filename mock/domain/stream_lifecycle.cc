#include "domain/stream_lifecycle.h"

#include <string>

namespace lsm {

bool canTransition(StreamStatus from, StreamStatus to) {
  switch (from) {
    case StreamStatus::kScheduled:
      return to == StreamStatus::kActive || to == StreamStatus::kCancelled;
    case StreamStatus::kActive:
      return to == StreamStatus::kEnded || to == StreamStatus::kCancelled;
    case StreamStatus::kEnded:
    case StreamStatus::kCancelled:
      return false;
  }
  return false;
}

Status transition(Stream& st, StreamStatus to, Millis now) {
  if (!canTransition(st.status, to)) {
    return Error::conflict(std::string("stream is ") + toString(st.status) + " and cannot become " +
                           toString(to));
  }
  if (to == StreamStatus::kActive) st.started_at = now;
  if (to == StreamStatus::kEnded) st.ended_at = now;
  st.status = to;
  st.updated_at = now;
  return okStatus();
}

}  // namespace lsm
