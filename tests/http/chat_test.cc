// POST and GET /api/v1/live-stream/{streamId}/chat/messages. Posting changes state, so every test
// gets a mock of its own.
#include <algorithm>

#include "test_support.h"

namespace lsm_test {
namespace {

std::string chatPath(const std::string& stream_id) {
  return "/api/v1/live-stream/" + stream_id + "/chat/messages";
}

class Chat : public FreshMockTest {
 protected:
  Response post(const std::string& stream_id, const std::string& body,
                const std::string& sender = ids::kJohnDoe) {
    return http().request("POST", chatPath(stream_id),
                          {bearer(sender), {"Content-Type", "application/json"}}, body);
  }
  Response postContent(const std::string& content, const std::string& sender = ids::kJohnDoe,
                       const std::string& stream_id = ids::kBigStream) {
    return post(stream_id, json{{"content", content}}.dump(), sender);
  }
  Response history(const std::string& stream_id, const std::string& query = "",
                   const std::string& caller = ids::kJohnDoe) {
    auto r = http().get(chatPath(stream_id) + query, {bearer(caller)});
    if (r.status == 200) expectSpecResponse("listChatMessages", r);
    return r;
  }
  void expectPostStatus(const Response& r, int status, const std::string& headline) {
    ASSERT_EQ(r.status, status) << r.describe();
    expectSpecResponse("postChatMessage", r);
    EXPECT_EQ(r.errors().at(0), headline);
  }
  void expectRejectsContent(const std::string& content) {
    auto r = postContent(content);
    expectPostStatus(r, 400, "Validation failed");
    EXPECT_TRUE(namesField(r, "content")) << r.describe();
  }

  // The fixture messages of a stream, oldest first (by createdAt).
  static std::vector<std::string> fixtureIds(const std::string& stream_id) {
    std::vector<std::pair<std::string, std::string>> found;  // createdAt, _id
    for (const auto& m : fixture("chat-messages.json")) {
      if (m["streamId"] == stream_id) found.emplace_back(m["createdAt"], m["_id"]);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (const auto& f : found)
      out.push_back(f.second);
    return out;
  }
  static std::vector<std::string> idsOf(const Response& r) {
    std::vector<std::string> out;
    for (const auto& m : r.data()["list"])
      out.push_back(m["_id"]);
    return out;
  }
  static std::vector<std::string> slice(const std::vector<std::string>& v, size_t from, size_t to) {
    return std::vector<std::string>(v.begin() + static_cast<long>(from),
                                    v.begin() + static_cast<long>(to));
  }
};

TEST_F(Chat, PostedMessageIsTheLastOfPageOne) {
  auto posted = postContent("Herkese selam! Yayın çok güzel.");
  ASSERT_EQ(posted.status, 201) << posted.describe();
  expectSpecResponse("postChatMessage", posted);
  const json& m = posted.data();
  EXPECT_EQ(m["content"], "Herkese selam! Yayın çok güzel.");
  EXPECT_EQ(m["streamId"], ids::kBigStream);
  EXPECT_EQ(m["sender"]["_id"], ids::kJohnDoe);
  EXPECT_EQ(m["sender"]["username"], "johndoe");
  EXPECT_EQ(m["createdAt"], m["updatedAt"]);

  auto page = history(ids::kBigStream);
  ASSERT_EQ(page.status, 200) << page.describe();
  const json& list = page.data()["list"];
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list.back(), m);
  EXPECT_EQ(page.data()["pagination"]["totalItems"], fixtureIds(ids::kBigStream).size() + 1);
}

TEST_F(Chat, ContentIsTrimmed) {
  auto r = postContent("  \t merhaba \n ");
  ASSERT_EQ(r.status, 201) << r.describe();
  expectSpecResponse("postChatMessage", r);
  EXPECT_EQ(r.data()["content"], "merhaba");
}

TEST_F(Chat, EmptyContentIsRejected) {
  expectRejectsContent("");
}

TEST_F(Chat, WhitespaceContentIsRejected) {
  expectRejectsContent(" \t\n ");
}

TEST_F(Chat, ContentOf501CharactersIsRejected) {
  expectRejectsContent(std::string(501, 'x'));
}

TEST_F(Chat, ContentOf500TurkishCharactersIsAccepted) {
  std::string content;
  for (int i = 0; i < 500; ++i)
    content += "ş";  // 1000 bytes, 500 characters
  auto r = postContent(content);
  ASSERT_EQ(r.status, 201) << r.describe();
  EXPECT_EQ(r.data()["content"], content);
}

// The 500-character limit applies to the text as sent (the spec says so); trimming follows.
TEST_F(Chat, ContentOver500CharactersAsSentIsRejectedEvenIfTrimmingWouldFit) {
  const std::string text(500, 'x');
  auto r = postContent("  " + text + "  ");
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_NE(r.body.find("content"), std::string::npos) << r.describe();
}

TEST_F(Chat, HugePageIsAnEmptyPage) {
  auto r = http().get(chatPath(ids::kBigStream) + "?limit=4&page=4611686018427387904",
                      {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 200) << r.describe();
  expectSpecResponse("listChatMessages", r);
  EXPECT_TRUE(r.data()["list"].empty());
  EXPECT_EQ(http().get("/__mock/health").status, 200) << "the mock died";
}

TEST_F(Chat, ContentTypeWithCharsetIsAccepted) {
  auto r =
      http().request("POST", chatPath(ids::kBigStream),
                     {bearer(ids::kJohnDoe), {"Content-Type", "application/json; charset=utf-8"}},
                     R"({"content":"charset"})");
  EXPECT_EQ(r.status, 201) << r.describe();
}

TEST_F(Chat, MissingContentIsRejected) {
  auto r = post(ids::kBigStream, "{}");
  expectPostStatus(r, 400, "Validation failed");
  EXPECT_TRUE(namesField(r, "content")) << r.describe();
}

TEST_F(Chat, ContentThatIsNoStringIsRejected) {
  auto r = post(ids::kBigStream, R"({"content": 42})");
  expectPostStatus(r, 400, "Validation failed");
  EXPECT_TRUE(namesField(r, "content")) << r.describe();
}

TEST_F(Chat, UnknownFieldIsRejectedNamingIt) {
  auto r = post(ids::kBigStream, R"({"content": "hi", "colour": "red"})");
  expectPostStatus(r, 400, "Validation failed");
  EXPECT_TRUE(namesField(r, "colour")) << r.describe();
}

TEST_F(Chat, BodyThatIsNotJsonIsRejected) {
  auto r = post(ids::kBigStream, "content=hi");
  expectPostStatus(r, 400, "Validation failed");
  EXPECT_TRUE(namesField(r, "body")) << r.describe();
}

TEST_F(Chat, RejectedMessageIsNotStored) {
  ASSERT_EQ(postContent(std::string(501, 'x')).status, 400);
  auto page = history(ids::kBigStream, "?limit=1");
  ASSERT_EQ(page.status, 200) << page.describe();
  EXPECT_EQ(page.data()["pagination"]["totalItems"], fixtureIds(ids::kBigStream).size());
}

TEST_F(Chat, BannedUserIs403) {
  expectPostStatus(postContent("let me in", ids::kChatBanned), 403, "Insufficient permissions");
}

TEST_F(Chat, EndedStreamIs409) {
  expectPostStatus(postContent("too late", ids::kJohnDoe, ids::kEndedStream), 409,
                   "Resource already exists or cannot be changed in its current state");
}

TEST_F(Chat, CancelledStreamIs409) {
  expectPostStatus(postContent("hello?", ids::kJohnDoe, ids::kCancelledStream), 409,
                   "Resource already exists or cannot be changed in its current state");
}

TEST_F(Chat, ScheduledStreamIs409) {
  expectPostStatus(postContent("too early", ids::kJohnDoe, ids::kScheduledStream), 409,
                   "Resource already exists or cannot be changed in its current state");
}

TEST_F(Chat, UnknownStreamIs404) {
  expectPostStatus(postContent("anyone?", ids::kJohnDoe, ids::kNoSuchId), 404,
                   "Resource not found");
}

TEST_F(Chat, SoftDeletedStreamIs404) {
  expectPostStatus(postContent("anyone?", ids::kJohnDoe, ids::kDeletedStream), 404,
                   "Resource not found");
}

TEST_F(Chat, StreamIdThatIsNoObjectIdIsRejected) {
  auto r = postContent("hi", ids::kJohnDoe, "123");
  expectPostStatus(r, 400, "Validation failed");
  EXPECT_TRUE(namesField(r, "streamId")) << r.describe();
}

TEST_F(Chat, PostWithoutTokenIs401) {
  auto r = http().request("POST", chatPath(ids::kBigStream), {{"Content-Type", "application/json"}},
                          R"({"content":"hi"})");
  expectPostStatus(r, 401, "Authentication required");
}

TEST_F(Chat, FirstPageHoldsTheNewestMessagesOldestFirst) {
  const auto all = fixtureIds(ids::kBigStream);
  ASSERT_EQ(all.size(), 102u) << "fixtures changed";
  auto r = history(ids::kBigStream, "?limit=10");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(idsOf(r), slice(all, 92, 102));
  const json& p = r.data()["pagination"];
  EXPECT_EQ(p["currentPage"], 1);
  EXPECT_EQ(p["totalPages"], 11);
  EXPECT_EQ(p["totalItems"], 102);
  EXPECT_EQ(p["itemsPerPage"], 10);
  EXPECT_EQ(p["hasNextPage"], true);
  EXPECT_EQ(p["hasPrevPage"], false);
}

TEST_F(Chat, LaterPagesGoBackInTime) {
  const auto all = fixtureIds(ids::kBigStream);
  auto second = history(ids::kBigStream, "?limit=10&page=2");
  ASSERT_EQ(second.status, 200) << second.describe();
  EXPECT_EQ(idsOf(second), slice(all, 82, 92));
  auto last = history(ids::kBigStream, "?limit=10&page=11");
  ASSERT_EQ(last.status, 200) << last.describe();
  EXPECT_EQ(idsOf(last), slice(all, 0, 2));
  EXPECT_EQ(last.data()["pagination"]["hasNextPage"], false);
  EXPECT_EQ(last.data()["pagination"]["hasPrevPage"], true);
}

TEST_F(Chat, MessagesWithinAPageAreOldestFirst) {
  auto r = history(ids::kBigStream, "?limit=100");
  ASSERT_EQ(r.status, 200) << r.describe();
  const json& list = r.data()["list"];
  ASSERT_EQ(list.size(), 100u);
  for (size_t i = 1; i < list.size(); ++i) {
    EXPECT_LE(list[i - 1]["createdAt"].get<std::string>(), list[i]["createdAt"].get<std::string>())
        << "at " << i;
  }
}

TEST_F(Chat, DefaultLimitIs50) {
  auto r = history(ids::kBigStream);
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.data()["list"].size(), 50u);
  EXPECT_EQ(r.data()["pagination"]["itemsPerPage"], 50);
  EXPECT_EQ(r.data()["pagination"]["totalPages"], 3);
}

TEST_F(Chat, PageAfterTheLastIsEmpty) {
  auto r = history(ids::kBigStream, "?limit=50&page=4");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_TRUE(r.data()["list"].empty());
  EXPECT_EQ(r.data()["pagination"]["totalItems"], 102);
}

TEST_F(Chat, BeforeKeepsOnlyOlderMessages) {
  const auto all = fixtureIds(ids::kBigStream);
  // Scrolling back from the oldest message shown on page 1 (limit 10).
  auto r = history(ids::kBigStream, "?limit=10&before=" + all[92]);
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(idsOf(r), slice(all, 82, 92));
  EXPECT_EQ(r.data()["pagination"]["totalItems"], 92);
  EXPECT_EQ(r.data()["pagination"]["totalPages"], 10);
}

TEST_F(Chat, BeforeTheOldestMessageIsEmpty) {
  const auto all = fixtureIds(ids::kBigStream);
  auto r = history(ids::kBigStream, "?before=" + all[0]);
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_TRUE(r.data()["list"].empty());
  EXPECT_EQ(r.data()["pagination"]["totalItems"], 0);
}

TEST_F(Chat, UnknownBeforeIs404) {
  auto r =
      http().get(chatPath(ids::kBigStream) + "?before=" + ids::kNoSuchId, {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 404) << r.describe();
  expectSpecResponse("listChatMessages", r);
}

TEST_F(Chat, BeforeFromAnotherStreamIs404) {
  const auto other = fixtureIds(ids::kEndedStream);
  ASSERT_FALSE(other.empty());
  auto r = http().get(chatPath(ids::kBigStream) + "?before=" + other[0], {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 404) << r.describe();
  expectSpecResponse("listChatMessages", r);
}

TEST_F(Chat, BeforeThatIsNoObjectIdIsRejected) {
  auto r = http().get(chatPath(ids::kBigStream) + "?before=yesterday", {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("listChatMessages", r);
  EXPECT_TRUE(namesField(r, "before")) << r.describe();
}

TEST_F(Chat, Limit101IsRejected) {
  auto r = http().get(chatPath(ids::kBigStream) + "?limit=101", {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("listChatMessages", r);
  EXPECT_TRUE(namesField(r, "limit")) << r.describe();
}

TEST_F(Chat, PageZeroIsRejected) {
  auto r = http().get(chatPath(ids::kBigStream) + "?page=0", {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("listChatMessages", r);
  EXPECT_TRUE(namesField(r, "page")) << r.describe();
}

TEST_F(Chat, HistoryOfAnEndedStreamIsReadable) {
  const auto all = fixtureIds(ids::kEndedStream);
  auto r = history(ids::kEndedStream, "", ids::kNotInBigStream);
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(idsOf(r), all);
}

TEST_F(Chat, HistoryOfAStreamWithoutMessagesIsEmpty) {
  auto r = history(ids::kCancelledStream);
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_TRUE(r.data()["list"].empty());
  EXPECT_EQ(r.data()["pagination"]["totalPages"], 0);
}

TEST_F(Chat, HistoryOfUnknownStreamIs404) {
  auto r = http().get(chatPath(ids::kNoSuchId), {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 404) << r.describe();
  expectSpecResponse("listChatMessages", r);
}

TEST_F(Chat, HistoryOfSoftDeletedStreamIs404) {
  auto r = http().get(chatPath(ids::kDeletedStream), {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 404) << r.describe();
  expectSpecResponse("listChatMessages", r);
}

TEST_F(Chat, HistoryWithoutTokenIs401) {
  auto r = http().get(chatPath(ids::kBigStream));
  ASSERT_EQ(r.status, 401) << r.describe();
  expectSpecResponse("listChatMessages", r);
}

TEST_F(Chat, MessagesPostedInARowKeepTheirOrder) {
  std::vector<std::string> posted;
  for (int i = 0; i < 5; ++i) {
    auto r = postContent("message " + std::to_string(i));
    ASSERT_EQ(r.status, 201) << r.describe();
    posted.push_back(r.data()["_id"]);
  }
  auto page = history(ids::kBigStream, "?limit=5");
  ASSERT_EQ(page.status, 200) << page.describe();
  EXPECT_EQ(idsOf(page), posted);
}

}  // namespace
}  // namespace lsm_test
