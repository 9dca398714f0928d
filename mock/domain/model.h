#pragma once
// The mock's in-memory state: plain records, no HTTP, no JSON envelopes. Who may change what, and
// how a record looks to a given caller, live in the other files of domain/.

#include <cstdint>
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/time.h"

namespace lsm {

struct User {
  std::string id;
  std::string username, name, surname, email;
  nlohmann::json profile_photo;  // Media object or null
  std::string availability;      // available | busy | offline
  int64_t followers_count = 0, following_count = 0;
  std::optional<std::string> expertise;
  int64_t credits = 0;
  bool can_broadcast = true;
  // name, surname and username folded for the viewer search (domain/viewers.h: searchTextOf),
  // set when users are loaded and copied to the AudienceMember when the user joins a stream, so a
  // search costs a scan, not a fold per viewer.
  std::string search_text;
};

enum class StreamStatus { kScheduled, kActive, kEnded, kCancelled };
const char* toString(StreamStatus s);
std::optional<StreamStatus> streamStatusFromString(std::string_view s);

struct AudienceMember {
  std::string user_id;
  Millis joined_at = 0;
  // The user's search_text, copied when the member joins or is loaded: a viewer search scans the
  // audience without a users lookup per member (those lookups were most of a search on a stream
  // of 3,000). Names do not change at run time. Empty: look the user up.
  std::string search_text;
};

struct Stream {
  std::string id, title, live_stream_type, channel_name, creator_id;
  std::vector<std::string> guest_ids, broadcaster_ids;
  std::string thumbnail_url;
  bool recording = false;
  std::optional<std::string> recording_url;
  StreamStatus status = StreamStatus::kScheduled;
  std::optional<double> price;  // present: a paid stream
  std::optional<std::string> interest, motivation;
  std::optional<int64_t> duration_goal;
  std::optional<bool> active_replay_on_creator_profile;
  std::optional<double> replay_credit_price;
  std::optional<Millis> started_at, planned_start_date, ended_at, planned_end_date, deleted_at;
  Millis created_at = 0, updated_at = 0;
  std::optional<double> funding_goal;
  double collected_funding = 0;
  nlohmann::json mini_crowd_fundings = nlohmann::json::array();
  std::vector<AudienceMember> audience;  // in joining order
  std::set<std::string> chat_bans;

  bool isDeleted() const { return deleted_at.has_value(); }
};

struct ChatMessage {
  std::string id, stream_id, sender_id, content;
  Millis created_at = 0;
};

struct GiftType {
  std::string id, name, icon_url;
  int64_t price = 0;
  bool active = true;
};

struct Gift {
  std::string id, stream_id, gift_type_id, sender_id;
  Millis sent_at = 0;
};

struct ReplayRental {
  std::string id, stream_id, user_id;
  double price = 0;
  Millis rented_at = 0, expires_at = 0;
};

struct Reminder {
  std::string id, stream_id, user_id;
  std::optional<int64_t> minutes_before;
  Millis created_at = 0, updated_at = 0;
  bool notified = false;  // reported due by the clock once
};

struct Superlike {
  std::string stream_id, sender_id;
  double price = 0;
  Millis timestamp = 0;
};

struct Upload {
  std::string content_type;
  std::string bytes;
};

// Everything the mock knows. Guarded by Store's lock; plain data otherwise.
struct State {
  std::unordered_map<std::string, User> users;
  std::vector<std::string> user_order;                    // fixture order, for listings
  std::set<std::pair<std::string, std::string>> follows;  // (follower, followee)
  std::unordered_map<std::string, Stream> streams;
  // Lists that only grow at run time are deques: appending never copies what is there (a vector's
  // growth moved every message under the write lock, a stall of milliseconds at 100k messages,
  // and held two copies at once).
  std::unordered_map<std::string, std::deque<ChatMessage>> chat;  // by stream, oldest first
  std::vector<GiftType> gift_types;
  std::deque<Gift> gifts;
  std::vector<ReplayRental> rentals;
  std::vector<Reminder> reminders;
  std::deque<Superlike> superlikes;
  nlohmann::json contacts = nlohmann::json::array();  // records as the API shows them
  nlohmann::json consents = nlohmann::json::array();
  std::map<std::string, Upload> uploads;  // file name -> image
  // The provider state "user may not broadcast": each user's canBroadcast before its setup, until
  // its teardown gives it back (domain/mock_actions.h). Not part of exported state.
  std::map<std::string, bool> can_broadcast_before_revoke;
  uint64_t id_counter = 0;

  const User* user(const std::string& id) const;
  User* user(const std::string& id);
  // A stream that exists and is not soft-deleted.
  const Stream* liveStream(const std::string& id) const;
  Stream* liveStream(const std::string& id);
  bool follows_user(const std::string& follower, const std::string& followee) const {
    return follows.count({follower, followee}) > 0;
  }
  // A new ObjectId: creation seconds, then a per-state counter, so ids sort by creation.
  std::string newId(Millis now);
};

}  // namespace lsm
