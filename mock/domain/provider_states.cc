#include "domain/provider_states.h"

#include <algorithm>
#include <utility>

#include "domain/mock_actions.h"
#include "domain/replay_rentals.h"
#include "domain/views.h"

namespace lsm {

using nlohmann::json;

std::optional<ProviderStateAction> providerStateActionFromString(std::string_view s) {
  if (s == "setup") return ProviderStateAction::kSetup;
  if (s == "teardown") return ProviderStateAction::kTeardown;
  return std::nullopt;
}

const char* toString(ProviderStateAction a) {
  return a == ProviderStateAction::kSetup ? "setup" : "teardown";
}

namespace {

using Outcome = Result<ProviderStateOutcome>;
using Change = Outcome (*)(State&, const json&, Millis);

std::string str(const json& params, const char* key) {
  auto it = params.find(key);
  return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

ProviderStateOutcome changed(bool c) {
  ProviderStateOutcome out;
  out.changed = c;
  return out;
}

Outcome unchanged(State&, const json&, Millis) {
  return changed(false);
}

// A stream record, soft-deleted or not: a teardown after a test that deleted the stream still
// undoes what its setup did.
Stream* anyStream(State& s, const std::string& id) {
  auto it = s.streams.find(id);
  return it == s.streams.end() ? nullptr : &it->second;
}

Outcome lookupError(const char* field, const char* what, const std::string& id) {
  return Error::notFound(std::string(field) + ": no " + what + " " + id);
}

// --- user watches stream -------------------------------------------------------------------------

Outcome joinActiveStream(State& s, const json& p, Millis now) {
  const std::string user = str(p, "userId"), id = str(p, "streamId");
  const Stream* st = s.liveStream(id);
  if (!st) return lookupError("streamId", "stream", id);
  if (!s.user(user)) return lookupError("userId", "user", user);
  if (st->status != StreamStatus::kActive) {
    return Error::conflict(std::string("streamId: the stream is ") + toString(st->status) +
                           ", not active; only an active stream has an audience to join");
  }
  const std::string role = roleOf(*st, user);
  if (role == "audience") return changed(false);
  if (!role.empty()) {
    return Error::conflict("userId: the user is the stream's " + role + ", not a viewer");
  }
  if (auto joined = joinAudience(s, id, user, now); !joined) return joined.error();
  return changed(true);
}

Outcome leaveStream(State& s, const json& p, Millis) {
  const std::string user = str(p, "userId"), id = str(p, "streamId");
  Stream* st = anyStream(s, id);
  if (!st) return lookupError("streamId", "stream", id);
  if (!s.user(user)) return lookupError("userId", "user", user);
  auto it = std::find_if(st->audience.begin(), st->audience.end(),
                         [&](const AudienceMember& a) { return a.user_id == user; });
  if (it == st->audience.end()) return changed(false);
  st->audience.erase(it);
  return changed(true);
}

// --- stream has ended ----------------------------------------------------------------------------

Outcome endActiveStream(State& s, const json& p, Millis now) {
  const std::string id = str(p, "streamId");
  const Stream* st = s.liveStream(id);
  if (!st) return lookupError("streamId", "stream", id);
  if (st->status != StreamStatus::kActive) {
    return Error::conflict(std::string("streamId: the stream is ") + toString(st->status) +
                           ", not active; only an active stream can end");
  }
  EndStreamInput input;
  input.recording = p.value("recording", false);
  auto price = p.find("replayCreditPrice");
  if (price != p.end() && price->is_number()) input.replay_credit_price = price->get<double>();
  if (auto ended = endStream(s, id, std::move(input), now); !ended) return ended.error();
  return changed(true);
}

// --- user has credits ----------------------------------------------------------------------------

Outcome setBalance(State& s, const json& p, Millis) {
  const std::string user = str(p, "userId");
  const User* u = s.user(user);
  if (!u) return lookupError("userId", "user", user);
  const int64_t credits = p.at("credits").get<int64_t>();
  const bool differs = u->credits != credits;
  if (auto set = setCredits(s, user, credits); !set) return set.error();
  return changed(differs);
}

// --- user is banned from stream chat -------------------------------------------------------------

Outcome chatBan(State& s, const json& p, bool banned, bool deleted_too) {
  const std::string user = str(p, "userId"), id = str(p, "streamId");
  Stream* st = deleted_too ? anyStream(s, id) : s.liveStream(id);
  if (!st) return lookupError("streamId", "stream", id);
  if (!s.user(user)) return lookupError("userId", "user", user);
  const bool was = st->chat_bans.count(user) > 0;
  if (banned) {
    st->chat_bans.insert(user);
  } else {
    st->chat_bans.erase(user);
  }
  return changed(was != banned);
}

Outcome banFromChat(State& s, const json& p, Millis) {
  return chatBan(s, p, true, false);
}

Outcome liftChatBan(State& s, const json& p, Millis) {
  return chatBan(s, p, false, true);
}

// --- user may not broadcast ----------------------------------------------------------------------

Outcome forbidBroadcasting(State& s, const json& p, Millis) {
  const std::string user = str(p, "userId");
  const User* u = s.user(user);
  if (!u) return lookupError("userId", "user", user);
  const bool could = u->can_broadcast;
  auto before = revokeBroadcasting(s, user);
  if (!before) return before.error();
  ProviderStateOutcome out = changed(could);
  out.could_broadcast_before = *before;
  return out;
}

Outcome allowBroadcastingAgain(State& s, const json& p, Millis) {
  auto restored = restoreBroadcasting(s, str(p, "userId"));
  if (!restored) return restored.error();
  return changed(*restored);
}

// --- user follows user ---------------------------------------------------------------------------

Outcome follow(State& s, const json& p, Millis) {
  auto done = setFollowing(s, str(p, "followerId"), str(p, "followeeId"), p.at("following"));
  if (!done) return done.error();
  return changed(*done);
}

// --- gifts were sent to stream -------------------------------------------------------------------

Outcome sendGiftsOfAType(State& s, const json& p, Millis now) {
  const std::string id = str(p, "streamId"), sender = str(p, "senderId");
  const std::string type_id = str(p, "giftTypeId");
  const bool inactive = p.value("inactiveType", false);
  if (inactive && !type_id.empty()) {
    return Error::invalid("inactiveType: give giftTypeId or inactiveType: true, not both");
  }
  if (!inactive && type_id.empty()) {
    return Error::invalid("giftTypeId: is required unless inactiveType is true");
  }
  if (!s.liveStream(id)) return lookupError("streamId", "stream", id);
  if (!s.user(sender)) return lookupError("senderId", "user", sender);
  ChosenGiftType type{type_id, false};
  if (inactive) {
    type = inactiveGiftType(s, now);
  } else {
    auto t = std::find_if(s.gift_types.begin(), s.gift_types.end(),
                          [&](const GiftType& g) { return g.id == type_id; });
    if (t == s.gift_types.end()) return lookupError("giftTypeId", "gift type", type_id);
    if (!t->active) {
      return Error::conflict("giftTypeId: gift type " + type_id +
                             " is not active (gift-counts does not list it); for gifts of a "
                             "retired type send inactiveType: true");
    }
  }
  if (auto sent = sendGifts(s, id, sender, type.id, p.at("count").get<int64_t>(), now); !sent) {
    return sent.error();
  }
  ProviderStateOutcome out = changed(true);
  out.gift_type_id = type.id;
  out.gift_type_created = type.created;
  return out;
}

// --- replay rental has expired -------------------------------------------------------------------

Outcome expireRental(State& s, const json& p, Millis now) {
  auto expired = expireReplayRental(s, str(p, "streamId"), str(p, "userId"), now);
  if (!expired) return expired.error();
  ProviderStateOutcome out = changed(expired->changed);
  out.expires_at = expired->expires_at;
  return out;
}

// --- scheduled stream has started ----------------------------------------------------------------

Outcome startScheduled(State& s, const json& p, Millis now) {
  auto started = startScheduledStreamNow(s, str(p, "streamId"), now);
  if (!started) return started.error();
  ProviderStateOutcome out = changed(true);
  out.started_at = (*started)->started_at;
  return out;
}

struct Implementation {
  const char* name;
  Change setup;
  Change teardown;
};

// The catalogue's order. A teardown the catalogue calls "nothing" is `unchanged`.
const Implementation kStates[] = {
    {"user watches stream", joinActiveStream, leaveStream},
    {"stream has ended", endActiveStream, unchanged},
    {"user has credits", setBalance, unchanged},
    {"user is banned from stream chat", banFromChat, liftChatBan},
    {"user may not broadcast", forbidBroadcasting, allowBroadcastingAgain},
    {"user follows user", follow, unchanged},
    {"gifts were sent to stream", sendGiftsOfAType, unchanged},
    {"replay rental has expired", expireRental, unchanged},
    {"scheduled stream has started", startScheduled, unchanged},
};

}  // namespace

std::vector<std::string> implementedProviderStates() {
  std::vector<std::string> out;
  for (const auto& impl : kStates)
    out.push_back(impl.name);
  return out;
}

Result<ProviderStateOutcome> applyProviderState(State& s, const std::string& name,
                                                ProviderStateAction action, const json& params,
                                                Millis now) {
  for (const auto& impl : kStates) {
    if (name != impl.name) continue;
    const json& p = params.is_object() ? params : json::object();
    return (action == ProviderStateAction::kSetup ? impl.setup : impl.teardown)(s, p, now);
  }
  return Error::invalid("state: the mock does not implement provider state '" + name + "'");
}

json providerStateView(const std::string& name, ProviderStateAction action,
                       const ProviderStateOutcome& outcome) {
  json out = {{"state", name}, {"action", toString(action)}, {"changed", outcome.changed}};
  if (outcome.gift_type_id) {
    out["giftTypeId"] = *outcome.gift_type_id;
    out["giftTypeCreated"] = outcome.gift_type_created;
  }
  if (outcome.could_broadcast_before) out["couldBroadcastBefore"] = *outcome.could_broadcast_before;
  if (outcome.expires_at) out["expiresAt"] = formatIsoMillis(*outcome.expires_at);
  if (outcome.started_at) out["startedAt"] = formatIsoMillis(*outcome.started_at);
  return out;
}

}  // namespace lsm
