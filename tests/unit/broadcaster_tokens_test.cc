#include "domain/broadcaster_tokens.h"

#include <gtest/gtest.h>

#include "domain/agora_token.h"
#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";
constexpr char kJohnsScheduled[] = "6afeac805f3a9c1e7b1a2b51";
constexpr char kJohnsEnded[] = "6af6edb05f3a9c1e7b1a2b55";
constexpr char kMulti[] = "6af93c505f3a9c1e7b1a2b4d";  // active
constexpr char kMultiCreator[] = "66407cfc5f3a9c1e7b1a2b04";
constexpr char kMultiBroadcaster[] = "69c311dc5f3a9c1e7b1a2b10";  // also a guest
constexpr char kMultiGuestOnly[] = "652b1b975f3a9c1e7b1a2b14";
constexpr char kActive[] = "64d15f9e2e6c8f4d5a123000";
constexpr char kAudience[] = "68693fb85f3a9c1e7b1a2b24";  // in kActive's audience
constexpr char kCancelled[] = "6af412705f3a9c1e7b1a2b5a";
constexpr char kCancelledCreator[] = "65639ca75f3a9c1e7b1a2b0c";
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";
constexpr char kDeletedCreator[] = "6ab0e4e55f3a9c1e7b1a2b06";

// Agora's reference test credentials (AgoraIO/Tools AccessToken2_test.cpp).
const AgoraCredentials kReal{"970CA35de60c44645bbae8a215061b33",
                             "5CFd2fd1755d40ecb72977518be15d3b"};

const Millis kNow = *parseIsoDateTime("2026-11-20T12:00:00.000Z");

State fixtures() {
  auto s = loadFixtures("fixtures", kNow);
  if (!s) ADD_FAILURE() << "fixtures do not load";
  return std::move(s).value();
}

void expectError(const Result<BroadcasterToken>& r, ErrorKind kind) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, kind);
}

TEST(AgoraUid, IsStableNonZeroAndFitsIn31Bits) {
  EXPECT_EQ(agoraUidFor(kJohn), agoraUidFor(std::string(kJohn)));
  EXPECT_NE(agoraUidFor(kJohn), agoraUidFor(kMultiCreator));
  for (const char* id : {kJohn, kMultiCreator, kMultiBroadcaster, kAudience}) {
    EXPECT_NE(agoraUidFor(id), 0u);
    EXPECT_LE(agoraUidFor(id), 0x7fffffffu);
  }
}

TEST(IssueBroadcasterToken, WithoutCredentialsIsAMockTokenSaySo) {
  State s = fixtures();
  auto r = issueBroadcasterToken(s, kMulti, kMultiCreator, {}, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->is_real);
  EXPECT_EQ(r->app_id, kMockAgoraAppId);
  EXPECT_EQ(r->app_id.size(), 32u);
  EXPECT_EQ(r->channel_name, s.liveStream(kMulti)->channel_name);
  EXPECT_EQ(r->uid, agoraUidFor(kMultiCreator));
  EXPECT_EQ(r->expires_at, kNow + 3600 * 1000);  // kNow is a whole second
  EXPECT_EQ(r->token.rfind(kMockTokenPrefix, 0), 0u);
  EXPECT_GT(r->token.size(), std::string(kMockTokenPrefix).size());
}

TEST(IssueBroadcasterToken, WithAnAppIdOnlyKeepsItButStaysMock) {
  State s = fixtures();
  auto r = issueBroadcasterToken(s, kMulti, kMultiCreator, {kReal.app_id, ""}, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->is_real);
  EXPECT_EQ(r->app_id, kReal.app_id);
  EXPECT_EQ(r->token.rfind(kMockTokenPrefix, 0), 0u);
}

TEST(IssueBroadcasterToken, WithCredentialsIsARealPublisherAccessToken2) {
  State s = fixtures();
  auto r = issueBroadcasterToken(s, kMulti, kMultiBroadcaster, kReal, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->is_real);
  EXPECT_EQ(r->app_id, kReal.app_id);
  EXPECT_EQ(r->token.rfind("007eJ", 0), 0u);
  EXPECT_EQ(r->token.find("mock"), std::string::npos);
  // The same request with subscriber privileges is a different token.
  AgoraRtcTokenRequest subscriber;
  subscriber.app_id = kReal.app_id;
  subscriber.app_certificate = kReal.app_certificate;
  subscriber.channel_name = r->channel_name;
  subscriber.uid = r->uid;
  subscriber.issue_ts = static_cast<uint32_t>(kNow / 1000);
  subscriber.expire_seconds = kBroadcasterTokenSeconds;
  subscriber.privilege_expire_seconds = kBroadcasterTokenSeconds;
  subscriber.publisher = false;
  EXPECT_NE(buildAgoraRtcToken(subscriber), r->token);
}

TEST(IssueBroadcasterToken, IsReproducibleForTheSameInstant) {
  State s = fixtures();
  auto a = issueBroadcasterToken(s, kMulti, kMultiBroadcaster, kReal, kNow);
  auto b = issueBroadcasterToken(s, kMulti, kMultiBroadcaster, kReal, kNow);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->token, b->token);
}

TEST(IssueBroadcasterToken, GuestsAndScheduledStreamsAreAllowed) {
  State s = fixtures();
  EXPECT_TRUE(issueBroadcasterToken(s, kMulti, kMultiGuestOnly, {}, kNow).ok());
  EXPECT_TRUE(issueBroadcasterToken(s, kJohnsScheduled, kJohn, {}, kNow).ok());
}

TEST(IssueBroadcasterToken, ForTheAudienceOrStrangersIs403) {
  State s = fixtures();
  expectError(issueBroadcasterToken(s, kActive, kAudience, {}, kNow), ErrorKind::kPermissionDenied);
  expectError(issueBroadcasterToken(s, kMulti, kJohn, {}, kNow), ErrorKind::kPermissionDenied);
}

TEST(IssueBroadcasterToken, ForAnEndedOrCancelledStreamIs403EvenToTheCreator) {
  State s = fixtures();
  expectError(issueBroadcasterToken(s, kJohnsEnded, kJohn, {}, kNow), ErrorKind::kPermissionDenied);
  expectError(issueBroadcasterToken(s, kCancelled, kCancelledCreator, {}, kNow),
              ErrorKind::kPermissionDenied);
}

TEST(IssueBroadcasterToken, UnknownOrDeletedStreamIs404) {
  State s = fixtures();
  expectError(issueBroadcasterToken(s, "000000000000000000000000", kJohn, {}, kNow),
              ErrorKind::kNotFound);
  expectError(issueBroadcasterToken(s, kDeleted, kDeletedCreator, {}, kNow), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace lsm
