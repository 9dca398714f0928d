#include "domain/replay_rentals.h"
#include "domain/views.h"
#include "handlers/handler.h"

namespace lsm {

Result<Reply> createReplayRental(Call& c) {
  const std::string& id = c.in.path.at("id");
  return c.services.store.write(
      kRentalsAspect | kCreditsAspect | kIdsAspect, [&](State& s) -> Result<Reply> {
        const Millis now = c.services.clock.now();
        auto rental = rentReplay(s, id, c.caller_id, now);
        if (!rental) return rental.error();
        return Reply{201, replayAccessView(s, *s.liveStream(id), c.caller_id, now), std::nullopt};
      });
}

}  // namespace lsm
