#include "domain/seen_records.h"

#include <gtest/gtest.h>

namespace lsm {
namespace {

User user(const std::string& id, const std::string& name) {
  User u;
  u.id = id;
  u.username = name;
  return u;
}

TEST(MergeSeenRecords, AddsWhatTheStateLacksAndKeepsWhatItHas) {
  State into;
  into.users.emplace("a", user("a", "mine"));
  into.user_order.push_back("a");
  into.chat["s"].push_back({"m2", "s", "a", "second", 2000});
  State seen;
  seen.users.emplace("a", user("a", "theirs"));
  seen.users.emplace("b", user("b", "new"));
  seen.user_order = {"a", "b"};
  Stream st;
  st.id = "s";
  st.creator_id = "b";
  seen.streams.emplace("s", st);
  seen.chat["s"].push_back({"m1", "s", "b", "first", 1000});
  seen.chat["s"].push_back({"m2", "s", "a", "second", 2000});
  seen.follows.insert({"a", "b"});

  EXPECT_EQ(mergeSeenRecords(into, seen), 4u);  // user b, stream s, message m1, the follow
  EXPECT_EQ(into.users.at("a").username, "mine");
  EXPECT_EQ(into.users.at("b").username, "new");
  EXPECT_EQ(into.user_order, (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(into.chat.at("s").size(), 2u);
  EXPECT_EQ(into.chat.at("s")[0].id, "m1");  // oldest first
  EXPECT_TRUE(into.follows_user("a", "b"));
  EXPECT_EQ(mergeSeenRecords(into, seen), 0u);  // nothing twice
}

}  // namespace
}  // namespace lsm
