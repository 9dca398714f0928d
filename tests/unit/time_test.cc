// ISO-8601 formatting and parsing, and the settable clock (mock/core/time).
#include "core/time.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace lsm {
namespace {

constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;
constexpr Millis k2026_01_15_103000 = 1768473000000;  // 2026-01-15T10:30:00.000Z

Millis parsed(const std::string& s) {
  auto t = parseIsoDateTime(s);
  EXPECT_TRUE(t.has_value()) << s;
  return t.value_or(-1);
}

TEST(Time, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(formatIsoMillis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(formatIsoMillis(k2026_01_15_103000), "2026-01-15T10:30:00.000Z");
  EXPECT_EQ(formatIsoMillis(k2026_01_15_103000 + 7), "2026-01-15T10:30:00.007Z");
  EXPECT_EQ(formatIsoMillis(k2026_01_15_103000 + 999), "2026-01-15T10:30:00.999Z");
}

TEST(Time, FormatsLeapDaysAndYearEnds) {
  EXPECT_EQ(formatIsoMillis(parsed("2024-02-29T23:59:59.999Z")), "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(formatIsoMillis(parsed("2024-02-29T23:59:59.999Z") + 1), "2024-03-01T00:00:00.000Z");
  EXPECT_EQ(formatIsoMillis(parsed("2026-12-31T23:59:59.999Z") + 1), "2027-01-01T00:00:00.000Z");
  EXPECT_EQ(formatIsoMillis(parsed("2000-02-29T12:00:00Z")), "2000-02-29T12:00:00.000Z");
}

TEST(Time, FormatsTimesBeforeTheEpoch) {
  EXPECT_EQ(formatIsoMillis(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(formatIsoMillis(-kDay), "1969-12-31T00:00:00.000Z");
  EXPECT_EQ(parsed("1969-12-31T23:59:59.999Z"), -1);
}

TEST(Time, FormatThenParseRoundTrips) {
  for (Millis t :
       {Millis{0}, Millis{1}, k2026_01_15_103000, k2026_01_15_103000 + 123,
        Millis{951782400000} /* 2000-02-29 */, Millis{4102444799999}, Millis{-86400001}}) {
    EXPECT_EQ(parsed(formatIsoMillis(t)), t) << formatIsoMillis(t);
  }
  // Every day of a leap year and a common year.
  for (Millis t = parsed("2024-01-01T00:00:00Z"); t < parsed("2026-01-01T00:00:00Z");
       t += kDay + 1) {
    ASSERT_EQ(parsed(formatIsoMillis(t)), t) << formatIsoMillis(t);
  }
}

TEST(Time, ParsesMillisecondsAndOtherFractions) {
  EXPECT_EQ(parsed("2026-01-15T10:30:00.123Z"), k2026_01_15_103000 + 123);
  EXPECT_EQ(parsed("2026-01-15T10:30:00.5Z"), k2026_01_15_103000 + 500);
  EXPECT_EQ(parsed("2026-01-15T10:30:00.12Z"), k2026_01_15_103000 + 120);
  EXPECT_EQ(parsed("2026-01-15T10:30:00.123999Z"), k2026_01_15_103000 + 123);  // truncated
  EXPECT_EQ(parsed("2026-01-15T10:30:00Z"), k2026_01_15_103000);
}

TEST(Time, ParsesOffsetsIntoUtc) {
  EXPECT_EQ(parsed("2026-01-15T13:30:00.000+03:00"), k2026_01_15_103000);
  EXPECT_EQ(parsed("2026-01-15T05:00:00-05:30"), k2026_01_15_103000);
  EXPECT_EQ(parsed("2026-01-15T10:30:00+00:00"), k2026_01_15_103000);
  EXPECT_EQ(parsed("2026-01-16T00:30:00+14:00"), k2026_01_15_103000);
  EXPECT_EQ(parsed("2026-01-15t10:30:00z"), k2026_01_15_103000);
}

TEST(Time, LeapSecondIsReadAsTheSecondBefore) {
  EXPECT_EQ(parsed("2016-12-31T23:59:60Z"), parsed("2016-12-31T23:59:59Z"));
}

TEST(Time, RejectsInvalidDates) {
  for (const char* bad : {"2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
                          "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z", "2026-13-10T00:00:00Z",
                          "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z"}) {
    EXPECT_FALSE(parseIsoDateTime(bad).has_value()) << bad;
    EXPECT_FALSE(isIsoDateTime(bad)) << bad;
  }
}

TEST(Time, RejectsInvalidTimesAndShapes) {
  for (const char* bad : {"2026-01-15T24:00:00Z",
                          "2026-01-15T10:60:00Z",
                          "2026-01-15T10:30:61Z",
                          "2026-01-15",
                          "2026-01-15T10:30Z",
                          "2026-01-15T10:30:00",
                          "2026-01-15 10:30:00Z",
                          "2026/01/15T10:30:00Z",
                          "26-01-15T10:30:00Z",
                          "2026-1-15T10:30:00Z",
                          "2026-01-15T10:30:00.Z",
                          "2026-01-15T10:30:00.000ZZ",
                          "2026-01-15T10:30:00+03",
                          "2026-01-15T10:30:00+0300",
                          "2026-01-15T10:30:00+24:00",
                          "2026-01-15T10:30:00+03:60",
                          "2026-01-15T10:30:00 Z",
                          "",
                          "not a date",
                          "+2026-01-15T10:30:00Z"}) {
    EXPECT_FALSE(parseIsoDateTime(bad).has_value()) << bad;
  }
}

TEST(Time, IsIsoDateTimeAgreesWithParse) {
  EXPECT_TRUE(isIsoDateTime("2026-01-15T10:30:00.000Z"));
  EXPECT_FALSE(isIsoDateTime("2026-01-15"));
}

TEST(Clock, StartsAtSystemTime) {
  Clock clock;
  const Millis before = systemNowMillis();
  const Millis now = clock.now();
  EXPECT_GE(now, before);
  EXPECT_LE(now, systemNowMillis());
}

TEST(Clock, SetMovesTheClockAndItKeepsRunning) {
  Clock clock;
  clock.set(k2026_01_15_103000);
  const Millis a = clock.now();
  EXPECT_GE(a, k2026_01_15_103000);
  EXPECT_LT(a, k2026_01_15_103000 + 5 * kSecond);
  EXPECT_GE(clock.now(), a);
}

TEST(Clock, AdvanceAddsToTheCurrentOffset) {
  Clock clock;
  clock.set(k2026_01_15_103000);
  clock.advance(2 * kHour);
  clock.advance(30 * kMinute);
  const Millis now = clock.now();
  EXPECT_GE(now, k2026_01_15_103000 + 2 * kHour + 30 * kMinute);
  EXPECT_LT(now, k2026_01_15_103000 + 2 * kHour + 30 * kMinute + 5 * kSecond);
  clock.advance(-3 * kHour);
  EXPECT_LT(clock.now(), k2026_01_15_103000);
}

TEST(Clock, ResetReturnsToSystemTime) {
  Clock clock;
  clock.set(0);
  EXPECT_LT(clock.now(), kDay);
  clock.reset();
  EXPECT_LE(std::llabs(clock.now() - systemNowMillis()), 5 * kSecond);
}

}  // namespace
}  // namespace lsm
