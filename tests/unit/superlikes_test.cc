#include "domain/superlikes.h"

#include <gtest/gtest.h>

#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr char kActive[] = "64d15f9e2e6c8f4d5a123000";
constexpr char kCreator[] = "672ad1115f3a9c1e7b1a2b02";
constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";   // 500 credits
constexpr char kBroke[] = "658343b25f3a9c1e7b1a2b23";  // 0 credits, no profile photo
constexpr char kFive[] = "68693fb85f3a9c1e7b1a2b24";   // 5 credits
constexpr char kBanned[] = "69cda5db5f3a9c1e7b1a2b26";
constexpr char kScheduled[] = "6afeac805f3a9c1e7b1a2b51";
constexpr char kEnded[] = "6af6edb05f3a9c1e7b1a2b55";
constexpr char kCancelled[] = "6af412705f3a9c1e7b1a2b5a";
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";

const Millis kNow = *parseIsoDateTime("2026-11-20T12:00:00.000Z");

State fixtures() {
  auto s = loadFixtures("fixtures", kNow);
  if (!s) ADD_FAILURE() << "fixtures do not load";
  return std::move(s).value();
}

void expectError(const Result<const Superlike*>& r, ErrorKind kind) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, kind);
}

TEST(SendSuperlike, DebitsThePriceOnceAndRecordsIt) {
  State s = fixtures();
  const size_t before = s.superlikes.size();
  auto r = sendSuperlike(s, kActive, kJohn, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(kSuperlikePrice, 10);
  EXPECT_EQ(s.user(kJohn)->credits, 500 - kSuperlikePrice);
  ASSERT_EQ(s.superlikes.size(), before + 1);
  EXPECT_EQ((*r)->stream_id, kActive);
  EXPECT_EQ((*r)->sender_id, kJohn);
  EXPECT_EQ((*r)->timestamp, kNow);
}

TEST(SendSuperlike, ViewCarriesTheSenderWithThePhotoUrl) {
  State s = fixtures();
  auto r = sendSuperlike(s, kActive, kJohn, kNow);
  ASSERT_TRUE(r.ok());
  auto view = superlikeView(s, **r);
  EXPECT_EQ(view["streamId"], kActive);
  EXPECT_EQ(view["senderId"], kJohn);
  EXPECT_EQ(view["price"], 10);
  EXPECT_EQ(view["timestamp"], formatIsoMillis(kNow));
  const auto& snap = view["senderSnapshot"];
  EXPECT_EQ(snap["_id"], kJohn);
  EXPECT_EQ(snap["username"], "johndoe");
  EXPECT_EQ(snap["profilePhoto"], s.user(kJohn)->profile_photo["url"]);
  EXPECT_TRUE(snap["profilePhoto"].is_string());
  EXPECT_FALSE(snap.contains("availabilityStatus"));
}

TEST(SendSuperlike, SenderWithoutPhotoHasNullProfilePhoto) {
  State s = fixtures();
  s.user(kBroke)->credits = 10;
  auto r = sendSuperlike(s, kActive, kBroke, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(superlikeView(s, **r)["senderSnapshot"]["profilePhoto"].is_null());
  EXPECT_EQ(s.user(kBroke)->credits, 0);
}

TEST(SendSuperlike, WithABalanceBelowThePriceIs400NamingCredits) {
  State s = fixtures();
  const size_t before = s.superlikes.size();
  for (const char* user : {kBroke, kFive}) {
    auto r = sendSuperlike(s, kActive, user, kNow);
    expectError(r, ErrorKind::kInvalidArgument);
    ASSERT_EQ(r.error().details.size(), 1u);
    EXPECT_EQ(r.error().details[0].rfind("credits: insufficient balance", 0), 0u);
  }
  EXPECT_EQ(s.user(kFive)->credits, 5);
  EXPECT_EQ(s.user(kBroke)->credits, 0);
  EXPECT_EQ(s.superlikes.size(), before);
  EXPECT_EQ(sendSuperlike(s, kActive, kFive, kNow).error().details[0],
            "credits: insufficient balance (5 available, 10 required)");
}

TEST(SendSuperlike, ByTheCreatorIs403) {
  State s = fixtures();
  expectError(sendSuperlike(s, kActive, kCreator, kNow), ErrorKind::kPermissionDenied);
  EXPECT_EQ(s.user(kCreator)->credits, 1250);
}

TEST(SendSuperlike, ByAUserBannedFromTheChatIs403) {
  State s = fixtures();
  const int64_t credits = s.user(kBanned)->credits;
  expectError(sendSuperlike(s, kActive, kBanned, kNow), ErrorKind::kPermissionDenied);
  EXPECT_EQ(s.user(kBanned)->credits, credits);
}

TEST(SendSuperlike, OnAStreamThatIsNotActiveIs409) {
  State s = fixtures();
  for (const char* id : {kScheduled, kEnded, kCancelled}) {
    expectError(sendSuperlike(s, id, kFive, kNow), ErrorKind::kConflict);
  }
}

TEST(SendSuperlike, UnknownOrDeletedStreamIs404) {
  State s = fixtures();
  expectError(sendSuperlike(s, "000000000000000000000000", kJohn, kNow), ErrorKind::kNotFound);
  expectError(sendSuperlike(s, kDeleted, kJohn, kNow), ErrorKind::kNotFound);
  EXPECT_EQ(s.user(kJohn)->credits, 500);
}

}  // namespace
}  // namespace lsm
