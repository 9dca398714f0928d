// The merge of --watch-keep-state, per record; and the colour decision of the request log.
#include "watch/fixture_watcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/access_log.h"
#include "domain/fixtures.h"

namespace lsm {
namespace {

using nlohmann::json;

TEST(MergeFixtureEdit, TheEditWinsWhereItChangedAndTheRunningStateElsewhere) {
  const json base = {{"users",
                      {{{"_id", "a"}, {"credits", 1}},
                       {{"_id", "b"}, {"credits", 2}},
                       {{"_id", "c"}, {"credits", 3}}}},
                     {"follows", {{{"followerId", "a"}, {"followeeId", "b"}}}},
                     {"uploads", {{"x.png", "AAA"}}},
                     {"idCounter", 0}};
  const json edited = {{"users",
                        {{{"_id", "a"}, {"credits", 10}},   // changed
                         {{"_id", "b"}, {"credits", 2}},    // untouched
                         {{"_id", "d"}, {"credits", 4}}}},  // added; c removed
                       {"follows", json::array()},          // the follow removed
                       {"uploads", {{"x.png", "AAA"}}},
                       {"idCounter", 0}};
  const json current = {
      {"users",
       {{{"_id", "a"}, {"credits", 0}},
        {{"_id", "b"}, {"credits", 99}},
        {{"_id", "c"}, {"credits", 3}},
        {{"_id", "r"}, {"credits", 7}}}},
      {"follows",
       {{{"followerId", "a"}, {"followeeId", "b"}}, {{"followerId", "b"}, {"followeeId", "a"}}}},
      {"uploads", {{"x.png", "AAA"}, {"new.png", "BBB"}}},
      {"idCounter", 12}};
  const json merged = mergeFixtureEdit(base, edited, current);
  const json expected_users = {{{"_id", "a"}, {"credits", 10}},
                               {{"_id", "b"}, {"credits", 99}},
                               {{"_id", "r"}, {"credits", 7}},
                               {{"_id", "d"}, {"credits", 4}}};
  EXPECT_EQ(merged["users"], expected_users);
  EXPECT_EQ(merged["follows"], json::array({{{"followerId", "b"}, {"followeeId", "a"}}}));
  EXPECT_EQ(merged["uploads"], json({{"x.png", "AAA"}, {"new.png", "BBB"}}));
  EXPECT_EQ(merged["idCounter"], 12);
}

// The planned start of the first scheduled stream that has one.
Millis firstPlannedStart(const State& s) {
  Millis earliest = 0;
  for (const auto& [id, st] : s.streams) {
    if (st.planned_start_date && (earliest == 0 || *st.planned_start_date < earliest)) {
      earliest = *st.planned_start_date;
    }
  }
  return earliest;
}

TEST(FixtureWatcher, AClockMovedWhileTheFilesAreReadIsTheClockTheReloadUses) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("lsm-watch-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy("fixtures", dir, fs::copy_options::recursive);
  Clock clock;
  const Millis start = clock.now();
  auto initial = loadFixtures(dir.string(), start);
  ASSERT_TRUE(initial);
  ASSERT_NE(firstPlannedStart(*initial), 0) << "the bundled fixtures have a scheduled stream";
  Store store(std::move(initial).value());
  FixtureWatcher watcher(store, clock, dir.string(), false, start, [](const std::string&) {});
  constexpr Millis kDay = 86'400'000;
  // POST /__mock/clock moves the clock under the store's lock, here between the read of the
  // files and the replacement of the state.
  watcher.setAfterLoadHook([&] { store.write([&](State&) { return (clock.advance(kDay), 0); }); });
  std::ofstream(dir / "extra.txt") << "an edit";
  ASSERT_EQ(watcher.poll(), FixtureWatcher::Outcome::kReplaced);
  const Millis planned = store.read([](const State& s) { return firstPlannedStart(s); });
  auto expected = loadFixtures(dir.string(), clock.now());
  ASSERT_TRUE(expected);
  // Relative to the moved clock (a few ms of real time apart), not to the clock a day before.
  EXPECT_LT(std::llabs(planned - firstPlannedStart(*expected)), 60'000);
  fs::remove_all(dir);
}

TEST(WantColour, AlwaysNeverAndAutoWithNoColor) {
  EXPECT_TRUE(wantColour("always", false, "1"));
  EXPECT_FALSE(wantColour("never", true, nullptr));
  EXPECT_TRUE(wantColour("auto", true, nullptr));
  EXPECT_TRUE(wantColour("auto", true, ""));
  EXPECT_FALSE(wantColour("auto", true, "1"));
  EXPECT_FALSE(wantColour("auto", false, nullptr));
}

}  // namespace
}  // namespace lsm
