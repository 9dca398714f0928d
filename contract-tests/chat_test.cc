// postChatMessage and listChatMessages: a posted message is in the history; who may post and
// when; the history pages from the newest message, oldest first within a page, and `before`
// scrolls back.
#include <algorithm>

#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kPost[] = "postChatMessage";
constexpr char kList[] = "listChatMessages";
constexpr char kNoSuchId[] = "0123456789abcdef01234567";

std::vector<std::string> contentsOf(const json& page) {
  std::vector<std::string> out;
  const json list = at(page, "list");
  if (list.is_array()) {
    for (const auto& m : list)
      out.push_back(m.is_object() ? m.value("content", "") : "");
  }
  return out;
}

std::vector<std::string> strings(std::initializer_list<const char*> items) {
  return {items.begin(), items.end()};
}

class Chat : public ContractTest {
 protected:
  Req post(const std::string& id, Role who, const std::string& content) {
    Req req(kPost);
    req.path("streamId", id).as(who).json({{"content", content}});
    return req;
  }
  Req history(const std::string& id, Role who = Role::kHost) {
    Req req(kList);
    req.path("streamId", id).as(who);
    return req;
  }
  // Posts `content` as `who`, expecting 201; the message's id.
  std::string say(const std::string& id, Role who, const std::string& content) {
    const json m = at(dataOf(expectCall(post(id, who, content), 201)), "_id");
    return m.is_string() ? m.get<std::string>() : "";
  }
  // What a refused post leaves: the history holds only `expected`.
  void expectHistory(const std::string& id, const std::vector<std::string>& expected) {
    decided(kPost, "a refused message is not in the history")
        .eq(contentsOf(dataOf(expectCall(history(id), 200))), expected);
  }
};

TEST_F(Chat, PostedMessageIsTheNewestInTheHistory) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  say(id, Role::kHost, "first");
  const std::string content = "hello from " + testName();
  const json m = dataOf(expectCall(post(id, Role::kHost, content), 201));
  documented(kPost, "the answer is the posted message").eq(at(m, "content"), content);
  documented(kPost, "the message belongs to the stream it was posted to").eq(at(m, "streamId"), id);
  documented(kPost, "the sender is the caller").eq(at(m, "sender._id"), userId(Role::kHost));

  const json page = dataOf(expectCall(history(id), 200));
  const json list = at(page, "list");
  if (!documented(kList, "the history holds the stream's messages")
           .eq(list.is_array() ? list.size() : 0, 2u)) {
    return;
  }
  decided(kList, "page 1 ends with the newest message").eq(at(list[1], "_id"), at(m, "_id"));
  decided(kList, "page 1 ends with the newest message").eq(at(list[1], "content"), content);
  decided(kList, "totalItems counts the stream's messages")
      .eq(at(page, "pagination.totalItems"), 2);
}

STATES_FOR(Chat, AudienceMemberMayPost, ({"user watches stream"}), ({{kPost, 201}}));
TEST_F(Chat, AudienceMemberMayPost) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(watch(id, Role::kAudience));
  const json m = dataOf(expectCall(post(id, Role::kAudience, "merhaba"), 201));
  documented(kPost, "the sender is the caller").eq(at(m, "sender._id"), userId(Role::kAudience));
  documented(kList, "the history holds the stream's messages")
      .eq(contentsOf(dataOf(expectCall(history(id, Role::kAudience), 200))), strings({"merhaba"}));
}

TEST_F(Chat, ContentIsTrimmed) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const json m = dataOf(expectCall(post(id, Role::kHost, "  \t hello \n "), 201));
  decided(kPost, "content is trimmed").eq(at(m, "content"), "hello");
}

TEST_F(Chat, WhitespaceOnlyContentIs400AndNothingIsPosted) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  Req req = post(id, Role::kHost, " \t\n  ");
  HttpResult r = expectCall(req, 400, Basis::kDecided);
  expectErrorMentions(req, r, "content");
  decided(kPost, "a refused message is not in the history")
      .eq(at(dataOf(expectCall(history(id), 200)), "pagination.totalItems"), 0);
}

STATES_FOR(Chat, BannedUserIs403AndOthersMayStillPost,
           ({"user watches stream", "user is banned from stream chat"}), ({{kPost, 403}}));
TEST_F(Chat, BannedUserIs403AndOthersMayStillPost) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(watch(id, Role::kAudience));
  REQUIRE_SETUP(watch(id, Role::kOther));
  say(id, Role::kAudience, "before the ban");
  REQUIRE_SETUP(banFromChat(id, Role::kAudience));
  expectCall(post(id, Role::kAudience, "after the ban"), 403, Basis::kDecided);
  say(id, Role::kOther, "not banned");
  expectHistory(id, strings({"before the ban", "not banned"}));
}

STATES_FOR(Chat, PostOnEndedStreamIs409, ({"stream has ended"}), ({{kPost, 409}}));
TEST_F(Chat, PostOnEndedStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  say(id, Role::kHost, "while live");
  REQUIRE_SETUP(endStream(id, false, std::nullopt));
  expectCall(post(id, Role::kHost, "after the end"), 409, Basis::kDecided);
  expectHistory(id, strings({"while live"}));
}

TEST_F(Chat, PostOnScheduledStreamIs409) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(post(id, Role::kHost, "too early"), 409, Basis::kDecided);
}

TEST_F(Chat, PostOnCancelledStreamIs409ButTheHistoryStaysReadable) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  say(id, Role::kHost, "bye");
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(post(id, Role::kHost, "still here?"), 409, Basis::kDecided);
  // Any authenticated user reads the history of a stream of any status.
  decided(kPost, "a refused message is not in the history")
      .eq(contentsOf(dataOf(expectCall(history(id, Role::kOther), 200))), strings({"bye"}));
}

TEST_F(Chat, HistoryOfAStreamWithoutMessagesIsEmpty) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const json page = dataOf(expectCall(history(id, Role::kOther), 200));
  documented(kList, "the history holds the stream's messages").eq(at(page, "list"), json::array());
  decided(kList, "totalItems counts the stream's messages")
      .eq(at(page, "pagination.totalItems"), 0);
  decided(kList, "hasNextPage is false on the last page")
      .eq(at(page, "pagination.hasNextPage"), false);
}

TEST_F(Chat, PageOneHoldsTheNewestMessagesOldestFirst) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const auto all = strings({"m1", "m2", "m3", "m4", "m5"});
  for (const auto& m : all)
    say(id, Role::kHost, m);
  const std::vector<std::vector<std::string>> expected = {{"m4", "m5"}, {"m2", "m3"}, {"m1"}};
  for (int page = 1; page <= 3; ++page) {
    const json d = dataOf(
        expectCall(history(id).query("page", std::to_string(page)).query("limit", "2"), 200));
    decided(kList, "pages count from the newest message, oldest first within a page")
        .eq(contentsOf(d), expected[page - 1]);
    decided(kList, "currentPage is the page asked for").eq(at(d, "pagination.currentPage"), page);
    decided(kList, "totalItems counts the stream's messages").eq(at(d, "pagination.totalItems"), 5);
    decided(kList, "totalPages is totalItems over the limit, rounded up")
        .eq(at(d, "pagination.totalPages"), 3);
    decided(kList, "hasNextPage is true before the last page")
        .eq(at(d, "pagination.hasNextPage"), page < 3);
    decided(kList, "hasPrevPage is true after the first page")
        .eq(at(d, "pagination.hasPrevPage"), page > 1);
  }
  const json past = dataOf(expectCall(history(id).query("page", "4").query("limit", "2"), 200));
  decided(kList, "a page past the end is empty").eq(at(past, "list"), json::array());
  // The default page holds the newest `limit` (the spec's default) messages, oldest first.
  json limit;
  const Fact default_limit = parameterDefault(kList, "limit", &limit);
  const json d = dataOf(expectCall(history(id), 200));
  default_limit.eq(at(d, "pagination.itemsPerPage"), limit);
  const size_t n = std::min(
      all.size(), limit.is_number_integer() ? static_cast<size_t>(limit.get<int64_t>()) : 0);
  decided(kList, "pages count from the newest message, oldest first within a page")
      .eq(contentsOf(d), std::vector<std::string>(all.end() - static_cast<long>(n), all.end()));
}

TEST_F(Chat, BeforeListsOnlyOlderMessages) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  std::vector<std::string> ids;
  for (const char* m : {"m1", "m2", "m3", "m4", "m5"})
    ids.push_back(say(id, Role::kHost, m));
  REQUIRE_SETUP(std::none_of(ids.begin(), ids.end(), [](const auto& i) { return i.empty(); }));
  const json all = dataOf(expectCall(history(id).query("before", ids[3]), 200));
  decided(kList, "before keeps only the older messages")
      .eq(contentsOf(all), strings({"m1", "m2", "m3"}));
  decided(kList, "totalItems counts what before keeps").eq(at(all, "pagination.totalItems"), 3);
  // Pages count over what is left: page 1 holds the newest of those.
  const json p1 = dataOf(expectCall(history(id).query("before", ids[3]).query("limit", "2"), 200));
  decided(kList, "pages count over what before keeps, from the newest")
      .eq(contentsOf(p1), strings({"m2", "m3"}));
  const json p2 = dataOf(
      expectCall(history(id).query("before", ids[3]).query("limit", "2").query("page", "2"), 200));
  decided(kList, "pages count over what before keeps, from the newest")
      .eq(contentsOf(p2), strings({"m1"}));
  const json first = dataOf(expectCall(history(id).query("before", ids[0]), 200));
  decided(kList, "nothing is older than the first message").eq(at(first, "list"), json::array());
}

TEST_F(Chat, BeforeNamingNoMessageIs404) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  say(id, Role::kHost, "only message");
  expectCall(history(id).query("before", kNoSuchId), 404, Basis::kDecided);
}

TEST_F(Chat, BeforeNamingAMessageOfAnotherStreamIs404) {
  REQUIRE_WRITES();
  const std::string mine = createStream(Role::kHost);
  const std::string theirs = createStream(Role::kOther);
  REQUIRE_SETUP(!mine.empty() && !theirs.empty());
  const std::string elsewhere = say(theirs, Role::kOther, "elsewhere");
  REQUIRE_SETUP(!elsewhere.empty());
  say(mine, Role::kHost, "here");
  expectCall(history(theirs).query("before", elsewhere), 200);
  expectCall(history(mine).query("before", elsewhere), 404, Basis::kDecided);
}

}  // namespace
}  // namespace contract
