// The mock's own routes under /__mock/ (tag mock-control): reset, state export/import, the
// clock, audience, ending streams, credits, chat bans, gifts and the request journal. Every test
// changes state, so every test gets a mock of its own.
#include <algorithm>
#include <cmath>

#include "core/time.h"
#include "test_support.h"

namespace lsm_test {
namespace {

std::string chatPath(const std::string& stream_id) {
  return "/api/v1/live-stream/" + stream_id + "/chat/messages";
}
std::string viewersPath(const std::string& stream_id) {
  return "/api/v1/live-stream/" + stream_id + "/viewers";
}
std::string streamPath(const std::string& stream_id, const std::string& what) {
  return "/__mock/streams/" + stream_id + "/" + what;
}

// Milliseconds of an ISO date-time of the fixtures or the mock.
long long millisOf(const std::string& iso) {
  auto t = lsm::parseIsoDateTime(iso);
  if (!t) throw std::runtime_error("not a date-time: " + iso);
  return *t;
}

// How far a fixture stream's plannedStartDate lies after meta.json's referenceTime, in seconds
// (the mock shifts every fixture timestamp by now - referenceTime).
long long plannedStartAfterReference(const std::string& stream_id) {
  const long long reference = millisOf(fixture("meta.json")["referenceTime"]);
  for (const auto& s : fixture("streams.json")) {
    if (s["id"] == stream_id) return (millisOf(s["plannedStartDate"]) - reference) / 1000;
  }
  throw std::runtime_error("no fixture stream " + stream_id);
}

bool contains(const json& array, const std::string& value) {
  return std::find(array.begin(), array.end(), json(value)) != array.end();
}

class ControlApi : public FreshMockTest {
 protected:
  Response send(const std::string& method, const std::string& path, const json& body) {
    return http().request(method, path, {{"Content-Type", "application/json"}}, body.dump());
  }
  // Sends, checks the status and the body against the spec, returns the response.
  Response expect(const std::string& op, int status, const std::string& method,
                  const std::string& path, const std::optional<json>& body = std::nullopt) {
    Response r = body ? send(method, path, *body) : http().request(method, path);
    EXPECT_EQ(r.status, status) << method << " " << path << ": " << r.describe();
    expectSpecResponse(op, r);
    return r;
  }

  Response createStream(const std::string& title) {
    auto r = http().multipart("/api/v1/live-stream/create", {bearer(ids::kJohnDoe)},
                              {{"title", title}, {"price", "9.99"}});
    EXPECT_EQ(r.status, 201) << r.describe();
    expectSpecResponse("createLiveStream", r);
    return r;
  }
  Response chatHistory(const std::string& stream_id) {
    auto r = http().get(chatPath(stream_id) + "?limit=1", {bearer(ids::kJohnDoe)});
    expectSpecResponse("listChatMessages", r);
    return r;
  }
  Response postChat(const std::string& stream_id, const std::string& sender,
                    const std::string& content = "merhaba") {
    auto r = http().request("POST", chatPath(stream_id),
                            {bearer(sender), {"Content-Type", "application/json"}},
                            json{{"content", content}}.dump());
    expectSpecResponse("postChatMessage", r);
    return r;
  }
  json stateDocument() {
    auto r = expect("mockGetState", 200, "GET", "/__mock/state");
    return r.status == 200 ? r.data() : json();
  }
  int64_t creditsOf(const std::string& user_id) {
    auto r = expect("mockListUsers", 200, "GET", "/__mock/users");
    for (const auto& u : r.data()) {
      if (u["_id"] == user_id) return u["credits"].get<int64_t>();
    }
    ADD_FAILURE() << "no user " << user_id << " in /__mock/users";
    return -1;
  }
  json clock() { return expect("mockGetClock", 200, "GET", "/__mock/clock").data(); }
  Response setClock(const json& body, int status = 200) {
    return expect("mockSetClock", status, "POST", "/__mock/clock", body);
  }
  Response journal(int limit) {
    return expect("mockListRequests", 200, "GET",
                  "/__mock/requests?limit=" + std::to_string(limit));
  }
};

// ---- reset, export, import ------------------------------------------------------------------

TEST_F(ControlApi, ResetForgetsACreatedStreamAndRestoresAChangedBalance) {
  auto created = createStream("Sıfırlanacak yayın");
  ASSERT_EQ(created.status, 201);
  const std::string id = created.data()["id"];
  ASSERT_EQ(chatHistory(id).status, 200);
  expect("mockSetCredits", 200, "PUT", "/__mock/users/" + std::string(ids::kJohnDoe) + "/credits",
         json{{"credits", 7}});
  ASSERT_EQ(creditsOf(ids::kJohnDoe), 7);

  auto reset = expect("mockReset", 200, "POST", "/__mock/reset");
  ASSERT_EQ(reset.status, 200);
  EXPECT_EQ(reset.data()["users"], fixture("users.json").size());
  EXPECT_EQ(reset.data()["streams"], fixture("streams.json").size());
  EXPECT_EQ(reset.data()["chatMessages"], fixture("chat-messages.json").size());

  EXPECT_EQ(chatHistory(id).status, 404) << "the created stream survived the reset";
  int64_t fixture_credits = -1;
  for (const auto& u : fixture("users.json")) {
    if (u["_id"] == ids::kJohnDoe) fixture_credits = u["credits"];
  }
  EXPECT_EQ(creditsOf(ids::kJohnDoe), fixture_credits);
}

TEST_F(ControlApi, ExportedStateImportedAfterAResetBringsBackAMessageAndABalance) {
  auto posted = postChat(ids::kBigStream, ids::kJohnDoe, "dışa aktarılmadan önce");
  ASSERT_EQ(posted.status, 201);
  expect("mockSetCredits", 200, "PUT", "/__mock/users/" + std::string(ids::kJohnDoe) + "/credits",
         json{{"credits", 321}});
  json exported = stateDocument();
  ASSERT_TRUE(exported.is_object());
  EXPECT_EQ(exported["format"], "livestream-mock-state/1");

  expect("mockReset", 200, "POST", "/__mock/reset");
  ASSERT_NE(creditsOf(ids::kJohnDoe), 321);

  auto imported = expect("mockPutState", 200, "PUT", "/__mock/state", exported);
  ASSERT_EQ(imported.status, 200);
  EXPECT_EQ(imported.data()["chatMessages"], fixture("chat-messages.json").size() + 1);
  EXPECT_EQ(creditsOf(ids::kJohnDoe), 321);
  auto page = chatHistory(ids::kBigStream);
  ASSERT_EQ(page.status, 200) << page.describe();
  EXPECT_EQ(page.data()["list"].back(), posted.data());

  // The same document again, apart from when it was saved.
  json again = stateDocument();
  exported.erase("savedAt");
  again.erase("savedAt");
  EXPECT_EQ(again, exported);
}

TEST_F(ControlApi, ExportedStateImportedAfterAResetBringsBackAStreamCreatedBeforeTheExport) {
  auto created = createStream("Dışa aktarılan yayın");
  ASSERT_EQ(created.status, 201);
  const std::string id = created.data()["id"];
  json exported = stateDocument();
  ASSERT_TRUE(exported.is_object());
  EXPECT_EQ(exported["format"], "livestream-mock-state/1");

  expect("mockReset", 200, "POST", "/__mock/reset");
  ASSERT_EQ(chatHistory(id).status, 404);

  auto imported = expect("mockPutState", 200, "PUT", "/__mock/state", exported);
  ASSERT_EQ(imported.status, 200);
  EXPECT_EQ(imported.data()["streams"], fixture("streams.json").size() + 1);
  EXPECT_EQ(chatHistory(id).status, 200) << "the created stream is not back after the import";

  // The same document again, apart from when it was saved.
  json again = stateDocument();
  exported.erase("savedAt");
  again.erase("savedAt");
  EXPECT_EQ(again, exported);
}

TEST_F(ControlApi, ImportOfUserCreditsAsStringIs400NamingUsersAndCreditsAndChangesNothing) {
  expect("mockSetCredits", 200, "PUT", "/__mock/users/" + std::string(ids::kJohnDoe) + "/credits",
         json{{"credits", 123}});
  json before = stateDocument();
  ASSERT_TRUE(before.is_object());
  json broken = before;
  ASSERT_GE(broken["users"].size(), 3u);
  broken["users"][2]["credits"] = "many";
  broken["users"][0]["credits"] = 0;  // a valid change that must not be applied either

  auto r = expect("mockPutState", 400, "PUT", "/__mock/state", broken);
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(r.errors().at(0), "Validation failed");
  bool named = false;
  for (const auto& e : r.errors()) {
    named =
        named || (e.find("users") != std::string::npos && e.find("credits") != std::string::npos);
  }
  EXPECT_TRUE(named) << "no message names users and credits: " << r.describe();

  json after = stateDocument();
  before.erase("savedAt");
  after.erase("savedAt");
  EXPECT_EQ(after, before) << "a rejected import changed the state";
  EXPECT_EQ(creditsOf(ids::kJohnDoe), 123);
}

// ---- clock ----------------------------------------------------------------------------------

TEST_F(ControlApi, ClockStartsAtRealTime) {
  const json c = clock();
  EXPECT_EQ(c["offsetSeconds"], 0);
  EXPECT_TRUE(c["startedStreams"].empty());
  EXPECT_TRUE(c["dueReminders"].empty());
  EXPECT_LE(std::llabs(millisOf(c["now"]) / 1000 - nowSeconds()), 5);
}

TEST_F(ControlApi, AdvancingPastAPlannedStartStartsTheScheduledStream) {
  // Chat is closed while it is scheduled.
  EXPECT_EQ(postChat(ids::kScheduledStream, ids::kJohnDoe).status, 409);
  const long long seconds = plannedStartAfterReference(ids::kScheduledStream) + 60;
  ASSERT_GT(seconds, 60) << "the fixture stream is not scheduled in the future";

  auto r = setClock({{"advanceSeconds", seconds}});
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.data()["startedStreams"], ids::kScheduledStream)) << r.describe();
  EXPECT_NEAR(r.data()["offsetSeconds"].get<double>(), static_cast<double>(seconds), 2);

  // Tokens expire by the mock's clock: these are valid for a day.
  const auto token = mintToken(ids::kJohnDoe, 86400 + seconds);
  auto chat =
      http().request("POST", chatPath(ids::kScheduledStream),
                     {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}},
                     R"({"content":"başladık"})");
  EXPECT_EQ(chat.status, 201) << chat.describe();
  expectSpecResponse("postChatMessage", chat);
  auto viewers =
      http().get(viewersPath(ids::kScheduledStream), {{"Authorization", "Bearer " + token}});
  EXPECT_EQ(viewers.status, 200) << viewers.describe();
  expectSpecResponse("listLiveStreamViewers", viewers);
}

TEST_F(ControlApi, SetMovesTheClockToTheGivenDate) {
  auto r = setClock({{"set", "2030-01-01T00:00:00.000Z"}});
  ASSERT_EQ(r.status, 200);
  const long long target = millisOf("2030-01-01T00:00:00.000Z");
  EXPECT_GE(millisOf(r.data()["now"]), target);
  EXPECT_LT(millisOf(r.data()["now"]), target + 5000);
  EXPECT_NEAR(r.data()["offsetSeconds"].get<double>(),
              static_cast<double>(target / 1000 - nowSeconds()), 5);
  // Every fixture scheduled stream lies before 2030.
  EXPECT_TRUE(contains(r.data()["startedStreams"], ids::kScheduledStream)) << r.describe();

  const json later = clock();
  EXPECT_GE(millisOf(later["now"]), target);
  EXPECT_LT(millisOf(later["now"]), target + 5000);
}

TEST_F(ControlApi, ResetPutsTheClockBackToRealTime) {
  ASSERT_EQ(setClock({{"advanceSeconds", 86400}}).status, 200);
  EXPECT_NEAR(clock()["offsetSeconds"].get<double>(), 86400, 2);
  auto r = setClock({{"reset", true}});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.data()["offsetSeconds"], 0);
  EXPECT_LE(std::llabs(millisOf(r.data()["now"]) / 1000 - nowSeconds()), 5);
}

TEST_F(ControlApi, TwoOfSetAdvanceAndResetAtOnceAre400AndLeaveTheClock) {
  const std::vector<json> bodies = {
      {{"set", "2030-01-01T00:00:00.000Z"}, {"advanceSeconds", 60}},
      {{"advanceSeconds", 60}, {"reset", true}},
      {{"set", "2030-01-01T00:00:00.000Z"}, {"reset", true}},
  };
  for (const auto& body : bodies) {
    auto r = setClock(body, 400);
    EXPECT_EQ(r.errors().at(0), "Validation failed") << body.dump();
    EXPECT_TRUE(namesField(r, "body")) << body.dump() << ": " << r.describe();
  }
  EXPECT_EQ(clock()["offsetSeconds"], 0);
}

TEST_F(ControlApi, DueRemindersAreReportedOnce) {
  // Reminders of the scheduled stream: one with minutesBefore (due that long before the start),
  // one without (due at the actual start).
  std::string with_minutes, without_minutes;
  long long minutes = 0;
  for (const auto& rem : fixture("reminders.json")) {
    if (rem["streamId"] != ids::kScheduledStream) continue;
    if (rem["minutesBefore"].is_null()) {
      without_minutes = rem["_id"];
    } else {
      with_minutes = rem["_id"];
      minutes = rem["minutesBefore"];
    }
  }
  ASSERT_FALSE(with_minutes.empty()) << "fixtures changed";
  ASSERT_FALSE(without_minutes.empty()) << "fixtures changed";
  ASSERT_GE(minutes, 2);

  const long long start = plannedStartAfterReference(ids::kScheduledStream);
  // Halfway into the reminder's window: it is due, the stream has not started.
  const long long first = start - minutes * 60 / 2;
  auto r1 = setClock({{"advanceSeconds", first}});
  ASSERT_EQ(r1.status, 200);
  EXPECT_TRUE(contains(r1.data()["dueReminders"], with_minutes)) << r1.describe();
  EXPECT_FALSE(contains(r1.data()["dueReminders"], without_minutes)) << r1.describe();
  EXPECT_FALSE(contains(r1.data()["startedStreams"], ids::kScheduledStream)) << r1.describe();

  // Past the start: the stream starts, the other reminder is due, the first not again.
  auto r2 = setClock({{"advanceSeconds", start - first + 60}});
  ASSERT_EQ(r2.status, 200);
  EXPECT_TRUE(contains(r2.data()["startedStreams"], ids::kScheduledStream)) << r2.describe();
  EXPECT_TRUE(contains(r2.data()["dueReminders"], without_minutes)) << r2.describe();
  EXPECT_FALSE(contains(r2.data()["dueReminders"], with_minutes)) << r2.describe();

  auto r3 = setClock({{"advanceSeconds", 60}});
  ASSERT_EQ(r3.status, 200);
  EXPECT_FALSE(contains(r3.data()["dueReminders"], with_minutes)) << r3.describe();
  EXPECT_FALSE(contains(r3.data()["dueReminders"], without_minutes)) << r3.describe();
}

// ---- audience -------------------------------------------------------------------------------

TEST_F(ControlApi, JoinedUserIsListedAsViewerWithRoleAudience) {
  auto joined = expect("mockJoinAudience", 201, "POST", streamPath(ids::kBigStream, "audience"),
                       json{{"userId", ids::kNotInBigStream}});
  ASSERT_EQ(joined.status, 201);
  EXPECT_EQ(joined.data()["id"], ids::kBigStream);
  EXPECT_EQ(joined.data()["role"], "audience");

  auto viewers =
      http().get(viewersPath(ids::kBigStream) + "?limit=100", {bearer(ids::kNotInBigStream)});
  ASSERT_EQ(viewers.status, 200) << viewers.describe();
  expectSpecResponse("listLiveStreamViewers", viewers);
  bool listed = false;
  for (const auto& v : viewers.data()["list"])
    listed = listed || v["_id"] == ids::kNotInBigStream;
  EXPECT_TRUE(listed) << viewers.describe();
}

TEST_F(ControlApi, JoiningTwiceIs409) {
  const json body = {{"userId", ids::kNotInBigStream}};
  expect("mockJoinAudience", 201, "POST", streamPath(ids::kBigStream, "audience"), body);
  expect("mockJoinAudience", 409, "POST", streamPath(ids::kBigStream, "audience"), body);
}

TEST_F(ControlApi, JoiningAnEndedStreamIs409) {
  expect("mockJoinAudience", 409, "POST", streamPath(ids::kEndedStream, "audience"),
         json{{"userId", ids::kNotInBigStream}});
}

TEST_F(ControlApi, JoiningAsAnUnknownUserIs404) {
  expect("mockJoinAudience", 404, "POST", streamPath(ids::kBigStream, "audience"),
         json{{"userId", ids::kNoSuchId}});
}

TEST_F(ControlApi, LeavingIs200ThenLeavingAgainIs404) {
  expect("mockJoinAudience", 201, "POST", streamPath(ids::kBigStream, "audience"),
         json{{"userId", ids::kNotInBigStream}});
  const std::string path =
      streamPath(ids::kBigStream, "audience/" + std::string(ids::kNotInBigStream));
  auto left = expect("mockLeaveAudience", 200, "DELETE", path);
  EXPECT_EQ(left.data()["role"], nullptr) << left.describe();
  expect("mockLeaveAudience", 404, "DELETE", path);
}

// ---- ending a stream ------------------------------------------------------------------------

TEST_F(ControlApi, EndedStreamWithRecordingAndPriceIsRentableByOthersButNotByItsOwner) {
  auto ended = expect("mockEndStream", 201, "POST", streamPath(ids::kBigStream, "end"),
                      json{{"recording", true}, {"replayCreditPrice", 30}});
  ASSERT_EQ(ended.status, 201);
  EXPECT_EQ(ended.data()["status"], "ended");
  EXPECT_EQ(ended.data()["recording"], true);
  EXPECT_EQ(ended.data()["replayCreditPrice"], 30);

  const std::string rent =
      "/api/v1/live-stream/" + std::string(ids::kBigStream) + "/replay-rentals";
  const int64_t credits = creditsOf(ids::kJohnDoe);
  auto rented = http().request("POST", rent, {bearer(ids::kJohnDoe)});
  EXPECT_EQ(rented.status, 201) << rented.describe();
  expectSpecResponse("createReplayRental", rented);
  EXPECT_EQ(rented.data()["status"], "rented");
  EXPECT_EQ(creditsOf(ids::kJohnDoe), credits - 30);

  auto owner = http().request("POST", rent, {bearer(ids::kBigStreamCreator)});
  EXPECT_EQ(owner.status, 409) << owner.describe();
  expectSpecResponse("createReplayRental", owner);
}

TEST_F(ControlApi, EndingTwiceIs409) {
  expect("mockEndStream", 201, "POST", streamPath(ids::kBigStream, "end"), json::object());
  expect("mockEndStream", 409, "POST", streamPath(ids::kBigStream, "end"), json::object());
}

// ---- credits, chat bans, gifts --------------------------------------------------------------

TEST_F(ControlApi, SuperlikesSucceedUntilTheSetBalanceRunsOut) {
  const int64_t credits = 95;
  auto set = expect("mockSetCredits", 200, "PUT",
                    "/__mock/users/" + std::string(ids::kJohnDoe) + "/credits",
                    json{{"credits", credits}});
  EXPECT_EQ(set.data()["credits"], credits);
  const std::string path =
      "/api/v1/live-stream/" + std::string(ids::kBigStream) + "/chat/superlike";
  int created = 0;
  double price = 0;
  Response last;
  for (int i = 0; i < 200; ++i) {
    last = http().request("POST", path, {bearer(ids::kJohnDoe)});
    expectSpecResponse("sendSuperlike", last);
    if (last.status != 201) break;
    if (created == 0) price = last.data()["price"].get<double>();
    ++created;
  }
  ASSERT_GT(price, 0);
  EXPECT_EQ(created, static_cast<int>(std::floor(credits / price)));
  ASSERT_EQ(last.status, 400) << last.describe();
  EXPECT_TRUE(namesField(last, "credits")) << last.describe();
  EXPECT_EQ(creditsOf(ids::kJohnDoe), credits - static_cast<int64_t>(created * price));
}

TEST_F(ControlApi, ChatBanForbidsChattingAndLiftingItAllowsItAgain) {
  auto banned = expect("mockBanFromChat", 201, "POST", streamPath(ids::kBigStream, "chat-bans"),
                       json{{"userId", ids::kNotInBigStream}});
  EXPECT_EQ(banned.data()["banned"], true);
  EXPECT_EQ(postChat(ids::kBigStream, ids::kNotInBigStream).status, 403);

  auto lifted =
      expect("mockLiftChatBan", 200, "DELETE",
             streamPath(ids::kBigStream, "chat-bans/" + std::string(ids::kNotInBigStream)));
  EXPECT_EQ(lifted.data()["banned"], false);
  EXPECT_EQ(postChat(ids::kBigStream, ids::kNotInBigStream).status, 201);
}

TEST_F(ControlApi, GiftsRaiseTheGiftCountsByTheirCount) {
  std::string type;
  for (const auto& t : fixture("gift-types.json")) {
    if (t["active"] == true) {
      type = t["_id"];
      break;
    }
  }
  ASSERT_FALSE(type.empty());
  const std::string counts_path =
      "/api/v1/live-stream/" + std::string(ids::kBigStream) + "/gift-counts";
  auto countOf = [&](const json& counts) -> int64_t {
    for (const auto& item : counts["items"]) {
      if (item["giftTypeId"] == type) return item["count"];
    }
    return -1;
  };
  auto before = http().get(counts_path, {bearer(ids::kJohnDoe)});
  ASSERT_EQ(before.status, 200) << before.describe();
  expectSpecResponse("getLiveStreamGiftCounts", before);

  auto sent = expect("mockSendGifts", 201, "POST", streamPath(ids::kBigStream, "gifts"),
                     json{{"senderId", ids::kJohnDoe}, {"giftTypeId", type}, {"count", 3}});
  ASSERT_EQ(sent.status, 201);
  EXPECT_EQ(countOf(sent.data()), countOf(before.data()) + 3);
  EXPECT_EQ(sent.data()["totalCount"], before.data()["totalCount"].get<int64_t>() + 3);

  auto after = http().get(counts_path, {bearer(ids::kJohnDoe)});
  ASSERT_EQ(after.status, 200) << after.describe();
  expectSpecResponse("getLiveStreamGiftCounts", after);
  EXPECT_EQ(after.data(), sent.data());
}

// ---- request journal ------------------------------------------------------------------------

TEST_F(ControlApi, JournalListsTheNewestFirstAndRespectsLimit) {
  ASSERT_EQ(http().get("/__mock/health").status, 200);
  ASSERT_EQ(http().get("/__mock/clock").status, 200);
  ASSERT_EQ(http().get("/__mock/users").status, 200);
  auto r = journal(2);
  ASSERT_EQ(r.status, 200);
  ASSERT_EQ(r.data().size(), 2u) << r.describe();
  EXPECT_EQ(r.data()[0]["path"], "/__mock/users");
  EXPECT_EQ(r.data()[1]["path"], "/__mock/clock");
  EXPECT_EQ(r.data()[0]["method"], "GET");
  EXPECT_EQ(r.data()[0]["status"], 200);
  EXPECT_GE(millisOf(r.data()[0]["at"]), millisOf(r.data()[1]["at"]));
}

TEST_F(ControlApi, JournalRecordsRequestAndResponseBodies) {
  auto posted = postChat(ids::kBigStream, ids::kJohnDoe, "journal probe");
  ASSERT_EQ(posted.status, 201);
  auto r = journal(1);
  ASSERT_EQ(r.data().size(), 1u);
  const json& e = r.data()[0];
  EXPECT_EQ(e["method"], "POST");
  EXPECT_EQ(e["path"], chatPath(ids::kBigStream));
  EXPECT_EQ(e["status"], 201);
  const std::string sent = json{{"content", "journal probe"}}.dump();
  EXPECT_EQ(e["requestBody"], sent);
  EXPECT_EQ(e["responseBody"], posted.body);

  // Only the first 2 KiB of a body are kept.
  const std::string big = json{{"content", std::string(3000, 'x')}}.dump();
  auto rejected =
      http().request("POST", chatPath(ids::kBigStream),
                     {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}}, big);
  ASSERT_EQ(rejected.status, 400);
  auto r2 = journal(1);
  ASSERT_EQ(r2.data().size(), 1u);
  EXPECT_EQ(r2.data()[0]["requestBody"], json(big.substr(0, 2048)));
}

TEST_F(ControlApi, JournalDoesNotRecordItsOwnReads) {
  ASSERT_EQ(http().get("/__mock/health").status, 200);
  journal(5);
  journal(5);
  auto r = journal(5);
  ASSERT_FALSE(r.data().empty());
  for (const auto& e : r.data())
    EXPECT_NE(e["path"], "/__mock/requests") << e.dump();
  EXPECT_EQ(r.data()[0]["path"], "/__mock/health");
}

TEST_F(ControlApi, JournalKeepsAtMost500Entries) {
  ASSERT_EQ(http().get("/__mock/clock").status, 200);  // the oldest, pushed out below
  for (int i = 0; i < 500; ++i)
    ASSERT_EQ(http().get("/__mock/health").status, 200);
  auto r = journal(500);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.data().size(), 500u);
  for (const auto& e : r.data())
    ASSERT_EQ(e["path"], "/__mock/health") << "an entry older than the last 500 is still kept";
  auto over = http().get("/__mock/requests?limit=501");
  EXPECT_EQ(over.status, 400) << over.describe();
  expectSpecResponse("mockListRequests", over);
}

}  // namespace
}  // namespace lsm_test
