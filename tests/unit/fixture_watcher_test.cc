// The merge of --watch-keep-state, per record; and the colour decision of the request log.
#include "watch/fixture_watcher.h"

#include <gtest/gtest.h>

#include "core/access_log.h"

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
