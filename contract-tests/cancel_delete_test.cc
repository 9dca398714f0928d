// cancelLiveStream and deleteLiveStream: who may, from which status, and what is left afterwards
// (a soft-deleted stream is 404 for every operation that names it).
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

class CancelStream : public ContractTest {
 protected:
  json cancel(const std::string& id, Role who, int expected) {
    return dataOf(expectCall(Req("cancelLiveStream").path("id", id).as(who), expected));
  }
};

class DeleteStream : public CancelStream {
 protected:
  void remove(const std::string& id, Role who, int expected) {
    expectCall(Req("deleteLiveStream").path("id", id).as(who), expected);
  }
};

TEST_F(CancelStream, ActiveStreamIs201AndBecomesCancelled) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  json d = cancel(id, Role::kHost, 201);
  decided("cancelLiveStream", "a cancel returns the stream").eq(at(d, "id"), id);
  decided("cancelLiveStream", "a cancelled stream's status is cancelled")
      .eq(at(d, "status"), "cancelled");
}

TEST_F(CancelStream, ScheduledStreamIs201AndBecomesCancelled) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  json d = cancel(id, Role::kHost, 201);
  decided("cancelLiveStream", "a cancel returns the stream").eq(at(d, "id"), id);
  decided("cancelLiveStream", "a cancelled stream's status is cancelled")
      .eq(at(d, "status"), "cancelled");
}

TEST_F(CancelStream, ByAnotherUserIs403AndTheStreamIsNotCancelled) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  cancel(id, Role::kOther, 403);
  // Still cancellable by its creator, so the refused cancel changed nothing.
  decided("cancelLiveStream", "a cancelled stream's status is cancelled")
      .eq(at(cancel(id, Role::kHost, 201), "status"), "cancelled");
}

TEST_F(CancelStream, ByAnInvitedGuestIs403) {
  REQUIRE_WRITES();
  const std::string id =
      createStream(Role::kHost, {{"liveStreamType", "multi"},
                                 {"guests", json::array({userId(Role::kGuest)}).dump()},
                                 {"plannedStartDate", isoFromNow(48 * 3600)}});
  REQUIRE_SETUP(!id.empty());
  cancel(id, Role::kGuest, 403);
  decided("cancelLiveStream", "a cancelled stream's status is cancelled")
      .eq(at(cancel(id, Role::kHost, 201), "status"), "cancelled");
}

TEST_F(CancelStream, TwiceIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  cancel(id, Role::kHost, 201);
  cancel(id, Role::kHost, 409);
}

STATES_FOR(CancelStream, EndedStreamIs409, ({"stream has ended"}), ({{"cancelLiveStream", 409}}));
TEST_F(CancelStream, EndedStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(endStream(id, false, std::nullopt));
  cancel(id, Role::kHost, 409);
}

TEST_F(CancelStream, CancellingTheActiveStreamLetsTheCreatorStartAnother) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  cancel(id, Role::kHost, 201);
  // No longer active: it does not block a new active stream (409 while it was).
  decided("createLiveStream", "a cancelled stream does not block a new active one")
      .holds(!createStream(Role::kHost).empty(), "the create after the cancel failed");
}

TEST_F(DeleteStream, ActiveStreamIs409UntilItIsCancelled) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  remove(id, Role::kHost, 409);
  cancel(id, Role::kHost, 201);  // the 409 left it as it was: active, so cancellable
  remove(id, Role::kHost, 200);
}

TEST_F(DeleteStream, ScheduledStreamIs200) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  remove(id, Role::kHost, 200);
  cancel(id, Role::kHost, 404);
}

STATES_FOR(DeleteStream, EndedStreamIs200, ({"stream has ended"}), ({{"deleteLiveStream", 200}}));
TEST_F(DeleteStream, EndedStreamIs200) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(endStream(id, true, 10));
  remove(id, Role::kHost, 200);
  remove(id, Role::kHost, 404);
}

TEST_F(DeleteStream, DeletedStreamIs404ForEveryOperationNamingIt) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  cancel(id, Role::kHost, 201);
  // Before the delete the stream answers (so the 404s below are about the delete).
  expectCall(Req("listChatMessages").path("streamId", id).as(Role::kHost), 200);
  expectCall(Req("getLiveStreamGiftCounts").path("id", id).as(Role::kHost), 200);
  remove(id, Role::kHost, 200);

  cancel(id, Role::kHost, 404);
  remove(id, Role::kHost, 404);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 404);
  expectCall(Req("listChatMessages").path("streamId", id).as(Role::kHost), 404);
  expectCall(Req("postChatMessage")
                 .path("streamId", id)
                 .as(Role::kHost)
                 .json({{"content", "anyone there?"}}),
             404);
  expectCall(Req("sendSuperlike").path("streamId", id).as(Role::kAudience), 404);
  expectCall(Req("setLiveStreamReminder").path("id", id).as(Role::kAudience).json(json::object()),
             404);
  expectCall(Req("getLiveStreamGiftCounts").path("id", id).as(Role::kHost), 404);
  expectCall(Req("getBroadcasterToken").path("id", id).as(Role::kHost), 404);
  expectCall(Req("createReplayRental").path("id", id).as(Role::kOther), 404);
}

TEST_F(DeleteStream, ByAnotherUserIs403AndTheStreamRemains) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  remove(id, Role::kOther, 403);
  // Not deleted: its creator can still cancel and delete it.
  cancel(id, Role::kHost, 201);
  remove(id, Role::kHost, 200);
}

}  // namespace
}  // namespace contract
