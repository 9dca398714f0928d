// Forcing responses with the Prefer header (code, example, delay), and --latency. Forced
// responses come after auth and request validation and must change nothing.
#include <algorithm>
#include <chrono>
#include <set>

#include "test_support.h"

namespace lsm_test {
namespace {

using Clock = std::chrono::steady_clock;

std::string chatPath(const std::string& stream_id) {
  return "/api/v1/live-stream/" + stream_id + "/chat/messages";
}

long long millisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// The documented examples of an operation's response (name -> value).
const json& examplesOf(const std::string& op_id, int status) {
  static const json none = json::object();
  const lsm::Operation* op = spec().find(op_id);
  if (!op) return none;
  const lsm::ResponseSpec* r = op->response(status);
  if (!r) return none;
  auto media = r->content.find("application/json");
  return media == r->content.end() ? none : media->second.examples;
}

// A body without its timestamp (a forced response carries the current time).
json withoutTimestamp(json body) {
  if (body.is_object()) body.erase("timestamp");
  return body;
}

class Prefer : public FreshMockTest {
 protected:
  Response postChat(const std::string& prefer, const std::string& body = R"({"content":"hi"})",
                    bool with_token = true) {
    HeaderList headers = {{"Content-Type", "application/json"}, {"Prefer", prefer}};
    if (with_token) headers.push_back(bearer(ids::kJohnDoe));
    auto r = http().request("POST", chatPath(ids::kBigStream), headers, body);
    expectSpecResponse("postChatMessage", r);
    return r;
  }
  json historyPage() {
    auto r = http().get(chatPath(ids::kBigStream) + "?limit=100", {bearer(ids::kJohnDoe)});
    EXPECT_EQ(r.status, 200) << r.describe();
    expectSpecResponse("listChatMessages", r);
    return r.status == 200 ? r.data() : json();
  }
};

TEST_F(Prefer, Code409OnChatPostAnswersTheDocumentedExampleAndStoresNothing) {
  const json& examples = examplesOf("postChatMessage", 409);
  ASSERT_FALSE(examples.empty()) << "the spec documents no 409 example for postChatMessage";
  const json before = historyPage();

  auto r = postChat("code=409");
  ASSERT_EQ(r.status, 409) << r.describe();
  EXPECT_EQ(withoutTimestamp(r.body_json), withoutTimestamp(examples.begin().value()));

  EXPECT_EQ(historyPage(), before) << "a forced response changed the chat history";
}

TEST_F(Prefer, UndocumentedCode418Is400ListingTheDocumentedCodes) {
  auto r = postChat("code=418");
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_EQ(r.errors().at(0), "Validation failed");
  const lsm::Operation* op = spec().find("postChatMessage");
  ASSERT_NE(op, nullptr);
  std::string message;
  for (const auto& e : r.errors()) {
    if (e.find("418") != std::string::npos) message = e;
  }
  ASSERT_FALSE(message.empty()) << r.describe();
  for (int status : op->statuses()) {
    EXPECT_NE(message.find(std::to_string(status)), std::string::npos)
        << "documented " << status << " is not listed: " << message;
  }
}

TEST_F(Prefer, ExampleNameFromTheSpecAnswersThatExampleWithItsStatus) {
  // The first example name of an error response that no lower status has: example=NAME alone
  // must pick that response.
  const lsm::Operation* op = spec().find("postChatMessage");
  ASSERT_NE(op, nullptr);
  std::set<std::string> seen;
  int status = 0;
  std::string name;
  json expected;
  for (const auto& [code, response] : op->responses) {
    const json& examples = examplesOf(op->id, code);
    for (const auto& [n, value] : examples.items()) {
      if (!name.empty() || seen.count(n)) continue;
      if (code >= 400) {
        status = code;
        name = n;
        expected = value;
      }
    }
    for (const auto& [n, _] : examples.items())
      seen.insert(n);
  }
  ASSERT_FALSE(name.empty()) << "the spec has no error example of its own for postChatMessage";
  const json before = historyPage();

  auto r = postChat("example=" + name);
  ASSERT_EQ(r.status, status) << "example=" << name << ": " << r.describe();
  EXPECT_EQ(withoutTimestamp(r.body_json), withoutTimestamp(expected));
  EXPECT_EQ(historyPage(), before);
}

TEST_F(Prefer, CodeAndExampleTogetherPickThatExampleOfThatStatus) {
  const json& examples = examplesOf("postChatMessage", 400);
  ASSERT_GE(examples.size(), 2u);
  auto last = std::prev(examples.end());
  auto r = postChat("code=400, example=" + last.key());
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_EQ(withoutTimestamp(r.body_json), withoutTimestamp(last.value()));
}

TEST_F(Prefer, UnknownExampleIs400) {
  auto r = postChat("example=noSuchExampleAnywhere");
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_TRUE(anyErrorContains(r, "noSuchExampleAnywhere")) << r.describe();
  EXPECT_TRUE(namesField(r, "Prefer")) << r.describe();
}

TEST_F(Prefer, Delay300TakesAtLeast300Ms) {
  const auto start = Clock::now();
  auto r = postChat("delay=300");
  const long long ms = millisSince(start);
  EXPECT_EQ(r.status, 201) << r.describe();
  EXPECT_GE(ms, 300);
}

TEST_F(Prefer, DelayCombinesWithCode) {
  const auto start = Clock::now();
  auto r = postChat("code=404, delay=200");
  const long long ms = millisSince(start);
  EXPECT_EQ(r.status, 404) << r.describe();
  EXPECT_GE(ms, 200);
}

TEST_F(Prefer, MalformedDelayIs400NamingPrefer) {
  const json before = historyPage();
  auto r = postChat("delay=abc");
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_EQ(r.errors().at(0), "Validation failed");
  EXPECT_TRUE(namesField(r, "Prefer")) << r.describe();
  EXPECT_EQ(historyPage(), before);
}

TEST_F(Prefer, WithoutTokenAProductOperationIsStill401) {
  auto r = postChat("code=201", R"({"content":"hi"})", /*with_token=*/false);
  ASSERT_EQ(r.status, 401) << r.describe();
  EXPECT_EQ(r.errors().at(0), "Authentication required");
}

TEST_F(Prefer, InvalidBodyIsStill400) {
  auto r = postChat("code=409", R"({"content": 42})");
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_TRUE(namesField(r, "content")) << r.describe();
}

// ---- --latency ----------------------------------------------------------------------------

class Latency : public FreshMockTest {
 protected:
  std::vector<std::string> mockArgs() const override { return {"--latency", "200-250"}; }
};

TEST_F(Latency, ProductRequestTakesAtLeastTheMinimum) {
  for (int i = 0; i < 2; ++i) {
    const auto start = Clock::now();
    auto r = http().get(chatPath(ids::kBigStream) + "?limit=1", {bearer(ids::kJohnDoe)});
    const long long ms = millisSince(start);
    EXPECT_EQ(r.status, 200) << r.describe();
    expectSpecResponse("listChatMessages", r);
    EXPECT_GE(ms, 200);
  }
}

TEST_F(Latency, MockControlRouteIsNotDelayed) {
  long long fastest = 1000000;
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    auto r = http().get("/__mock/health");
    fastest = std::min(fastest, millisSince(start));
    ASSERT_EQ(r.status, 200) << r.describe();
    expectSpecResponse("mockHealth", r);
  }
  EXPECT_LT(fastest, 150) << "/__mock/health was delayed like a product operation";
}

TEST(LatencyFlag, ReversedRangeExitsWith2AndAMessage) {
  auto r = runMockToExit({"--port", "0", "--host", "127.0.0.1", "--fixtures", "fixtures",
                          "--no-print-tokens", "--jwt-secret", kJwtSecret, "--latency", "5-2"},
                         std::chrono::seconds(5));
  ASSERT_TRUE(r.exited) << "the mock started with --latency 5-2:\n" << r.out;
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--latency"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("listening"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace lsm_test
