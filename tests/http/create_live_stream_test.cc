// POST /api/v1/live-stream/create (multipart/form-data). Creating changes state, so every test
// gets a mock of its own.
#include <zlib.h>

#include <regex>

#include "core/time.h"
#include "test_support.h"

namespace lsm_test {
namespace {

constexpr char kCreatePath[] = "/api/v1/live-stream/create";

// A structurally complete PNG (signature, IHDR, IDAT, IEND, CRCs) of width x height RGB pixels.
std::string makePng(uint32_t width, uint32_t height) {
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    const std::string body = type + data;
    const uLong crc =
        crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    return be32(static_cast<uint32_t>(data.size())) + body + be32(static_cast<uint32_t>(crc));
  };
  std::string ihdr = be32(width) + be32(height) + std::string("\x08\x02\x00\x00\x00", 5);
  std::string raw;
  for (uint32_t y = 0; y < height; ++y) {
    raw += '\0';  // filter: none
    for (uint32_t x = 0; x < width; ++x)
      raw += std::string{static_cast<char>(x * 40), static_cast<char>(y * 40), '\x7f'};
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string packed(size, '\0');
  compress(reinterpret_cast<Bytef*>(&packed[0]), &size, reinterpret_cast<const Bytef*>(raw.data()),
           static_cast<uLong>(raw.size()));
  packed.resize(size);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", packed) +
         chunk("IEND", "");
}

// SOI + APP0 (JFIF) + EOI: what the mock's sniffer needs to call it a JPEG.
std::string makeJpeg() {
  std::string j("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20);
  return j + std::string("\xFF\xD9", 2);
}

class CreateLiveStream : public FreshMockTest {
 protected:
  Response create(const std::string& user, const HeaderList& fields,
                  const std::vector<FormFile>& files = {}) {
    return http().multipart(kCreatePath, {bearer(user)}, fields, files);
  }
  // Creates as johndoe and checks the answer against the spec.
  Response createOk(const HeaderList& fields, const std::vector<FormFile>& files = {}) {
    auto r = create(ids::kJohnDoe, fields, files);
    EXPECT_EQ(r.status, 201) << r.describe();
    expectSpecResponse("createLiveStream", r);
    return r;
  }
  // Expects a 400 that names `field`, checked against the spec.
  void expectRejects(const HeaderList& fields, const std::string& field,
                     const std::vector<FormFile>& files = {}) {
    auto r = create(ids::kJohnDoe, fields, files);
    ASSERT_EQ(r.status, 400) << r.describe();
    expectSpecResponse("createLiveStream", r);
    EXPECT_EQ(r.errors().at(0), "Validation failed");
    EXPECT_TRUE(namesField(r, field)) << "no message names '" << field << "': " << r.describe();
  }
};

TEST_F(CreateLiveStream, PaidStreamStartsActiveWithTheCallerAsHost) {
  auto r = createOk({{"title", "Yeni ürün tanıtımı"}, {"price", "9.99"}});
  ASSERT_EQ(r.status, 201);
  const json& d = r.data();
  EXPECT_EQ(d["title"], "Yeni ürün tanıtımı");
  EXPECT_EQ(d["status"], "active");
  EXPECT_EQ(d["accessType"], "paid");
  EXPECT_EQ(d["price"], 9.99);
  EXPECT_EQ(d["role"], "host");
  EXPECT_EQ(d["creator"]["_id"], ids::kJohnDoe);
  EXPECT_EQ(d["creator"]["username"], "johndoe");
  EXPECT_EQ(d["liveStreamType"], "solo");
  EXPECT_FALSE(d["startedAt"].is_null());
  EXPECT_TRUE(d["guests"].empty());
  const std::string channel = d["channelName"];
  EXPECT_TRUE(std::regex_match(channel, std::regex("yeni-urun-tanitimi-[0-9a-f]{4}"))) << channel;
  EXPECT_EQ(r.body_json["statusCode"], 201);
}

TEST_F(CreateLiveStream, WithoutPriceIsFree) {
  auto r = createOk({{"title", "Sabah kahvesi"}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.data()["accessType"], "free");
  EXPECT_TRUE(r.data()["price"].is_null());
}

TEST_F(CreateLiveStream, DefaultThumbnailIsServedAsPng) {
  auto r = createOk({{"title", "No thumbnail"}});
  ASSERT_EQ(r.status, 201);
  const std::string url = r.data()["thumbnailUrl"];
  EXPECT_EQ(url.rfind(mock().baseUrl() + "/", 0), 0u) << url;
  auto image = http().get(url);
  ASSERT_EQ(image.status, 200) << image.describe();
  EXPECT_EQ(image.header("Content-Type").value_or(""), "image/png");
  EXPECT_EQ(image.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST_F(CreateLiveStream, UploadedPngIsServedBackByteIdentical) {
  const std::string png = makePng(3, 2);
  auto r = createOk({{"title", "With thumbnail"}}, {{"thumbnail", "cover.png", "image/png", png}});
  ASSERT_EQ(r.status, 201);
  const std::string url = r.data()["thumbnailUrl"];
  EXPECT_EQ(url.find("default-thumbnail"), std::string::npos) << url;
  auto image = http().get(url);
  ASSERT_EQ(image.status, 200) << image.describe();
  EXPECT_EQ(image.header("Content-Type").value_or(""), "image/png");
  EXPECT_TRUE(image.body == png) << "served " << image.body.size() << " bytes, uploaded "
                                 << png.size();
}

TEST_F(CreateLiveStream, ThumbnailTypeIsJudgedByItsBytesNotItsName) {
  const std::string jpeg = makeJpeg();
  auto r = createOk({{"title", "Jpeg named png"}}, {{"thumbnail", "x.png", "image/png", jpeg}});
  ASSERT_EQ(r.status, 201);
  auto image = http().get(r.data()["thumbnailUrl"].get<std::string>());
  ASSERT_EQ(image.status, 200) << image.describe();
  EXPECT_EQ(image.header("Content-Type").value_or(""), "image/jpeg");
  EXPECT_TRUE(image.body == jpeg);
}

TEST_F(CreateLiveStream, TextFileNamedPngIsRejectedNamingThumbnail) {
  expectRejects({{"title", "Fake image"}}, "thumbnail",
                {{"thumbnail", "x.png", "image/png", "this is not an image\n"}});
}

// A PNG of exactly `size` bytes: a real header and a filler IDAT (the mock does not decode pixels).
std::string pngOfSize(size_t size) {
  const std::string small = makePng(1, 1);
  // Signature (8) + IHDR (25) | IDAT ... | IEND (12): grow the IDAT data by the difference.
  const size_t idat_at = 8 + 25;
  const size_t idat_len = (static_cast<unsigned char>(small[idat_at]) << 24) |
                          (static_cast<unsigned char>(small[idat_at + 1]) << 16) |
                          (static_cast<unsigned char>(small[idat_at + 2]) << 8) |
                          static_cast<unsigned char>(small[idat_at + 3]);
  const size_t fixed = small.size() - idat_len;
  const size_t data_len = size - fixed;
  std::string data = small.substr(idat_at + 8, idat_len) + std::string(data_len - idat_len, '\0');
  const std::string body = "IDAT" + data;
  const uLong crc =
      crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  auto be32 = [](uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  std::string png = small.substr(0, idat_at) + be32(static_cast<uint32_t>(data_len)) + body +
                    be32(static_cast<uint32_t>(crc)) + small.substr(small.size() - 12);
  return png;
}

constexpr size_t kFiveMiB = 5 * 1024 * 1024;

TEST_F(CreateLiveStream, ThumbnailOfExactly5MiBIsAccepted) {
  const std::string png = pngOfSize(kFiveMiB);
  ASSERT_EQ(png.size(), kFiveMiB);
  auto r = createOk({{"title", "Big but fine"}}, {{"thumbnail", "big.png", "image/png", png}});
  ASSERT_EQ(r.status, 201);
  auto image = http().get(r.data()["thumbnailUrl"].get<std::string>());
  EXPECT_EQ(image.body.size(), kFiveMiB);
}

TEST_F(CreateLiveStream, ThumbnailLargerThan5MiBIsRejectedNamingThumbnail) {
  const std::string png = pngOfSize(kFiveMiB + 1);
  ASSERT_EQ(png.size(), kFiveMiB + 1);
  expectRejects({{"title", "Too big"}}, "thumbnail", {{"thumbnail", "big.png", "image/png", png}});
}

TEST_F(CreateLiveStream, ThumbnailAsTextFieldIsRejected) {
  expectRejects({{"title", "Fake image"}, {"thumbnail", "profile-photo.jpg"}}, "thumbnail");
}

TEST_F(CreateLiveStream, PlannedStartInFutureIsScheduled) {
  const std::string planned = isoMillis(std::chrono::system_clock::now() + std::chrono::hours(24));
  auto r = createOk({{"title", "Tomorrow"}, {"plannedStartDate", planned}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.data()["status"], "scheduled");
  EXPECT_EQ(r.data()["plannedStartDate"], planned);
  EXPECT_TRUE(r.data()["startedAt"].is_null());
}

TEST_F(CreateLiveStream, PlannedStartInPastStartsActive) {
  const std::string planned = isoMillis(std::chrono::system_clock::now() - std::chrono::hours(1));
  auto r = createOk({{"title", "Late"}, {"plannedStartDate", planned}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.data()["status"], "active");
  EXPECT_FALSE(r.data()["startedAt"].is_null());
}

TEST_F(CreateLiveStream, BadPlannedStartDateIsRejected) {
  expectRejects({{"title", "When?"}, {"plannedStartDate", "tomorrow evening"}}, "plannedStartDate");
}

TEST_F(CreateLiveStream, ScheduledStreamDoesNotBlockAnActiveOne) {
  const std::string planned = isoMillis(std::chrono::system_clock::now() + std::chrono::hours(2));
  auto scheduled = createOk({{"title", "Later"}, {"plannedStartDate", planned}});
  ASSERT_EQ(scheduled.status, 201);
  auto active = createOk({{"title", "Now"}});
  ASSERT_EQ(active.status, 201);
  EXPECT_EQ(active.data()["status"], "active");
}

TEST_F(CreateLiveStream, DurationGoalPlansTheEnd) {
  auto r = createOk({{"title", "One hour"}, {"durationGoal", "60"}, {"interest", "music"}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.data()["durationGoal"], 60);
  EXPECT_EQ(r.data()["interest"], "music");
  ASSERT_TRUE(r.data()["startedAt"].is_string());
  ASSERT_TRUE(r.data()["plannedEndDate"].is_string());
  auto start = lsm::parseIsoDateTime(r.data()["startedAt"].get<std::string>());
  auto end = lsm::parseIsoDateTime(r.data()["plannedEndDate"].get<std::string>());
  ASSERT_TRUE(start && end);
  EXPECT_EQ(*end - *start, 60 * 60 * 1000);
}

TEST_F(CreateLiveStream, GuestsJsonArrayOfRealUsersAreGuests) {
  const json guests = {ids::kBigStreamCreator, ids::kNotInBigStream};
  auto r = createOk({{"title", "With guests"}, {"guests", guests.dump()}});
  ASSERT_EQ(r.status, 201);
  const json& listed = r.data()["guests"];
  ASSERT_EQ(listed.size(), 2u) << listed.dump();
  EXPECT_EQ(listed[0]["_id"], ids::kBigStreamCreator);
  EXPECT_EQ(listed[1]["_id"], ids::kNotInBigStream);
  EXPECT_EQ(listed[0]["username"], "caglayilmaz");
}

TEST_F(CreateLiveStream, GuestWhoIsNoUserIs404) {
  auto r =
      create(ids::kJohnDoe, {{"title", "Ghost guest"}, {"guests", json{ids::kNoSuchId}.dump()}});
  ASSERT_EQ(r.status, 404) << r.describe();
  expectSpecResponse("createLiveStream", r);
  EXPECT_EQ(r.errors().at(0), "Resource not found");
  EXPECT_TRUE(anyErrorContains(r, "guests")) << r.describe();
}

TEST_F(CreateLiveStream, GuestIdThatIsNoObjectIdIsRejected) {
  // The documented curl call's placeholder "sample".
  expectRejects({{"title", "Sample"}, {"guests", R"(["sample"])"}}, "guests[0]");
}

TEST_F(CreateLiveStream, GuestsThatAreNoJsonArrayAreRejected) {
  expectRejects({{"title", "Guests"}, {"guests", ids::kBigStreamCreator}}, "guests");
}

TEST_F(CreateLiveStream, MoreThanTwentyGuestsAreRejected) {
  json guests = json::array();
  for (const auto& u : fixture("users.json")) {
    if (u["_id"] != ids::kJohnDoe && guests.size() < 21) guests.push_back(u["_id"]);
  }
  ASSERT_EQ(guests.size(), 21u);
  expectRejects({{"title", "Crowd"}, {"guests", guests.dump()}}, "guests");
}

TEST_F(CreateLiveStream, UserWhoMayNotBroadcastIs403) {
  auto r = create(ids::kCannotBroadcast, {{"title", "Not allowed"}});
  ASSERT_EQ(r.status, 403) << r.describe();
  expectSpecResponse("createLiveStream", r);
  EXPECT_EQ(r.errors().at(0), "Insufficient permissions");
}

TEST_F(CreateLiveStream, SecondActiveStreamOfTheSameUserIs409) {
  auto first = createOk({{"title", "First"}});
  ASSERT_EQ(first.status, 201);
  auto second = create(ids::kJohnDoe, {{"title", "Second"}});
  ASSERT_EQ(second.status, 409) << second.describe();
  expectSpecResponse("createLiveStream", second);
  EXPECT_EQ(second.errors().at(0),
            "Resource already exists or cannot be changed in its current state");
}

TEST_F(CreateLiveStream, CreatorOfAFixtureActiveStreamIs409) {
  auto r = create(ids::kBigStreamCreator, {{"title", "Another one"}});
  ASSERT_EQ(r.status, 409) << r.describe();
  expectSpecResponse("createLiveStream", r);
}

TEST_F(CreateLiveStream, EmptyTitleIsRejected) {
  expectRejects({{"title", ""}}, "title");
}

TEST_F(CreateLiveStream, WhitespaceTitleIsRejected) {
  expectRejects({{"title", "  \t  "}}, "title");
}

TEST_F(CreateLiveStream, TitleOf101CharactersIsRejected) {
  expectRejects({{"title", std::string(101, 'a')}}, "title");
}

TEST_F(CreateLiveStream, MissingTitleIsRejected) {
  expectRejects({{"price", "5"}}, "title");
}

TEST_F(CreateLiveStream, TitleOf100TurkishCharactersIsAccepted) {
  // 100 characters, 200 bytes: the limit counts characters.
  std::string title;
  for (int i = 0; i < 100; ++i)
    title += "ç";
  auto r = createOk({{"title", title}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(r.data()["title"], title);
  const std::string channel = r.data()["channelName"];
  EXPECT_LE(channel.size(), 64u) << channel;
  EXPECT_EQ(channel.rfind("ccc", 0), 0u) << channel;
}

TEST_F(CreateLiveStream, UnknownFieldIsRejectedNamingIt) {
  expectRejects({{"title", "Colourful"}, {"colour", "blue"}}, "colour");
}

TEST_F(CreateLiveStream, PriceThatIsNoNumberIsRejected) {
  expectRejects({{"title", "Priceless"}, {"price", "abc"}}, "price");
}

TEST_F(CreateLiveStream, NegativePriceIsRejected) {
  expectRejects({{"title", "Cheap"}, {"price", "-1"}}, "price");
}

TEST_F(CreateLiveStream, UnknownLiveStreamTypeIsRejected) {
  expectRejects({{"title", "Group"}, {"liveStreamType", "group"}}, "liveStreamType");
}

TEST_F(CreateLiveStream, JsonBodyIs415) {
  auto r = http().request("POST", kCreatePath,
                          {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                          json{{"title", "As JSON"}}.dump());
  ASSERT_EQ(r.status, 415) << r.describe();
  expectSpecResponse("createLiveStream", r);  // a transport status: checked as ErrorEnvelope
  EXPECT_TRUE(anyErrorContains(r, "multipart/form-data")) << r.describe();
}

TEST_F(CreateLiveStream, WithoutTokenIs401) {
  auto r = http().multipart(kCreatePath, {}, {{"title", "Anonymous"}});
  ASSERT_EQ(r.status, 401) << r.describe();
  expectSpecResponse("createLiveStream", r);
  EXPECT_EQ(r.errors().at(0), "Authentication required");
}

TEST_F(CreateLiveStream, NewActiveStreamHasAnEmptyAudienceForItsCreator) {
  auto created = createOk({{"title", "Fresh"}});
  ASSERT_EQ(created.status, 201);
  const std::string id = created.data()["id"];
  auto viewers = http().get("/api/v1/live-stream/" + id + "/viewers", {bearer(ids::kJohnDoe)});
  ASSERT_EQ(viewers.status, 200) << viewers.describe();
  expectSpecResponse("listLiveStreamViewers", viewers);
  EXPECT_TRUE(viewers.data()["list"].empty());
  EXPECT_EQ(viewers.data()["participantAudienceTotal"], 0);
}

TEST_F(CreateLiveStream, GuestSeesTheNewStreamsViewers) {
  auto created = createOk({{"title", "Guest view"}, {"guests", json{ids::kNotInBigStream}.dump()}});
  ASSERT_EQ(created.status, 201);
  const std::string id = created.data()["id"];
  auto viewers =
      http().get("/api/v1/live-stream/" + id + "/viewers", {bearer(ids::kNotInBigStream)});
  EXPECT_EQ(viewers.status, 200) << viewers.describe();
}

}  // namespace
}  // namespace lsm_test
