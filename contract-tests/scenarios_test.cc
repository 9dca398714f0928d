// Whole user flows across operations: a stream's life from creation to deletion; a scheduled
// stream with a reminder that starts when its time comes; an ended stream whose recording another
// user rents.
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr Basis kDecided = Basis::kDecided;

std::vector<std::string> contentsOf(const json& page) {
  std::vector<std::string> out;
  if (page.contains("list") && page["list"].is_array()) {
    for (const auto& m : page["list"])
      out.push_back(m.value("content", ""));
  }
  return out;
}

class Scenario : public ContractTest {
 protected:
  Req chat(const std::string& id, Role who, const std::string& content) {
    Req req("postChatMessage");
    req.path("streamId", id).as(who).json({{"content", content}});
    return req;
  }
  Req history(const std::string& id) {
    Req req("listChatMessages");
    req.path("streamId", id).as(Role::kOther);
    return req;
  }
};

STATES_FOR(Scenario, CreateChatSuperlikeCancelDeleteThenTheStreamIsGoneEverywhere,
           ({"user watches stream", "user has credits"}), ({{"sendSuperlike", 201}}));
TEST_F(Scenario, CreateChatSuperlikeCancelDeleteThenTheStreamIsGoneEverywhere) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(watch(id, Role::kAudience));
  REQUIRE_SETUP(setCredits(Role::kAudience, 1000000));

  // Live: the viewer and the host chat, the viewer superlikes, the host sees the viewer.
  expectCall(chat(id, Role::kAudience, "Merhaba!"), 201);
  expectCall(chat(id, Role::kHost, "Hoş geldin"), 201);
  decided("listChatMessages", "the history lists messages oldest first")
      .eq(contentsOf(dataOf(expectCall(history(id), 200))),
          std::vector<std::string>{"Merhaba!", "Hoş geldin"});
  expectCall(Req("sendSuperlike").path("streamId", id).as(Role::kAudience), 201);
  json viewers =
      dataOf(expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 200));
  documented("listLiveStreamViewers", "participantAudienceTotal counts the whole audience")
      .eq(at(viewers, "participantAudienceTotal"), 1);
  expectCall(Req("getBroadcasterToken").path("id", id).as(Role::kHost), 201, kDecided);

  // Cancelled: nothing more is said, the history stays.
  json cancelled = dataOf(expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201));
  decided("cancelLiveStream", "a cancelled stream's status is cancelled")
      .eq(at(cancelled, "status"), "cancelled");
  expectCall(chat(id, Role::kAudience, "hello?"), 409, kDecided);
  expectCall(Req("sendSuperlike").path("streamId", id).as(Role::kAudience), 409, kDecided);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 404, kDecided);
  expectCall(Req("getBroadcasterToken").path("id", id).as(Role::kHost), 403, kDecided);
  decided("listChatMessages", "a cancelled stream's history stays readable")
      .eq(at(dataOf(expectCall(history(id), 200)), "pagination.totalItems"), 2);

  // Deleted: every operation naming it is 404.
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 404);
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 404);
  expectCall(history(id), 404);
  expectCall(chat(id, Role::kHost, "anyone?"), 404);
  expectCall(Req("sendSuperlike").path("streamId", id).as(Role::kAudience), 404);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 404);
  expectCall(Req("getLiveStreamGiftCounts").path("id", id).as(Role::kHost), 404);
  expectCall(Req("getBroadcasterToken").path("id", id).as(Role::kHost), 404);
  expectCall(Req("setLiveStreamReminder").path("id", id).as(Role::kAudience).json(json::object()),
             404);
  expectCall(Req("createReplayRental").path("id", id).as(Role::kOther), 404);
}

STATES_FOR(Scenario, ScheduledStreamWithReminderStartsAndThenTakesChatButNoReminder,
           ({"scheduled stream has started"}), ());
TEST_F(Scenario, ScheduledStreamWithReminderStartsAndThenTakesChatButNoReminder) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost, {{"plannedStartDate", isoFromNow(3600)}});
  REQUIRE_SETUP(!id.empty());
  expectCall(
      Req("setLiveStreamReminder").path("id", id).as(Role::kAudience).json({{"minutesBefore", 15}}),
      201);
  expectCall(chat(id, Role::kHost, "too early"), 409, kDecided);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 404, kDecided);

  // Its planned start comes: it is active.
  REQUIRE_SETUP(given("scheduled stream has started", {{"streamId", id}}));
  expectCall(chat(id, Role::kHost, "we are live"), 201);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 200);
  expectCall(
      Req("setLiveStreamReminder").path("id", id).as(Role::kAudience).json({{"minutesBefore", 15}}),
      409, kDecided);
  // It is HOST's active stream now: a second active one is refused.
  Req second("createLiveStream");
  second.as(Role::kHost).field("title", "Contract second active");
  expectCall(second, 409, kDecided);
}

STATES_FOR(Scenario, EndedStreamWithRecordingIsRentedByAnotherUser,
           ({"user watches stream", "user has credits", "stream has ended"}),
           ({{"createReplayRental", 201}}));
TEST_F(Scenario, EndedStreamWithRecordingIsRentedByAnotherUser) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(watch(id, Role::kAudience));
  expectCall(chat(id, Role::kAudience, "great show"), 201);
  REQUIRE_SETUP(setCredits(Role::kOther, 100));
  expectCall(Req("createReplayRental").path("id", id).as(Role::kOther), 409, kDecided);

  REQUIRE_SETUP(endStream(id, true, 40));
  expectCall(chat(id, Role::kAudience, "encore!"), 409, kDecided);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 404, kDecided);
  expectCall(Req("getBroadcasterToken").path("id", id).as(Role::kHost), 403, kDecided);
  decided("listChatMessages", "an ended stream's history stays readable")
      .eq(contentsOf(dataOf(expectCall(history(id), 200))), std::vector<std::string>{"great show"});

  json access =
      dataOf(expectCall(Req("createReplayRental").path("id", id).as(Role::kOther), 201, kDecided));
  decided("createReplayRental", "a rental returns replayAccess with status rented")
      .eq(at(access, "status"), "rented");
  expectCall(Req("createReplayRental").path("id", id).as(Role::kOther), 409, kDecided);
  expectCall(Req("createReplayRental").path("id", id).as(Role::kHost), 409, kDecided);

  // Its stream over, HOST may go live again; the ended one can be deleted.
  decided("createLiveStream", "an ended stream does not block a new active one")
      .holds(!createStream(Role::kHost).empty(), "the create after the end failed");
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  expectCall(Req("createReplayRental").path("id", id).as(Role::kAudience), 404);
}

}  // namespace
}  // namespace contract
