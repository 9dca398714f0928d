// Routing, CORS, connections and the health route: what the pipeline does before any handler.
#include "test_support.h"

namespace lsm_test {
namespace {

class Routing : public SharedMockTest {};

const std::string kViewersPath = std::string("/api/v1/live-stream/") + ids::kBigStream + "/viewers";
const std::string kChatPath =
    std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages";

TEST_F(Routing, UnknownPathIs404Envelope) {
  auto r = http().get("/api/v1/no-such-thing");
  ASSERT_EQ(r.status, 404) << r.describe();
  ASSERT_TRUE(r.isJson()) << r.describe();
  EXPECT_EQ(r.body_json["isSuccess"], false);
  EXPECT_EQ(r.body_json["statusCode"], 404);
  EXPECT_TRUE(r.body_json["data"].is_null());
  ASSERT_FALSE(r.errors().empty());
  EXPECT_EQ(r.errors()[0], "Resource not found");
  EXPECT_TRUE(isErrorEnvelope(r.body_json));
}

TEST_F(Routing, UnknownPathUnderAKnownPrefixIs404) {
  auto r = http().get(kViewersPath + "/extra", {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 404) << r.describe();
  ASSERT_FALSE(r.errors().empty());
  EXPECT_EQ(r.errors()[0], "Resource not found");
}

// Headers the mock sets itself (Allow, Access-Control-*, Vary) must reach the wire: Pistache
// 0.0.5 drops raw headers (pistacheio/pistache#967), so the transport sends them typed.

TEST_F(Routing, WrongMethodIs405NamingTheAllowedMethods) {
  auto r = http().request("PUT", kChatPath, {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 405) << r.describe();
  EXPECT_TRUE(isErrorEnvelope(r.body_json));
  EXPECT_EQ(r.body_json["statusCode"], 405);
  EXPECT_TRUE(anyErrorContains(r, "GET, POST")) << r.describe();
}

TEST_F(Routing, WrongMethodIs405WithAllowListingTheMethods) {
  auto r = http().request("PUT", kChatPath, {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 405) << r.describe();
  ASSERT_TRUE(r.header("Allow")) << "no Allow header";
  EXPECT_EQ(*r.header("Allow"), "GET, POST");
}

TEST_F(Routing, WrongMethodOnSingleMethodPathIs405) {
  auto r = http().request("DELETE", "/__mock/health");
  ASSERT_EQ(r.status, 405) << r.describe();
  expectSpecResponse("mockHealth", r);  // 405 is a transport status: checked as ErrorEnvelope
  EXPECT_TRUE(anyErrorContains(r, "use GET")) << r.describe();
}

TEST_F(Routing, WrongMethodOnSingleMethodPathAllowsOnlyThatMethod) {
  auto r = http().request("DELETE", "/__mock/health");
  ASSERT_EQ(r.status, 405) << r.describe();
  EXPECT_EQ(r.header("Allow").value_or(""), "GET");
}

HeaderList preflightHeaders(const std::string& origin, const std::string& method) {
  return {{"Origin", origin},
          {"Access-Control-Request-Method", method},
          {"Access-Control-Request-Headers", "authorization, content-type"}};
}

TEST_F(Routing, PreflightIs204WithoutAuthenticationOrBody) {
  // A browser sends no Authorization on a preflight: it must not be a 401.
  auto r = http().request("OPTIONS", "/api/v1/live-stream/create",
                          preflightHeaders("http://localhost:5173", "POST"));
  ASSERT_EQ(r.status, 204) << r.describe();
  EXPECT_TRUE(r.body.empty()) << r.body;
  auto viewers =
      http().request("OPTIONS", kViewersPath, preflightHeaders("http://localhost:5173", "GET"));
  EXPECT_EQ(viewers.status, 204) << viewers.describe();
}

TEST_F(Routing, PreflightFromBrowserOriginEchoesOriginAndHeaders) {
  auto r = http().request("OPTIONS", "/api/v1/live-stream/create",
                          preflightHeaders("http://localhost:5173", "POST"));
  ASSERT_EQ(r.status, 204) << r.describe();
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), "http://localhost:5173");
  const std::string headers = r.header("Access-Control-Allow-Headers").value_or("");
  EXPECT_NE(headers.find("authorization"), std::string::npos) << headers;
  EXPECT_NE(headers.find("content-type"), std::string::npos) << headers;
  EXPECT_NE(r.header("Access-Control-Allow-Methods").value_or("").find("POST"), std::string::npos);
}

TEST_F(Routing, PlainOptionsIs204) {
  auto r = http().request("OPTIONS", kChatPath);
  EXPECT_EQ(r.status, 204) << r.describe();
  EXPECT_TRUE(r.body.empty()) << r.body;
}

TEST_F(Routing, PlainOptionsListsAllowedMethods) {
  auto r = http().request("OPTIONS", kChatPath);
  ASSERT_EQ(r.status, 204) << r.describe();
  const std::string allow = r.header("Allow").value_or("");
  EXPECT_NE(allow.find("GET"), std::string::npos) << allow;
  EXPECT_NE(allow.find("POST"), std::string::npos) << allow;
}

TEST_F(Routing, GetWithOriginGetsAllowOriginAndWithoutOriginNone) {
  auto with = http().get("/__mock/health", {{"Origin", "http://localhost:5173"}});
  ASSERT_EQ(with.status, 200) << with.describe();
  EXPECT_EQ(with.header("Access-Control-Allow-Origin").value_or(""), "http://localhost:5173");
  auto without = http().get("/__mock/health");
  ASSERT_EQ(without.status, 200) << without.describe();
  EXPECT_FALSE(without.header("Access-Control-Allow-Origin"));
}

TEST_F(Routing, ErrorResponsesCarryAllowOriginToo) {
  auto r = http().get(kViewersPath, {{"Origin", "http://localhost:5173"}});
  ASSERT_EQ(r.status, 401) << r.describe();
  EXPECT_EQ(r.header("Access-Control-Allow-Origin").value_or(""), "http://localhost:5173");
}

TEST_F(Routing, TwoRequestsReuseOneConnection) {
  auto first = http().get("/__mock/health");
  ASSERT_EQ(first.status, 200) << first.describe();
  EXPECT_EQ(first.num_connects, 1);
  auto second = http().get(kViewersPath, {bearer(ids::kJohnDoe)});
  ASSERT_EQ(second.status, 200) << second.describe();
  EXPECT_EQ(second.num_connects, 0) << "the second request opened a new connection";
  auto third = http().request("POST", "/__mock/tokens", {{"Content-Type", "application/json"}},
                              json{{"userId", ids::kJohnDoe}}.dump());
  ASSERT_EQ(third.status, 201) << third.describe();
  EXPECT_EQ(third.num_connects, 0) << "a POST after two GETs opened a new connection";
}

TEST_F(Routing, ConnectionSurvivesAnErrorResponse) {
  auto first = http().get("/nowhere");
  ASSERT_EQ(first.status, 404) << first.describe();
  auto second = http().get("/__mock/health");
  ASSERT_EQ(second.status, 200) << second.describe();
  EXPECT_EQ(second.num_connects, 0);
}

TEST_F(Routing, HealthIs200) {
  auto r = http().get("/__mock/health");
  ASSERT_EQ(r.status, 200) << r.describe();
  expectSpecResponse("mockHealth", r);
  EXPECT_EQ(r.data()["status"], "ok");
  EXPECT_EQ(r.body_json["isSuccess"], true);
}

TEST_F(Routing, UnknownUploadIs404Envelope) {
  auto r = http().get("/uploads/no-such-file.png");
  ASSERT_EQ(r.status, 404) << r.describe();
  expectSpecResponse("mockGetUpload", r);
}

TEST_F(Routing, BundledDefaultThumbnailIsServedAsPng) {
  auto r = http().get("/uploads/default-thumbnail.png");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.header("Content-Type").value_or(""), "image/png");
  EXPECT_EQ(r.body, readFile(repoPath("fixtures/uploads/default-thumbnail.png")));
}

class RestrictedCors : public FreshMockTest {
 protected:
  std::vector<std::string> mockArgs() const override { return {"--cors-origins", "http://a.test"}; }
};

TEST_F(RestrictedCors, OnlyTheListedOriginGetsAllowOrigin) {
  auto listed = http().get("/__mock/health", {{"Origin", "http://a.test"}});
  ASSERT_EQ(listed.status, 200) << listed.describe();
  EXPECT_EQ(listed.header("Access-Control-Allow-Origin").value_or(""), "http://a.test");
  auto other = http().get("/__mock/health", {{"Origin", "http://b.test"}});
  ASSERT_EQ(other.status, 200) << other.describe();
  EXPECT_FALSE(other.header("Access-Control-Allow-Origin"))
      << *other.header("Access-Control-Allow-Origin");
}

TEST_F(RestrictedCors, PreflightFromOtherOriginGetsNoCorsHeaders) {
  auto listed = http().request("OPTIONS", "/api/v1/live-stream/create",
                               preflightHeaders("http://a.test", "POST"));
  EXPECT_EQ(listed.header("Access-Control-Allow-Origin").value_or(""), "http://a.test");
  auto other = http().request("OPTIONS", "/api/v1/live-stream/create",
                              preflightHeaders("http://localhost:5173", "POST"));
  EXPECT_EQ(other.status, 204) << other.describe();
  EXPECT_FALSE(other.header("Access-Control-Allow-Origin"));
  EXPECT_FALSE(other.header("Access-Control-Allow-Headers"));
}

TEST_F(RestrictedCors, OtherOriginIsStillServed) {
  // CORS is the browser's business: the mock answers the request itself normally.
  auto r = http().get("/__mock/health", {{"Origin", "http://b.test"}});
  EXPECT_EQ(r.status, 200) << r.describe();
}

class SmallBodyLimit : public FreshMockTest {
 protected:
  std::vector<std::string> mockArgs() const override { return {"--max-body-bytes", "1024"}; }
};

TEST_F(SmallBodyLimit, LargerBodyIs413Envelope) {
  const std::string body = json{{"content", std::string(2000, 'x')}}.dump();
  auto r = http().request("POST",
                          std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages",
                          {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}}, body);
  ASSERT_EQ(r.status, 413) << r.describe();
  expectSpecResponse("postChatMessage", r);  // a transport status: checked as ErrorEnvelope
  EXPECT_EQ(r.errors().at(0), "Payload too large");
}

TEST_F(SmallBodyLimit, BodyWithinTheLimitIsServed) {
  auto r = http().request(
      "POST", std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages",
      {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}}, R"({"content":"short"})");
  EXPECT_EQ(r.status, 201) << r.describe();
}

}  // namespace
}  // namespace lsm_test
