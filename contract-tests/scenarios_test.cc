// Whole user flows across operations: a stream's life from creation to deletion; a scheduled
// stream with a reminder that starts when its time comes; an ended stream whose recording another
// user rents.
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

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
  json advanceClock(long long seconds) {
    HttpResult r = send(Req("mockSetClock").json({{"advanceSeconds", seconds}}));
    EXPECT_EQ(r.status, 200) << "set-up: clock: " << r.body;
    return dataOf(r);
  }
  static bool contains(const json& ids, const std::string& id) {
    return ids.is_array() && std::find(ids.begin(), ids.end(), json(id)) != ids.end();
  }
};

TEST_F(Scenario, CreateChatSuperlikeCancelDeleteThenTheStreamIsGoneEverywhere) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a viewer with credits in the audience");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  joinAudience(id, Role::kAudience);
  setCredits(Role::kAudience, 100);

  // Live: the viewer and the host chat, the viewer superlikes, the host sees the viewer.
  expectCall(chat(id, Role::kAudience, "Merhaba!"), 201);
  expectCall(chat(id, Role::kHost, "Hoş geldin"), 201);
  EXPECT_EQ(contentsOf(dataOf(expectCall(history(id), 200))),
            (std::vector<std::string>{"Merhaba!", "Hoş geldin"}));
  json like =
      dataOf(expectCall(Req("sendSuperlike").path("streamId", id).as(Role::kAudience), 201));
  EXPECT_EQ(mockCredits(Role::kAudience), 100 - static_cast<int64_t>(like.value("price", 0.0)));
  json viewers =
      dataOf(expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 200));
  EXPECT_EQ(viewers["participantAudienceTotal"], 1);
  expectCall(Req("getBroadcasterToken").path("id", id).as(Role::kHost), 201);

  // Cancelled: nothing more is said, the history stays.
  json cancelled = dataOf(expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201));
  EXPECT_EQ(cancelled["status"], "cancelled");
  expectCall(chat(id, Role::kAudience, "hello?"), 409);
  expectCall(Req("sendSuperlike").path("streamId", id).as(Role::kAudience), 409);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 404);
  expectCall(Req("getBroadcasterToken").path("id", id).as(Role::kHost), 403);
  EXPECT_EQ(dataOf(expectCall(history(id), 200))["pagination"]["totalItems"], 2);

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
  // The balance was paid once, for the one superlike that went through.
  EXPECT_EQ(mockCredits(Role::kAudience), 100 - static_cast<int64_t>(like.value("price", 0.0)));
}

TEST_F(Scenario, ScheduledStreamWithReminderStartsWhenTheClockPassesItsStart) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("the mock's clock");
  const std::string id = createStream(Role::kHost, {{"plannedStartDate", isoFromNow(3600)}});
  ASSERT_FALSE(id.empty());
  json reminder = dataOf(expectCall(
      Req("setLiveStreamReminder").path("id", id).as(Role::kAudience).json({{"minutesBefore", 15}}),
      201));
  const std::string reminder_id = reminder.value("_id", "");
  expectCall(chat(id, Role::kHost, "too early"), 409);

  // 50 minutes on: the reminder (due 45 minutes on) fires; the stream has not started.
  json clock = advanceClock(50 * 60);
  EXPECT_TRUE(contains(clock["dueReminders"], reminder_id)) << clock;
  EXPECT_FALSE(contains(clock["startedStreams"], id)) << clock;
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 404);

  // 70 minutes on: past its planned start, it is active.
  clock = advanceClock(20 * 60);
  EXPECT_TRUE(contains(clock["startedStreams"], id)) << clock;
  EXPECT_FALSE(contains(clock["dueReminders"], reminder_id)) << "a reminder fires once";
  expectCall(chat(id, Role::kHost, "we are live"), 201);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 200);
  expectCall(
      Req("setLiveStreamReminder").path("id", id).as(Role::kAudience).json({{"minutesBefore", 15}}),
      409);
  // It is HOST's active stream now: a second active one is refused.
  Req second("createLiveStream");
  second.as(Role::kHost).field("title", "Contract second active");
  HttpResult r = expectCall(second, 409);
  if (r.status == 201) track(dataOf(r)["id"], Role::kHost);
}

TEST_F(Scenario, EndedStreamWithRecordingIsRentedByAnotherUser) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ends with a recording");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  joinAudience(id, Role::kAudience);
  expectCall(chat(id, Role::kAudience, "great show"), 201);
  setCredits(Role::kOther, 100);
  expectCall(Req("createReplayRental").path("id", id).as(Role::kOther), 409);  // still live

  endStream(id, true, 40);
  expectCall(chat(id, Role::kAudience, "encore!"), 409);
  expectCall(Req("listLiveStreamViewers").path("streamId", id).as(Role::kHost), 404);
  expectCall(Req("getBroadcasterToken").path("id", id).as(Role::kHost), 403);
  EXPECT_EQ(contentsOf(dataOf(expectCall(history(id), 200))),
            std::vector<std::string>{"great show"});

  json access = dataOf(expectCall(Req("createReplayRental").path("id", id).as(Role::kOther), 201));
  EXPECT_EQ(access["status"], "rented");
  EXPECT_EQ(mockCredits(Role::kOther), 60);
  expectCall(Req("createReplayRental").path("id", id).as(Role::kOther), 409);
  expectCall(Req("createReplayRental").path("id", id).as(Role::kHost), 409);

  // Its stream over, HOST may go live again; the ended one can be deleted.
  EXPECT_FALSE(createStream(Role::kHost).empty());
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  expectCall(Req("createReplayRental").path("id", id).as(Role::kAudience), 404);
}

}  // namespace
}  // namespace contract
