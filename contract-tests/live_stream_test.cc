// createLiveStream: what a created stream is (active or scheduled, the caller's role, paid when it
// has a price, its guests and thumbnail), and when a create is refused (title, who may broadcast,
// unknown guests, a second active stream).
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kNoSuchUser[] = "0123456789abcdef01234567";

class CreateLiveStream : public ContractTest {
 protected:
  Req createReq(Role who, const std::string& title = "") {
    Req req("createLiveStream");
    req.as(who).field("title", title.empty() ? "Contract " + testName() : title);
    return req;
  }
  // Sends a create expecting `expected`; a stream it made is cleaned up after the test.
  json create(Role who, const Req& req, int expected) {
    HttpResult r = expectCall(req, expected);
    json d = dataOf(r);
    if (r.status == 201 && d.contains("id") && d["id"].is_string()) track(d["id"], who);
    return d;
  }
};

TEST_F(CreateLiveStream, WithoutPlannedStartIs201ActiveAndTheCallerIsHost) {
  REQUIRE_WRITES();
  const std::string title = "Contract active " + testName();
  json d = create(Role::kHost, createReq(Role::kHost, title), 201);
  EXPECT_EQ(d["status"], "active");
  EXPECT_EQ(d["role"], "host");
  EXPECT_EQ(d["title"], title);
  EXPECT_EQ(d["creator"]["_id"], userId(Role::kHost));
  EXPECT_FALSE(d["startedAt"].is_null()) << "an active stream has started";
  EXPECT_EQ(d["accessType"], "free") << "no price: a free stream";
}

TEST_F(CreateLiveStream, WithFuturePlannedStartIs201Scheduled) {
  REQUIRE_WRITES();
  const std::string planned = isoFromNow(48 * 3600);
  json d = create(Role::kHost, createReq(Role::kHost).field("plannedStartDate", planned), 201);
  EXPECT_EQ(d["status"], "scheduled");
  EXPECT_EQ(d["role"], "host");
  EXPECT_TRUE(d["startedAt"].is_null()) << "a scheduled stream has not started";
  EXPECT_EQ(d["plannedStartDate"], planned);
}

TEST_F(CreateLiveStream, WithPastPlannedStartIsActiveAtOnce) {
  REQUIRE_WRITES();
  json d =
      create(Role::kHost, createReq(Role::kHost).field("plannedStartDate", isoFromNow(-3600)), 201);
  EXPECT_EQ(d["status"], "active");
  EXPECT_FALSE(d["startedAt"].is_null());
}

TEST_F(CreateLiveStream, WithPriceIsPaid) {
  REQUIRE_WRITES();
  json d = create(Role::kHost,
                  createReq(Role::kHost)
                      .field("price", "9.99")
                      .field("plannedStartDate", isoFromNow(48 * 3600)),
                  201);
  EXPECT_EQ(d["accessType"], "paid");
  EXPECT_EQ(d["price"], 9.99);
}

TEST_F(CreateLiveStream, InvitedGuestIsListedAmongTheGuests) {
  REQUIRE_WRITES();
  json d = create(Role::kHost,
                  createReq(Role::kHost)
                      .field("liveStreamType", "multi")
                      .field("guests", json::array({userId(Role::kGuest)}).dump())
                      .field("plannedStartDate", isoFromNow(48 * 3600)),
                  201);
  EXPECT_EQ(d["liveStreamType"], "multi");
  ASSERT_TRUE(d["guests"].is_array());
  ASSERT_EQ(d["guests"].size(), 1u);
  EXPECT_EQ(d["guests"][0]["_id"], userId(Role::kGuest));
}

TEST_F(CreateLiveStream, ChannelNameIsASlugOfTheTitle) {
  REQUIRE_WRITES();
  json d = create(
      Role::kHost,
      createReq(Role::kHost, "Çağrı Şov: Akşam 9").field("plannedStartDate", isoFromNow(48 * 3600)),
      201);
  const std::string channel = d.value("channelName", "");
  EXPECT_EQ(channel.rfind("cagri-sov-aksam-9-", 0), 0u) << channel;
}

TEST_F(CreateLiveStream, TitleOf100CharactersIsAccepted) {
  REQUIRE_WRITES();
  const std::string title(100, 't');
  json d =
      create(Role::kHost,
             createReq(Role::kHost, title).field("plannedStartDate", isoFromNow(48 * 3600)), 201);
  EXPECT_EQ(d["title"], title);
}

TEST_F(CreateLiveStream, PngThumbnailIsServedBackAtItsUrl) {
  REQUIRE_WRITES();
  json d = create(Role::kHost,
                  createReq(Role::kHost)
                      .field("plannedStartDate", isoFromNow(48 * 3600))
                      .file("thumbnail", "thumb.png", "image/png", tinyPng()),
                  201);
  const std::string url = d.value("thumbnailUrl", "");
  const std::string& base = suite().target.base_url;
  if (url.rfind(base, 0) != 0) {
    GTEST_SKIP() << "the thumbnail is served elsewhere (" << url << "), not by " << base;
  }
  HttpCall get;
  get.path = url.substr(base.size());
  HttpResult img = suite().client->send(get);
  EXPECT_EQ(img.status, 200) << url;
  EXPECT_EQ(img.body, tinyPng()) << "the uploaded bytes come back";
}

TEST_F(CreateLiveStream, ThumbnailThatIsNoImageIs400) {
  REQUIRE_WRITES();
  Req req = createReq(Role::kHost)
                .file("thumbnail", "thumb.png", "image/png", "this is text pretending to be a PNG");
  HttpResult r = expectCall(req, 400);
  if (r.status == 201) track(dataOf(r)["id"], Role::kHost);
  expectErrorMentions(req, r, "thumbnail");
}

TEST_F(CreateLiveStream, WhitespaceOnlyTitleIs400) {
  REQUIRE_WRITES();
  Req req = createReq(Role::kHost, "   \t  ");
  HttpResult r = expectCall(req, 400);
  if (r.status == 201) track(dataOf(r)["id"], Role::kHost);
  expectErrorMentions(req, r, "title");
}

TEST_F(CreateLiveStream, UserWhoMayNotBroadcastIs403) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a user who may not broadcast");
  HttpResult users = send(Req("mockListUsers"));
  ASSERT_TRUE(users.status == 200 && users.json);
  std::string viewer_only;
  for (const auto& u : (*users.json)["data"]) {
    if (!u.value("canBroadcast", true)) {
      viewer_only = u.value("_id", "");
      break;
    }
  }
  ASSERT_FALSE(viewer_only.empty()) << "the mock has no user with canBroadcast false";
  HttpResult minted = send(Req("mockMintToken").json({{"userId", viewer_only}}));
  ASSERT_EQ(minted.status, 201) << minted.body;
  const std::string token = dataOf(minted).value("token", "");

  Req req("createLiveStream");
  req.token(token).field("title", "Contract " + testName());
  HttpResult r = expectCall(req, 403);
  if (r.status == 201) {  // clean up what should not exist
    const std::string id = dataOf(r).value("id", "");
    send(Req("cancelLiveStream").path("id", id).token(token));
    send(Req("deleteLiveStream").path("id", id).token(token));
  }
  // The same request from a user who may broadcast is accepted: the 403 is about the user.
  create(Role::kHost, createReq(Role::kHost).field("plannedStartDate", isoFromNow(48 * 3600)), 201);
}

TEST_F(CreateLiveStream, GuestWhoIsNoUserIs404) {
  REQUIRE_WRITES();
  Req req = createReq(Role::kHost)
                .field("liveStreamType", "multi")
                .field("guests", json::array({userId(Role::kGuest), kNoSuchUser}).dump());
  create(Role::kHost, req, 404);
  // Without the unknown guest the same stream is created: the 404 is about the guest.
  create(Role::kHost,
         createReq(Role::kHost)
             .field("liveStreamType", "multi")
             .field("guests", json::array({userId(Role::kGuest)}).dump()),
         201);
}

TEST_F(CreateLiveStream, SecondActiveStreamOfTheSameCreatorIs409) {
  REQUIRE_WRITES();
  ASSERT_FALSE(createStream(Role::kHost).empty());
  create(Role::kHost, createReq(Role::kHost), 409);
}

TEST_F(CreateLiveStream, ScheduledStreamWhileTheCallerHasAnActiveOneIs409) {
  REQUIRE_WRITES();
  // "A caller who already has an active stream: 409", whatever the new stream would be.
  const std::string active = createStream(Role::kHost);
  ASSERT_FALSE(active.empty());
  create(Role::kHost, createReq(Role::kHost).field("plannedStartDate", isoFromNow(48 * 3600)), 409);
  expectCall(Req("cancelLiveStream").path("id", active).as(Role::kHost), 201);
  json d = create(Role::kHost,
                  createReq(Role::kHost).field("plannedStartDate", isoFromNow(48 * 3600)), 201);
  EXPECT_EQ(d["status"], "scheduled");
}

TEST_F(CreateLiveStream, ActiveStreamOfAnotherCreatorIsNoConflict) {
  REQUIRE_WRITES();
  ASSERT_FALSE(createStream(Role::kHost).empty());
  json d = create(Role::kOther, createReq(Role::kOther), 201);
  EXPECT_EQ(d["status"], "active");
  EXPECT_EQ(d["creator"]["_id"], userId(Role::kOther));
}

}  // namespace
}  // namespace contract
