#include "domain/reminders.h"

#include <gtest/gtest.h>

#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";
constexpr char kScheduled[] = "6afeac805f3a9c1e7b1a2b51";  // planned 2026-11-20T18:00:00.000Z
// Has a fixture reminder (minutesBefore null) on kScheduled.
constexpr char kIrem[] = "664c8cc45f3a9c1e7b1a2b34";
constexpr char kActive[] = "64d15f9e2e6c8f4d5a123000";
constexpr char kEnded[] = "6af6edb05f3a9c1e7b1a2b55";
constexpr char kCancelled[] = "6af412705f3a9c1e7b1a2b5a";
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";

const Millis kNow = *parseIsoDateTime("2026-11-20T12:00:00.000Z");

State fixtures() {
  auto s = loadFixtures("fixtures", kNow);
  if (!s) ADD_FAILURE() << "fixtures do not load";
  return std::move(s).value();
}

size_t remindersOf(const State& s, const std::string& stream, const std::string& user) {
  size_t n = 0;
  for (const auto& r : s.reminders)
    n += r.stream_id == stream && r.user_id == user;
  return n;
}

TEST(SetReminder, CreatesOneWithNotifyAtBeforeThePlannedStart) {
  State s = fixtures();
  const size_t before = s.reminders.size();
  auto r = setReminder(s, kScheduled, kJohn, 15, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(s.reminders.size(), before + 1);
  EXPECT_EQ((*r)->minutes_before, 15);
  auto view = reminderView(s, **r);
  EXPECT_EQ(view["notifyAt"], "2026-11-20T17:45:00.000Z");
  EXPECT_EQ(view["streamId"], kScheduled);
  EXPECT_EQ(view["userId"], kJohn);
  EXPECT_EQ(view["minutesBefore"], 15);
  EXPECT_EQ(view["createdAt"], formatIsoMillis(kNow));
}

TEST(SetReminder, SettingAgainUpdatesTheOneReminder) {
  State s = fixtures();
  auto first = setReminder(s, kScheduled, kJohn, 15, kNow);
  ASSERT_TRUE(first.ok());
  const std::string id = (*first)->id;
  auto second = setReminder(s, kScheduled, kJohn, 60, kNow + 1000);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)->id, id);
  EXPECT_EQ((*second)->minutes_before, 60);
  EXPECT_EQ((*second)->created_at, kNow);
  EXPECT_EQ((*second)->updated_at, kNow + 1000);
  EXPECT_EQ(remindersOf(s, kScheduled, kJohn), 1u);
  EXPECT_EQ(reminderView(s, **second)["notifyAt"], "2026-11-20T17:00:00.000Z");
}

TEST(SetReminder, UpdatesAFixtureReminder) {
  State s = fixtures();
  auto r = setReminder(s, kScheduled, kIrem, 30, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->id, "6aff00e05f3a9c1e7b1a2c97");
  EXPECT_EQ(remindersOf(s, kScheduled, kIrem), 1u);
}

TEST(SetReminder, NullOrZeroMinutesWaitForTheActualStart) {
  State s = fixtures();
  auto null_minutes = setReminder(s, kScheduled, kJohn, std::nullopt, kNow);
  ASSERT_TRUE(null_minutes.ok());
  auto view = reminderView(s, **null_minutes);
  EXPECT_TRUE(view["minutesBefore"].is_null());
  EXPECT_TRUE(view["notifyAt"].is_null());
  auto zero = setReminder(s, kScheduled, kJohn, 0, kNow);
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(reminderView(s, **zero)["minutesBefore"], 0);
  EXPECT_TRUE(reminderView(s, **zero)["notifyAt"].is_null());
}

TEST(SetReminder, OnANonScheduledStreamIs409) {
  State s = fixtures();
  for (const char* id : {kActive, kEnded, kCancelled}) {
    auto r = setReminder(s, id, kJohn, 15, kNow);
    ASSERT_FALSE(r.ok()) << id;
    EXPECT_EQ(r.error().kind, ErrorKind::kConflict) << id;
  }
}

TEST(SetReminder, UnknownOrDeletedStreamIs404) {
  State s = fixtures();
  for (const char* id : {"000000000000000000000000", kDeleted}) {
    auto r = setReminder(s, id, kJohn, 15, kNow);
    ASSERT_FALSE(r.ok()) << id;
    EXPECT_EQ(r.error().kind, ErrorKind::kNotFound) << id;
  }
}

TEST(SetReminder, MinutesOutsideTheDayAre400) {
  State s = fixtures();
  auto r = setReminder(s, kScheduled, kJohn, 1441, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_TRUE(setReminder(s, kScheduled, kJohn, 1440, kNow).ok());
}

}  // namespace
}  // namespace lsm
