// createReplayRental: an ended stream's recording is rented by another user for its replay price
// for 48 hours; refused when already rented, for the owner, without a recording or price, for a
// stream that did not end, and for too small a balance. Every rule here is decided (the pages
// give the path and title only). Balances are never read back: what a rental cost shows in when
// the next one is refused.
#include "core/time.h"
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kOp[] = "createReplayRental";
constexpr Basis kDecided = Basis::kDecided;
// The replay price the tests give their ended streams (a test value, not an API fact).
constexpr int64_t kPrice = 25;

class ReplayRental : public ContractTest {
 protected:
  Req rent(const std::string& id, Role who) {
    Req req(kOp);
    req.path("id", id).as(who);
    return req;
  }
  // HOST's stream, ended with a recording for rent at kPrice; "" when it cannot be set up.
  std::string endedWithRecording() {
    const std::string id = createStream(Role::kHost);
    if (id.empty() || !endStream(id, true, static_cast<double>(kPrice))) return "";
    return id;
  }
  bool expire(const std::string& id, Role who) {
    return given("replay rental has expired", {{"userId", userId(who)}, {"streamId", id}});
  }
};

STATES_FOR(ReplayRental, RentingAnEndedRecordingIs201ForTheReplayPriceFor48Hours,
           ({"stream has ended", "user has credits", "replay rental has expired"}),
           ({{"createReplayRental", 201}, {"createReplayRental", 400}}));
TEST_F(ReplayRental, RentingAnEndedRecordingIs201ForTheReplayPriceFor48Hours) {
  REQUIRE_WRITES();
  const std::string id = endedWithRecording();
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(setCredits(Role::kOther, 2 * kPrice - 1));
  json access = dataOf(expectCall(rent(id, Role::kOther), 201, kDecided));
  decided(kOp, "a rental returns replayAccess with status rented")
      .eq(at(access, "status"), "rented");
  decided(kOp, "a renter may view the recording").eq(at(access, "canViewRecording"), true);
  decided(kOp, "a renter cannot rent again while rented").eq(at(access, "canRent"), false);
  decided(kOp, "replayAccess.price is the replay price").eq(at(access, "price"), kPrice);
  auto rented = lsm::parseIsoDateTime(access.value("rentedAt", ""));
  auto expires = lsm::parseIsoDateTime(access.value("expiresAt", ""));
  decided(kOp, "a rental lasts 48 hours")
      .holds(rented && expires && *expires - *rented == 48 * 3600 * 1000LL,
             "rentedAt " + at(access, "rentedAt").dump() + ", expiresAt " +
                 at(access, "expiresAt").dump());
  decided(kOp, "remainingSeconds counts down the 48 hours")
      .near(at(access, "remainingSeconds"), 48 * 3600, 120);
  // It cost at least the price: what is left (price - 1) does not pay for another...
  REQUIRE_SETUP(expire(id, Role::kOther));
  expectCall(rent(id, Role::kOther), 400, kDecided);
  // ... and at most the price: twice the price pays for two.
  REQUIRE_SETUP(setCredits(Role::kOther, 2 * kPrice));
  expectCall(rent(id, Role::kOther), 201, kDecided);
  REQUIRE_SETUP(expire(id, Role::kOther));
  expectCall(rent(id, Role::kOther), 201, kDecided);
}

STATES_FOR(ReplayRental, RentingAgainWhileRentedIs409AndCostsNothing,
           ({"stream has ended", "user has credits", "replay rental has expired"}),
           ({{"createReplayRental", 409}}));
TEST_F(ReplayRental, RentingAgainWhileRentedIs409AndCostsNothing) {
  REQUIRE_WRITES();
  const std::string id = endedWithRecording();
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(setCredits(Role::kOther, 2 * kPrice));
  expectCall(rent(id, Role::kOther), 201, kDecided);
  expectCall(rent(id, Role::kOther), 409, kDecided);
  // The 409 cost nothing: the second price is still there once the rental has run out.
  REQUIRE_SETUP(expire(id, Role::kOther));
  expectCall(rent(id, Role::kOther), 201, kDecided);
  // Another user's rental is their own.
  REQUIRE_SETUP(setCredits(Role::kAudience, kPrice));
  expectCall(rent(id, Role::kAudience), 201, kDecided);
}

STATES_FOR(ReplayRental, OwnerIs409, ({"stream has ended", "user has credits"}),
           ({{"createReplayRental", 409}}));
TEST_F(ReplayRental, OwnerIs409) {
  REQUIRE_WRITES();
  const std::string id = endedWithRecording();
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(setCredits(Role::kHost, 100));
  expectCall(rent(id, Role::kHost), 409, kDecided);
}

STATES_FOR(ReplayRental, StreamWithoutRecordingIs409, ({"stream has ended", "user has credits"}),
           ({{"createReplayRental", 409}}));
TEST_F(ReplayRental, StreamWithoutRecordingIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(endStream(id, false, std::nullopt));
  REQUIRE_SETUP(setCredits(Role::kOther, 100));
  expectCall(rent(id, Role::kOther), 409, kDecided);
}

STATES_FOR(ReplayRental, RecordingWithoutReplayPriceIs409,
           ({"stream has ended", "user has credits"}), ({{"createReplayRental", 409}}));
TEST_F(ReplayRental, RecordingWithoutReplayPriceIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(endStream(id, true, std::nullopt));
  REQUIRE_SETUP(setCredits(Role::kOther, 100));
  expectCall(rent(id, Role::kOther), 409, kDecided);
}

TEST_F(ReplayRental, ActiveStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(rent(id, Role::kOther), 409, kDecided);
}

TEST_F(ReplayRental, CancelledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(rent(id, Role::kOther), 409, kDecided);
}

STATES_FOR(ReplayRental, BalanceBelowThePriceIs400AndExactlyThePriceIsEnough,
           ({"stream has ended", "user has credits"}), ({{"createReplayRental", 400}}));
TEST_F(ReplayRental, BalanceBelowThePriceIs400AndExactlyThePriceIsEnough) {
  REQUIRE_WRITES();
  const std::string id = endedWithRecording();
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(setCredits(Role::kOther, kPrice - 1));
  Req req = rent(id, Role::kOther);
  HttpResult r = expectCall(req, 400, kDecided);
  expectErrorMentions(req, r, "credits");
  REQUIRE_SETUP(setCredits(Role::kOther, kPrice));
  expectCall(rent(id, Role::kOther), 201, kDecided);
}

STATES_FOR(ReplayRental, DeletedStreamIs404, ({"stream has ended", "user has credits"}),
           ({{"createReplayRental", 404}}));
TEST_F(ReplayRental, DeletedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = endedWithRecording();
  REQUIRE_SETUP(!id.empty());
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  REQUIRE_SETUP(setCredits(Role::kOther, 100));
  expectCall(rent(id, Role::kOther), 404);
}

}  // namespace
}  // namespace contract
