#include "domain/clock_tick.h"

namespace lsm {

ClockEffects tickClock(Store& store, const Clock& clock) {
  if (!store.read([&](const State& s) { return clockDue(s, clock.now()); })) return {};
  return store.write(kStreamsAspect | kRemindersAspect,
                     [&](State& s) { return applyClock(s, clock.now()); });
}

ClockChange changeClock(Store& store, Clock& clock, const std::function<void(Clock&)>& change) {
  return store.write(kStreamsAspect | kRemindersAspect, [&](State& s) {
    change(clock);
    ClockChange out;
    out.now = clock.now();
    out.effects = applyClock(s, out.now);
    return out;
  });
}

}  // namespace lsm
