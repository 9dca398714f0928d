// sendSuperlike: costs its price from the sender's balance; refused for too small a balance, for
// the creator, for a banned user, and on a stream that is not active. A balance is never read
// back (the API has no such read): what a superlike costs shows in when the next one is refused.
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kOp[] = "sendSuperlike";
constexpr Basis kDecided = Basis::kDecided;

class Superlike : public ContractTest {
 protected:
  Req superlike(const std::string& id, Role who) {
    Req req(kOp);
    req.path("streamId", id).as(who);
    return req;
  }
  // HOST's active stream with AUDIENCE watching it; "" when that cannot be set up.
  std::string liveWithViewer() {
    const std::string id = createStream(Role::kHost);
    if (id.empty() || !watch(id, Role::kAudience)) return "";
    return id;
  }
  // The price of a superlike on `id`, learnt from one sent by `who` with plenty of credits; 0 when
  // it could not be learnt (the reason is reported).
  int64_t learnPrice(const std::string& id, Role who) {
    if (!setCredits(who, 1000000)) return 0;
    json like = dataOf(expectCall(superlike(id, who), 201));
    const json price = at(like, "price");
    if (!documented(kOp, "a superlike has a positive price")
             .holds(price.is_number() && price.get<double>() > 0, "price " + price.dump())) {
      return 0;
    }
    decided(kOp, "a superlike's price is a whole number of credits")
        .holds(
            price.get<double>() == static_cast<double>(static_cast<int64_t>(price.get<double>())),
            "price " + price.dump());
    return static_cast<int64_t>(price.get<double>());
  }
};

STATES_FOR(Superlike, Is201AndDebitsExactlyThePrice, ({"user watches stream", "user has credits"}),
           ({{"sendSuperlike", 201}, {"sendSuperlike", 400}}));
TEST_F(Superlike, Is201AndDebitsExactlyThePrice) {
  REQUIRE_WRITES();
  const std::string id = liveWithViewer();
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(setCredits(Role::kAudience, 1000000));
  json like = dataOf(expectCall(superlike(id, Role::kAudience), 201));
  documented(kOp, "the superlike names its stream").eq(at(like, "streamId"), id);
  documented(kOp, "the superlike names its sender")
      .eq(at(like, "senderId"), userId(Role::kAudience));
  documented(kOp, "the sender snapshot is the sender's")
      .eq(at(like, "senderSnapshot._id"), userId(Role::kAudience));
  const int64_t price = learnPrice(id, Role::kAudience);
  REQUIRE_SETUP(price > 0 || halted());
  REQUIRE_SETUP(!halted());
  // Two from twice the price, then none: each cost no more than the price...
  REQUIRE_SETUP(setCredits(Role::kAudience, 2 * price));
  expectCall(superlike(id, Role::kAudience), 201);
  expectCall(superlike(id, Role::kAudience), 201);
  expectCall(superlike(id, Role::kAudience), 400, kDecided);
  // ... and one from one credit short of twice the price: each cost at least the price.
  REQUIRE_SETUP(setCredits(Role::kAudience, 2 * price - 1));
  expectCall(superlike(id, Role::kAudience), 201);
  expectCall(superlike(id, Role::kAudience), 400, kDecided);
}

STATES_FOR(Superlike, BalanceBelowThePriceIs400AndExactlyThePriceIsEnough,
           ({"user watches stream", "user has credits"}), ({{"sendSuperlike", 400}}));
TEST_F(Superlike, BalanceBelowThePriceIs400AndExactlyThePriceIsEnough) {
  REQUIRE_WRITES();
  const std::string id = liveWithViewer();
  REQUIRE_SETUP(!id.empty());
  const int64_t price = learnPrice(id, Role::kAudience);
  REQUIRE_SETUP(price > 0);
  REQUIRE_SETUP(setCredits(Role::kAudience, price - 1));
  Req req = superlike(id, Role::kAudience);
  HttpResult r = expectCall(req, 400, kDecided);
  expectErrorMentions(req, r, "credits");
  // Exactly the price is enough, and leaves too little for another.
  REQUIRE_SETUP(setCredits(Role::kAudience, price));
  expectCall(superlike(id, Role::kAudience), 201);
  expectCall(superlike(id, Role::kAudience), 400, kDecided);
}

TEST_F(Superlike, CreatorOnOwnStreamIs403) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(superlike(id, Role::kHost), 403, kDecided);
}

STATES_FOR(Superlike, BannedUserIs403AndOthersMayStillSuperlike,
           ({"user watches stream", "user has credits", "user is banned from stream chat"}),
           ({{"sendSuperlike", 403}}));
TEST_F(Superlike, BannedUserIs403AndOthersMayStillSuperlike) {
  REQUIRE_WRITES();
  const std::string id = liveWithViewer();
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(watch(id, Role::kOther));
  REQUIRE_SETUP(setCredits(Role::kAudience, 1000000));
  REQUIRE_SETUP(setCredits(Role::kOther, 1000000));
  REQUIRE_SETUP(banFromChat(id, Role::kAudience));
  expectCall(superlike(id, Role::kAudience), 403, kDecided);
  expectCall(superlike(id, Role::kOther), 201);  // the ban is AUDIENCE's only
}

TEST_F(Superlike, OnScheduledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(superlike(id, Role::kAudience), 409, kDecided);
}

STATES_FOR(Superlike, OnEndedStreamIs409AndCostsNothing,
           ({"user watches stream", "user has credits", "stream has ended"}),
           ({{"sendSuperlike", 409}}));
TEST_F(Superlike, OnEndedStreamIs409AndCostsNothing) {
  REQUIRE_WRITES();
  const std::string id = liveWithViewer();
  REQUIRE_SETUP(!id.empty());
  const int64_t price = learnPrice(id, Role::kAudience);
  REQUIRE_SETUP(price > 0);
  REQUIRE_SETUP(endStream(id, false, std::nullopt));
  REQUIRE_SETUP(setCredits(Role::kAudience, price));
  expectCall(superlike(id, Role::kAudience), 409, kDecided);
  // The balance is still the price: it pays for exactly one on HOST's next stream.
  const std::string next = createStream(Role::kHost);
  REQUIRE_SETUP(!next.empty());
  REQUIRE_SETUP(watch(next, Role::kAudience));
  expectCall(superlike(next, Role::kAudience), 201, kDecided);  // the 409 cost nothing
}

TEST_F(Superlike, OnCancelledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(superlike(id, Role::kAudience), 409, kDecided);
}

TEST_F(Superlike, OnDeletedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(superlike(id, Role::kAudience), 409, kDecided);  // there, but not active
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  expectCall(superlike(id, Role::kAudience), 404);
}

}  // namespace
}  // namespace contract
