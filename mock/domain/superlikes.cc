#include "domain/superlikes.h"

#include "domain/credits.h"

namespace lsm {

using nlohmann::json;

Result<const Superlike*> sendSuperlike(State& s, const std::string& stream_id,
                                       const std::string& sender_id, Millis now) {
  const Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("stream " + stream_id + " does not exist");
  if (st->creator_id == sender_id) {
    return Error::forbidden("the creator cannot superlike their own stream");
  }
  if (st->chat_bans.count(sender_id)) return Error::forbidden("you are banned from this chat");
  if (st->status != StreamStatus::kActive) {
    return Error::conflict(std::string("superlikes are for active streams; this one is ") +
                           toString(st->status));
  }
  User* sender = s.user(sender_id);
  if (!sender) return Error::notFound("user " + sender_id + " does not exist");
  if (auto debited = debitCredits(*sender, kSuperlikePrice); !debited) return debited.error();
  s.superlikes.push_back({stream_id, sender_id, static_cast<double>(kSuperlikePrice), now});
  return static_cast<const Superlike*>(&s.superlikes.back());
}

json superlikeView(const State& s, const Superlike& like) {
  json snapshot = nullptr;
  if (const User* u = s.user(like.sender_id)) {
    const json& photo = u->profile_photo;
    const bool has_url = photo.is_object() && photo.contains("url") && photo["url"].is_string();
    snapshot = {{"_id", u->id},
                {"username", u->username},
                {"name", u->name},
                {"surname", u->surname},
                {"profilePhoto", has_url ? photo["url"] : json(nullptr)}};
  }
  // Whole prices print as integers ("price": 10), as in the documented example.
  const json price = like.price == static_cast<double>(static_cast<int64_t>(like.price))
                         ? json(static_cast<int64_t>(like.price))
                         : json(like.price);
  return {{"streamId", like.stream_id},
          {"senderId", like.sender_id},
          {"senderSnapshot", std::move(snapshot)},
          {"price", price},
          {"timestamp", formatIsoMillis(like.timestamp)}};
}

}  // namespace lsm
