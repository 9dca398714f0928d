#include "auth/token_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace lsm {
namespace {

constexpr char kSecret[] = "unit-test-secret";
constexpr long long kNow = 1'700'000'000;

void expectRejected(const Result<Claims>& r, const std::string& reason) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0], reason);
}

TEST(VerifiedTokens, RepeatedTokenIsAcceptedWithTheSameClaims) {
  JwtCodec codec(kSecret);
  VerifiedTokens tokens(codec);
  const std::string token = codec.mint("user-1", kNow, 600);
  for (int i = 0; i < 3; ++i) {
    auto claims = tokens.verify(token, kNow + i);
    ASSERT_TRUE(claims.ok());
    EXPECT_EQ(claims->user_id, "user-1");
    EXPECT_EQ(claims->expires_at, kNow + 600);
  }
}

TEST(VerifiedTokens, RememberedTokenStillExpiresWhenTheClockPassesExp) {
  JwtCodec codec(kSecret);
  VerifiedTokens tokens(codec);
  const std::string token = codec.mint("user-1", kNow, 600);
  ASSERT_TRUE(tokens.verify(token, kNow).ok());
  expectRejected(tokens.verify(token, kNow + 600 + JwtCodec::kClockSkewSeconds), "token expired");
  // and is good again when the mock's clock is set back
  EXPECT_TRUE(tokens.verify(token, kNow + 1).ok());
}

TEST(VerifiedTokens, AlteredSignatureIsNotServedFromTheCache) {
  JwtCodec codec(kSecret);
  VerifiedTokens tokens(codec);
  const std::string token = codec.mint("user-1", kNow, 600);
  ASSERT_TRUE(tokens.verify(token, kNow).ok());
  std::string altered = token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  expectRejected(tokens.verify(altered, kNow), "bad signature");
}

TEST(VerifiedTokens, TokenOfAnotherSecretIsRejectedEvenAfterAGoodOne) {
  JwtCodec codec(kSecret);
  JwtCodec other("another-secret");
  VerifiedTokens tokens(codec);
  ASSERT_TRUE(tokens.verify(codec.mint("user-1", kNow, 600), kNow).ok());
  expectRejected(tokens.verify(other.mint("user-1", kNow, 600), kNow), "bad signature");
}

TEST(VerifiedTokens, FullCacheStartsOverAndKeepsAnswering) {
  JwtCodec codec(kSecret);
  VerifiedTokens tokens(codec, 2);
  for (int i = 0; i < 10; ++i) {
    const std::string user = "user-" + std::to_string(i);
    auto claims = tokens.verify(codec.mint(user, kNow, 600), kNow);
    ASSERT_TRUE(claims.ok());
    EXPECT_EQ(claims->user_id, user);
  }
}

}  // namespace
}  // namespace lsm
