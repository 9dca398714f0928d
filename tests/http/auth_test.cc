// Bearer tokens on /api/v1 and the mock's token routes (/__mock/users, /__mock/tokens).
#include "auth/jwt.h"
#include "core/time.h"
#include "test_support.h"

namespace lsm_test {
namespace {

class Auth : public SharedMockTest {
 protected:
  // An operation johndoe may call: the viewers of the stream he watches.
  Response viewersWith(const HeaderList& headers) {
    return http().get(std::string("/api/v1/live-stream/") + ids::kBigStream + "/viewers", headers);
  }
  Response viewersWithAuthorization(const std::string& value) {
    return viewersWith({{"Authorization", value}});
  }

  // 401, the documented first message, a second message containing `reason`, and the spec.
  void expectUnauthorized(const Response& r, const std::string& reason) {
    ASSERT_EQ(r.status, 401) << r.describe();
    expectSpecResponse("listLiveStreamViewers", r);
    const auto errors = r.errors();
    ASSERT_GE(errors.size(), 2u) << r.describe();
    EXPECT_EQ(errors[0], "Authentication required");
    EXPECT_NE(errors[1].find(reason), std::string::npos)
        << "errors[1] = '" << errors[1] << "', expected it to contain '" << reason << "'";
  }
};

TEST_F(Auth, MissingHeaderIs401) {
  expectUnauthorized(viewersWith({}), "missing");
}

TEST_F(Auth, GarbageTokenIs401) {
  expectUnauthorized(viewersWithAuthorization("Bearer not.a.jwt"), "malformed");
}

TEST_F(Auth, BasicSchemeIs401) {
  expectUnauthorized(viewersWithAuthorization("Basic x"), "scheme");
}

TEST_F(Auth, BearerWithoutTokenIs401) {
  expectUnauthorized(viewersWithAuthorization("Bearer"), "missing");
}

TEST_F(Auth, TokenSignedWithAnotherSecretIs401) {
  const std::string token = mintToken(ids::kJohnDoe, 3600, "some-other-secret");
  expectUnauthorized(viewersWithAuthorization("Bearer " + token), "signature");
}

TEST_F(Auth, ExpiredTokenIs401) {
  // Issued two minutes ago, valid for one: expired a minute ago (beyond any clock skew).
  const std::string token = lsm::JwtCodec(kJwtSecret).mint(ids::kJohnDoe, nowSeconds() - 120, 60);
  expectUnauthorized(viewersWithAuthorization("Bearer " + token), "expired");
}

TEST_F(Auth, AlgNoneTokenIs401) {
  const std::string header = base64Url(R"({"alg":"none","typ":"JWT"})");
  const std::string payload = base64Url(
      json{{"sub", ids::kJohnDoe}, {"iat", nowSeconds()}, {"exp", nowSeconds() + 3600}}.dump());
  expectUnauthorized(viewersWithAuthorization("Bearer " + header + "." + payload + "."),
                     "algorithm");
}

TEST_F(Auth, TokenForUnknownUserIs401) {
  expectUnauthorized(viewersWithAuthorization("Bearer " + mintToken(ids::kNoSuchId)),
                     ids::kNoSuchId);
}

TEST_F(Auth, ValidBearerTokenIs200) {
  auto r = viewersWithAuthorization("Bearer " + mintToken(ids::kJohnDoe));
  EXPECT_EQ(r.status, 200) << r.describe();
}

TEST_F(Auth, BareTokenWithoutBearerIsAccepted) {
  auto r = viewersWithAuthorization(mintToken(ids::kJohnDoe));
  EXPECT_EQ(r.status, 200) << r.describe();
  expectSpecResponse("listLiveStreamViewers", r);
}

TEST_F(Auth, LowerCaseBearerSchemeIsAccepted) {
  auto r = viewersWithAuthorization("bearer " + mintToken(ids::kJohnDoe));
  EXPECT_EQ(r.status, 200) << r.describe();
}

TEST_F(Auth, MockRoutesNeedNoToken) {
  EXPECT_EQ(http().get("/__mock/health").status, 200);
  EXPECT_EQ(http().get("/__mock/users").status, 200);
}

TEST_F(Auth, MockUsersListsEveryFixtureUserWithAWorkingToken) {
  auto r = http().get("/__mock/users");
  ASSERT_EQ(r.status, 200) << r.describe();
  expectSpecResponse("mockListUsers", r);
  const json& users = r.data();
  ASSERT_TRUE(users.is_array());
  EXPECT_GE(users.size(), 30u);
  EXPECT_EQ(users.size(), fixture("users.json").size());
  const lsm::JwtCodec codec(kJwtSecret);
  const std::string chat = std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages";
  for (const auto& u : users) {
    const std::string id = u["_id"];
    const std::string token = u["token"];
    auto claims = codec.verify(token, nowSeconds());
    ASSERT_TRUE(claims.ok()) << id << ": the token does not verify with the mock's secret";
    EXPECT_EQ(claims->user_id, id);
    // Any authenticated user may read any chat history.
    auto used = http().get(chat + "?limit=1", {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(used.status, 200) << u["username"] << ": " << used.describe();
  }
}

TEST_F(Auth, MockUsersShowsCreditsAndBroadcastRights) {
  auto r = http().get("/__mock/users");
  ASSERT_EQ(r.status, 200) << r.describe();
  for (const auto& u : r.data()) {
    if (u["_id"] == ids::kCannotBroadcast) {
      EXPECT_EQ(u["canBroadcast"], false);
    }
    if (u["_id"] == ids::kJohnDoe) {
      EXPECT_EQ(u["canBroadcast"], true);
      EXPECT_EQ(u["credits"], fixture("users.json")[0]["credits"]);
    }
  }
}

Response postJson(HttpClient& http, const std::string& path, const std::string& body) {
  return http.request("POST", path, {{"Content-Type", "application/json"}}, body);
}

TEST_F(Auth, MintTokenForKnownUserIs201AndTheTokenWorks) {
  auto r = postJson(http(), "/__mock/tokens", json{{"userId", ids::kJohnDoe}}.dump());
  ASSERT_EQ(r.status, 201) << r.describe();
  expectSpecResponse("mockMintToken", r);
  EXPECT_EQ(r.data()["userId"], ids::kJohnDoe);
  const std::string token = r.data()["token"];
  EXPECT_EQ(viewersWithAuthorization("Bearer " + token).status, 200);
}

TEST_F(Auth, MintTokenHonoursExpiresInSeconds) {
  auto r = postJson(http(), "/__mock/tokens",
                    json{{"userId", ids::kJohnDoe}, {"expiresInSeconds", 600}}.dump());
  ASSERT_EQ(r.status, 201) << r.describe();
  auto claims =
      lsm::JwtCodec(kJwtSecret).verify(r.data()["token"].get<std::string>(), nowSeconds());
  ASSERT_TRUE(claims.ok());
  EXPECT_EQ(claims->expires_at - claims->issued_at, 600);
  const std::string expires_at = r.data()["expiresAt"];
  EXPECT_EQ(expires_at, lsm::formatIsoMillis(claims->expires_at * 1000));
}

TEST_F(Auth, MintTokenForUnknownUserIs404) {
  auto r = postJson(http(), "/__mock/tokens", json{{"userId", ids::kNoSuchId}}.dump());
  ASSERT_EQ(r.status, 404) << r.describe();
  expectSpecResponse("mockMintToken", r);
  EXPECT_EQ(r.errors().at(0), "Resource not found");
}

TEST_F(Auth, MintTokenWithoutUserIdIs400) {
  auto r = postJson(http(), "/__mock/tokens", "{}");
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("mockMintToken", r);
  EXPECT_EQ(r.errors().at(0), "Validation failed");
  EXPECT_TRUE(namesField(r, "userId")) << r.describe();
}

TEST_F(Auth, MintTokenWithBadObjectIdIs400) {
  auto r = postJson(http(), "/__mock/tokens", json{{"userId", "johndoe"}}.dump());
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("mockMintToken", r);
  EXPECT_TRUE(namesField(r, "userId")) << r.describe();
}

TEST_F(Auth, MintTokenWithUnknownFieldIs400) {
  auto r =
      postJson(http(), "/__mock/tokens", json{{"userId", ids::kJohnDoe}, {"role", "admin"}}.dump());
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("mockMintToken", r);
  EXPECT_TRUE(namesField(r, "role")) << r.describe();
}

TEST_F(Auth, MintTokenWithTooShortLifetimeIs400) {
  auto r = postJson(http(), "/__mock/tokens",
                    json{{"userId", ids::kJohnDoe}, {"expiresInSeconds", 59}}.dump());
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("mockMintToken", r);
  EXPECT_TRUE(namesField(r, "expiresInSeconds")) << r.describe();
}

TEST_F(Auth, MintTokenWithBodyThatIsNotJsonIs400) {
  auto r = postJson(http(), "/__mock/tokens", "userId=64d15f9e2e6c8f4d5a123456");
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("mockMintToken", r);
  EXPECT_TRUE(namesField(r, "body")) << r.describe();
}

}  // namespace
}  // namespace lsm_test
