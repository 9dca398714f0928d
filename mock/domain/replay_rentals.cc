#include "domain/replay_rentals.h"

#include <algorithm>
#include <cmath>

#include "domain/credits.h"

namespace lsm {

Result<const ReplayRental*> rentReplay(State& s, const std::string& stream_id,
                                       const std::string& user_id, Millis now) {
  const Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("stream " + stream_id + " does not exist");
  if (st->creator_id == user_id) {
    return Error::conflict("the creator owns this recording and need not rent it");
  }
  if (st->status != StreamStatus::kEnded) {
    return Error::conflict(std::string("only ended streams can be rented; this one is ") +
                           toString(st->status));
  }
  if (!st->recording || !st->recording_url) {
    return Error::conflict("the stream has no recording");
  }
  if (!st->replay_credit_price) return Error::conflict("the stream's replay is not for rent");
  for (const auto& r : s.rentals) {
    if (r.stream_id == stream_id && r.user_id == user_id && r.expires_at > now) {
      return Error::conflict("already rented until " + formatIsoMillis(r.expires_at));
    }
  }
  User* user = s.user(user_id);
  if (!user) return Error::notFound("user " + user_id + " does not exist");
  // Balances are whole credits; a fractional price costs the next whole credit.
  const double price = *st->replay_credit_price;
  if (auto debited = debitCredits(*user, static_cast<int64_t>(std::ceil(price))); !debited) {
    return debited.error();
  }
  s.rentals.push_back({s.newId(now), stream_id, user_id, price, now, now + kReplayRentalDuration});
  return static_cast<const ReplayRental*>(&s.rentals.back());
}

Result<ExpiredRental> expireReplayRental(State& s, const std::string& stream_id,
                                         const std::string& user_id, Millis now) {
  if (!s.liveStream(stream_id)) return Error::notFound("streamId: no stream " + stream_id);
  if (!s.user(user_id)) return Error::notFound("userId: no user " + user_id);
  bool rented = false;
  ExpiredRental out;
  for (auto& r : s.rentals) {
    if (r.stream_id != stream_id || r.user_id != user_id) continue;
    rented = true;
    if (r.expires_at > now) {
      const Millis shift = r.expires_at - (now - 1000);
      r.rented_at -= shift;
      r.expires_at -= shift;
      out.changed = true;
    }
    out.expires_at = std::max(out.expires_at, r.expires_at);
  }
  if (!rented) {
    return Error::conflict("userId: user " + user_id + " has no rental of stream " + stream_id +
                           "'s replay to expire");
  }
  return out;
}

}  // namespace lsm
