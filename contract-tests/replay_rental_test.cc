// createReplayRental: an ended stream's recording is rented by another user for its replay price
// for 48 hours; refused when already rented, for the owner, without a recording or price, for a
// stream that did not end, and for too small a balance.
#include "core/time.h"
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr double kReplayPrice = 25;

class ReplayRental : public ContractTest {
 protected:
  Req rent(const std::string& id, Role who) {
    Req req("createReplayRental");
    req.path("id", id).as(who);
    return req;
  }
  // HOST's stream, ended with a recording for rent at kReplayPrice (mock only).
  std::string endedWithRecording() {
    const std::string id = createStream(Role::kHost);
    if (!id.empty()) endStream(id, true, kReplayPrice);
    return id;
  }
};

TEST_F(ReplayRental, RentingAnEndedRecordingIs201AndDebitsThePrice) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended with a recording");
  const std::string id = endedWithRecording();
  ASSERT_FALSE(id.empty());
  setCredits(Role::kOther, 100);
  json access = dataOf(expectCall(rent(id, Role::kOther), 201));
  EXPECT_EQ(access["status"], "rented");
  EXPECT_EQ(access["canViewRecording"], true);
  EXPECT_EQ(access["canRent"], false) << "rented already";
  EXPECT_EQ(access["price"], kReplayPrice);
  EXPECT_EQ(mockCredits(Role::kOther), 100 - static_cast<int64_t>(kReplayPrice));
  // For 48 hours.
  auto rented = lsm::parseIsoDateTime(access.value("rentedAt", ""));
  auto expires = lsm::parseIsoDateTime(access.value("expiresAt", ""));
  ASSERT_TRUE(rented && expires);
  EXPECT_EQ(*expires - *rented, 48 * 3600 * 1000LL);
  EXPECT_NEAR(access.value("remainingSeconds", 0), 48 * 3600, 60);
}

TEST_F(ReplayRental, RentingAgainWhileRentedIs409AndCostsNothing) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended with a recording");
  const std::string id = endedWithRecording();
  ASSERT_FALSE(id.empty());
  setCredits(Role::kOther, 100);
  expectCall(rent(id, Role::kOther), 201);
  expectCall(rent(id, Role::kOther), 409);
  EXPECT_EQ(mockCredits(Role::kOther), 100 - static_cast<int64_t>(kReplayPrice));
  // Another user's rental is their own.
  setCredits(Role::kAudience, 100);
  expectCall(rent(id, Role::kAudience), 201);
}

TEST_F(ReplayRental, AfterTheRentalExpiresItCanBeRentedAgain) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("the mock's clock");
  const std::string id = endedWithRecording();
  ASSERT_FALSE(id.empty());
  setCredits(Role::kOther, 100);
  expectCall(rent(id, Role::kOther), 201);
  HttpResult clock = send(Req("mockSetClock").json({{"advanceSeconds", 47 * 3600}}));
  ASSERT_EQ(clock.status, 200) << clock.body;
  expectCall(rent(id, Role::kOther), 409);  // 47 h: still rented
  clock = send(Req("mockSetClock").json({{"advanceSeconds", 2 * 3600}}));
  ASSERT_EQ(clock.status, 200) << clock.body;
  json again = dataOf(expectCall(rent(id, Role::kOther), 201));  // 49 h: expired
  EXPECT_EQ(again["status"], "rented");
  EXPECT_EQ(mockCredits(Role::kOther), 100 - 2 * static_cast<int64_t>(kReplayPrice));
}

TEST_F(ReplayRental, OwnerIs409) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended with a recording");
  const std::string id = endedWithRecording();
  ASSERT_FALSE(id.empty());
  setCredits(Role::kHost, 100);
  expectCall(rent(id, Role::kHost), 409);
  EXPECT_EQ(mockCredits(Role::kHost), 100);
}

TEST_F(ReplayRental, StreamWithoutRecordingIs409) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended without a recording");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  endStream(id, false, 0);
  setCredits(Role::kOther, 100);
  expectCall(rent(id, Role::kOther), 409);
  EXPECT_EQ(mockCredits(Role::kOther), 100);
}

TEST_F(ReplayRental, RecordingWithoutReplayPriceIs409) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended with a recording but no price");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  HttpResult ended = send(Req("mockEndStream").path("id", id).json({{"recording", true}}));
  ASSERT_EQ(ended.status, 201) << ended.body;
  setCredits(Role::kOther, 100);
  expectCall(rent(id, Role::kOther), 409);
}

TEST_F(ReplayRental, ActiveStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(rent(id, Role::kOther), 409);
}

TEST_F(ReplayRental, CancelledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(rent(id, Role::kOther), 409);
}

TEST_F(ReplayRental, BalanceBelowThePriceIs400AndNothingIsDebited) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended with a recording");
  const std::string id = endedWithRecording();
  ASSERT_FALSE(id.empty());
  const auto short_by_one = static_cast<int64_t>(kReplayPrice) - 1;
  setCredits(Role::kOther, short_by_one);
  Req req = rent(id, Role::kOther);
  HttpResult r = expectCall(req, 400);
  expectErrorMentions(req, r, "credits");
  EXPECT_EQ(mockCredits(Role::kOther), short_by_one);
  setCredits(Role::kOther, short_by_one + 1);  // exactly the price is enough
  expectCall(rent(id, Role::kOther), 201);
  EXPECT_EQ(mockCredits(Role::kOther), 0);
}

TEST_F(ReplayRental, DeletedStreamIs404) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended with a recording");
  const std::string id = endedWithRecording();
  ASSERT_FALSE(id.empty());
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  setCredits(Role::kOther, 100);
  expectCall(rent(id, Role::kOther), 404);
  EXPECT_EQ(mockCredits(Role::kOther), 100);
}

}  // namespace
}  // namespace contract
