#include "domain/stream_actions.h"

#include <gtest/gtest.h>

#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";
constexpr char kJohnsScheduled[] = "6afeac805f3a9c1e7b1a2b51";
constexpr char kJohnsEnded[] = "6af6edb05f3a9c1e7b1a2b55";
constexpr char kActive[] = "64d15f9e2e6c8f4d5a123000";
constexpr char kActiveCreator[] = "672ad1115f3a9c1e7b1a2b02";
constexpr char kCancelled[] = "6af412705f3a9c1e7b1a2b5a";
constexpr char kCancelledCreator[] = "65639ca75f3a9c1e7b1a2b0c";
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";
constexpr char kDeletedCreator[] = "6ab0e4e55f3a9c1e7b1a2b06";

// Fixture times are written for this instant, so they load unshifted.
const Millis kNow = *parseIsoDateTime("2026-11-20T12:00:00.000Z");

State fixtures() {
  auto s = loadFixtures("fixtures", kNow);
  if (!s) ADD_FAILURE() << "fixtures do not load";
  return std::move(s).value();
}

TEST(CancelLiveStream, ScheduledByCreatorBecomesCancelled) {
  State s = fixtures();
  auto r = cancelLiveStream(s, kJohnsScheduled, kJohn, kNow + 5);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->status, StreamStatus::kCancelled);
  EXPECT_EQ((*r)->updated_at, kNow + 5);
  EXPECT_EQ(s.liveStream(kJohnsScheduled)->status, StreamStatus::kCancelled);
}

TEST(CancelLiveStream, ActiveByCreatorBecomesCancelled) {
  State s = fixtures();
  auto r = cancelLiveStream(s, kActive, kActiveCreator, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->status, StreamStatus::kCancelled);
}

TEST(CancelLiveStream, ByNonCreatorIs403) {
  State s = fixtures();
  auto r = cancelLiveStream(s, kActive, kJohn, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(s.liveStream(kActive)->status, StreamStatus::kActive);
}

TEST(CancelLiveStream, EndedIs409) {
  State s = fixtures();
  auto r = cancelLiveStream(s, kJohnsEnded, kJohn, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
}

TEST(CancelLiveStream, CancelledIs409) {
  State s = fixtures();
  auto r = cancelLiveStream(s, kCancelled, kCancelledCreator, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
}

TEST(CancelLiveStream, UnknownOrDeletedIs404) {
  State s = fixtures();
  auto unknown = cancelLiveStream(s, "000000000000000000000000", kJohn, kNow);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, ErrorKind::kNotFound);
  auto deleted = cancelLiveStream(s, kDeleted, kDeletedCreator, kNow);
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.error().kind, ErrorKind::kNotFound);
}

TEST(DeleteLiveStream, ByCreatorSoftDeletesAndHidesTheStream) {
  State s = fixtures();
  ASSERT_TRUE(deleteLiveStream(s, kJohnsEnded, kJohn, kNow + 7).ok());
  EXPECT_EQ(s.liveStream(kJohnsEnded), nullptr);
  ASSERT_EQ(s.streams.count(kJohnsEnded), 1u);
  EXPECT_EQ(s.streams.at(kJohnsEnded).deleted_at, kNow + 7);
}

TEST(DeleteLiveStream, AScheduledStreamCanBeDeleted) {
  State s = fixtures();
  EXPECT_TRUE(deleteLiveStream(s, kJohnsScheduled, kJohn, kNow).ok());
  EXPECT_EQ(s.liveStream(kJohnsScheduled), nullptr);
}

TEST(DeleteLiveStream, TwiceIs404TheSecondTime) {
  State s = fixtures();
  ASSERT_TRUE(deleteLiveStream(s, kJohnsEnded, kJohn, kNow).ok());
  auto again = deleteLiveStream(s, kJohnsEnded, kJohn, kNow);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::kNotFound);
  auto cancel = cancelLiveStream(s, kJohnsEnded, kJohn, kNow);
  ASSERT_FALSE(cancel.ok());
  EXPECT_EQ(cancel.error().kind, ErrorKind::kNotFound);
}

TEST(DeleteLiveStream, ByNonCreatorIs403) {
  State s = fixtures();
  auto r = deleteLiveStream(s, kJohnsEnded, kActiveCreator, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_NE(s.liveStream(kJohnsEnded), nullptr);
}

TEST(DeleteLiveStream, ActiveIs409) {
  State s = fixtures();
  auto r = deleteLiveStream(s, kActive, kActiveCreator, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_NE(s.liveStream(kActive), nullptr);
}

TEST(DeleteLiveStream, UnknownIs404) {
  State s = fixtures();
  auto r = deleteLiveStream(s, "000000000000000000000000", kJohn, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace lsm
