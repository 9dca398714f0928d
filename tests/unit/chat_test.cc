// Posting to and reading a stream's chat on the bundled fixtures (mock/domain/chat).
#include "domain/chat.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr Millis kNow = 1795176000000;  // 2026-11-20T12:00:00.000Z, the fixtures' reference time

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";
constexpr char kKaan[] = "69cda5db5f3a9c1e7b1a2b26";      // banned from kAcoustic's chat
constexpr char kAcoustic[] = "64d15f9e2e6c8f4d5a123000";  // active, 100+ messages
constexpr char kHiit[] = "6b0033345f3a9c1e7b1a2b50";      // active, 7 messages
constexpr char kGuitar[] = "6af048205f3a9c1e7b1a2b57";    // ended, has chat
constexpr char kYoga[] = "6aff1d005f3a9c1e7b1a2b54";      // scheduled, no chat
constexpr char kCancelled[] = "6af412705f3a9c1e7b1a2b5a";
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";  // soft-deleted
constexpr char kNoStream[] = "0123456789abcdef01234567";

class Chat : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = loadFixtures("fixtures", kNow);
    ASSERT_TRUE(loaded.ok()) << loaded.error().details.at(0);
    s = std::move(loaded).value();
  }

  // Ids of the stream's messages, oldest first, as stored.
  std::vector<std::string> stored(const std::string& stream) const {
    std::vector<std::string> out;
    auto it = s.chat.find(stream);
    if (it == s.chat.end()) return out;
    for (const auto& m : it->second)
      out.push_back(m.id);
    return out;
  }

  std::vector<std::string> page(const std::string& stream, int64_t page, int64_t limit,
                                std::optional<std::string> before = std::nullopt,
                                int64_t* total = nullptr) const {
    auto r = listChatMessages(s, stream, page, limit, before);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().details.at(0));
    std::vector<std::string> out;
    if (!r.ok()) return out;
    for (const ChatMessage* m : r->messages)
      out.push_back(m->id);
    if (total) *total = r->total;
    return out;
  }

  State s;
};

std::vector<std::string> slice(const std::vector<std::string>& v, size_t from, size_t to) {
  return std::vector<std::string>(v.begin() + from, v.begin() + to);
}

// ---- posting -------------------------------------------------------------------------------

TEST_F(Chat, PostOnAnActiveStreamAppendsTheMessage) {
  const size_t before = s.chat[kHiit].size();
  auto r = postChatMessage(s, kHiit, kJohn, "Harika antrenman!", kNow);
  ASSERT_TRUE(r.ok()) << r.error().details.at(0);
  const ChatMessage& m = **r;
  EXPECT_EQ(m.stream_id, kHiit);
  EXPECT_EQ(m.sender_id, kJohn);
  EXPECT_EQ(m.content, "Harika antrenman!");
  EXPECT_EQ(m.created_at, kNow);
  EXPECT_EQ(m.id.size(), 24u);
  ASSERT_EQ(s.chat[kHiit].size(), before + 1);
  EXPECT_EQ(&s.chat[kHiit].back(), &m);
}

TEST_F(Chat, PostedContentIsTrimmed) {
  auto r = postChatMessage(s, kHiit, kJohn, " \t Selam! \r\n", kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->content, "Selam!");
}

TEST_F(Chat, ContentEmptyAfterTrimmingIsInvalid) {
  for (const char* blank : {"", "   ", "\t\r\n"}) {
    auto r = postChatMessage(s, kHiit, kJohn, blank, kNow);
    ASSERT_FALSE(r.ok()) << '"' << blank << '"';
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_EQ(r.error().details, std::vector<std::string>{"content: must not be empty"});
  }
  EXPECT_EQ(s.chat[kHiit].size(), 7u);
}

TEST_F(Chat, BannedSenderIsForbidden) {
  const size_t before = s.chat[kAcoustic].size();
  auto r = postChatMessage(s, kAcoustic, kKaan, "hello", kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(s.chat[kAcoustic].size(), before);
  // The ban is per stream: Kaan may post elsewhere.
  EXPECT_TRUE(postChatMessage(s, kHiit, kKaan, "hello", kNow).ok());
}

TEST_F(Chat, BanIsCheckedBeforeTheStatus) {
  s.streams.at(kGuitar).chat_bans.insert(kJohn);
  auto r = postChatMessage(s, kGuitar, kJohn, "hello", kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kPermissionDenied);
}

TEST_F(Chat, StreamThatIsNotActiveIsAConflict) {
  for (const char* stream : {kGuitar, kYoga, kCancelled}) {
    auto r = postChatMessage(s, stream, kJohn, "hello", kNow);
    ASSERT_FALSE(r.ok()) << stream;
    EXPECT_EQ(r.error().kind, ErrorKind::kConflict) << stream;
  }
  auto r = postChatMessage(s, kGuitar, kJohn, "hello", kNow);
  EXPECT_EQ(r.error().details, std::vector<std::string>{"chat is closed: the stream is ended"});
}

TEST_F(Chat, StatusIsCheckedBeforeTheContent) {
  auto r = postChatMessage(s, kGuitar, kJohn, "   ", kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
}

TEST_F(Chat, UnknownOrDeletedStreamIsNotFound) {
  for (const char* stream : {kNoStream, kDeleted}) {
    auto r = postChatMessage(s, stream, kJohn, "hello", kNow);
    ASSERT_FALSE(r.ok()) << stream;
    EXPECT_EQ(r.error().kind, ErrorKind::kNotFound) << stream;
  }
}

TEST_F(Chat, PostedMessageIsTheNewestOfTheHistory) {
  auto r = postChatMessage(s, kHiit, kJohn, "last word", kNow + 1000);
  ASSERT_TRUE(r.ok());
  const std::string id = (*r)->id;
  EXPECT_EQ(page(kHiit, 1, 1), std::vector<std::string>{id});
}

// ---- history -------------------------------------------------------------------------------

TEST_F(Chat, FirstPageHoldsTheNewestMessagesOldestFirst) {
  const auto all = stored(kHiit);
  ASSERT_EQ(all.size(), 7u);
  int64_t total = 0;
  EXPECT_EQ(page(kHiit, 1, 3, std::nullopt, &total), slice(all, 4, 7));
  EXPECT_EQ(total, 7);
}

TEST_F(Chat, LaterPagesGoBackInTime) {
  const auto all = stored(kHiit);
  EXPECT_EQ(page(kHiit, 2, 3), slice(all, 1, 4));
  EXPECT_EQ(page(kHiit, 3, 3), slice(all, 0, 1));  // the oldest, a short last page
  EXPECT_TRUE(page(kHiit, 4, 3).empty());
  EXPECT_TRUE(page(kHiit, 1000, 3).empty());
}

TEST_F(Chat, PagesCoverTheHistoryExactlyOnce) {
  const auto all = stored(kAcoustic);
  ASSERT_GT(all.size(), 100u);
  std::vector<std::string> seen;
  for (int64_t p = 1;; ++p) {
    auto ids = page(kAcoustic, p, 25);
    if (ids.empty()) break;
    seen.insert(seen.begin(), ids.begin(), ids.end());
  }
  EXPECT_EQ(seen, all);
}

TEST_F(Chat, LimitLargerThanTheHistoryReturnsItAll) {
  const auto all = stored(kHiit);
  EXPECT_EQ(page(kHiit, 1, 100), all);
}

TEST_F(Chat, MessagesWithinAPageAreOrderedOldestFirst) {
  auto r = listChatMessages(s, kAcoustic, 1, 50, std::nullopt);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->messages.size(), 50u);
  for (size_t i = 1; i < r->messages.size(); ++i) {
    EXPECT_LE(r->messages[i - 1]->created_at, r->messages[i]->created_at);
  }
}

TEST_F(Chat, BeforeKeepsOnlyOlderMessagesAndCountsOverThem) {
  const auto all = stored(kHiit);
  int64_t total = 0;
  EXPECT_EQ(page(kHiit, 1, 3, all[5], &total), slice(all, 2, 5));
  EXPECT_EQ(total, 5);
  EXPECT_EQ(page(kHiit, 2, 3, all[5]), slice(all, 0, 2));
  EXPECT_TRUE(page(kHiit, 1, 3, all[0], &total).empty());
  EXPECT_EQ(total, 0);
}

TEST_F(Chat, BeforeNamingNoMessageOfTheStreamIsNotFound) {
  auto r = listChatMessages(s, kHiit, 1, 10, std::string(kNoStream));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(r.error().details.at(0).rfind("before: ", 0), 0u);
  // A message of another stream is not "of this stream".
  auto other = listChatMessages(s, kHiit, 1, 10, stored(kAcoustic).front());
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().kind, ErrorKind::kNotFound);
}

TEST_F(Chat, HistoryOfAnEndedStreamIsReadable) {
  EXPECT_EQ(page(kGuitar, 1, 50), stored(kGuitar));
}

TEST_F(Chat, StreamWithoutMessagesHasAnEmptyHistory) {
  int64_t total = -1;
  EXPECT_TRUE(page(kYoga, 1, 50, std::nullopt, &total).empty());
  EXPECT_EQ(total, 0);
}

TEST_F(Chat, HistoryOfAnUnknownOrDeletedStreamIsNotFound) {
  for (const char* stream : {kNoStream, kDeleted}) {
    auto r = listChatMessages(s, stream, 1, 50, std::nullopt);
    ASSERT_FALSE(r.ok()) << stream;
    EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  }
}

// The spec allows any page >= 1 (no maximum) and limit up to 100, so (page - 1) * limit can
// overflow int64; an absurd page must be an empty page (this crashed before domain/paging.h).
TEST_F(Chat, HugePageIsAnEmptyPageNotAnOverflow) {
  int64_t total = -1;
  EXPECT_TRUE(page(kHiit, 100000000000000000LL, 100, std::nullopt, &total).empty());
  EXPECT_EQ(total, 7);
}

}  // namespace
}  // namespace lsm
