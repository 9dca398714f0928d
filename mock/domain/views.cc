#include "domain/views.h"

#include <algorithm>

namespace lsm {

using nlohmann::json;

namespace {

json optTime(const std::optional<Millis>& t) {
  return t ? json(formatIsoMillis(*t)) : json(nullptr);
}
template <typename T>
json opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

std::string roleOf(const Stream& st, const std::string& user_id) {
  if (user_id.empty()) return "";
  if (st.creator_id == user_id) return "host";
  if (contains(st.broadcaster_ids, user_id)) return "broadcaster";
  if (contains(st.guest_ids, user_id)) return "guest";
  for (const auto& a : st.audience) {
    if (a.user_id == user_id) return "audience";
  }
  return "";
}

json userSnapshot(const User& u) {
  return {{"_id", u.id},
          {"username", u.username},
          {"name", u.name},
          {"surname", u.surname},
          {"profilePhoto", u.profile_photo},
          {"availabilityStatus", u.availability}};
}

json viewerView(const State& s, const User& u, Millis joined_at, const std::string& caller_id) {
  return {{"_id", u.id},
          {"username", u.username},
          {"name", u.name},
          {"surname", u.surname},
          {"profilePhoto", u.profile_photo},
          {"followersCount", u.followers_count},
          {"followingCount", u.following_count},
          {"expertise", opt(u.expertise)},
          {"isFollowing", s.follows_user(caller_id, u.id)},
          {"joinedAt", formatIsoMillis(joined_at)}};
}

json replayAccessView(const State& s, const Stream& st, const std::string& caller_id, Millis now) {
  json r = {{"status", "unavailable"},    {"canRent", false},
            {"canViewRecording", false},  {"price", opt(st.replay_credit_price)},
            {"rentedAt", nullptr},        {"expiresAt", nullptr},
            {"remainingSeconds", nullptr}};
  const bool replayable = st.status == StreamStatus::kEnded && st.recording &&
                          st.recording_url.has_value() && st.replay_credit_price.has_value();
  if (st.creator_id == caller_id) {
    r["status"] = "owner";
    r["canViewRecording"] = st.recording && st.recording_url.has_value();
    return r;
  }
  const ReplayRental* latest = nullptr;
  for (const auto& rental : s.rentals) {
    if (rental.stream_id == st.id && rental.user_id == caller_id &&
        (!latest || rental.rented_at > latest->rented_at)) {
      latest = &rental;
    }
  }
  if (latest && latest->expires_at > now) {
    r["status"] = "rented";
    r["canViewRecording"] = true;
    r["rentedAt"] = formatIsoMillis(latest->rented_at);
    r["expiresAt"] = formatIsoMillis(latest->expires_at);
    r["remainingSeconds"] = (latest->expires_at - now) / 1000;
    return r;
  }
  if (replayable) {
    r["status"] = latest ? "expired" : "available";
    r["canRent"] = true;
    if (latest) {
      r["rentedAt"] = formatIsoMillis(latest->rented_at);
      r["expiresAt"] = formatIsoMillis(latest->expires_at);
      r["remainingSeconds"] = 0;
    }
  }
  return r;
}

json liveStreamView(const State& s, const Stream& st, const std::string& caller_id, Millis now) {
  auto snapshots = [&](const std::vector<std::string>& ids) {
    json out = json::array();
    for (const auto& id : ids) {
      if (const User* u = s.user(id)) out.push_back(userSnapshot(*u));
    }
    return out;
  };
  const User* creator = s.user(st.creator_id);
  const double percentage =
      st.funding_goal && *st.funding_goal > 0 ? st.collected_funding * 100.0 / *st.funding_goal : 0;
  const std::string role = roleOf(st, caller_id);
  return {{"id", st.id},
          {"title", st.title},
          {"liveStreamType", st.live_stream_type},
          {"channelName", st.channel_name},
          {"broadcasters", snapshots(st.broadcaster_ids)},
          {"guests", snapshots(st.guest_ids)},
          {"creator", creator ? userSnapshot(*creator) : json(nullptr)},
          {"thumbnailUrl", st.thumbnail_url},
          {"recording", st.recording},
          {"recordingUrl", opt(st.recording_url)},
          {"replayAccess", replayAccessView(s, st, caller_id, now)},
          {"status", toString(st.status)},
          {"accessType", st.price ? "paid" : "free"},
          {"price", opt(st.price)},
          {"interest", opt(st.interest)},
          {"durationGoal", opt(st.duration_goal)},
          {"motivation", opt(st.motivation)},
          {"isActiveReplayOnCreatorProfile", opt(st.active_replay_on_creator_profile)},
          {"replayCreditPrice", opt(st.replay_credit_price)},
          {"startedAt", optTime(st.started_at)},
          {"plannedStartDate", optTime(st.planned_start_date)},
          {"endedAt", optTime(st.ended_at)},
          {"plannedEndDate", optTime(st.planned_end_date)},
          {"createdAt", formatIsoMillis(st.created_at)},
          {"updatedAt", formatIsoMillis(st.updated_at)},
          {"fundingGoal", opt(st.funding_goal)},
          {"collectedFunding", st.collected_funding},
          {"fundingPercentage", percentage},
          {"role", role.empty() ? json(nullptr) : json(role)},
          {"miniCrowdFundings", st.mini_crowd_fundings}};
}

json chatMessageView(const State& s, const ChatMessage& m) {
  const User* sender = s.user(m.sender_id);
  return {{"_id", m.id},
          {"streamId", m.stream_id},
          {"content", m.content},
          {"sender", sender ? userSnapshot(*sender) : json(nullptr)},
          {"createdAt", formatIsoMillis(m.created_at)},
          {"updatedAt", formatIsoMillis(m.created_at)}};
}

json paginationView(int64_t page, int64_t limit, int64_t total) {
  const int64_t pages = limit > 0 ? (total + limit - 1) / limit : 0;
  return {{"currentPage", page},   {"totalPages", pages},         {"totalItems", total},
          {"itemsPerPage", limit}, {"hasNextPage", page < pages}, {"hasPrevPage", page > 1}};
}

}  // namespace lsm
