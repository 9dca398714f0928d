// setLiveStreamReminder: one reminder per user and stream, created then updated, with notifyAt
// computed from the planned start; only for scheduled streams.
#include "core/time.h"
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

class Reminder : public ContractTest {
 protected:
  Req reminder(const std::string& id, Role who) {
    Req req("setLiveStreamReminder");
    req.path("id", id).as(who);
    return req;
  }
  json set(const std::string& id, Role who, const json& minutes, int expected) {
    return dataOf(expectCall(reminder(id, who).json({{"minutesBefore", minutes}}), expected));
  }
  // The notifyAt of a reminder `minutes` before `planned`, as the API writes it.
  static std::string before(const std::string& planned, int minutes) {
    auto t = lsm::parseIsoDateTime(planned);
    return t ? lsm::formatIsoMillis(*t - minutes * 60 * 1000LL) : "?";
  }
};

TEST_F(Reminder, OnScheduledStreamIs201WithNotifyAtBeforeThePlannedStart) {
  REQUIRE_WRITES();
  const std::string planned = isoFromNow(48 * 3600);
  const std::string id = createStream(Role::kHost, {{"plannedStartDate", planned}});
  ASSERT_FALSE(id.empty());
  json d = set(id, Role::kAudience, 15, 201);
  EXPECT_EQ(d["streamId"], id);
  EXPECT_EQ(d["userId"], userId(Role::kAudience));
  EXPECT_EQ(d["minutesBefore"], 15);
  EXPECT_EQ(d["notifyAt"], before(planned, 15));
}

TEST_F(Reminder, SettingItAgainUpdatesTheCallersOneReminder) {
  REQUIRE_WRITES();
  const std::string planned = isoFromNow(48 * 3600);
  const std::string id = createStream(Role::kHost, {{"plannedStartDate", planned}});
  ASSERT_FALSE(id.empty());
  json first = set(id, Role::kAudience, 15, 201);
  json second = set(id, Role::kAudience, 60, 201);
  EXPECT_EQ(second["_id"], first["_id"]) << "the same reminder, updated";
  EXPECT_EQ(second["minutesBefore"], 60);
  EXPECT_EQ(second["notifyAt"], before(planned, 60));
}

TEST_F(Reminder, EachUserHasTheirOwnReminder) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  json mine = set(id, Role::kAudience, 15, 201);
  json theirs = set(id, Role::kOther, 30, 201);
  EXPECT_NE(theirs["_id"], mine["_id"]);
  EXPECT_EQ(theirs["userId"], userId(Role::kOther));
  // Setting OTHER's did not touch AUDIENCE's: updating it keeps its id and creation time.
  json again = set(id, Role::kAudience, 15, 201);
  EXPECT_EQ(again["_id"], mine["_id"]);
  EXPECT_EQ(again["createdAt"], mine["createdAt"]);
}

TEST_F(Reminder, NullOrZeroMinutesWaitForTheActualStart) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  json timed = set(id, Role::kAudience, 15, 201);
  EXPECT_FALSE(timed["notifyAt"].is_null());
  json at_start = set(id, Role::kAudience, nullptr, 201);
  EXPECT_TRUE(at_start["minutesBefore"].is_null());
  EXPECT_TRUE(at_start["notifyAt"].is_null());
  json zero = set(id, Role::kAudience, 0, 201);
  EXPECT_EQ(zero["minutesBefore"], 0);
  EXPECT_TRUE(zero["notifyAt"].is_null());
}

TEST_F(Reminder, WithoutBodyMeansAtTheActualStart) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  json d = dataOf(expectCall(reminder(id, Role::kAudience), 201));
  EXPECT_TRUE(d["minutesBefore"].is_null());
  EXPECT_TRUE(d["notifyAt"].is_null());
  EXPECT_EQ(d["streamId"], id);
}

TEST_F(Reminder, OnActiveStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  set(id, Role::kAudience, 15, 409);
}

TEST_F(Reminder, OnCancelledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  set(id, Role::kAudience, 15, 201);  // scheduled: accepted
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  set(id, Role::kAudience, 15, 409);
}

TEST_F(Reminder, OnEndedStreamIs409) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  endStream(id, false, 0);
  set(id, Role::kAudience, nullptr, 409);
}

TEST_F(Reminder, OnDeletedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  set(id, Role::kAudience, 15, 404);
}

}  // namespace
}  // namespace contract
