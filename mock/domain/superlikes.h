#pragma once
// Superlikes: a paid like a viewer sends to an active stream.

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

// What one superlike costs its sender, in credits (the documented example's price).
inline constexpr int64_t kSuperlikePrice = 10;

// Debits kSuperlikePrice from the sender once and records the superlike.
// Errors: 404 no such stream; 403 the sender is its creator or banned from its chat; 409 the
// stream is not active; 400 (naming `credits`) the sender's balance is below the price.
Result<const Superlike*> sendSuperlike(State& s, const std::string& stream_id,
                                       const std::string& sender_id, Millis now);

// {streamId, senderId, senderSnapshot, price, timestamp}; in the snapshot profilePhoto is the
// photo's url (or null), not the Media object.
nlohmann::json superlikeView(const State& s, const Superlike& like);

}  // namespace lsm
