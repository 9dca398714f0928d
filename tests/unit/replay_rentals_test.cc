#include "domain/replay_rentals.h"

#include <gtest/gtest.h>

#include "domain/fixtures.h"
#include "domain/views.h"

namespace lsm {
namespace {

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";        // 500 credits
constexpr char kJohnsEnded[] = "6af6edb05f3a9c1e7b1a2b55";  // recorded, replay 30
constexpr char kOtherEnded[] =
    "6af048205f3a9c1e7b1a2b57";                        // recorded, replay 20; John's rental expired
constexpr char kEmily[] = "65639ca75f3a9c1e7b1a2b0c";  // rents kJohnsEnded until 11-22
constexpr char kSarah[] = "68693fb85f3a9c1e7b1a2b24";  // 5 credits
constexpr char kEndedNoRecording[] = "6afe65405f3a9c1e7b1a2b58";
constexpr char kActive[] = "64d15f9e2e6c8f4d5a123000";
constexpr char kScheduled[] = "6afeac805f3a9c1e7b1a2b51";
constexpr char kCancelled[] = "6af412705f3a9c1e7b1a2b5a";
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";

const Millis kNow = *parseIsoDateTime("2026-11-20T12:00:00.000Z");

State fixtures() {
  auto s = loadFixtures("fixtures", kNow);
  if (!s) ADD_FAILURE() << "fixtures do not load";
  return std::move(s).value();
}

void expectError(const Result<const ReplayRental*>& r, ErrorKind kind) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, kind);
}

TEST(RentReplay, AfterAnExpiredRentalDebitsOnceAndRentsFor48Hours) {
  State s = fixtures();
  const size_t rentals = s.rentals.size();
  auto r = rentReplay(s, kOtherEnded, kJohn, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(s.user(kJohn)->credits, 480);
  EXPECT_EQ(s.rentals.size(), rentals + 1);
  EXPECT_EQ((*r)->rented_at, kNow);
  EXPECT_EQ((*r)->expires_at, kNow + 48LL * 3600 * 1000);
  EXPECT_EQ((*r)->price, 20);
  auto access = replayAccessView(s, *s.liveStream(kOtherEnded), kJohn, kNow);
  EXPECT_EQ(access["status"], "rented");
  EXPECT_EQ(access["canViewRecording"], true);
  EXPECT_EQ(access["remainingSeconds"], 48 * 3600);
}

TEST(RentReplay, WhileRentedIs409AndDebitsNothing) {
  State s = fixtures();
  const int64_t credits = s.user(kEmily)->credits;
  expectError(rentReplay(s, kJohnsEnded, kEmily, kNow), ErrorKind::kConflict);
  EXPECT_EQ(s.user(kEmily)->credits, credits);
}

TEST(RentReplay, TwiceIs409TheSecondTime) {
  State s = fixtures();
  ASSERT_TRUE(rentReplay(s, kOtherEnded, kJohn, kNow).ok());
  expectError(rentReplay(s, kOtherEnded, kJohn, kNow + 1000), ErrorKind::kConflict);
  EXPECT_EQ(s.user(kJohn)->credits, 480);
}

TEST(RentReplay, AgainOnceTheRentalExpired) {
  State s = fixtures();
  ASSERT_TRUE(rentReplay(s, kOtherEnded, kJohn, kNow).ok());
  EXPECT_TRUE(rentReplay(s, kOtherEnded, kJohn, kNow + kReplayRentalDuration).ok());
  EXPECT_EQ(s.user(kJohn)->credits, 460);
}

TEST(RentReplay, ByTheOwnerIs409) {
  State s = fixtures();
  expectError(rentReplay(s, kJohnsEnded, kJohn, kNow), ErrorKind::kConflict);
  EXPECT_EQ(s.user(kJohn)->credits, 500);
}

TEST(RentReplay, WithoutRecordingIs409) {
  State s = fixtures();
  expectError(rentReplay(s, kEndedNoRecording, kJohn, kNow), ErrorKind::kConflict);
  s.streams.at(kOtherEnded).recording_url.reset();
  expectError(rentReplay(s, kOtherEnded, kJohn, kNow), ErrorKind::kConflict);
}

TEST(RentReplay, WithoutReplayPriceIs409) {
  State s = fixtures();
  s.streams.at(kOtherEnded).replay_credit_price.reset();
  expectError(rentReplay(s, kOtherEnded, kJohn, kNow), ErrorKind::kConflict);
  EXPECT_EQ(s.user(kJohn)->credits, 500);
}

TEST(RentReplay, OfAStreamThatIsNotEndedIs409) {
  State s = fixtures();
  for (const char* id : {kActive, kScheduled, kCancelled}) {
    expectError(rentReplay(s, id, kJohn, kNow), ErrorKind::kConflict);
  }
}

TEST(RentReplay, WithABalanceBelowThePriceIs400NamingCredits) {
  State s = fixtures();
  const size_t rentals = s.rentals.size();
  auto r = rentReplay(s, kJohnsEnded, kSarah, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0], "credits: insufficient balance (5 available, 30 required)");
  EXPECT_EQ(s.user(kSarah)->credits, 5);
  EXPECT_EQ(s.rentals.size(), rentals);
}

TEST(RentReplay, UnknownOrDeletedStreamIs404) {
  State s = fixtures();
  expectError(rentReplay(s, "000000000000000000000000", kJohn, kNow), ErrorKind::kNotFound);
  expectError(rentReplay(s, kDeleted, kJohn, kNow), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace lsm
