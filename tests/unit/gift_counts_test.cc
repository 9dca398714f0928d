#include "domain/gift_counts.h"

#include <gtest/gtest.h>

#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr char kActive[] = "64d15f9e2e6c8f4d5a123000";
constexpr char kScheduled[] = "6afeac805f3a9c1e7b1a2b51";  // no gifts
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";
constexpr char kRose[] = "65e591145f3a9c1e7b1a2bf6";
constexpr char kSnowflake[] = "65e5927c5f3a9c1e7b1a2bfc";  // inactive

const Millis kNow = *parseIsoDateTime("2026-11-20T12:00:00.000Z");

State fixtures() {
  auto s = loadFixtures("fixtures", kNow);
  if (!s) ADD_FAILURE() << "fixtures do not load";
  return std::move(s).value();
}

int64_t countOf(const State& s, const std::string& stream, const std::string& type) {
  int64_t n = 0;
  for (const auto& g : s.gifts)
    n += g.stream_id == stream && g.gift_type_id == type;
  return n;
}

TEST(CountGifts, ListsEveryActiveGiftTypeInCatalogueOrder) {
  State s = fixtures();
  auto r = countGifts(s, kActive);
  ASSERT_TRUE(r.ok());
  std::vector<std::string> expected;
  for (const auto& t : s.gift_types) {
    if (t.active) expected.push_back(t.id);
  }
  std::vector<std::string> listed;
  for (const auto& item : r->items)
    listed.push_back(item.type->id);
  EXPECT_EQ(listed, expected);
  for (const auto& item : r->items) {
    EXPECT_TRUE(item.type->active);
    EXPECT_EQ(item.count, countOf(s, kActive, item.type->id)) << item.type->name;
  }
}

TEST(CountGifts, TotalCountsGiftsOfEveryTypeInactiveIncluded) {
  State s = fixtures();
  auto r = countGifts(s, kActive);
  ASSERT_TRUE(r.ok());
  int64_t all = 0, listed = 0;
  for (const auto& g : s.gifts)
    all += g.stream_id == kActive;
  for (const auto& item : r->items)
    listed += item.count;
  ASSERT_GT(countOf(s, kActive, kSnowflake), 0);  // the fixture sends an inactive type
  EXPECT_EQ(r->total, all);
  EXPECT_EQ(r->total, listed + countOf(s, kActive, kSnowflake));
  EXPECT_GT(countOf(s, kActive, kRose), 0);
}

TEST(CountGifts, AStreamWithoutGiftsHasZeroCountsForEveryActiveType) {
  State s = fixtures();
  auto r = countGifts(s, kScheduled);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 0);
  EXPECT_EQ(r->items.size(), 6u);
  for (const auto& item : r->items)
    EXPECT_EQ(item.count, 0);
}

TEST(CountGifts, UnknownOrDeletedStreamIs404) {
  State s = fixtures();
  for (const char* id : {"000000000000000000000000", kDeleted}) {
    auto r = countGifts(s, id);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  }
}

}  // namespace
}  // namespace lsm
