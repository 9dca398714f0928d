// getBroadcasterToken: the creator and invited guests of a scheduled or active stream get a
// publisher token for the stream's channel; anyone else, or a stream that is over, is 403.
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

class BroadcasterToken : public ContractTest {
 protected:
  Req token(const std::string& id, Role who) {
    Req req("getBroadcasterToken");
    req.path("id", id).as(who);
    return req;
  }
  // Creates HOST's stream (with GUEST invited) and returns its record.
  json createWithGuest(bool scheduled) {
    Req req("createLiveStream");
    req.as(Role::kHost)
        .field("title", "Contract " + testName())
        .field("liveStreamType", "multi")
        .field("guests", json::array({userId(Role::kGuest)}).dump());
    if (scheduled) req.field("plannedStartDate", isoFromNow(48 * 3600));
    json d = dataOf(expectCall(req, 201));
    if (d.contains("id")) track(d["id"], Role::kHost);
    return d;
  }
};

TEST_F(BroadcasterToken, CreatorOfActiveStreamGets201ForItsChannel) {
  REQUIRE_WRITES();
  json stream = createWithGuest(false);
  ASSERT_TRUE(stream.contains("id"));
  json t = dataOf(expectCall(token(stream["id"], Role::kHost), 201));
  EXPECT_EQ(t["channelName"], stream["channelName"]);
  EXPECT_FALSE(t.value("token", "").empty());
  EXPECT_GT(t.value("expiresAt", ""), isoFromNow(0)) << "a token that has not expired yet";
}

TEST_F(BroadcasterToken, InvitedGuestGets201WithTheirOwnUid) {
  REQUIRE_WRITES();
  json stream = createWithGuest(true);
  ASSERT_TRUE(stream.contains("id"));
  json host = dataOf(expectCall(token(stream["id"], Role::kHost), 201));
  json guest = dataOf(expectCall(token(stream["id"], Role::kGuest), 201));
  EXPECT_EQ(guest["channelName"], stream["channelName"]);
  EXPECT_NE(guest["uid"], host["uid"]) << "two publishers in one channel need two uids";
  EXPECT_NE(guest["token"], host["token"]);
}

TEST_F(BroadcasterToken, AudienceMemberIs403) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a viewer in the audience");
  json stream = createWithGuest(false);
  ASSERT_TRUE(stream.contains("id"));
  joinAudience(stream["id"], Role::kAudience);
  expectCall(token(stream["id"], Role::kAudience), 403);
}

TEST_F(BroadcasterToken, UserWithNoPartInTheStreamIs403) {
  REQUIRE_WRITES();
  json stream = createWithGuest(false);
  ASSERT_TRUE(stream.contains("id"));
  expectCall(token(stream["id"], Role::kOther), 403);
  expectCall(token(stream["id"], Role::kGuest), 201);  // the stream gives tokens
}

TEST_F(BroadcasterToken, CancelledStreamIs403EvenForTheCreator) {
  REQUIRE_WRITES();
  json stream = createWithGuest(true);
  ASSERT_TRUE(stream.contains("id"));
  expectCall(token(stream["id"], Role::kHost), 201);
  expectCall(Req("cancelLiveStream").path("id", stream["id"]).as(Role::kHost), 201);
  expectCall(token(stream["id"], Role::kHost), 403);
  expectCall(token(stream["id"], Role::kGuest), 403);
}

TEST_F(BroadcasterToken, EndedStreamIs403) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(token(id, Role::kHost), 201);
  endStream(id, true, 10);
  expectCall(token(id, Role::kHost), 403);
}

TEST_F(BroadcasterToken, DeletedStreamIs404) {
  REQUIRE_WRITES();
  json stream = createWithGuest(true);
  ASSERT_TRUE(stream.contains("id"));
  expectCall(Req("deleteLiveStream").path("id", stream["id"]).as(Role::kHost), 200);
  expectCall(token(stream["id"], Role::kHost), 404);
}

}  // namespace
}  // namespace contract
