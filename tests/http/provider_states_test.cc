// The contract suite's provider states at /__mock/provider-states, against the real binary: each
// setup's effect is seen through the product API, teardowns undo what the catalogue says they
// undo, and bad requests are the documented 400, 404 and 409 envelopes.
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/time.h"
#include "test_support.h"

namespace lsm_test {
namespace {

constexpr char kEmily[] = "65639ca75f3a9c1e7b1a2b0c";  // rents kEndedStream's replay (fixtures)
constexpr char kStates[] = "/__mock/provider-states";

std::string streamPath(const std::string& stream_id, const std::string& what) {
  return "/api/v1/live-stream/" + stream_id + "/" + what;
}

json catalogueFile() {
  std::ifstream in(repoPath("schemas/provider-states.json"));
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str());
}

class ProviderStates : public FreshMockTest {
 protected:
  Response change(const json& body, const HeaderList& extra = {}) {
    HeaderList headers = {{"Content-Type", "application/json"}};
    headers.insert(headers.end(), extra.begin(), extra.end());
    auto r = http().request("POST", kStates, headers, body.dump());
    expectSpecResponse("mockChangeProviderState", r);
    return r;
  }
  Response setup(const std::string& state, const json& params, int status = 200) {
    auto r = change({{"state", state}, {"action", "setup"}, {"params", params}});
    EXPECT_EQ(r.status, status) << state << ": " << r.describe();
    if (r.status == 200) {
      EXPECT_EQ(r.data()["state"], state);
      EXPECT_EQ(r.data()["action"], "setup");
    }
    return r;
  }
  Response teardown(const std::string& state, const json& params, int status = 200) {
    auto r = change({{"state", state}, {"action", "teardown"}, {"params", params}});
    EXPECT_EQ(r.status, status) << state << ": " << r.describe();
    if (r.status == 200) {
      EXPECT_EQ(r.data()["action"], "teardown");
    }
    return r;
  }

  // The viewers of a stream as `caller` sees them (first page of 100).
  json viewers(const std::string& stream_id, const std::string& caller) {
    auto r = http().get(streamPath(stream_id, "viewers") + "?limit=100", {bearer(caller)});
    EXPECT_EQ(r.status, 200) << r.describe();
    expectSpecResponse("listLiveStreamViewers", r);
    return r.status == 200 ? r.data()["list"] : json::array();
  }
  std::optional<json> viewer(const std::string& stream_id, const std::string& caller,
                             const std::string& user) {
    for (const auto& v : viewers(stream_id, caller)) {
      if (v["_id"] == user) return v;
    }
    return std::nullopt;
  }
  Response postChat(const std::string& stream_id, const std::string& sender) {
    auto r = http().request("POST", streamPath(stream_id, "chat/messages"),
                            {bearer(sender), {"Content-Type", "application/json"}},
                            R"({"content":"merhaba"})");
    expectSpecResponse("postChatMessage", r);
    return r;
  }
  Response createStream(const std::string& user) {
    auto r = http().multipart("/api/v1/live-stream/create", {bearer(user)},
                              {{"title", "Durum testi"}, {"price", "9.99"}});
    expectSpecResponse("createLiveStream", r);
    return r;
  }
  Response rent(const std::string& stream_id, const std::string& user) {
    auto r = http().request("POST", streamPath(stream_id, "replay-rentals"), {bearer(user)});
    expectSpecResponse("createReplayRental", r);
    return r;
  }
  Response superlike(const std::string& stream_id, const std::string& user) {
    auto r = http().request("POST", streamPath(stream_id, "chat/superlike"), {bearer(user)});
    expectSpecResponse("sendSuperlike", r);
    return r;
  }
  json giftCounts(const std::string& stream_id) {
    auto r = http().get(streamPath(stream_id, "gift-counts"), {bearer(ids::kJohnDoe)});
    EXPECT_EQ(r.status, 200) << r.describe();
    expectSpecResponse("getLiveStreamGiftCounts", r);
    return r.data();
  }
  int64_t creditsOf(const std::string& user_id) {
    auto r = http().get("/__mock/users");
    for (const auto& u : r.data()) {
      if (u["_id"] == user_id) return u["credits"].get<int64_t>();
    }
    ADD_FAILURE() << "no user " << user_id;
    return -1;
  }
};

// ---- the catalogue ---------------------------------------------------------------------------

TEST_F(ProviderStates, GetServesTheCataloguesStates) {
  auto r = http().get(kStates);
  ASSERT_EQ(r.status, 200) << r.describe();
  expectSpecResponse("mockListProviderStates", r);
  EXPECT_EQ(r.data(), catalogueFile()["states"]);
}

// ---- each state, seen through the product API -----------------------------------------------

TEST_F(ProviderStates, UserWatchesStreamListsTheViewerUntilTheTeardown) {
  const json params = {{"userId", ids::kNotInBigStream}, {"streamId", ids::kBigStream}};
  ASSERT_FALSE(viewer(ids::kBigStream, ids::kBigStreamCreator, ids::kNotInBigStream));
  auto r = setup("user watches stream", params);
  EXPECT_EQ(r.data()["changed"], true);
  EXPECT_TRUE(viewer(ids::kBigStream, ids::kBigStreamCreator, ids::kNotInBigStream));
  EXPECT_EQ(setup("user watches stream", params).data()["changed"], false) << "setup is idempotent";

  EXPECT_EQ(teardown("user watches stream", params).data()["changed"], true);
  EXPECT_FALSE(viewer(ids::kBigStream, ids::kBigStreamCreator, ids::kNotInBigStream));
}

TEST_F(ProviderStates, StreamHasEndedWithARecordingAndPriceIsRentableAtThatPrice) {
  ASSERT_EQ(rent(ids::kBigStream, ids::kJohnDoe).status, 409) << "an active stream is not rentable";
  setup("stream has ended",
        {{"streamId", ids::kBigStream}, {"recording", true}, {"replayCreditPrice", 30}});
  EXPECT_EQ(postChat(ids::kBigStream, ids::kJohnDoe).status, 409) << "chat closes when it ends";
  const int64_t credits = creditsOf(ids::kJohnDoe);
  auto rented = rent(ids::kBigStream, ids::kJohnDoe);
  EXPECT_EQ(rented.status, 201) << rented.describe();
  EXPECT_EQ(creditsOf(ids::kJohnDoe), credits - 30);
  // Nothing to undo: the stream stays ended.
  teardown("stream has ended", {{"streamId", ids::kBigStream}, {"recording", true}});
  EXPECT_EQ(postChat(ids::kBigStream, ids::kJohnDoe).status, 409);
}

TEST_F(ProviderStates, UserHasCreditsPaysForSuperlikesUntilTheyRunOut) {
  setup("user has credits", {{"userId", ids::kJohnDoe}, {"credits", 10}});
  EXPECT_EQ(creditsOf(ids::kJohnDoe), 10);
  auto first = superlike(ids::kBigStream, ids::kJohnDoe);
  ASSERT_EQ(first.status, 201) << first.describe();
  const double price = first.data()["price"].get<double>();
  ASSERT_GT(price, 0);
  int sent = 1;
  Response last = first;
  while (last.status == 201 && sent < 100) {
    last = superlike(ids::kBigStream, ids::kJohnDoe);
    if (last.status == 201) ++sent;
  }
  EXPECT_EQ(sent, static_cast<int>(std::floor(10 / price)));
  EXPECT_EQ(last.status, 400) << last.describe();
  EXPECT_TRUE(namesField(last, "credits")) << last.describe();
  EXPECT_EQ(creditsOf(ids::kJohnDoe), 10 - static_cast<int64_t>(sent * price));
}

TEST_F(ProviderStates, UserIsBannedFromStreamChatUntilTheTeardownLiftsTheBan) {
  const json params = {{"userId", ids::kNotInBigStream}, {"streamId", ids::kBigStream}};
  setup("user is banned from stream chat", params);
  EXPECT_EQ(postChat(ids::kBigStream, ids::kNotInBigStream).status, 403);
  EXPECT_EQ(superlike(ids::kBigStream, ids::kNotInBigStream).status, 403);
  teardown("user is banned from stream chat", params);
  EXPECT_EQ(postChat(ids::kBigStream, ids::kNotInBigStream).status, 201);
}

TEST_F(ProviderStates, UserMayNotBroadcastUntilTheTeardownGivesTheRightBack) {
  // (No stream is created before the setup: a user with an active stream may not create another.)
  auto r = setup("user may not broadcast", {{"userId", ids::kJohnDoe}});
  EXPECT_EQ(r.data()["couldBroadcastBefore"], true);
  EXPECT_EQ(createStream(ids::kJohnDoe).status, 403);
  EXPECT_EQ(teardown("user may not broadcast", {{"userId", ids::kJohnDoe}}).data()["changed"],
            true);
  EXPECT_EQ(createStream(ids::kJohnDoe).status, 201);
}

TEST_F(ProviderStates, TeardownOfMayNotBroadcastLeavesAUserWhoCouldNotBroadcastUnable) {
  ASSERT_EQ(createStream(ids::kCannotBroadcast).status, 403);
  auto r = setup("user may not broadcast", {{"userId", ids::kCannotBroadcast}});
  EXPECT_EQ(r.data()["couldBroadcastBefore"], false);
  teardown("user may not broadcast", {{"userId", ids::kCannotBroadcast}});
  EXPECT_EQ(createStream(ids::kCannotBroadcast).status, 403);
}

TEST_F(ProviderStates, UserFollowsUserIsWhatTheViewersListsIsFollowingSays) {
  const json list = viewers(ids::kBigStream, ids::kJohnDoe);
  ASSERT_FALSE(list.empty());
  std::string followee;
  for (const auto& v : list) {
    if (v["_id"] != ids::kJohnDoe) followee = v["_id"];
  }
  ASSERT_FALSE(followee.empty());
  for (bool following : {true, false, true}) {
    SCOPED_TRACE(following ? "following" : "not following");
    setup("user follows user",
          {{"followerId", ids::kJohnDoe}, {"followeeId", followee}, {"following", following}});
    auto v = viewer(ids::kBigStream, ids::kJohnDoe, followee);
    ASSERT_TRUE(v);
    EXPECT_EQ((*v)["isFollowing"], following);
  }
}

TEST_F(ProviderStates, GiftsOfAnActiveTypeRaiseItsCount) {
  const json before = giftCounts(ids::kBigStream);
  ASSERT_FALSE(before["items"].empty());
  const std::string type = before["items"][0]["giftTypeId"];
  const int64_t count = before["items"][0]["count"];
  auto r = setup("gifts were sent to stream", {{"streamId", ids::kBigStream},
                                               {"senderId", ids::kJohnDoe},
                                               {"giftTypeId", type},
                                               {"count", 4}});
  EXPECT_EQ(r.data()["giftTypeId"], type);
  const json after = giftCounts(ids::kBigStream);
  EXPECT_EQ(after["items"][0]["giftTypeId"], type);
  EXPECT_EQ(after["items"][0]["count"], count + 4);
  EXPECT_EQ(after["totalCount"], before["totalCount"].get<int64_t>() + 4);
}

TEST_F(ProviderStates, GiftsOfAnInactiveTypeCountInTheTotalButAreNotListed) {
  const json before = giftCounts(ids::kBigStream);
  auto r = setup("gifts were sent to stream", {{"streamId", ids::kBigStream},
                                               {"senderId", ids::kJohnDoe},
                                               {"inactiveType", true},
                                               {"count", 2}});
  ASSERT_TRUE(r.data().contains("giftTypeId")) << r.describe();
  const std::string type = r.data()["giftTypeId"];
  bool inactive_in_fixtures = false;
  for (const auto& t : fixture("gift-types.json")) {
    if (t["_id"] == type) inactive_in_fixtures = t["active"] == false;
  }
  EXPECT_TRUE(inactive_in_fixtures) << "an inactive type of the fixtures is used: " << type;
  EXPECT_EQ(r.data()["giftTypeCreated"], false);
  const json after = giftCounts(ids::kBigStream);
  EXPECT_EQ(after["totalCount"], before["totalCount"].get<int64_t>() + 2);
  EXPECT_EQ(after["items"], before["items"]);
}

TEST_F(ProviderStates, ReplayRentalHasExpiredLetsTheSameUserRentAgain) {
  setup("user has credits", {{"userId", kEmily}, {"credits", 100}});
  ASSERT_EQ(rent(ids::kEndedStream, kEmily).status, 409) << "the fixture rental runs";
  auto r =
      setup("replay rental has expired", {{"userId", kEmily}, {"streamId", ids::kEndedStream}});
  EXPECT_EQ(r.data()["changed"], true);
  auto rented = rent(ids::kEndedStream, kEmily);
  EXPECT_EQ(rented.status, 201) << rented.describe();
  EXPECT_EQ(rented.data()["status"], "rented");
}

TEST_F(ProviderStates, ScheduledStreamHasStartedLetsTheHostChat) {
  ASSERT_EQ(postChat(ids::kScheduledStream, ids::kJohnDoe).status, 409);
  auto r = setup("scheduled stream has started", {{"streamId", ids::kScheduledStream}});
  ASSERT_TRUE(r.data().contains("startedAt")) << r.describe();
  EXPECT_LE(std::llabs(*lsm::parseIsoDateTime(r.data()["startedAt"].get<std::string>()) / 1000 -
                       nowSeconds()),
            5);
  EXPECT_EQ(postChat(ids::kScheduledStream, ids::kJohnDoe).status, 201);
}

// ---- bad requests -----------------------------------------------------------------------------

TEST_F(ProviderStates, UnknownStateIs400NamingState) {
  auto r = change({{"state", "user is sleeping"}, {"action", "setup"}, {"params", json::object()}});
  EXPECT_EQ(r.status, 400) << r.describe();
  EXPECT_TRUE(namesField(r, "state")) << r.describe();
}

TEST_F(ProviderStates, MissingOrUnknownActionIs400NamingAction) {
  const json params = {{"streamId", ids::kScheduledStream}};
  auto missing = change({{"state", "scheduled stream has started"}, {"params", params}});
  EXPECT_EQ(missing.status, 400) << missing.describe();
  EXPECT_TRUE(namesField(missing, "action")) << missing.describe();
  auto unknown =
      change({{"state", "scheduled stream has started"}, {"action", "undo"}, {"params", params}});
  EXPECT_EQ(unknown.status, 400) << unknown.describe();
  EXPECT_TRUE(namesField(unknown, "action")) << unknown.describe();
  // Nothing happened.
  EXPECT_EQ(postChat(ids::kScheduledStream, ids::kJohnDoe).status, 409);
}

TEST_F(ProviderStates, BadParamsAre400NamingTheParam) {
  auto r = setup("user watches stream", {{"userId", "nope"}, {"streamId", ids::kBigStream}}, 400);
  EXPECT_TRUE(namesField(r, "params.userId")) << r.describe();
  auto missing = setup("user has credits", {{"userId", ids::kJohnDoe}}, 400);
  EXPECT_TRUE(namesField(missing, "params.credits")) << missing.describe();
  auto extra = setup("user may not broadcast", {{"userId", ids::kJohnDoe}, {"why", "x"}}, 400);
  EXPECT_TRUE(namesField(extra, "params.why")) << extra.describe();
  auto both = setup("gifts were sent to stream",
                    {{"streamId", ids::kBigStream},
                     {"senderId", ids::kJohnDoe},
                     {"giftTypeId", fixture("gift-types.json")[0]["_id"]},
                     {"inactiveType", true},
                     {"count", 1}},
                    400);
  EXPECT_TRUE(namesField(both, "inactiveType")) << both.describe();
}

TEST_F(ProviderStates, IdsThatNameNothingAre404) {
  setup("user watches stream", {{"userId", ids::kNoSuchId}, {"streamId", ids::kBigStream}}, 404);
  setup("stream has ended", {{"streamId", ids::kNoSuchId}, {"recording", false}}, 404);
  setup("user has credits", {{"userId", ids::kNoSuchId}, {"credits", 1}}, 404);
  setup("scheduled stream has started", {{"streamId", ids::kDeletedStream}}, 404);
  teardown("user is banned from stream chat",
           {{"userId", ids::kNoSuchId}, {"streamId", ids::kBigStream}}, 404);
}

TEST_F(ProviderStates, StatesTheDataCannotReachAre409SayingWhy) {
  auto ended =
      setup("stream has ended", {{"streamId", ids::kEndedStream}, {"recording", true}}, 409);
  EXPECT_TRUE(anyErrorContains(ended, "not active")) << ended.describe();
  auto started = setup("scheduled stream has started", {{"streamId", ids::kBigStream}}, 409);
  EXPECT_TRUE(anyErrorContains(started, "not scheduled")) << started.describe();
  auto rental = setup("replay rental has expired",
                      {{"userId", ids::kNotInBigStream}, {"streamId", ids::kEndedStream}}, 409);
  EXPECT_TRUE(anyErrorContains(rental, "no rental")) << rental.describe();
  auto watch = setup("user watches stream",
                     {{"userId", ids::kNotInBigStream}, {"streamId", ids::kCancelledStream}}, 409);
  EXPECT_TRUE(anyErrorContains(watch, "cancelled")) << watch.describe();
}

// ---- the control API's switches --------------------------------------------------------------

class ProviderStatesOff : public ProviderStates {
 protected:
  std::vector<std::string> mockArgs() const override { return {"--no-control-api"}; }
};

TEST_F(ProviderStatesOff, BothRoutesAre404) {
  EXPECT_EQ(http().get(kStates).status, 404);
  auto r = http().request("POST", kStates, {{"Content-Type", "application/json"}},
                          R"({"state":"user has credits","action":"setup","params":{}})");
  EXPECT_EQ(r.status, 404) << r.describe();
  EXPECT_TRUE(isErrorEnvelope(r.body_json));
}

class ProviderStatesGuarded : public ProviderStates {
 protected:
  std::vector<std::string> mockArgs() const override {
    return {"--control-token", "team-secret-42"};
  }
};

TEST_F(ProviderStatesGuarded, NeedTheControlToken) {
  const json body = {{"state", "user has credits"},
                     {"action", "setup"},
                     {"params", {{"userId", ids::kJohnDoe}, {"credits", 3}}}};
  EXPECT_EQ(http().get(kStates).status, 401);
  auto refused =
      http().request("POST", kStates, {{"Content-Type", "application/json"}}, body.dump());
  EXPECT_EQ(refused.status, 401) << refused.describe();
  EXPECT_TRUE(namesField(refused, "X-Mock-Control-Token")) << refused.describe();

  const HeaderList token = {{"X-Mock-Control-Token", "team-secret-42"}};
  EXPECT_EQ(http().get(kStates, token).status, 200);
  auto done = change(body, token);
  EXPECT_EQ(done.status, 200) << done.describe();
  auto users = http().get("/__mock/users", token);
  for (const auto& u : users.data()) {
    if (u["_id"] == ids::kJohnDoe) {
      EXPECT_EQ(u["credits"], 3);
    }
  }
}

}  // namespace
}  // namespace lsm_test
