// getBroadcasterToken: the creator and invited guests of a scheduled or active stream get a
// publisher token for the stream's channel; anyone else, or a stream that is over, is 403.
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kOp[] = "getBroadcasterToken";

class BroadcasterToken : public ContractTest {
 protected:
  Req token(const std::string& id, Role who) {
    Req req(kOp);
    req.path("id", id).as(who);
    return req;
  }
  // Creates HOST's stream (with GUEST invited) and returns its record (removed after the test,
  // like every stream the server answers a create with).
  json createWithGuest(bool scheduled) {
    Req req("createLiveStream");
    req.as(Role::kHost)
        .field("title", "Contract " + testName())
        .field("liveStreamType", "multi")
        .field("guests", json::array({userId(Role::kGuest)}).dump());
    if (scheduled) req.field("plannedStartDate", isoFromNow(48 * 3600));
    return dataOf(expectCall(req, 201));
  }
  static std::string idOf(const json& stream) {
    const json id = at(stream, "id");
    return id.is_string() ? id.get<std::string>() : "";
  }
};

TEST_F(BroadcasterToken, CreatorOfActiveStreamGets201ForItsChannel) {
  REQUIRE_WRITES();
  const json stream = createWithGuest(false);
  const std::string id = idOf(stream);
  REQUIRE_SETUP(!id.empty());
  const json t = dataOf(expectCall(token(id, Role::kHost), 201));
  const json raw = at(t, "token");
  documented(kOp, "the answer carries a token")
      .holds(raw.is_string() && !raw.get<std::string>().empty(), raw.dump());
  decided(kOp, "the token is for the stream's channel")
      .eq(at(t, "channelName"), at(stream, "channelName"));
  const json expires = at(t, "expiresAt");
  decided(kOp, "the token has not expired yet")
      .holds(expires.is_string() && expires.get<std::string>() > isoFromNow(0), expires.dump());
}

TEST_F(BroadcasterToken, InvitedGuestGets201WithTheirOwnUid) {
  REQUIRE_WRITES();
  const json stream = createWithGuest(true);
  const std::string id = idOf(stream);
  REQUIRE_SETUP(!id.empty());
  const json host = dataOf(expectCall(token(id, Role::kHost), 201));
  const json guest = dataOf(expectCall(token(id, Role::kGuest), 201));
  decided(kOp, "the token is for the stream's channel")
      .eq(at(guest, "channelName"), at(stream, "channelName"));
  decided(kOp, "each publisher of a channel has their own uid")
      .holds(at(guest, "uid") != at(host, "uid"), "both " + at(host, "uid").dump());
  decided(kOp, "each publisher of a channel has their own token")
      .holds(at(guest, "token") != at(host, "token"), "the same token for creator and guest");
}

STATES_FOR(BroadcasterToken, AudienceMemberIs403, ({"user watches stream"}), ({{kOp, 403}}));
TEST_F(BroadcasterToken, AudienceMemberIs403) {
  REQUIRE_WRITES();
  const std::string id = idOf(createWithGuest(false));
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(watch(id, Role::kAudience));
  expectCall(token(id, Role::kAudience), 403, Basis::kDecided);
}

TEST_F(BroadcasterToken, UserWithNoPartInTheStreamIs403) {
  REQUIRE_WRITES();
  const std::string id = idOf(createWithGuest(false));
  REQUIRE_SETUP(!id.empty());
  expectCall(token(id, Role::kOther), 403, Basis::kDecided);
  expectCall(token(id, Role::kGuest), 201);  // the stream gives tokens
}

TEST_F(BroadcasterToken, CancelledStreamIs403EvenForTheCreator) {
  REQUIRE_WRITES();
  const std::string id = idOf(createWithGuest(true));
  REQUIRE_SETUP(!id.empty());
  expectCall(token(id, Role::kHost), 201);
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(token(id, Role::kHost), 403, Basis::kDecided);
  expectCall(token(id, Role::kGuest), 403, Basis::kDecided);
}

STATES_FOR(BroadcasterToken, EndedStreamIs403, ({"stream has ended"}), ({{kOp, 403}}));
TEST_F(BroadcasterToken, EndedStreamIs403) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(token(id, Role::kHost), 201);
  REQUIRE_SETUP(endStream(id, true, 10));
  expectCall(token(id, Role::kHost), 403, Basis::kDecided);
}

TEST_F(BroadcasterToken, DeletedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = idOf(createWithGuest(true));
  REQUIRE_SETUP(!id.empty());
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  expectCall(token(id, Role::kHost), 404);
}

}  // namespace
}  // namespace contract
