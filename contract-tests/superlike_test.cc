// sendSuperlike: costs its price from the sender's balance; refused for too small a balance, for
// the creator, for a banned user, and on a stream that is not active.
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

class Superlike : public ContractTest {
 protected:
  Req superlike(const std::string& id, Role who) {
    Req req("sendSuperlike");
    req.path("streamId", id).as(who);
    return req;
  }
  // HOST's active stream with AUDIENCE in its audience (mock only).
  std::string liveWithViewer() {
    const std::string id = createStream(Role::kHost);
    if (!id.empty()) joinAudience(id, Role::kAudience);
    return id;
  }
};

TEST_F(Superlike, Is201AndDebitsExactlyThePrice) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a viewer with a known credit balance");
  const std::string id = liveWithViewer();
  ASSERT_FALSE(id.empty());
  setCredits(Role::kAudience, 1000);
  json like = dataOf(expectCall(superlike(id, Role::kAudience), 201));
  EXPECT_EQ(like["streamId"], id);
  EXPECT_EQ(like["senderId"], userId(Role::kAudience));
  EXPECT_EQ(like["senderSnapshot"]["_id"], userId(Role::kAudience));
  ASSERT_TRUE(like["price"].is_number());
  const double price = like["price"];
  EXPECT_GT(price, 0);
  EXPECT_EQ(mockCredits(Role::kAudience), 1000 - static_cast<int64_t>(price));
  // A second one costs the same again.
  expectCall(superlike(id, Role::kAudience), 201);
  EXPECT_EQ(mockCredits(Role::kAudience), 1000 - 2 * static_cast<int64_t>(price));
}

TEST_F(Superlike, BalanceBelowThePriceIs400AndNothingIsDebited) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a viewer with a known credit balance");
  const std::string id = liveWithViewer();
  ASSERT_FALSE(id.empty());
  setCredits(Role::kAudience, 1000);
  const auto price = static_cast<int64_t>(
      dataOf(expectCall(superlike(id, Role::kAudience), 201)).value("price", 0.0));
  ASSERT_GT(price, 0);

  setCredits(Role::kAudience, price - 1);
  Req req = superlike(id, Role::kAudience);
  HttpResult r = expectCall(req, 400);
  expectErrorMentions(req, r, "credits");
  EXPECT_EQ(mockCredits(Role::kAudience), price - 1);

  // Exactly the price is enough, and leaves nothing.
  setCredits(Role::kAudience, price);
  expectCall(superlike(id, Role::kAudience), 201);
  EXPECT_EQ(mockCredits(Role::kAudience), 0);
  expectCall(superlike(id, Role::kAudience), 400);
}

TEST_F(Superlike, CreatorOnOwnStreamIs403) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(superlike(id, Role::kHost), 403);
}

TEST_F(Superlike, BannedUserIs403AndKeepsTheCredits) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a chat ban");
  const std::string id = liveWithViewer();
  ASSERT_FALSE(id.empty());
  joinAudience(id, Role::kOther);
  setCredits(Role::kAudience, 100);
  setCredits(Role::kOther, 100);
  banFromChat(id, Role::kAudience);
  expectCall(superlike(id, Role::kAudience), 403);
  EXPECT_EQ(mockCredits(Role::kAudience), 100);
  expectCall(superlike(id, Role::kOther), 201);  // the ban is AUDIENCE's only
}

TEST_F(Superlike, OnScheduledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(superlike(id, Role::kAudience), 409);
}

TEST_F(Superlike, OnEndedStreamIs409AndNothingIsDebited) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended");
  const std::string id = liveWithViewer();
  ASSERT_FALSE(id.empty());
  setCredits(Role::kAudience, 100);
  endStream(id, false, 0);
  expectCall(superlike(id, Role::kAudience), 409);
  EXPECT_EQ(mockCredits(Role::kAudience), 100);
}

TEST_F(Superlike, OnCancelledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(superlike(id, Role::kAudience), 409);
}

TEST_F(Superlike, OnDeletedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(superlike(id, Role::kAudience), 409);  // there, but not active
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  expectCall(superlike(id, Role::kAudience), 404);
}

}  // namespace
}  // namespace contract
