// getLiveStreamGiftCounts: one item per active gift type, zero counts included; gifts sent to the
// stream are counted per type and in total (retired types in the total only).
#include <map>
#include <set>

#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

std::map<std::string, int64_t> countsByType(const json& counts) {
  std::map<std::string, int64_t> out;
  if (counts.contains("items") && counts["items"].is_array()) {
    for (const auto& i : counts["items"])
      out[i.value("giftTypeId", "")] = i.value("count", int64_t{-1});
  }
  return out;
}

class GiftCounts : public ContractTest {
 protected:
  Req counts(const std::string& id, Role who = Role::kHost) {
    Req req("getLiveStreamGiftCounts");
    req.path("id", id).as(who);
    return req;
  }
  void sendGifts(const std::string& id, Role from, const std::string& type, int count) {
    HttpResult r =
        send(Req("mockSendGifts")
                 .path("id", id)
                 .json({{"senderId", userId(from)}, {"giftTypeId", type}, {"count", count}}));
    ASSERT_EQ(r.status, 201) << "set-up: gifts: " << r.body;
  }
};

TEST_F(GiftCounts, NewStreamCountsZeroForEveryActiveGiftType) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  json d = dataOf(expectCall(counts(id), 200));
  EXPECT_EQ(d["streamId"], id);
  EXPECT_EQ(d["totalCount"], 0);
  if (isMock()) {
    EXPECT_FALSE(d["items"].empty()) << "the fixtures have active gift types, listed at zero";
  }
  for (const auto& [type, n] : countsByType(d))
    EXPECT_EQ(n, 0) << type;
}

TEST_F(GiftCounts, ScheduledStreamAndAnyCallerMayAsk) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  json d = dataOf(expectCall(counts(id, Role::kOther), 200));
  EXPECT_EQ(d["streamId"], id);
  EXPECT_EQ(d["totalCount"], 0);
}

TEST_F(GiftCounts, SentGiftsAreCountedPerTypeAndInTotal) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("gifts sent to a stream");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  const auto before = countsByType(dataOf(expectCall(counts(id), 200)));
  ASSERT_GE(before.size(), 2u) << "needs two active gift types";
  const std::string first = before.begin()->first;
  const std::string second = std::next(before.begin())->first;

  sendGifts(id, Role::kAudience, first, 3);
  json d = dataOf(expectCall(counts(id), 200));
  auto after = countsByType(d);
  EXPECT_EQ(d["totalCount"], 3);
  EXPECT_EQ(after[first], 3);
  EXPECT_EQ(after[second], 0);
  EXPECT_EQ(after.size(), before.size()) << "zero-count types stay listed";

  sendGifts(id, Role::kOther, second, 2);
  sendGifts(id, Role::kAudience, first, 1);
  d = dataOf(expectCall(counts(id), 200));
  after = countsByType(d);
  EXPECT_EQ(d["totalCount"], 6);
  EXPECT_EQ(after[first], 4);
  EXPECT_EQ(after[second], 2);
}

TEST_F(GiftCounts, GiftsToAnotherStreamAreNotCounted) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("gifts sent to a stream");
  const std::string mine = createStream(Role::kHost);
  const std::string theirs = createStream(Role::kOther);
  ASSERT_FALSE(mine.empty() || theirs.empty());
  const auto types = countsByType(dataOf(expectCall(counts(theirs), 200)));
  ASSERT_FALSE(types.empty());
  sendGifts(theirs, Role::kAudience, types.begin()->first, 5);
  EXPECT_EQ(dataOf(expectCall(counts(theirs), 200))["totalCount"], 5);
  EXPECT_EQ(dataOf(expectCall(counts(mine), 200))["totalCount"], 0);
}

TEST_F(GiftCounts, RetiredGiftTypesCountInTheTotalButAreNotListed) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("gifts of a retired gift type");
  HttpResult state = send(Req("mockGetState"));
  ASSERT_TRUE(state.json);
  std::string retired;
  for (const auto& t : (*state.json)["data"]["gift-types"]) {
    if (!t.value("active", true)) retired = t.value("_id", "");
  }
  ASSERT_FALSE(retired.empty()) << "the fixtures have no inactive gift type";
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  const auto listed = countsByType(dataOf(expectCall(counts(id), 200)));
  EXPECT_EQ(listed.count(retired), 0u);
  sendGifts(id, Role::kAudience, retired, 2);
  json d = dataOf(expectCall(counts(id), 200));
  EXPECT_EQ(d["totalCount"], 2);
  auto after = countsByType(d);
  EXPECT_EQ(after.count(retired), 0u);
  for (const auto& [type, n] : after)
    EXPECT_EQ(n, 0) << type;
}

TEST_F(GiftCounts, DeletedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(counts(id), 200);
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  expectCall(counts(id), 404);
}

}  // namespace
}  // namespace contract
