// listLiveStreamViewers: the audience of an active stream, seen by its creator and participants,
// paged and searchable, with the unfiltered audience total and the caller's follows.
#include <set>

#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

std::vector<std::string> idsOf(const json& list) {
  std::vector<std::string> ids;
  if (list.is_array()) {
    for (const auto& v : list)
      ids.push_back(v.value("_id", ""));
  }
  return ids;
}

class Viewers : public ContractTest {
 protected:
  Req viewers(const std::string& id, Role who) {
    Req req("listLiveStreamViewers");
    req.path("streamId", id).as(who);
    return req;
  }
  // Mock users who play no role in the suite, in the mock's order.
  std::vector<json> bystanders(size_t n) {
    std::vector<json> out;
    HttpResult r = send(Req("mockListUsers"));
    if (!r.json) return out;
    std::set<std::string> roles;
    for (Role role : allRoles())
      roles.insert(userId(role));
    for (const auto& u : (*r.json)["data"]) {
      if (out.size() == n) break;
      if (!roles.count(u.value("_id", ""))) out.push_back(u);
    }
    return out;
  }
  void join(const std::string& stream_id, const std::string& user_id) {
    HttpResult r = send(Req("mockJoinAudience").path("id", stream_id).json({{"userId", user_id}}));
    ASSERT_EQ(r.status, 201) << "set-up: join " << user_id << ": " << r.body;
  }
};

TEST_F(Viewers, CreatorSeesTheAudience) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a viewer in the audience");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  joinAudience(id, Role::kAudience);
  json d = dataOf(expectCall(viewers(id, Role::kHost), 200));
  EXPECT_EQ(idsOf(d["list"]), std::vector<std::string>{userId(Role::kAudience)});
  EXPECT_EQ(d["participantAudienceTotal"], 1);
  EXPECT_EQ(d["pagination"]["totalItems"], 1);
}

TEST_F(Viewers, AudienceMemberSeesTheAudienceToo) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a viewer in the audience");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(viewers(id, Role::kAudience), 403);  // not yet a participant
  joinAudience(id, Role::kAudience);
  json d = dataOf(expectCall(viewers(id, Role::kAudience), 200));
  EXPECT_EQ(idsOf(d["list"]), std::vector<std::string>{userId(Role::kAudience)});
}

TEST_F(Viewers, StreamWithoutAudienceHasAnEmptyList) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  json d = dataOf(expectCall(viewers(id, Role::kHost), 200));
  EXPECT_EQ(d["list"], json::array());
  EXPECT_EQ(d["participantAudienceTotal"], 0);
  EXPECT_EQ(d["pagination"]["totalItems"], 0);
  EXPECT_EQ(d["pagination"]["hasNextPage"], false);
}

TEST_F(Viewers, InvitedGuestMaySeeTheViewers) {
  REQUIRE_WRITES();
  const std::string id = createStream(
      Role::kHost,
      {{"liveStreamType", "multi"}, {"guests", json::array({userId(Role::kGuest)}).dump()}});
  ASSERT_FALSE(id.empty());
  expectCall(viewers(id, Role::kGuest), 200);
}

TEST_F(Viewers, UserWithNoPartInTheStreamIs403) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(viewers(id, Role::kOther), 403);
  expectCall(viewers(id, Role::kHost), 200);  // the stream itself is listable
}

TEST_F(Viewers, ScheduledStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(viewers(id, Role::kHost), 404);
}

TEST_F(Viewers, CancelledStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(viewers(id, Role::kHost), 200);
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(viewers(id, Role::kHost), 404);
}

TEST_F(Viewers, EndedStreamIs404) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  joinAudience(id, Role::kAudience);
  expectCall(viewers(id, Role::kHost), 200);
  endStream(id, false, 0);
  expectCall(viewers(id, Role::kHost), 404);
}

TEST_F(Viewers, PagesSplitTheAudienceAndTheTotalCountsEveryone) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("five viewers in the audience");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  std::set<std::string> joined;
  for (const auto& u : bystanders(5)) {
    join(id, u["_id"]);
    joined.insert(u["_id"]);
  }
  ASSERT_EQ(joined.size(), 5u);

  std::set<std::string> seen;
  for (int page = 1; page <= 3; ++page) {
    json d = dataOf(expectCall(
        viewers(id, Role::kHost).query("page", std::to_string(page)).query("limit", "2"), 200));
    const auto ids = idsOf(d["list"]);
    EXPECT_EQ(ids.size(), page < 3 ? 2u : 1u) << "page " << page;
    for (const auto& v : ids)
      EXPECT_TRUE(seen.insert(v).second) << v << " is on two pages";
    EXPECT_EQ(d["pagination"]["currentPage"], page);
    EXPECT_EQ(d["pagination"]["totalItems"], 5);
    EXPECT_EQ(d["pagination"]["totalPages"], 3);
    EXPECT_EQ(d["pagination"]["itemsPerPage"], 2);
    EXPECT_EQ(d["pagination"]["hasNextPage"], page < 3);
    EXPECT_EQ(d["pagination"]["hasPrevPage"], page > 1);
    EXPECT_EQ(d["participantAudienceTotal"], 5);
  }
  EXPECT_EQ(seen, joined);
  json past =
      dataOf(expectCall(viewers(id, Role::kHost).query("page", "4").query("limit", "2"), 200));
  EXPECT_EQ(past["list"], json::array());
  EXPECT_EQ(past["participantAudienceTotal"], 5);
}

TEST_F(Viewers, SearchFiltersTheListButNotTheAudienceTotal) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("viewers in the audience");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  const auto users = bystanders(3);
  ASSERT_EQ(users.size(), 3u);
  for (const auto& u : users)
    join(id, u["_id"]);
  const std::string username = users[1]["username"];
  json d = dataOf(expectCall(viewers(id, Role::kHost).query("search", username), 200));
  EXPECT_EQ(idsOf(d["list"]), std::vector<std::string>{users[1]["_id"]});
  EXPECT_EQ(d["pagination"]["totalItems"], 1);
  EXPECT_EQ(d["participantAudienceTotal"], 3);
  json none =
      dataOf(expectCall(viewers(id, Role::kHost).query("search", "no-such-viewer-xyz"), 200));
  EXPECT_EQ(none["list"], json::array());
  EXPECT_EQ(none["participantAudienceTotal"], 3);
}

TEST_F(Viewers, IsFollowingTellsWhetherTheCallerFollowsTheViewer) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("viewers the creator does and does not follow");
  HttpResult state = send(Req("mockGetState"));
  ASSERT_TRUE(state.json);
  std::set<std::string> followed;
  for (const auto& f : (*state.json)["data"]["follows"]) {
    if (f.value("followerId", "") == userId(Role::kHost))
      followed.insert(f.value("followeeId", ""));
  }
  std::string a_followee, a_stranger;
  for (const auto& u : bystanders(40)) {
    const std::string uid = u["_id"];
    if (followed.count(uid) && a_followee.empty()) a_followee = uid;
    if (!followed.count(uid) && a_stranger.empty()) a_stranger = uid;
  }
  ASSERT_FALSE(a_followee.empty() || a_stranger.empty()) << "fixtures lack the needed follows";
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  join(id, a_followee);
  join(id, a_stranger);
  json d = dataOf(expectCall(viewers(id, Role::kHost), 200));
  ASSERT_EQ(d["list"].size(), 2u);
  for (const auto& v : d["list"]) {
    EXPECT_EQ(v["isFollowing"], v["_id"] == a_followee) << v["_id"];
  }
}

}  // namespace
}  // namespace contract
