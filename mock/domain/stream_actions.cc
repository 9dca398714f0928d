#include "domain/stream_actions.h"

#include "domain/stream_lifecycle.h"

namespace lsm {

namespace {

Result<Stream*> ownStream(State& s, const std::string& stream_id, const std::string& caller_id) {
  Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("stream " + stream_id + " does not exist");
  if (st->creator_id != caller_id) return Error::forbidden("only the stream's creator may do this");
  return st;
}

}  // namespace

Result<const Stream*> cancelLiveStream(State& s, const std::string& stream_id,
                                       const std::string& caller_id, Millis now) {
  auto st = ownStream(s, stream_id, caller_id);
  if (!st) return st.error();
  if (auto moved = transition(**st, StreamStatus::kCancelled, now); !moved) return moved.error();
  return static_cast<const Stream*>(*st);
}

Status deleteLiveStream(State& s, const std::string& stream_id, const std::string& caller_id,
                        Millis now) {
  auto st = ownStream(s, stream_id, caller_id);
  if (!st) return st.error();
  if ((*st)->status == StreamStatus::kActive) {
    return Error::conflict("the stream is active: end it first");
  }
  (*st)->deleted_at = now;
  (*st)->updated_at = now;
  return okStatus();
}

}  // namespace lsm
