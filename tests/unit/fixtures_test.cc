// Loading the fixtures directory into a State (mock/domain/fixtures).
#include "domain/fixtures.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace lsm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr Millis kHour = 3600 * 1000;

json readJson(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

void writeText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

Millis referenceTime() {
  return *parseIsoDateTime(readJson("fixtures/meta.json")["referenceTime"].get<std::string>());
}

TEST(Fixtures, BundledFixturesLoad) {
  auto s = loadFixtures("fixtures", systemNowMillis());
  ASSERT_TRUE(s.ok()) << s.error().details.at(0);
}

TEST(Fixtures, CountsMatchTheFiles) {
  auto loaded = loadFixtures("fixtures", referenceTime());
  ASSERT_TRUE(loaded.ok()) << loaded.error().details.at(0);
  const State& s = *loaded;
  EXPECT_EQ(s.users.size(), readJson("fixtures/users.json").size());
  EXPECT_EQ(s.user_order.size(), s.users.size());
  EXPECT_EQ(s.streams.size(), readJson("fixtures/streams.json").size());
  size_t messages = 0;
  for (const auto& [_, list] : s.chat)
    messages += list.size();
  EXPECT_EQ(messages, readJson("fixtures/chat-messages.json").size());
  EXPECT_EQ(s.follows.size(), readJson("fixtures/follows.json").size());
  EXPECT_EQ(s.gift_types.size(), readJson("fixtures/gift-types.json").size());
  EXPECT_EQ(s.gifts.size(), readJson("fixtures/gifts.json").size());
  EXPECT_EQ(s.rentals.size(), readJson("fixtures/replay-rentals.json").size());
  EXPECT_EQ(s.reminders.size(), readJson("fixtures/reminders.json").size());
  EXPECT_EQ(s.contacts.size(), readJson("fixtures/contacts.json").size());
  EXPECT_EQ(s.consents.size(), readJson("fixtures/consents.json").size());
  // The bundled set as shipped (API-BRIEF: 40 users, 14 streams).
  EXPECT_GE(s.users.size(), 40u);
  EXPECT_GE(s.streams.size(), 14u);
}

TEST(Fixtures, UserOrderFollowsTheFile) {
  auto s = loadFixtures("fixtures", referenceTime());
  ASSERT_TRUE(s.ok());
  const json users = readJson("fixtures/users.json");
  for (size_t i = 0; i < users.size(); ++i) {
    EXPECT_EQ(s->user_order[i], users[i]["_id"]) << i;
  }
  const User* john = s->user("64d15f9e2e6c8f4d5a123456");
  ASSERT_NE(john, nullptr);
  EXPECT_EQ(john->username, "johndoe");
  EXPECT_TRUE(john->can_broadcast);
  EXPECT_TRUE(john->profile_photo.is_object());
}

TEST(Fixtures, ChatIsSortedOldestFirstPerStream) {
  auto s = loadFixtures("fixtures", referenceTime());
  ASSERT_TRUE(s.ok());
  for (const auto& [stream, list] : s->chat) {
    for (size_t i = 1; i < list.size(); ++i) {
      EXPECT_LE(list[i - 1].created_at, list[i].created_at) << stream;
    }
    for (const auto& m : list)
      EXPECT_EQ(m.stream_id, stream);
  }
}

TEST(Fixtures, BundledUploadsAreSniffedImages) {
  auto s = loadFixtures("fixtures", referenceTime());
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->uploads.count("default-thumbnail.png"), 1u);
  EXPECT_EQ(s->uploads.at("default-thumbnail.png").content_type, "image/png");
  EXPECT_FALSE(s->uploads.at("default-thumbnail.png").bytes.empty());
}

TEST(Fixtures, LoadedAtTheReferenceTimeTimestampsAreAsWritten) {
  auto s = loadFixtures("fixtures", referenceTime());
  ASSERT_TRUE(s.ok());
  for (const json& j : readJson("fixtures/streams.json")) {
    const Stream& st = s->streams.at(j["id"]);
    EXPECT_EQ(formatIsoMillis(st.created_at), j["createdAt"]) << st.id;
    if (!j["startedAt"].is_null()) {
      EXPECT_EQ(formatIsoMillis(*st.started_at), j["startedAt"]);
    }
  }
}

TEST(Fixtures, TimestampsAreShiftedByNowMinusReferenceTime) {
  const Millis ref = referenceTime();
  const Millis now = ref + 123 * 24 * kHour + 4567;
  auto s = loadFixtures("fixtures", now);
  ASSERT_TRUE(s.ok());
  const Millis shift = now - ref;
  for (const json& j : readJson("fixtures/streams.json")) {
    const Stream& st = s->streams.at(j["id"]);
    EXPECT_EQ(st.created_at, *parseIsoDateTime(j["createdAt"].get<std::string>()) + shift);
    EXPECT_EQ(st.updated_at, *parseIsoDateTime(j["updatedAt"].get<std::string>()) + shift);
    if (!j["plannedStartDate"].is_null()) {
      EXPECT_EQ(st.planned_start_date,
                *parseIsoDateTime(j["plannedStartDate"].get<std::string>()) + shift);
    }
    for (size_t k = 0; k < st.audience.size(); ++k) {
      EXPECT_EQ(st.audience[k].joined_at,
                *parseIsoDateTime(j["audience"][k]["joinedAt"].get<std::string>()) + shift);
    }
  }
  for (const json& r : readJson("fixtures/replay-rentals.json")) {
    bool found = false;
    for (const auto& rental : s->rentals) {
      if (rental.id != r["_id"]) continue;
      found = true;
      EXPECT_EQ(rental.expires_at, *parseIsoDateTime(r["expiresAt"].get<std::string>()) + shift);
    }
    EXPECT_TRUE(found) << r["_id"];
  }
}

TEST(Fixtures, ActiveStreamsStartedWithinTwoHoursBeforeNow) {
  const Millis now = systemNowMillis();
  auto s = loadFixtures("fixtures", now);
  ASSERT_TRUE(s.ok());
  int active = 0;
  for (const auto& [id, st] : s->streams) {
    if (st.status != StreamStatus::kActive) continue;
    ++active;
    ASSERT_TRUE(st.started_at.has_value()) << id;
    EXPECT_LT(*st.started_at, now) << id;
    EXPECT_LE(now - *st.started_at, 2 * kHour) << id;
    EXPECT_FALSE(st.ended_at.has_value()) << id;
  }
  EXPECT_GT(active, 0);
}

TEST(Fixtures, ScheduledStreamsLieInTheFutureAndEndedOnesInThePast) {
  const Millis now = systemNowMillis();
  auto s = loadFixtures("fixtures", now);
  ASSERT_TRUE(s.ok());
  for (const auto& [id, st] : s->streams) {
    if (st.status == StreamStatus::kScheduled) {
      ASSERT_TRUE(st.planned_start_date.has_value()) << id;
      EXPECT_GT(*st.planned_start_date, now) << id;
      EXPECT_FALSE(st.started_at.has_value()) << id;
    }
    if (st.status == StreamStatus::kEnded) {
      ASSERT_TRUE(st.ended_at.has_value()) << id;
      EXPECT_LT(*st.ended_at, now) << id;
    }
  }
}

TEST(Fixtures, ContactAndConsentTimestampsAreShiftedToo) {
  const Millis ref = referenceTime();
  auto at_ref = loadFixtures("fixtures", ref);
  auto later = loadFixtures("fixtures", ref + 24 * kHour);
  ASSERT_TRUE(at_ref.ok());
  ASSERT_TRUE(later.ok());
  ASSERT_FALSE(at_ref->consents.empty());
  bool compared = false;
  for (const auto& [key, value] : at_ref->consents[0].items()) {
    if (key.size() > 2 && key.compare(key.size() - 2, 2, "At") == 0 && value.is_string()) {
      EXPECT_EQ(*parseIsoDateTime(later->consents[0][key].get<std::string>()),
                *parseIsoDateTime(value.get<std::string>()) + 24 * kHour)
          << key;
      compared = true;
    }
  }
  EXPECT_TRUE(compared);
}

// ---- broken fixture directories ------------------------------------------------------------

// A copy of fixtures/ under /tmp, removed afterwards; each test breaks one thing in it.
class BrokenFixtures : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path("/tmp") / ("lsm-fixtures-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::copy("fixtures", dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path file(const std::string& name) const { return dir_ / name; }

  void edit(const std::string& name, const std::function<void(json&)>& change) {
    json doc = readJson(file(name));
    change(doc);
    writeText(file(name), doc.dump(2));
  }

  // The load error, asserting there is one.
  std::string loadError() {
    auto s = loadFixtures(dir_.string(), referenceTime());
    EXPECT_FALSE(s.ok()) << "the broken fixtures loaded";
    if (s.ok()) return "";
    EXPECT_EQ(s.error().kind, ErrorKind::kInternal);
    return s.error().details.at(0);
  }

  std::string dir() const { return dir_.string(); }

 private:
  fs::path dir_;
};

TEST_F(BrokenFixtures, UnchangedCopyLoads) {
  auto s = loadFixtures(dir(), referenceTime());
  EXPECT_TRUE(s.ok()) << s.error().details.at(0);
}

TEST_F(BrokenFixtures, WrongTypeNamesTheFileAndJsonPath) {
  edit("users.json", [](json& d) { d[3]["credits"] = "lots"; });
  EXPECT_EQ(loadError(), dir() + "/users.json at $[3].credits: must be an integer");
}

TEST_F(BrokenFixtures, MissingFieldNamesTheFileAndJsonPath) {
  edit("streams.json", [](json& d) { d[2].erase("title"); });
  EXPECT_EQ(loadError(), dir() + "/streams.json at $[2].title: is required");
}

TEST_F(BrokenFixtures, UnknownFieldNamesTheFileAndJsonPath) {
  edit("users.json", [](json& d) { d[0]["nickname"] = "jd"; });
  EXPECT_EQ(loadError(), dir() + "/users.json at $[0].nickname: is not an allowed field");
}

TEST_F(BrokenFixtures, MalformedTimestampNamesTheFileAndJsonPath) {
  edit("streams.json", [](json& d) { d[1]["createdAt"] = "2026-01-15 10:30"; });
  const std::string e = loadError();
  EXPECT_EQ(e.rfind(dir() + "/streams.json at $[1].createdAt: ", 0), 0u) << e;
}

TEST_F(BrokenFixtures, ImpossibleDateNamesTheFileAndJsonPath) {
  edit("streams.json", [](json& d) { d[1]["createdAt"] = "2026-02-30T00:00:00.000Z"; });
  const std::string e = loadError();
  EXPECT_EQ(e.rfind(dir() + "/streams.json at $[1].createdAt: ", 0), 0u) << e;
}

TEST_F(BrokenFixtures, CreatorThatIsNoUserIsABadReference) {
  std::string missing = "0123456789abcdef01234567";
  edit("streams.json", [&](json& d) { d[0]["creatorId"] = missing; });
  EXPECT_EQ(loadError(),
            dir() + "/streams.json at $[0].creatorId: user " + missing + " does not exist");
}

TEST_F(BrokenFixtures, GuestThatIsNoUserIsABadReferenceWithItsIndex) {
  std::string missing = "0123456789abcdef01234567";
  edit("streams.json", [&](json& d) {
    d[4]["guestIds"] = json::array({d[0]["creatorId"], missing});
  });
  EXPECT_EQ(loadError(),
            dir() + "/streams.json at $[4].guestIds[1]: user " + missing + " does not exist");
}

TEST_F(BrokenFixtures, ChatMessageOfAMissingStreamIsABadReference) {
  std::string missing = "0123456789abcdef01234567";
  edit("chat-messages.json", [&](json& d) { d[5]["streamId"] = missing; });
  EXPECT_EQ(loadError(),
            dir() + "/chat-messages.json at $[5].streamId: stream " + missing + " does not exist");
}

TEST_F(BrokenFixtures, FollowOfAMissingUserIsABadReference) {
  std::string missing = "0123456789abcdef01234567";
  edit("follows.json", [&](json& d) { d[0]["followeeId"] = missing; });
  EXPECT_EQ(loadError(),
            dir() + "/follows.json at $[0].followeeId: user " + missing + " does not exist");
}

TEST_F(BrokenFixtures, DuplicateUserIdIsNamed) {
  edit("users.json", [](json& d) { d[2]["_id"] = d[1]["_id"]; });
  const std::string e = loadError();
  EXPECT_EQ(e.rfind(dir() + "/users.json at $[2]._id: duplicate id ", 0), 0u) << e;
}

TEST_F(BrokenFixtures, InvalidJsonNamesTheFileAndByte) {
  writeText(file("gifts.json"), "[{\"_id\": ");
  const std::string e = loadError();
  EXPECT_EQ(e.rfind(dir() + "/gifts.json: is not valid JSON (at byte ", 0), 0u) << e;
}

TEST_F(BrokenFixtures, MissingFileIsNamed) {
  fs::remove(file("reminders.json"));
  EXPECT_EQ(loadError(), dir() + "/reminders.json: cannot be read");
}

TEST_F(BrokenFixtures, MissingMetaIsNamed) {
  fs::remove(file("meta.json"));
  EXPECT_EQ(loadError(), dir() + "/meta.json: cannot be read");
}

TEST_F(BrokenFixtures, UploadThatIsNoImageIsNamed) {
  writeText(file("uploads/notes.png"), "just text");
  EXPECT_EQ(loadError(), dir() + "/uploads/notes.png: not a PNG, JPEG or WebP image");
}

TEST_F(BrokenFixtures, MissingUploadsDirectoryIsFine) {
  fs::remove_all(file("uploads"));
  auto s = loadFixtures(dir(), referenceTime());
  ASSERT_TRUE(s.ok()) << s.error().details.at(0);
  EXPECT_TRUE(s->uploads.empty());
}

TEST(Fixtures, MissingDirectoryIsAnError) {
  auto s = loadFixtures("/nonexistent/lsm-fixtures", 0);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at(0), "/nonexistent/lsm-fixtures/meta.json: cannot be read");
}

}  // namespace
}  // namespace lsm
