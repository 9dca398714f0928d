#pragma once
// The clock and the state move together. Every change of the mock's clock happens under the
// store's exclusive lock, together with the effects it has (scheduled streams starting, reminders
// falling due), so the ticker can never take those effects between a clock change and the reply
// that reports them. The ticker itself changes nothing when nothing is due: it looks under a
// shared lock first, so an idle mock's state version (and with it the response cache and
// --state-file) stays put.

#include <functional>

#include "core/time.h"
#include "domain/mock_actions.h"
#include "domain/store.h"

namespace lsm {

// One tick: the effects due at clock.now(), applied. Nothing due: no write, no version bump.
ClockEffects tickClock(Store& store, const Clock& clock);

struct ClockChange {
  Millis now = 0;  // the clock after the change, as the effects were computed
  ClockEffects effects;
};
// Applies `change` to the clock and brings the state up to the new time in one critical section.
ClockChange changeClock(Store& store, Clock& clock, const std::function<void(Clock&)>& change);

}  // namespace lsm
