#include "domain/superlikes.h"
#include "handlers/handler.h"

namespace lsm {

Result<Reply> sendSuperlike(Call& c) {
  const std::string& id = c.in.path.at("streamId");
  return c.services.store.write(kSuperlikesAspect | kCreditsAspect, [&](State& s) -> Result<Reply> {
    const Millis now = c.services.clock.now();
    auto like = lsm::sendSuperlike(s, id, c.caller_id, now);
    if (!like) return like.error();
    return Reply{201, superlikeView(s, **like), std::nullopt};
  });
}

}  // namespace lsm
