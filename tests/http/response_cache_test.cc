// The remembered answers to repeated reads (cache/response_cache.h) never outlive the state they
// were made from, never cross callers, and carry a fresh timestamp.
#include "test_support.h"

namespace lsm_test {
namespace {

using nlohmann::json;

class ResponseCacheTest : public FreshMockTest {
 protected:
  Response viewers(const std::string& caller = ids::kJohnDoe) {
    return http().get(
        std::string("/api/v1/live-stream/") + ids::kBigStream + "/viewers?limit=100&search=",
        {bearer(caller)});
  }
  Response history() {
    return http().get(
        std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages?limit=100",
        {bearer(ids::kJohnDoe)});
  }
};

TEST_F(ResponseCacheTest, RepeatedReadIsIdenticalButForItsTimestamp) {
  auto first = viewers();
  ASSERT_EQ(first.status, 200) << first.describe();
  // Move the mock's clock: no state changes, so the second answer is the remembered one.
  auto clock = http().request("POST", "/__mock/clock", {{"Content-Type", "application/json"}},
                              R"({"advanceSeconds":3000})");
  ASSERT_EQ(clock.status, 200) << clock.describe();
  auto second = viewers();
  ASSERT_EQ(second.status, 200) << second.describe();
  expectSpecResponse("listLiveStreamViewers", second);
  EXPECT_EQ(first.data(), second.data());
  // ISO-8601 in UTC compares as text: the remembered answer has the moved clock's time.
  const std::string before = first.body_json["timestamp"], after = second.body_json["timestamp"];
  EXPECT_GT(after, before);
  EXPECT_NE(after.substr(0, 16), before.substr(0, 16));  // 50 minutes later, not the same minute
}

TEST_F(ResponseCacheTest, ViewersReadAfterSomeoneJoinsShowsThem) {
  auto before = viewers();
  ASSERT_EQ(before.status, 200) << before.describe();
  const auto total = before.data()["pagination"]["totalItems"].get<int>();
  auto join = http().request(
      "POST", std::string("/__mock/streams/") + ids::kBigStream + "/audience",
      {{"Content-Type", "application/json"}}, json{{"userId", ids::kNotInBigStream}}.dump());
  ASSERT_EQ(join.status / 100, 2) << join.describe();
  auto after = viewers();
  ASSERT_EQ(after.status, 200) << after.describe();
  EXPECT_EQ(after.data()["pagination"]["totalItems"].get<int>(), total + 1);
  bool listed = false;
  for (const auto& v : after.data()["list"])
    listed = listed || v["_id"] == ids::kNotInBigStream;
  EXPECT_TRUE(listed) << after.describe();
}

TEST_F(ResponseCacheTest, ChatHistoryReadAfterAPostHasTheMessage) {
  ASSERT_EQ(history().status, 200);
  auto posted = http().request(
      "POST", std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages",
      {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
      R"({"content":"after the first read"})");
  ASSERT_EQ(posted.status, 201) << posted.describe();
  auto after = history();
  ASSERT_EQ(after.status, 200) << after.describe();
  bool found = false;
  for (const auto& m : after.data()["list"])
    found = found || m["_id"] == posted.data()["_id"];
  EXPECT_TRUE(found) << after.describe();
}

TEST_F(ResponseCacheTest, AnotherCallerNeverGetsTheRememberedAnswer) {
  ASSERT_EQ(viewers(ids::kJohnDoe).status, 200);
  auto outsider = viewers(ids::kNotInBigStream);
  EXPECT_EQ(outsider.status, 403) << outsider.describe();
}

class ResponseCacheOff : public ResponseCacheTest {
 protected:
  std::vector<std::string> mockArgs() const override { return {"--response-cache", "0"}; }
};

TEST_F(ResponseCacheOff, ReadsStillAnswerWhenTheCacheIsOff) {
  auto first = viewers();
  auto second = viewers();
  ASSERT_EQ(first.status, 200) << first.describe();
  ASSERT_EQ(second.status, 200) << second.describe();
  EXPECT_EQ(first.data(), second.data());
}

}  // namespace
}  // namespace lsm_test
