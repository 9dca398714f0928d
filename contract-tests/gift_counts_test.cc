// getLiveStreamGiftCounts: one item per active gift type, zero counts included; gifts sent to the
// stream are counted per type and in total (retired types in the total only). Gifts are sent
// through the "gifts were sent to stream" provider state.
#include <iterator>
#include <map>
#include <set>

#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kOp[] = "getLiveStreamGiftCounts";
constexpr char kGifts[] = "gifts were sent to stream";

std::map<std::string, json> countsByType(const json& counts) {
  std::map<std::string, json> out;
  const json items = at(counts, "items");
  if (items.is_array()) {
    for (const auto& i : items) {
      if (i.is_object()) out[i.value("giftTypeId", "")] = at(i, "count");
    }
  }
  return out;
}

std::set<std::string> typesOf(const std::map<std::string, json>& counts) {
  std::set<std::string> out;
  for (const auto& [type, n] : counts)
    out.insert(type);
  return out;
}

class GiftCounts : public ContractTest {
 protected:
  Req counts(const std::string& id, Role who = Role::kHost) {
    Req req(kOp);
    req.path("id", id).as(who);
    return req;
  }
  [[nodiscard]] bool sendGifts(const std::string& id, Role from, const std::string& type,
                               int count) {
    return given(
        kGifts,
        {{"streamId", id}, {"senderId", userId(from)}, {"giftTypeId", type}, {"count", count}});
  }
  // Each listed type counts `expected` (0 for the types it does not name).
  void expectPerType(const std::map<std::string, json>& listed,
                     const std::map<std::string, int>& expected) {
    for (const auto& [type, n] : listed) {
      auto it = expected.find(type);
      documented(kOp, "each active gift type counts the gifts of that type sent to the stream")
          .eq(n, it == expected.end() ? 0 : it->second);
    }
  }
};

TEST_F(GiftCounts, NewStreamCountsZeroForEveryActiveGiftType) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const json d = dataOf(expectCall(counts(id), 200));
  decided(kOp, "the answer names the stream").eq(at(d, "streamId"), id);
  documented(kOp, "the total counts every gift sent to the stream").eq(at(d, "totalCount"), 0);
  expectPerType(countsByType(d), {});
}

TEST_F(GiftCounts, ScheduledStreamAndAnyCallerMayAsk) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const json d = dataOf(expectCall(counts(id, Role::kOther), 200));
  decided(kOp, "the answer names the stream").eq(at(d, "streamId"), id);
  documented(kOp, "the total counts every gift sent to the stream").eq(at(d, "totalCount"), 0);
}

STATES_FOR(GiftCounts, SentGiftsAreCountedPerTypeAndInTotal, ({kGifts}), ({{kOp, 200}}));
TEST_F(GiftCounts, SentGiftsAreCountedPerTypeAndInTotal) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const auto before = countsByType(dataOf(expectCall(counts(id), 200)));
  if (before.size() < 2) {
    halt("needs two active gift types; the server lists " + std::to_string(before.size()));
    return;
  }
  const std::string first = before.begin()->first;
  const std::string second = std::next(before.begin())->first;

  REQUIRE_SETUP(sendGifts(id, Role::kAudience, first, 3));
  json d = dataOf(expectCall(counts(id), 200));
  auto after = countsByType(d);
  documented(kOp, "the total counts every gift sent to the stream").eq(at(d, "totalCount"), 3);
  expectPerType(after, {{first, 3}});
  decided(kOp, "every active gift type is listed, zero counts included")
      .eq(typesOf(after), typesOf(before));

  REQUIRE_SETUP(sendGifts(id, Role::kOther, second, 2));
  REQUIRE_SETUP(sendGifts(id, Role::kAudience, first, 1));
  d = dataOf(expectCall(counts(id), 200));
  after = countsByType(d);
  documented(kOp, "the total counts every gift sent to the stream").eq(at(d, "totalCount"), 6);
  expectPerType(after, {{first, 4}, {second, 2}});
}

STATES_FOR(GiftCounts, GiftsToAnotherStreamAreNotCounted, ({kGifts}), ({{kOp, 200}}));
TEST_F(GiftCounts, GiftsToAnotherStreamAreNotCounted) {
  REQUIRE_WRITES();
  const std::string mine = createStream(Role::kHost);
  const std::string theirs = createStream(Role::kOther);
  REQUIRE_SETUP(!mine.empty() && !theirs.empty());
  const auto types = countsByType(dataOf(expectCall(counts(theirs), 200)));
  if (types.empty()) {
    halt("needs an active gift type; the server lists none");
    return;
  }
  REQUIRE_SETUP(sendGifts(theirs, Role::kAudience, types.begin()->first, 5));
  documented(kOp, "the total counts every gift sent to the stream")
      .eq(at(dataOf(expectCall(counts(theirs), 200)), "totalCount"), 5);
  documented(kOp, "the total counts every gift sent to the stream")
      .eq(at(dataOf(expectCall(counts(mine), 200)), "totalCount"), 0);
}

STATES_FOR(GiftCounts, RetiredGiftTypesCountInTheTotalButAreNotListed, ({kGifts}), ({{kOp, 200}}));
TEST_F(GiftCounts, RetiredGiftTypesCountInTheTotalButAreNotListed) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const auto listed = countsByType(dataOf(expectCall(counts(id), 200)));
  REQUIRE_SETUP(given(kGifts, {{"streamId", id},
                               {"senderId", userId(Role::kAudience)},
                               {"inactiveType", true},
                               {"count", 2}}));
  const json d = dataOf(expectCall(counts(id), 200));
  decided(kOp, "the total includes gifts of retired types").eq(at(d, "totalCount"), 2);
  const auto after = countsByType(d);
  documented(kOp, "only active gift types are listed").eq(typesOf(after), typesOf(listed));
  expectPerType(after, {});
}

TEST_F(GiftCounts, DeletedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(counts(id), 200);
  expectCall(Req("deleteLiveStream").path("id", id).as(Role::kHost), 200);
  expectCall(counts(id), 404);
}

}  // namespace
}  // namespace contract
