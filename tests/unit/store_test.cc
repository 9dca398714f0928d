#include "domain/store.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace lsm {
namespace {

State oneUserOneStream() {
  State s;
  User u;
  u.id = "user-1";
  u.username = "ayse";
  u.credits = 10;
  s.users.emplace(u.id, u);
  s.user_order.push_back(u.id);
  Stream st;
  st.id = "stream-1";
  st.creator_id = u.id;
  s.streams.emplace(st.id, st);
  return s;
}

TEST(Store, AWriteMovesOnlyTheVersionsOfTheAspectsItDeclares) {
  Store store(oneUserOneStream());
  const uint64_t viewers_before = store.versionOf(kStreamsAspect | kUsersAspect);
  const uint64_t chat_before = store.versionOf(kChatAspect);
  const uint64_t all_before = store.version();
  store.write(kChatAspect | kIdsAspect, [](State& s) {
    s.chat["stream-1"].push_back({"m1", "stream-1", "user-1", "Selam", 0});
    return 0;
  });
  EXPECT_EQ(store.versionOf(kStreamsAspect | kUsersAspect), viewers_before);
  EXPECT_GT(store.versionOf(kChatAspect), chat_before);
  EXPECT_GT(store.version(), all_before);
}

TEST(Store, AnUndeclaredWriteAndAReplaceMoveEveryVersion) {
  Store store(oneUserOneStream());
  for (size_t i = 0; i < kAspectCount; ++i) {
    const Aspects a = 1u << i;
    const uint64_t before = store.versionOf(a);
    store.write([](State&) { return 0; });
    EXPECT_GT(store.versionOf(a), before) << describeAspects(a);
    const uint64_t mid = store.versionOf(a);
    store.replace(oneUserOneStream());
    EXPECT_GT(store.versionOf(a), mid) << describeAspects(a);
  }
}

TEST(Store, TheAuditRefusesAWriteThatChangesWhatItDidNotDeclare) {
  Store store(oneUserOneStream());
  store.setAuditWrites(true);
  const uint64_t users_before = store.versionOf(kUsersAspect);
  try {
    store.write(kChatAspect, [](State& s) {
      s.users.at("user-1").credits = 0;
      return 0;
    });
    FAIL() << "the audit let a credits change through a chat write";
  } catch (const std::logic_error& e) {
    EXPECT_EQ(std::string(e.what()), "a write declared to change chat also changed credits");
  }
  // Whatever the failed write left is not served from remembered answers either.
  EXPECT_GT(store.versionOf(kUsersAspect), users_before);
  // A write within its declaration passes.
  EXPECT_NO_THROW(store.write(kCreditsAspect, [](State& s) {
    s.users.at("user-1").credits = 5;
    return 0;
  }));
}

TEST(Store, EachAspectFingerprintSeesItsOwnPartOfTheState) {
  const State base = oneUserOneStream();
  const auto before = aspectFingerprints(base);
  auto changedBy = [&](void (*change)(State&)) {
    State s = base;
    change(s);
    return changedAspects(before, aspectFingerprints(s));
  };
  EXPECT_EQ(changedBy([](State& s) { s.users.at("user-1").username = "zeynep"; }), kUsersAspect);
  EXPECT_EQ(changedBy([](State& s) { s.follows.insert({"a", "b"}); }), kUsersAspect);
  EXPECT_EQ(changedBy([](State& s) { s.users.at("user-1").credits = 3; }), kCreditsAspect);
  EXPECT_EQ(changedBy([](State& s) { s.streams.at("stream-1").chat_bans.insert("x"); }),
            kStreamsAspect);
  EXPECT_EQ(changedBy([](State& s) {
              s.streams.at("stream-1").audience.push_back({"user-1", 1, ""});
            }),
            kStreamsAspect);
  EXPECT_EQ(changedBy([](State& s) {
              s.chat["stream-1"].push_back({"m", "stream-1", "u", "c", 0});
            }),
            kChatAspect);
  EXPECT_EQ(changedBy([](State& s) {
              s.gifts.push_back({"g", "stream-1", "t", "u", 0});
            }),
            kGiftsAspect);
  EXPECT_EQ(changedBy([](State& s) {
              s.rentals.push_back({"r", "stream-1", "u", 1, 0, 1});
            }),
            kRentalsAspect);
  EXPECT_EQ(changedBy([](State& s) {
              s.reminders.push_back({"r", "stream-1", "u", 5, 0, 0});
            }),
            kRemindersAspect);
  EXPECT_EQ(changedBy([](State& s) {
              s.superlikes.push_back({"stream-1", "u", 10, 0});
            }),
            kSuperlikesAspect);
  EXPECT_EQ(changedBy([](State& s) { s.consents.push_back({{"id", "c"}}); }), kRecordsAspect);
  EXPECT_EQ(changedBy([](State& s) { s.uploads["a.png"] = {"image/png", "x"}; }), kUploadsAspect);
  EXPECT_EQ(changedBy([](State& s) { s.id_counter++; }), kIdsAspect);
  EXPECT_EQ(changedBy([](State& s) { s.can_broadcast_before_revoke["user-1"] = true; }),
            kRevocationsAspect);
}

}  // namespace
}  // namespace lsm
