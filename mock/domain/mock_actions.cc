#include "domain/mock_actions.h"

#include <algorithm>

#include "domain/reminders.h"
#include "domain/stream_lifecycle.h"
#include "domain/views.h"

namespace lsm {

Status joinAudience(State& s, const std::string& stream_id, const std::string& user_id,
                    Millis now) {
  Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("no stream " + stream_id);
  const User* user = s.user(user_id);
  if (!user) return Error::notFound("userId: no user " + user_id);
  if (st->status != StreamStatus::kActive && st->status != StreamStatus::kScheduled) {
    return Error::conflict(std::string("the stream is ") + toString(st->status));
  }
  const std::string role = roleOf(*st, user_id);
  if (!role.empty()) return Error::conflict("userId: already on the stream as " + role);
  st->audience.push_back({user_id, now, user->search_text});
  st->updated_at = now;
  return okStatus();
}

Status leaveAudience(State& s, const std::string& stream_id, const std::string& user_id) {
  Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("no stream " + stream_id);
  auto it = std::find_if(st->audience.begin(), st->audience.end(),
                         [&](const AudienceMember& a) { return a.user_id == user_id; });
  if (it == st->audience.end()) return Error::notFound("userId: not in the audience");
  st->audience.erase(it);
  return okStatus();
}

Result<const Stream*> endStream(State& s, const std::string& stream_id, EndStreamInput input,
                                Millis now) {
  Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("no stream " + stream_id);
  if (auto moved = transition(*st, StreamStatus::kEnded, now); !moved) return moved.error();
  st->recording = input.recording;
  if (input.recording) {
    st->recording_url = input.recording_url.value_or("https://cdn.example.com/streams/" + st->id +
                                                     "/recording.mp4");
    st->replay_credit_price = input.replay_credit_price;
    st->active_replay_on_creator_profile = true;
  } else {
    st->recording_url.reset();
  }
  return static_cast<const Stream*>(st);
}

Result<const User*> setCredits(State& s, const std::string& user_id, int64_t credits) {
  User* u = s.user(user_id);
  if (!u) return Error::notFound("no user " + user_id);
  u->credits = credits;
  return static_cast<const User*>(u);
}

Status setChatBan(State& s, const std::string& stream_id, const std::string& user_id, bool banned) {
  Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("no stream " + stream_id);
  if (!s.user(user_id)) return Error::notFound("userId: no user " + user_id);
  if (banned) {
    st->chat_bans.insert(user_id);
  } else {
    st->chat_bans.erase(user_id);
  }
  return okStatus();
}

Status sendGifts(State& s, const std::string& stream_id, const std::string& sender_id,
                 const std::string& gift_type_id, int64_t count, Millis now) {
  if (!s.liveStream(stream_id)) return Error::notFound("no stream " + stream_id);
  if (!s.user(sender_id)) return Error::notFound("senderId: no user " + sender_id);
  auto type = std::find_if(s.gift_types.begin(), s.gift_types.end(),
                           [&](const GiftType& t) { return t.id == gift_type_id; });
  if (type == s.gift_types.end())
    return Error::notFound("giftTypeId: no gift type " + gift_type_id);
  for (int64_t i = 0; i < count; ++i) {
    s.gifts.push_back({s.newId(now), stream_id, gift_type_id, sender_id, now});
  }
  return okStatus();
}

namespace {

bool startDue(const Stream& st, Millis now) {
  return !st.isDeleted() && st.status == StreamStatus::kScheduled && st.planned_start_date &&
         *st.planned_start_date <= now;
}

bool reminderDue(const State& s, const Reminder& r, Millis now) {
  if (r.notified) return false;
  const Stream* st = s.liveStream(r.stream_id);
  if (!st) return false;
  auto at = reminderNotifyAt(*st, r);
  // A reminder without a time waits for the actual start.
  return at ? *at <= now : st->status == StreamStatus::kActive;
}

}  // namespace

Result<bool> setFollowing(State& s, const std::string& follower_id, const std::string& followee_id,
                          bool following) {
  User* follower = s.user(follower_id);
  if (!follower) return Error::notFound("followerId: no user " + follower_id);
  User* followee = s.user(followee_id);
  if (!followee) return Error::notFound("followeeId: no user " + followee_id);
  const bool follows = s.follows_user(follower_id, followee_id);
  if (follows == following) return false;
  if (following && follower_id == followee_id) {
    return Error::conflict("followeeId: a user cannot follow themselves");
  }
  const int64_t step = following ? 1 : -1;
  if (following) {
    s.follows.emplace(follower_id, followee_id);
  } else {
    s.follows.erase({follower_id, followee_id});
  }
  follower->following_count = std::max<int64_t>(0, follower->following_count + step);
  followee->followers_count = std::max<int64_t>(0, followee->followers_count + step);
  return true;
}

Result<bool> revokeBroadcasting(State& s, const std::string& user_id) {
  User* u = s.user(user_id);
  if (!u) return Error::notFound("userId: no user " + user_id);
  const bool before =
      s.can_broadcast_before_revoke.emplace(user_id, u->can_broadcast).first->second;
  u->can_broadcast = false;
  return before;
}

Result<bool> restoreBroadcasting(State& s, const std::string& user_id) {
  User* u = s.user(user_id);
  if (!u) return Error::notFound("userId: no user " + user_id);
  auto remembered = s.can_broadcast_before_revoke.find(user_id);
  if (remembered == s.can_broadcast_before_revoke.end()) return false;
  const bool changed = u->can_broadcast != remembered->second;
  u->can_broadcast = remembered->second;
  s.can_broadcast_before_revoke.erase(remembered);
  return changed;
}

ChosenGiftType inactiveGiftType(State& s, Millis now) {
  for (const auto& t : s.gift_types) {
    if (!t.active) return {t.id, false};
  }
  GiftType retired;
  retired.id = s.newId(now);
  retired.name = "Retired gift";
  retired.icon_url = "https://cdn.example.com/gifts/retired.png";
  retired.price = 1;
  retired.active = false;
  s.gift_types.push_back(retired);
  return {retired.id, true};
}

Status startScheduledStream(Stream& st, Millis now) {
  if (st.status != StreamStatus::kScheduled) {
    return Error::conflict(std::string("the stream is ") + toString(st.status) + ", not scheduled");
  }
  return transition(st, StreamStatus::kActive, now);
}

Result<const Stream*> startScheduledStreamNow(State& s, const std::string& stream_id, Millis now) {
  Stream* st = s.liveStream(stream_id);
  if (!st) return Error::notFound("streamId: no stream " + stream_id);
  if (st->status != StreamStatus::kScheduled) {
    return Error::conflict(std::string("streamId: the stream is ") + toString(st->status) +
                           ", not scheduled");
  }
  if (!st->planned_start_date || *st->planned_start_date > now) st->planned_start_date = now;
  if (auto started = startScheduledStream(*st, now); !started) return started.error();
  return static_cast<const Stream*>(st);
}

ClockEffects applyClock(State& s, Millis now) {
  ClockEffects effects;
  for (auto& [id, st] : s.streams) {
    if (startDue(st, now) && startScheduledStream(st, now)) effects.started_streams.push_back(id);
  }
  for (auto& r : s.reminders) {
    if (reminderDue(s, r, now)) {
      r.notified = true;
      effects.due_reminders.push_back(r.id);
    }
  }
  std::sort(effects.started_streams.begin(), effects.started_streams.end());
  return effects;
}

bool clockDue(const State& s, Millis now) {
  for (const auto& [id, st] : s.streams)
    if (startDue(st, now)) return true;
  for (const auto& r : s.reminders)
    if (reminderDue(s, r, now)) return true;
  return false;
}

}  // namespace lsm
