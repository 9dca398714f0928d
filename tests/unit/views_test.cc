// How records look through the API for a given caller (mock/domain/views), on the bundled
// fixtures, checked against the spec's schemas.
#include "domain/views.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "domain/fixtures.h"
#include "spec/spec.h"

namespace lsm {
namespace {

using nlohmann::json;

constexpr Millis kNow = 1795176000000;  // 2026-11-20T12:00:00.000Z, the fixtures' reference time
constexpr Millis kHour = 3600 * 1000;

constexpr char kCagla[] = "672ad1115f3a9c1e7b1a2b02";
constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";
constexpr char kLiam[] = "6617ff595f3a9c1e7b1a2b39";
constexpr char kEmily[] = "65639ca75f3a9c1e7b1a2b0c";
constexpr char kMichael[] = "69f87dea5f3a9c1e7b1a2b0e";
constexpr char kNoah[] = "6539b55f5f3a9c1e7b1a2b43";
constexpr char kAcoustic[] = "64d15f9e2e6c8f4d5a123000";  // active, by Çağla, goal 1000, 420 in
constexpr char kKitchen[] = "6af93c505f3a9c1e7b1a2b4d";   // active, paid, guests + broadcasters
constexpr char kKitchenHost[] = "66407cfc5f3a9c1e7b1a2b04";
constexpr char kKitchenGuest[] = "652b1b975f3a9c1e7b1a2b14";
constexpr char kKitchenBroadcaster[] = "69c311dc5f3a9c1e7b1a2b10";  // also a guest
constexpr char kGuitar[] = "6af048205f3a9c1e7b1a2b57";     // ended, recorded, replay 20, by Çağla
constexpr char kPortfolio[] = "6af6edb05f3a9c1e7b1a2b55";  // ended, recorded, goal 500 = 500 in
constexpr char kRetro[] = "6afe65405f3a9c1e7b1a2b58";      // ended, not recorded

const Spec& spec() {
  static const std::shared_ptr<const Spec> s = Spec::embedded().value();
  return *s;
}

// Violations of `value` against a component schema of the spec, as one string.
std::string conformance(const json& value, const std::string& component) {
  static std::map<std::string, Schema> compiled;
  if (!compiled.count(component)) {
    auto schema = spec().compile({{"$ref", "#/components/schemas/" + component}}, "test");
    if (!schema) return "cannot compile " + component + ": " + schema.error().details.at(0);
    compiled[component] = *schema;
  }
  std::vector<Violation> violations;
  compiled[component].validate(value, &violations);
  std::string out;
  for (const auto& v : violations)
    out += v.toString(component) + "; ";
  return out;
}

class Views : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = loadFixtures("fixtures", kNow);
    ASSERT_TRUE(loaded.ok()) << loaded.error().details.at(0);
    s = std::move(loaded).value();
  }
  const Stream& stream(const char* id) const { return s.streams.at(id); }
  json access(const char* stream_id, const std::string& caller, Millis now = kNow) const {
    return replayAccessView(s, stream(stream_id), caller, now);
  }
  State s;
};

// ---- role ----------------------------------------------------------------------------------

TEST_F(Views, RoleIsTheCallersRelationToTheStream) {
  const Stream& st = stream(kKitchen);
  EXPECT_EQ(roleOf(st, kKitchenHost), "host");
  EXPECT_EQ(roleOf(st, kKitchenBroadcaster), "broadcaster");  // wins over guest
  EXPECT_EQ(roleOf(st, kKitchenGuest), "guest");
  EXPECT_EQ(roleOf(st, kJohn), "audience");
  EXPECT_EQ(roleOf(st, kMichael), "");
  EXPECT_EQ(roleOf(st, ""), "");
}

TEST_F(Views, LiveStreamViewCarriesTheRoleOrNull) {
  EXPECT_EQ(liveStreamView(s, stream(kKitchen), kKitchenHost, kNow)["role"], "host");
  EXPECT_EQ(liveStreamView(s, stream(kKitchen), kKitchenGuest, kNow)["role"], "guest");
  EXPECT_EQ(liveStreamView(s, stream(kKitchen), kJohn, kNow)["role"], "audience");
  EXPECT_TRUE(liveStreamView(s, stream(kKitchen), kMichael, kNow)["role"].is_null());
}

// ---- replayAccess --------------------------------------------------------------------------

TEST_F(Views, ReplayAccessForTheOwnerIsOwner) {
  const json a = access(kGuitar, kCagla);
  EXPECT_EQ(a["status"], "owner");
  EXPECT_EQ(a["canViewRecording"], true);
  EXPECT_EQ(a["canRent"], false);
  EXPECT_EQ(a["price"], 20);
  EXPECT_TRUE(a["rentedAt"].is_null());
}

TEST_F(Views, OwnerWithoutARecordingUrlCannotViewIt) {
  const json a = access(kAcoustic, kCagla);
  EXPECT_EQ(a["status"], "owner");
  EXPECT_EQ(a["canViewRecording"], false);
}

TEST_F(Views, ReplayAccessWithALiveRentalIsRented) {
  // Liam rented the guitar replay at 2026-11-19T05:55:00.773Z until 2026-11-21T05:55:00.773Z.
  const json a = access(kGuitar, kLiam);
  EXPECT_EQ(a["status"], "rented");
  EXPECT_EQ(a["canViewRecording"], true);
  EXPECT_EQ(a["canRent"], false);
  EXPECT_EQ(a["rentedAt"], "2026-11-19T05:55:00.773Z");
  EXPECT_EQ(a["expiresAt"], "2026-11-21T05:55:00.773Z");
  EXPECT_EQ(a["remainingSeconds"], 17 * 3600 + 55 * 60);  // 64500.773 s, whole seconds
}

TEST_F(Views, ReplayAccessWithAnExpiredRentalIsExpiredAndRentable) {
  // John's rental of the guitar replay ran out on 2026-11-16.
  const json a = access(kGuitar, kJohn);
  EXPECT_EQ(a["status"], "expired");
  EXPECT_EQ(a["canRent"], true);
  EXPECT_EQ(a["canViewRecording"], false);
  EXPECT_EQ(a["rentedAt"], "2026-11-14T07:48:00.334Z");
  EXPECT_EQ(a["expiresAt"], "2026-11-16T07:48:00.334Z");
  EXPECT_EQ(a["remainingSeconds"], 0);
}

TEST_F(Views, RentalExpiresExactlyAtExpiresAt) {
  const Millis expires = *parseIsoDateTime("2026-11-21T05:55:00.773Z");
  EXPECT_EQ(access(kGuitar, kLiam, expires - 1)["status"], "rented");
  EXPECT_EQ(access(kGuitar, kLiam, expires)["status"], "expired");
  EXPECT_EQ(access(kGuitar, kLiam, expires + 48 * kHour)["status"], "expired");
}

TEST_F(Views, ReplayAccessWithoutARentalIsAvailable) {
  const json a = access(kGuitar, kEmily);
  EXPECT_EQ(a["status"], "available");
  EXPECT_EQ(a["canRent"], true);
  EXPECT_EQ(a["canViewRecording"], false);
  EXPECT_EQ(a["price"], 20);
  EXPECT_TRUE(a["rentedAt"].is_null());
  EXPECT_TRUE(a["expiresAt"].is_null());
  EXPECT_TRUE(a["remainingSeconds"].is_null());
}

TEST_F(Views, ReplayOfAStreamThatCannotBeReplayedIsUnavailable) {
  for (const char* id : {kAcoustic, kRetro}) {  // active; ended without recording
    const json a = access(id, kJohn);
    EXPECT_EQ(a["status"], "unavailable") << id;
    EXPECT_EQ(a["canRent"], false) << id;
    EXPECT_EQ(a["canViewRecording"], false) << id;
  }
  EXPECT_TRUE(access(kAcoustic, kJohn)["price"].is_null());
}

TEST_F(Views, RentalOnAnotherStreamDoesNotCount) {
  // Emily rented the portfolio replay, not the guitar one.
  EXPECT_EQ(access(kPortfolio, kEmily)["status"], "rented");
  EXPECT_EQ(access(kGuitar, kEmily)["status"], "available");
}

TEST_F(Views, LatestRentalDecides) {
  ReplayRental fresh;
  fresh.id = "6b00ffff5f3a9c1e7b1a2c99";
  fresh.stream_id = kGuitar;
  fresh.user_id = kJohn;
  fresh.price = 20;
  fresh.rented_at = kNow - kHour;
  fresh.expires_at = kNow + 47 * kHour;
  s.rentals.push_back(fresh);
  const json a = access(kGuitar, kJohn);
  EXPECT_EQ(a["status"], "rented");
  EXPECT_EQ(a["remainingSeconds"], 47 * 3600);
}

// ---- funding, access type ------------------------------------------------------------------

TEST_F(Views, FundingPercentageIsCollectedOverGoal) {
  EXPECT_DOUBLE_EQ(
      liveStreamView(s, stream(kAcoustic), kJohn, kNow)["fundingPercentage"].get<double>(), 42.0);
  EXPECT_DOUBLE_EQ(
      liveStreamView(s, stream(kPortfolio), kJohn, kNow)["fundingPercentage"].get<double>(), 100.0);
}

TEST_F(Views, FundingPercentageWithoutAGoalIsZero) {
  const json v = liveStreamView(s, stream(kRetro), kJohn, kNow);
  EXPECT_TRUE(v["fundingGoal"].is_null());
  EXPECT_DOUBLE_EQ(v["fundingPercentage"].get<double>(), 0.0);
}

TEST_F(Views, PriceMakesAStreamPaid) {
  EXPECT_EQ(liveStreamView(s, stream(kKitchen), kJohn, kNow)["accessType"], "paid");
  EXPECT_EQ(liveStreamView(s, stream(kAcoustic), kJohn, kNow)["accessType"], "free");
  EXPECT_TRUE(liveStreamView(s, stream(kAcoustic), kJohn, kNow)["price"].is_null());
}

TEST_F(Views, LiveStreamViewEmbedsPeopleAsSnapshots) {
  const json v = liveStreamView(s, stream(kKitchen), kJohn, kNow);
  EXPECT_EQ(v["id"], kKitchen);
  EXPECT_EQ(v["creator"]["_id"], kKitchenHost);
  EXPECT_EQ(v["guests"].size(), stream(kKitchen).guest_ids.size());
  EXPECT_EQ(v["broadcasters"].size(), stream(kKitchen).broadcaster_ids.size());
  EXPECT_FALSE(v["creator"].contains("credits"));
  EXPECT_FALSE(v["creator"].contains("email"));
}

TEST_F(Views, TimesAreIsoWithMillisecondsOrNull) {
  const json v = liveStreamView(s, stream(kAcoustic), kJohn, kNow);
  EXPECT_EQ(v["startedAt"], formatIsoMillis(*stream(kAcoustic).started_at));
  EXPECT_EQ(v["startedAt"], "2026-11-20T11:15:00.000Z");
  EXPECT_TRUE(v["endedAt"].is_null());
}

// ---- viewers, chat, pagination -------------------------------------------------------------

TEST_F(Views, ViewerIsFollowingIsRelativeToTheCaller) {
  const User& john = *s.user(kJohn);
  const User& noah = *s.user(kNoah);
  const User& emily = *s.user(kEmily);
  EXPECT_EQ(viewerView(s, john, kNow, kCagla)["isFollowing"], true);  // Çağla follows John
  EXPECT_EQ(viewerView(s, noah, kNow, kCagla)["isFollowing"], true);
  EXPECT_EQ(viewerView(s, emily, kNow, kCagla)["isFollowing"], false);
  EXPECT_EQ(viewerView(s, john, kNow, kCagla)["joinedAt"], formatIsoMillis(kNow));
  EXPECT_EQ(viewerView(s, john, kNow, kCagla)["expertise"], "designer");
}

TEST_F(Views, ChatMessageViewHasTheSenderSnapshot) {
  const ChatMessage& m = s.chat.at(kAcoustic).front();
  const json v = chatMessageView(s, m);
  EXPECT_EQ(v["_id"], m.id);
  EXPECT_EQ(v["streamId"], kAcoustic);
  EXPECT_EQ(v["sender"]["_id"], m.sender_id);
  EXPECT_EQ(v["createdAt"], v["updatedAt"]);
}

TEST(Pagination, NumbersFollowPageLimitAndTotal) {
  EXPECT_EQ(paginationView(2, 10, 45), json({{"currentPage", 2},
                                             {"totalPages", 5},
                                             {"totalItems", 45},
                                             {"itemsPerPage", 10},
                                             {"hasNextPage", true},
                                             {"hasPrevPage", true}}));
  const json last = paginationView(5, 10, 45);
  EXPECT_EQ(last["hasNextPage"], false);
  EXPECT_EQ(last["hasPrevPage"], true);
  const json exact = paginationView(1, 20, 40);
  EXPECT_EQ(exact["totalPages"], 2);
  EXPECT_EQ(exact["hasNextPage"], true);
  EXPECT_EQ(exact["hasPrevPage"], false);
}

TEST(Pagination, EmptyListHasNoPages) {
  const json p = paginationView(1, 20, 0);
  EXPECT_EQ(p["totalPages"], 0);
  EXPECT_EQ(p["hasNextPage"], false);
  EXPECT_EQ(p["hasPrevPage"], false);
}

TEST(Pagination, PagePastTheEndHasAPreviousButNoNextPage) {
  const json p = paginationView(9, 10, 45);
  EXPECT_EQ(p["hasNextPage"], false);
  EXPECT_EQ(p["hasPrevPage"], true);
}

// ---- every view conforms to the spec -------------------------------------------------------

TEST_F(Views, EveryStreamViewConformsToTheLiveStreamSchemaForEveryKindOfCaller) {
  for (const auto& [id, st] : s.streams) {
    std::vector<std::string> callers = {st.creator_id, kJohn, kLiam, kMichael, ""};
    callers.insert(callers.end(), st.guest_ids.begin(), st.guest_ids.end());
    for (const auto& caller : callers) {
      EXPECT_EQ(conformance(liveStreamView(s, st, caller, kNow), "LiveStream"), "")
          << id << " as " << caller;
      EXPECT_EQ(conformance(replayAccessView(s, st, caller, kNow), "ReplayAccess"), "")
          << id << " as " << caller;
    }
  }
}

TEST_F(Views, EveryViewerViewConformsToTheViewerSchema) {
  for (const auto& [id, st] : s.streams) {
    for (const auto& a : st.audience) {
      EXPECT_EQ(
          conformance(viewerView(s, *s.user(a.user_id), a.joined_at, st.creator_id), "Viewer"), "")
          << a.user_id;
    }
  }
}

TEST_F(Views, EveryChatMessageViewConformsToTheChatMessageSchema) {
  for (const auto& [stream, list] : s.chat) {
    for (const auto& m : list) {
      EXPECT_EQ(conformance(chatMessageView(s, m), "ChatMessage"), "") << m.id;
    }
  }
}

TEST_F(Views, EveryUserSnapshotConformsToTheUserSnapshotSchema) {
  for (const auto& id : s.user_order) {
    EXPECT_EQ(conformance(userSnapshot(*s.user(id)), "UserSnapshot"), "") << id;
  }
}

TEST(Pagination, ConformsToThePaginationSchema) {
  for (auto [page, limit, total] :
       {std::tuple<int64_t, int64_t, int64_t>{1, 20, 0}, {2, 10, 45}, {9, 100, 3}}) {
    EXPECT_EQ(conformance(paginationView(page, limit, total), "Pagination"), "");
  }
}

}  // namespace
}  // namespace lsm
