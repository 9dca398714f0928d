#include "domain/stream_actions.h"
#include "domain/views.h"
#include "handlers/handler.h"

namespace lsm {

Result<Reply> cancelLiveStream(Call& c) {
  const std::string& id = c.in.path.at("id");
  return c.services.store.write(kStreamsAspect, [&](State& s) -> Result<Reply> {
    const Millis now = c.services.clock.now();
    auto cancelled = lsm::cancelLiveStream(s, id, c.caller_id, now);
    if (!cancelled) return cancelled.error();
    return Reply{201, liveStreamView(s, **cancelled, c.caller_id, now), std::nullopt};
  });
}

Result<Reply> deleteLiveStream(Call& c) {
  const std::string& id = c.in.path.at("id");
  return c.services.store.write(kStreamsAspect, [&](State& s) -> Result<Reply> {
    const Millis now = c.services.clock.now();
    if (auto deleted = lsm::deleteLiveStream(s, id, c.caller_id, now); !deleted) {
      return deleted.error();
    }
    return Reply{200, nullptr, std::nullopt};
  });
}

}  // namespace lsm
