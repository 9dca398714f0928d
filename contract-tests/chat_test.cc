// postChatMessage and listChatMessages: a posted message is in the history; who may post and
// when; the history pages from the newest message, oldest first within a page, and `before`
// scrolls back.
#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kNoSuchId[] = "0123456789abcdef01234567";

std::vector<std::string> contentsOf(const json& page) {
  std::vector<std::string> out;
  if (page.contains("list") && page["list"].is_array()) {
    for (const auto& m : page["list"])
      out.push_back(m.value("content", ""));
  }
  return out;
}

class Chat : public ContractTest {
 protected:
  Req post(const std::string& id, Role who, const std::string& content) {
    Req req("postChatMessage");
    req.path("streamId", id).as(who).json({{"content", content}});
    return req;
  }
  Req history(const std::string& id, Role who = Role::kHost) {
    Req req("listChatMessages");
    req.path("streamId", id).as(who);
    return req;
  }
  // Posts `content` as `who`, expecting 201; the message's id.
  std::string say(const std::string& id, Role who, const std::string& content) {
    return dataOf(expectCall(post(id, who, content), 201)).value("_id", "");
  }
};

TEST_F(Chat, PostedMessageIsTheNewestInTheHistory) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  say(id, Role::kHost, "first");
  json m = dataOf(expectCall(post(id, Role::kHost, "hello from " + testName()), 201));
  EXPECT_EQ(m["streamId"], id);
  EXPECT_EQ(m["content"], "hello from " + testName());
  EXPECT_EQ(m["sender"]["_id"], userId(Role::kHost));

  json page = dataOf(expectCall(history(id), 200));
  ASSERT_TRUE(page["list"].is_array());
  ASSERT_EQ(page["list"].size(), 2u);
  EXPECT_EQ(page["list"][1]["_id"], m["_id"]) << "page 1 ends with the newest message";
  EXPECT_EQ(page["list"][1]["content"], m["content"]);
  EXPECT_EQ(page["pagination"]["totalItems"], 2);
}

TEST_F(Chat, AudienceMemberMayPost) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a viewer in the audience");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  joinAudience(id, Role::kAudience);
  json m = dataOf(expectCall(post(id, Role::kAudience, "merhaba"), 201));
  EXPECT_EQ(m["sender"]["_id"], userId(Role::kAudience));
  EXPECT_EQ(contentsOf(dataOf(expectCall(history(id, Role::kAudience), 200))),
            std::vector<std::string>{"merhaba"});
}

TEST_F(Chat, ContentIsTrimmed) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  json m = dataOf(expectCall(post(id, Role::kHost, "  \t hello \n "), 201));
  EXPECT_EQ(m["content"], "hello");
}

TEST_F(Chat, WhitespaceOnlyContentIs400AndNothingIsPosted) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  Req req = post(id, Role::kHost, " \t\n  ");
  HttpResult r = expectCall(req, 400);
  expectErrorMentions(req, r, "content");
  EXPECT_EQ(dataOf(expectCall(history(id), 200))["pagination"]["totalItems"], 0);
}

TEST_F(Chat, BannedUserIs403AndOthersMayStillPost) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a chat ban");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  joinAudience(id, Role::kAudience);
  joinAudience(id, Role::kOther);
  say(id, Role::kAudience, "before the ban");
  banFromChat(id, Role::kAudience);
  expectCall(post(id, Role::kAudience, "after the ban"), 403);
  say(id, Role::kOther, "not banned");
  EXPECT_EQ(contentsOf(dataOf(expectCall(history(id), 200))),
            (std::vector<std::string>{"before the ban", "not banned"}));
}

TEST_F(Chat, PostOnEndedStreamIs409) {
  REQUIRE_WRITES();
  REQUIRE_MOCK("a stream that ended");
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  say(id, Role::kHost, "while live");
  endStream(id, false, 0);
  expectCall(post(id, Role::kHost, "after the end"), 409);
  EXPECT_EQ(contentsOf(dataOf(expectCall(history(id), 200))),
            std::vector<std::string>{"while live"});
}

TEST_F(Chat, PostOnScheduledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  expectCall(post(id, Role::kHost, "too early"), 409);
}

TEST_F(Chat, PostOnCancelledStreamIs409ButTheHistoryStaysReadable) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  say(id, Role::kHost, "bye");
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(post(id, Role::kHost, "still here?"), 409);
  // Any authenticated user reads the history of a stream of any status.
  EXPECT_EQ(contentsOf(dataOf(expectCall(history(id, Role::kOther), 200))),
            std::vector<std::string>{"bye"});
}

TEST_F(Chat, HistoryOfAStreamWithoutMessagesIsEmpty) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  json page = dataOf(expectCall(history(id, Role::kOther), 200));
  EXPECT_EQ(page["list"], json::array());
  EXPECT_EQ(page["pagination"]["totalItems"], 0);
  EXPECT_EQ(page["pagination"]["hasNextPage"], false);
}

TEST_F(Chat, PageOneHoldsTheNewestMessagesOldestFirst) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  for (const char* m : {"m1", "m2", "m3", "m4", "m5"})
    say(id, Role::kHost, m);
  const std::vector<std::vector<std::string>> expected = {{"m4", "m5"}, {"m2", "m3"}, {"m1"}};
  for (int page = 1; page <= 3; ++page) {
    json d = dataOf(
        expectCall(history(id).query("page", std::to_string(page)).query("limit", "2"), 200));
    EXPECT_EQ(contentsOf(d), expected[page - 1]) << "page " << page;
    EXPECT_EQ(d["pagination"]["currentPage"], page);
    EXPECT_EQ(d["pagination"]["totalItems"], 5);
    EXPECT_EQ(d["pagination"]["totalPages"], 3);
    EXPECT_EQ(d["pagination"]["hasNextPage"], page < 3);
    EXPECT_EQ(d["pagination"]["hasPrevPage"], page > 1);
  }
  json past = dataOf(expectCall(history(id).query("page", "4").query("limit", "2"), 200));
  EXPECT_EQ(past["list"], json::array());
  // The default page holds all five, oldest first.
  EXPECT_EQ(contentsOf(dataOf(expectCall(history(id), 200))),
            (std::vector<std::string>{"m1", "m2", "m3", "m4", "m5"}));
}

TEST_F(Chat, BeforeListsOnlyOlderMessages) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  std::vector<std::string> ids;
  for (const char* m : {"m1", "m2", "m3", "m4", "m5"})
    ids.push_back(say(id, Role::kHost, m));
  json all = dataOf(expectCall(history(id).query("before", ids[3]), 200));
  EXPECT_EQ(contentsOf(all), (std::vector<std::string>{"m1", "m2", "m3"}));
  EXPECT_EQ(all["pagination"]["totalItems"], 3);
  // Pages count over what is left: page 1 holds the newest of those.
  json p1 = dataOf(expectCall(history(id).query("before", ids[3]).query("limit", "2"), 200));
  EXPECT_EQ(contentsOf(p1), (std::vector<std::string>{"m2", "m3"}));
  json p2 = dataOf(
      expectCall(history(id).query("before", ids[3]).query("limit", "2").query("page", "2"), 200));
  EXPECT_EQ(contentsOf(p2), std::vector<std::string>{"m1"});
  json first = dataOf(expectCall(history(id).query("before", ids[0]), 200));
  EXPECT_EQ(first["list"], json::array()) << "nothing is older than the first message";
}

TEST_F(Chat, BeforeNamingNoMessageIs404) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  ASSERT_FALSE(id.empty());
  say(id, Role::kHost, "only message");
  expectCall(history(id).query("before", kNoSuchId), 404);
}

TEST_F(Chat, BeforeNamingAMessageOfAnotherStreamIs404) {
  REQUIRE_WRITES();
  const std::string mine = createStream(Role::kHost);
  const std::string theirs = createStream(Role::kOther);
  ASSERT_FALSE(mine.empty() || theirs.empty());
  const std::string elsewhere = say(theirs, Role::kOther, "elsewhere");
  say(mine, Role::kHost, "here");
  expectCall(history(theirs).query("before", elsewhere), 200);
  expectCall(history(mine).query("before", elsewhere), 404);
}

}  // namespace
}  // namespace contract
