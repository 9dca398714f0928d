// The whole-state document (GET/PUT /__mock/state, --state-file): export, import, round trip.
#include <gtest/gtest.h>

#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr Millis kNow = 1795000000000;  // 2026-11-18T...

State bundled() {
  auto s = loadFixtures("fixtures", kNow);
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().details.at(0));
  return std::move(s).value();
}

TEST(StateDocument, ExportThenImportGivesTheSameDocument) {
  State s = bundled();
  s.superlikes.push_back({"64d15f9e2e6c8f4d5a123000", "64d15f9e2e6c8f4d5a123456", 10, kNow});
  s.id_counter = 42;
  const nlohmann::json first = exportState(s, kNow);
  auto again = importState(first);
  ASSERT_TRUE(again.ok()) << again.error().details.at(0);
  EXPECT_EQ(again->id_counter, 42u);
  EXPECT_EQ(exportState(*again, kNow), first);
}

TEST(StateDocument, TimestampsAreKeptAsTheyAre) {
  State s = bundled();
  const auto& stream = s.streams.at("64d15f9e2e6c8f4d5a123000");
  auto again = importState(exportState(s, kNow));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->streams.at("64d15f9e2e6c8f4d5a123000").started_at, stream.started_at);
}

TEST(StateDocument, UploadsTravelAsBase64) {
  State s = bundled();
  ASSERT_TRUE(s.uploads.count("default-thumbnail.png"));
  auto again = importState(exportState(s, kNow));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->uploads.at("default-thumbnail.png").bytes,
            s.uploads.at("default-thumbnail.png").bytes);
}

TEST(StateDocument, WrongFieldTypeNamesThePath) {
  nlohmann::json doc = exportState(bundled(), kNow);
  doc["users"][3]["credits"] = "lots";
  auto s = importState(doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().details.at(0).find("users[3].credits"), std::string::npos)
      << s.error().details.at(0);
}

TEST(StateDocument, UnknownFormatIsRejected) {
  nlohmann::json doc = exportState(bundled(), kNow);
  doc["format"] = "something-else/9";
  auto s = importState(doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().details.at(0).find("format"), std::string::npos);
}

TEST(StateDocument, DanglingReferenceIsRejected) {
  nlohmann::json doc = exportState(bundled(), kNow);
  doc["streams"][0]["creatorId"] = "aaaaaaaaaaaaaaaaaaaaaaaa";
  auto s = importState(doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().details.at(0).find("creatorId"), std::string::npos);
}

TEST(StateDocument, UploadThatIsNotAnImageIsRejected) {
  nlohmann::json doc = exportState(bundled(), kNow);
  doc["uploads"][0]["base64"] = "aGVsbG8=";  // "hello"
  auto s = importState(doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().details.at(0).find("uploads"), std::string::npos);
}

}  // namespace
}  // namespace lsm
