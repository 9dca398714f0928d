// Creating live streams on the bundled fixtures (mock/domain/streams).
#include "domain/streams.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr Millis kNow = 1795176000000;  // 2026-11-20T12:00:00.000Z, the fixtures' reference time
constexpr Millis kMinute = 60 * 1000;
constexpr char kUploads[] = "http://127.0.0.1:8080/uploads";

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";    // no active stream
constexpr char kCagla[] = "672ad1115f3a9c1e7b1a2b02";   // has an active stream
constexpr char kSukru[] = "66407cfc5f3a9c1e7b1a2b04";   // has an active stream
constexpr char kGulsen[] = "6ab0e4e55f3a9c1e7b1a2b06";  // no active stream
constexpr char kZeynep[] = "6a9b67445f3a9c1e7b1a2b20";  // may not broadcast
constexpr char kCaglaActive[] = "64d15f9e2e6c8f4d5a123000";
constexpr char kNoUser[] = "0123456789abcdef01234567";

class Streams : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = loadFixtures("fixtures", kNow);
    ASSERT_TRUE(loaded.ok()) << loaded.error().details.at(0);
    s = std::move(loaded).value();
  }

  static CreateStreamInput titled(const std::string& title) {
    CreateStreamInput in;
    in.title = title;
    return in;
  }

  Result<const Stream*> create(const std::string& creator, CreateStreamInput in,
                               Millis now = kNow) {
    return createStream(s, creator, std::move(in), now, kUploads);
  }

  State s;
};

std::vector<std::string> details(const Result<const Stream*>& r) {
  return r.ok() ? std::vector<std::string>{} : r.error().details;
}

TEST_F(Streams, CreateWithoutPlannedStartIsActiveNow) {
  const size_t before = s.streams.size();
  auto r = create(kJohn, titled("Yeni ürün tanıtımı"));
  ASSERT_TRUE(r.ok()) << details(r).at(0);
  const Stream& st = **r;
  EXPECT_EQ(st.status, StreamStatus::kActive);
  EXPECT_EQ(st.started_at, kNow);
  EXPECT_EQ(st.planned_start_date, kNow);
  EXPECT_FALSE(st.planned_end_date.has_value());
  EXPECT_FALSE(st.ended_at.has_value());
  EXPECT_EQ(st.created_at, kNow);
  EXPECT_EQ(st.updated_at, kNow);
  EXPECT_EQ(st.creator_id, kJohn);
  EXPECT_EQ(st.title, "Yeni ürün tanıtımı");
  EXPECT_EQ(st.live_stream_type, "solo");
  EXPECT_FALSE(st.price.has_value());
  EXPECT_TRUE(st.audience.empty());
  EXPECT_EQ(s.streams.size(), before + 1);
  EXPECT_EQ(s.liveStream(st.id), &st);
}

TEST_F(Streams, CreateWithDurationGoalPlansTheEnd) {
  CreateStreamInput in = titled("Talk");
  in.duration_goal = 60;
  auto r = create(kJohn, in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->planned_end_date, kNow + 60 * kMinute);
  EXPECT_EQ((*r)->duration_goal, 60);
}

TEST_F(Streams, PlannedStartInTheFutureIsScheduled) {
  CreateStreamInput in = titled("Later");
  in.planned_start_date = kNow + 90 * kMinute;
  in.duration_goal = 30;
  auto r = create(kJohn, in);
  ASSERT_TRUE(r.ok());
  const Stream& st = **r;
  EXPECT_EQ(st.status, StreamStatus::kScheduled);
  EXPECT_FALSE(st.started_at.has_value());
  EXPECT_EQ(st.planned_start_date, kNow + 90 * kMinute);
  EXPECT_EQ(st.planned_end_date, kNow + 120 * kMinute);
}

TEST_F(Streams, PlannedStartInThePastOrNowStartsActive) {
  for (Millis planned : {kNow - kMinute, kNow}) {
    SetUp();
    CreateStreamInput in = titled("Now");
    in.planned_start_date = planned;
    auto r = create(kJohn, in);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ((*r)->status, StreamStatus::kActive) << planned;
    EXPECT_EQ((*r)->started_at, kNow);
    EXPECT_EQ((*r)->planned_start_date, planned);
  }
}

TEST_F(Streams, OptionalFieldsAreKept) {
  CreateStreamInput in = titled("Paid");
  in.price = 9.99;
  in.live_stream_type = "multi";
  in.interest = "music";
  in.motivation = "because";
  in.guest_ids = {kCagla, kGulsen};
  auto r = create(kJohn, in);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->price, 9.99);
  EXPECT_EQ((*r)->live_stream_type, "multi");
  EXPECT_EQ((*r)->interest, "music");
  EXPECT_EQ((*r)->motivation, "because");
  EXPECT_EQ((*r)->guest_ids, (std::vector<std::string>{kCagla, kGulsen}));
}

TEST_F(Streams, TitleIsTrimmed) {
  auto r = create(kJohn, titled("  \t Akşam yayını \n"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->title, "Akşam yayını");
}

TEST_F(Streams, ChannelNameIsTheSlugPlusFourHexDigits) {
  auto r = create(kJohn, titled("Yeni ürün tanıtımı"));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(std::regex_match((*r)->channel_name, std::regex("^yeni-urun-tanitimi-[0-9a-f]{4}$")))
      << (*r)->channel_name;
}

TEST_F(Streams, ChannelNameFitsAgorasSixtyFourCharacters) {
  auto r = create(kJohn, titled(std::string(100, 'a')));
  ASSERT_TRUE(r.ok());
  EXPECT_LE((*r)->channel_name.size(), 64u);
  EXPECT_TRUE(std::regex_match((*r)->channel_name, std::regex("^a{59}-[0-9a-f]{4}$")));
}

TEST_F(Streams, NewIdsAreUniqueObjectIds) {
  std::set<std::string> ids;
  for (const char* creator : {kJohn, kGulsen}) {
    auto r = create(creator, titled("x"));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(std::regex_match((*r)->id, std::regex("^[0-9a-f]{24}$"))) << (*r)->id;
    EXPECT_TRUE(ids.insert((*r)->id).second);
  }
}

TEST_F(Streams, WithoutThumbnailTheDefaultIsUsed) {
  auto r = create(kJohn, titled("x"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->thumbnail_url, std::string(kUploads) + "/default-thumbnail.png");
}

TEST_F(Streams, ThumbnailIsStoredInUploadsUnderTheStreamId) {
  CreateStreamInput in = titled("x");
  in.thumbnail = Thumbnail{"image/png", "png", "PNGBYTES"};
  auto r = create(kJohn, in);
  ASSERT_TRUE(r.ok());
  const std::string name = (*r)->id + ".png";
  EXPECT_EQ((*r)->thumbnail_url, std::string(kUploads) + "/" + name);
  ASSERT_EQ(s.uploads.count(name), 1u);
  EXPECT_EQ(s.uploads.at(name).content_type, "image/png");
  EXPECT_EQ(s.uploads.at(name).bytes, "PNGBYTES");
}

// ---- refusals ------------------------------------------------------------------------------

TEST_F(Streams, UnknownCreatorIsUnauthenticated) {
  auto r = create(kNoUser, titled("x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kUnauthenticated);
}

TEST_F(Streams, UserWhoMayNotBroadcastIsForbidden) {
  const size_t before = s.streams.size();
  auto r = create(kZeynep, titled("x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(s.streams.size(), before);
}

TEST_F(Streams, BlankTitleIsInvalid) {
  auto r = create(kJohn, titled(" \t\n "));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().details, std::vector<std::string>{"title: must not be empty"});
}

TEST_F(Streams, CreatorAsGuestIsInvalid) {
  CreateStreamInput in = titled("x");
  in.guest_ids = {kCagla, kJohn};
  auto r = create(kJohn, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().details,
            std::vector<std::string>{"guests[1]: the creator cannot be a guest"});
}

TEST_F(Streams, DuplicateGuestIsInvalid) {
  CreateStreamInput in = titled("x");
  in.guest_ids = {kCagla, kGulsen, kCagla};
  auto r = create(kJohn, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().details,
            std::vector<std::string>{std::string("guests[2]: duplicate guest ") + kCagla});
}

TEST_F(Streams, EveryInvalidFieldIsListed) {
  CreateStreamInput in = titled("");
  in.guest_ids = {kJohn, kCagla, kCagla};
  auto r = create(kJohn, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().details.size(), 3u);
}

TEST_F(Streams, GuestWhoIsNoUserIsNotFound) {
  CreateStreamInput in = titled("x");
  in.guest_ids = {kCagla, kNoUser};
  auto r = create(kJohn, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(r.error().details, std::vector<std::string>{std::string("guests[1]: user ") + kNoUser +
                                                        " does not exist"});
}

TEST_F(Streams, InvalidInputIsReportedBeforeAnUnknownGuest) {
  CreateStreamInput in = titled("");
  in.guest_ids = {kNoUser};
  auto r = create(kJohn, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
}

TEST_F(Streams, CreatorWithAnActiveStreamIsAConflict) {
  const size_t before = s.streams.size();
  auto r = create(kCagla, titled("second"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().details,
            std::vector<std::string>{std::string("the creator already has an active stream: ") +
                                     kCaglaActive});
  EXPECT_EQ(s.streams.size(), before);
}

TEST_F(Streams, CreatorWithAnActiveStreamCannotScheduleEither) {
  CreateStreamInput in = titled("later");
  in.planned_start_date = kNow + 24 * 60 * kMinute;
  auto r = create(kSukru, in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
}

TEST_F(Streams, SoftDeletedActiveStreamDoesNotBlockCreation) {
  s.streams.at(kCaglaActive).deleted_at = kNow - kMinute;
  EXPECT_TRUE(create(kCagla, titled("again")).ok());
}

TEST_F(Streams, SecondCreateByTheSameCreatorConflictsWithTheFirst) {
  auto first = create(kJohn, titled("first"));
  ASSERT_TRUE(first.ok());
  const std::string first_id = (*first)->id;
  auto second = create(kJohn, titled("second"), kNow + 1000);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, ErrorKind::kConflict);
  EXPECT_NE(second.error().details.at(0).find(first_id), std::string::npos);
}

TEST_F(Streams, ScheduledStreamsDoNotBlockCreation) {
  // John has a scheduled and an ended stream in the fixtures, no active one.
  auto r = create(kJohn, titled("x"));
  EXPECT_TRUE(r.ok());
}

// ---- slugify -------------------------------------------------------------------------------

TEST(Slugify, TransliteratesTurkishLetters) {
  EXPECT_EQ(slugify("Yeni ürün tanıtımı"), "yeni-urun-tanitimi");
  EXPECT_EQ(slugify("ÇĞİÖŞÜ çğıöşü"), "cgiosu-cgiosu");
  EXPECT_EQ(slugify("Akşam Akustik Oturumu: İstekle"), "aksam-akustik-oturumu-istekle");
}

TEST(Slugify, LowercasesAndCollapsesSeparators) {
  EXPECT_EQ(slugify("Live Coding: Building a REST API!"), "live-coding-building-a-rest-api");
  EXPECT_EQ(slugify("  --Hello,   World--  "), "hello-world");
  EXPECT_EQ(slugify("90'ların Oyunları"), "90-larin-oyunlari");
}

TEST(Slugify, OtherNonAsciiLettersAreSeparators) {
  EXPECT_EQ(slugify("Straße 🎸 Jam"), "stra-e-jam");
}

TEST(Slugify, EmptyOrSymbolOnlyTitleIsStream) {
  EXPECT_EQ(slugify(""), "stream");
  EXPECT_EQ(slugify("!!! ??? ..."), "stream");
  EXPECT_EQ(slugify("🎉🎉"), "stream");
}

TEST(Slugify, LongTitlesAreCutAtAWordBoundaryWithinFiftyNineCharacters) {
  const std::string title =
      "Osmanlı Saray Mutfağı: Unutulmuş Tarifler ve Hikayeleri ile Bir Akşam Yemeği";
  const std::string slug = slugify(title);
  EXPECT_LE(slug.size(), 59u);
  EXPECT_EQ(slug, "osmanli-saray-mutfagi-unutulmus-tarifler-ve-hikayeleri-ile");
  EXPECT_NE(slug.back(), '-');
}

TEST(Slugify, LongWordIsCutAtFiftyNine) {
  EXPECT_EQ(slugify(std::string(80, 'x')), std::string(59, 'x'));
  for (size_t n = 50; n < 70; ++n) {
    const std::string slug = slugify(std::string(n, 'a') + " b c d");
    EXPECT_LE(slug.size(), 59u) << n;
    EXPECT_NE(slug.back(), '-') << n;
  }
}

TEST(Slugify, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(slugify("ab\xff"
                    "cd"),
            "ab-cd");
  EXPECT_EQ(slugify("ab\xe2"), "ab");
}

}  // namespace
}  // namespace lsm
