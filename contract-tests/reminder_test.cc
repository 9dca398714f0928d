// setLiveStreamReminder: one reminder per user and stream, created then updated, with notifyAt
// computed from the planned start; only for scheduled streams.
#include "core/time.h"
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kOp[] = "setLiveStreamReminder";

class Reminder : public ContractTest {
 protected:
  Req reminder(const std::string& id, Role who) {
    Req req(kOp);
    req.path("id", id).as(who);
    return req;
  }
  json set(const std::string& id, Role who, const json& minutes, int expected) {
    // Only a scheduled stream takes a reminder: a decided rule, so its 409 is a decided fact.
    return dataOf(expectCall(reminder(id, who).json({{"minutesBefore", minutes}}), expected,
                             expected == 409 ? Basis::kDecided : Basis::kDocumented));
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
  REQUIRE_SETUP(!id.empty());
  const json d = set(id, Role::kAudience, 15, 201);
  decided(kOp, "the reminder names its stream").eq(at(d, "streamId"), id);
  decided(kOp, "the reminder names the caller").eq(at(d, "userId"), userId(Role::kAudience));
  decided(kOp, "minutesBefore is what was set").eq(at(d, "minutesBefore"), 15);
  decided(kOp, "notifyAt is the planned start minus minutesBefore")
      .eq(at(d, "notifyAt"), before(planned, 15));
}

TEST_F(Reminder, SettingItAgainUpdatesTheCallersOneReminder) {
  REQUIRE_WRITES();
  const std::string planned = isoFromNow(48 * 3600);
  const std::string id = createStream(Role::kHost, {{"plannedStartDate", planned}});
  REQUIRE_SETUP(!id.empty());
  const json first = set(id, Role::kAudience, 15, 201);
  const json second = set(id, Role::kAudience, 60, 201);
  documented(kOp, "setting it again updates the caller's one reminder")
      .eq(at(second, "_id"), at(first, "_id"));
  decided(kOp, "minutesBefore is what was set").eq(at(second, "minutesBefore"), 60);
  decided(kOp, "notifyAt is the planned start minus minutesBefore")
      .eq(at(second, "notifyAt"), before(planned, 60));
}

TEST_F(Reminder, EachUserHasTheirOwnReminder) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const json mine = set(id, Role::kAudience, 15, 201);
  const json theirs = set(id, Role::kOther, 30, 201);
  documented(kOp, "each user has their own reminder")
      .holds(at(theirs, "_id") != at(mine, "_id"),
             "one id for two users: " + at(mine, "_id").dump());
  decided(kOp, "the reminder names the caller").eq(at(theirs, "userId"), userId(Role::kOther));
  // Setting OTHER's did not touch AUDIENCE's: updating it keeps its id and creation time.
  const json again = set(id, Role::kAudience, 15, 201);
  documented(kOp, "setting it again updates the caller's one reminder")
      .eq(at(again, "_id"), at(mine, "_id"));
  decided(kOp, "an update keeps the reminder's createdAt")
      .eq(at(again, "createdAt"), at(mine, "createdAt"));
}

TEST_F(Reminder, NullOrZeroMinutesWaitForTheActualStart) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const json timed = set(id, Role::kAudience, 15, 201);
  decided(kOp, "a timed reminder has a notifyAt")
      .holds(at(timed, "notifyAt").is_string(), at(timed, "notifyAt").dump());
  const json at_start = set(id, Role::kAudience, nullptr, 201);
  decided(kOp, "minutesBefore is what was set").eq(at(at_start, "minutesBefore"), nullptr);
  decided(kOp, "notifyAt is null while the reminder waits for the actual start")
      .eq(at(at_start, "notifyAt"), nullptr);
  const json zero = set(id, Role::kAudience, 0, 201);
  decided(kOp, "minutesBefore is what was set").eq(at(zero, "minutesBefore"), 0);
  decided(kOp, "notifyAt is null while the reminder waits for the actual start")
      .eq(at(zero, "notifyAt"), nullptr);
}

TEST_F(Reminder, WithoutBodyMeansAtTheActualStart) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const json d = dataOf(expectCall(reminder(id, Role::kAudience), 201));
  decided(kOp, "no body means minutesBefore null").eq(at(d, "minutesBefore"), nullptr);
  decided(kOp, "notifyAt is null while the reminder waits for the actual start")
      .eq(at(d, "notifyAt"), nullptr);
  decided(kOp, "the reminder names its stream").eq(at(d, "streamId"), id);
}

TEST_F(Reminder, OnActiveStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  set(id, Role::kAudience, 15, 409);
}

TEST_F(Reminder, OnCancelledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  set(id, Role::kAudience, 15, 201);  // scheduled: accepted
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  set(id, Role::kAudience, 15, 409);
}

STATES_FOR(Reminder, OnEndedStreamIs409, ({"stream has ended"}), ({{kOp, 409}}));
TEST_F(Reminder, OnEndedStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(endStream(id, false, std::nullopt));
  set(id, Role::kAudience, nullptr, 409);
}

TEST_F(Reminder, OnDeletedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  set(id, Role::kAudience, 15, 404);
}

}  // namespace
}  // namespace contract
