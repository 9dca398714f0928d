#pragma once
// What the mock's control API (/__mock/) can do that the product API has no endpoint for: the
// events a real backend gets from elsewhere (a viewer joins, a stream ends, credits are bought,
// a moderator bans, gifts arrive), and the passing of time.

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

// A user joins a stream's audience (scheduled or active). 404 no such stream or user; 409 the
// stream is ended or cancelled; 409 the user is its creator, a guest or a broadcaster, or already
// in the audience.
Status joinAudience(State& s, const std::string& stream_id, const std::string& user_id, Millis now);
// 404 no such stream, or the user is not in its audience.
Status leaveAudience(State& s, const std::string& stream_id, const std::string& user_id);

struct EndStreamInput {
  bool recording = false;
  std::optional<std::string> recording_url;   // default: a URL under the mock's uploads
  std::optional<double> replay_credit_price;  // with a recording: what a replay costs
};
// Ends an active stream through the state machine (409 otherwise, 404 no such stream).
Result<const Stream*> endStream(State& s, const std::string& stream_id, EndStreamInput input,
                                Millis now);

// 404 no such user.
Result<const User*> setCredits(State& s, const std::string& user_id, int64_t credits);

// 404 no such stream or user. Banning twice, or lifting a ban that is not there, is harmless.
Status setChatBan(State& s, const std::string& stream_id, const std::string& user_id, bool banned);

// Records `count` gifts of a type from a user to a stream. 404 no such stream, user or gift type.
Status sendGifts(State& s, const std::string& stream_id, const std::string& sender_id,
                 const std::string& gift_type_id, int64_t count, Millis now);

// The follower follows (`following`) or stops following the followee, and both users' counts
// move with it. Returns whether anything changed. 404 naming followerId or followeeId; 409 a
// user following themselves.
Result<bool> setFollowing(State& s, const std::string& follower_id, const std::string& followee_id,
                          bool following);

// The user may no longer create streams. The value it had is remembered (the first time, until
// restoreBroadcasting) in State::can_broadcast_before_revoke. Returns that value. 404 no such user.
Result<bool> revokeBroadcasting(State& s, const std::string& user_id);
// Gives the user back the value revokeBroadcasting remembered, and forgets it. Returns whether
// anything changed (false when nothing was remembered). 404 no such user.
Result<bool> restoreBroadcasting(State& s, const std::string& user_id);

struct ChosenGiftType {
  std::string id;
  bool created = false;
};
// A gift type that is not active: the first such type of the state, or, when there is none, a new
// retired type (added to the state).
ChosenGiftType inactiveGiftType(State& s, Millis now);

// Starts a scheduled stream as the clock does when its plannedStartDate has come: status active,
// startedAt `now`. 409 unless scheduled.
Status startScheduledStream(Stream& st, Millis now);
// The scheduled stream's planned start has come (plannedStartDate is moved to `now` when it lay
// ahead) and it starts as above. 404 no such stream; 409 naming streamId when not scheduled.
Result<const Stream*> startScheduledStreamNow(State& s, const std::string& stream_id, Millis now);

struct ClockEffects {
  std::vector<std::string> started_streams;  // scheduled streams whose planned start has come
  std::vector<std::string> due_reminders;    // reminder ids whose notify time is past
};
// Brings the state up to `now`: scheduled streams whose plannedStartDate has passed start
// (become active), and reminders whose time has come are reported as due (once each).
ClockEffects applyClock(State& s, Millis now);
// True when applyClock(s, now) would change something.
bool clockDue(const State& s, Millis now);

}  // namespace lsm
