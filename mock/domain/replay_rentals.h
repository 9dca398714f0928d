#pragma once
// Renting the recording of an ended stream for a while, paid in credits.

#include <string>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

inline constexpr Millis kReplayRentalDuration = 48LL * 3600 * 1000;

// Debits the stream's replayCreditPrice from the caller once and records a rental that lasts
// kReplayRentalDuration from `now`.
// Errors: 404 no such stream; 409 the caller is its creator, it is not ended, has no recording
// or no replay price, or the caller's rental has not expired; 400 (naming `credits`) the
// caller's balance is below the price.
Result<const ReplayRental*> rentReplay(State& s, const std::string& stream_id,
                                       const std::string& user_id, Millis now);

struct ExpiredRental {
  Millis expires_at = 0;  // the rental's expiry now
  bool changed = false;   // false: it had expired already
};
// The user's rental of the stream's replay has run out: a rental that has not expired is moved
// back whole (rentedAt and expiresAt, its length kept) so that it expired a second before `now`,
// and the user may rent the replay again. 404 naming streamId or userId; 409 the user has never
// rented the stream's replay.
Result<ExpiredRental> expireReplayRental(State& s, const std::string& stream_id,
                                         const std::string& user_id, Millis now);

}  // namespace lsm
