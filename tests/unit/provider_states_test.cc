// The provider-state catalogue (spec/provider_states.h) and the states on the mock's state
// (domain/provider_states.h, and the actions they use in mock_actions.h and replay_rentals.h).
#include "domain/provider_states.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "domain/fixtures.h"
#include "domain/mock_actions.h"
#include "domain/replay_rentals.h"
#include "domain/views.h"
#include "spec/provider_states.h"
#include "spec/spec.h"

namespace lsm {
namespace {

using nlohmann::json;

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";
constexpr char kCagla[] = "672ad1115f3a9c1e7b1a2b02";   // hosts kActive; John follows her
constexpr char kSukru[] = "66407cfc5f3a9c1e7b1a2b04";   // not in kActive's audience
constexpr char kZeynep[] = "6a9b67445f3a9c1e7b1a2b20";  // may not broadcast
constexpr char kEmily[] = "65639ca75f3a9c1e7b1a2b0c";   // rents kJohnsEnded until 11-22
constexpr char kActive[] = "64d15f9e2e6c8f4d5a123000";
constexpr char kJohnsEnded[] = "6af6edb05f3a9c1e7b1a2b55";
constexpr char kScheduled[] = "6afeac805f3a9c1e7b1a2b51";
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";
constexpr char kNoSuchId[] = "0123456789abcdef01234567";

const Millis kNow = *parseIsoDateTime("2026-11-20T12:00:00.000Z");

State fixtures() {
  auto s = loadFixtures("fixtures", kNow);
  if (!s) ADD_FAILURE() << "fixtures do not load";
  return std::move(s).value();
}

const ProviderStateCatalogue& catalogue() {
  static const auto loaded = ProviderStateCatalogue::embedded();
  if (!loaded) ADD_FAILURE() << loaded.error().details.at(0);
  return **loaded;
}

std::vector<std::string> messagesOf(const Status& st) {
  return st.ok() ? std::vector<std::string>{} : st.error().details;
}

bool hasMessageStartingWith(const Status& st, const std::string& prefix) {
  for (const auto& m : messagesOf(st)) {
    if (m.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

Result<ProviderStateOutcome> setup(State& s, const std::string& name, const json& params) {
  return applyProviderState(s, name, ProviderStateAction::kSetup, params, kNow);
}
Result<ProviderStateOutcome> teardown(State& s, const std::string& name, const json& params) {
  return applyProviderState(s, name, ProviderStateAction::kTeardown, params, kNow);
}

template <typename T>
ErrorKind kindOf(const Result<T>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? ErrorKind::kInternal : r.error().kind;
}

// ---- the catalogue ---------------------------------------------------------------------------

TEST(ProviderStateCatalogue, EmbeddedFileIsTheRepositorysFile) {
  std::ifstream in("schemas/provider-states.json");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(embeddedProviderStatesJson(), text.str());
  EXPECT_EQ(catalogue().states(), json::parse(text.str())["states"]);
}

TEST(ProviderStateCatalogue, EveryStateIsImplementedAndNothingElse) {
  EXPECT_EQ(catalogue().names(), implementedProviderStates());
}

TEST(ProviderStateCatalogue, ValidRequestPasses) {
  const json request = {{"state", "user watches stream"},
                        {"action", "setup"},
                        {"params", {{"userId", kJohn}, {"streamId", kActive}}}};
  EXPECT_TRUE(catalogue().check(request).ok()) << messagesOf(catalogue().check(request)).at(0);
}

TEST(ProviderStateCatalogue, UnknownStateIs400NamingState) {
  const auto st = catalogue().check({{"state", "user is happy"}, {"action", "setup"}});
  EXPECT_EQ(kindOf(st), ErrorKind::kInvalidArgument);
  EXPECT_TRUE(hasMessageStartingWith(st, "state: no provider state \"user is happy\"")) << st.ok();
}

TEST(ProviderStateCatalogue, MissingOrUnknownActionIs400NamingAction) {
  const json params = {{"userId", kJohn}};
  const auto missing = catalogue().check({{"state", "user may not broadcast"}, {"params", params}});
  EXPECT_TRUE(hasMessageStartingWith(missing, "action: is required"));
  const auto unknown = catalogue().check(
      {{"state", "user may not broadcast"}, {"action", "undo"}, {"params", params}});
  EXPECT_TRUE(hasMessageStartingWith(unknown, "action: must be one of"));
}

TEST(ProviderStateCatalogue, BadParamsAre400NamingEachParam) {
  const auto st =
      catalogue().check({{"state", "user has credits"},
                         {"action", "setup"},
                         {"params", {{"userId", "not-an-id"}, {"credits", -1}, {"extra", true}}}});
  EXPECT_EQ(kindOf(st), ErrorKind::kInvalidArgument);
  EXPECT_TRUE(hasMessageStartingWith(st, "params.userId: "));
  EXPECT_TRUE(hasMessageStartingWith(st, "params.credits: "));
  EXPECT_TRUE(hasMessageStartingWith(st, "params.extra: "));
}

TEST(ProviderStateCatalogue, AbsentParamsMissTheirRequiredOnes) {
  const auto st =
      catalogue().check({{"state", "scheduled stream has started"}, {"action", "setup"}});
  EXPECT_TRUE(hasMessageStartingWith(st, "params.streamId: is required"));
}

TEST(ProviderStateCatalogue, ParamsThatAreNotAnObjectAre400NamingParams) {
  const auto st = catalogue().check(
      {{"state", "scheduled stream has started"}, {"action", "setup"}, {"params", "x"}});
  EXPECT_TRUE(hasMessageStartingWith(st, "params: "));
}

TEST(ProviderStateCatalogue, StateWithoutParamsSchemaStopsTheLoad) {
  auto loaded = ProviderStateCatalogue::fromJson({{"states", {{{"name", "a"}}}}});
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().details.at(0).find("'a'"), std::string::npos);
}

TEST(ProviderStateCatalogue, StateNamedTwiceStopsTheLoad) {
  const json state = {{"name", "a"}, {"description", ""}, {"params", {{"type", "object"}}}};
  EXPECT_FALSE(ProviderStateCatalogue::fromJson({{"states", {state, state}}}).ok());
}

// The README's table of provider states names exactly the catalogue's states.
TEST(ProviderStateCatalogue, ReadmeTableNamesExactlyTheCatalogue) {
  std::ifstream in("README.md");
  ASSERT_TRUE(in) << "README.md not found (run from the repository root)";
  std::string line;
  bool in_table = false;
  std::vector<std::string> names;
  const std::regex row(R"(^\| `([^`]+)` \|)");
  while (std::getline(in, line)) {
    if (line.rfind("| provider state |", 0) == 0) {
      in_table = true;
      continue;
    }
    if (!in_table) continue;
    if (line.rfind("|", 0) != 0) break;
    std::smatch m;
    if (std::regex_search(line, m, row)) names.push_back(m[1]);
  }
  EXPECT_EQ(names, catalogue().names());
}

// ---- the actions ------------------------------------------------------------------------------

TEST(SetFollowing, FollowingAddsTheFollowAndMovesBothCounts) {
  State s = fixtures();
  ASSERT_FALSE(s.follows_user(kSukru, kZeynep));
  const int64_t following = s.user(kSukru)->following_count;
  const int64_t followers = s.user(kZeynep)->followers_count;
  auto done = setFollowing(s, kSukru, kZeynep, true);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(*done);
  EXPECT_TRUE(s.follows_user(kSukru, kZeynep));
  EXPECT_EQ(s.user(kSukru)->following_count, following + 1);
  EXPECT_EQ(s.user(kZeynep)->followers_count, followers + 1);

  auto again = setFollowing(s, kSukru, kZeynep, true);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(s.user(kZeynep)->followers_count, followers + 1);
}

TEST(SetFollowing, UnfollowingRemovesTheFollow) {
  State s = fixtures();
  ASSERT_TRUE(s.follows_user(kJohn, kCagla));
  const int64_t followers = s.user(kCagla)->followers_count;
  auto done = setFollowing(s, kJohn, kCagla, false);
  ASSERT_TRUE(done.ok());
  EXPECT_TRUE(*done);
  EXPECT_FALSE(s.follows_user(kJohn, kCagla));
  EXPECT_EQ(s.user(kCagla)->followers_count, followers - 1);
}

TEST(SetFollowing, FollowingYourselfIs409AndUnknownUsersAre404) {
  State s = fixtures();
  EXPECT_EQ(kindOf(setFollowing(s, kJohn, kJohn, true)), ErrorKind::kConflict);
  EXPECT_EQ(kindOf(setFollowing(s, kNoSuchId, kJohn, true)), ErrorKind::kNotFound);
  EXPECT_EQ(kindOf(setFollowing(s, kJohn, kNoSuchId, false)), ErrorKind::kNotFound);
}

TEST(Broadcasting, RevokeRemembersTheValueAndRestoreGivesItBack) {
  State s = fixtures();
  ASSERT_TRUE(s.user(kJohn)->can_broadcast);
  auto before = revokeBroadcasting(s, kJohn);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(*before);
  EXPECT_FALSE(s.user(kJohn)->can_broadcast);
  // A second setup keeps what the first remembered.
  auto second = revokeBroadcasting(s, kJohn);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(*second);
  auto restored = restoreBroadcasting(s, kJohn);
  ASSERT_TRUE(restored.ok());
  EXPECT_TRUE(*restored);
  EXPECT_TRUE(s.user(kJohn)->can_broadcast);
  EXPECT_TRUE(s.can_broadcast_before_revoke.empty());
}

TEST(Broadcasting, RestoreOfAUserWhoCouldNotBroadcastLeavesThemUnable) {
  State s = fixtures();
  ASSERT_FALSE(s.user(kZeynep)->can_broadcast);
  auto before = revokeBroadcasting(s, kZeynep);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(*before);
  auto restored = restoreBroadcasting(s, kZeynep);
  ASSERT_TRUE(restored.ok());
  EXPECT_FALSE(*restored);
  EXPECT_FALSE(s.user(kZeynep)->can_broadcast);
}

TEST(Broadcasting, RestoreWithoutARevokeChangesNothing) {
  State s = fixtures();
  s.user(kJohn)->can_broadcast = false;
  auto restored = restoreBroadcasting(s, kJohn);
  ASSERT_TRUE(restored.ok());
  EXPECT_FALSE(*restored);
  EXPECT_FALSE(s.user(kJohn)->can_broadcast);
  EXPECT_EQ(kindOf(revokeBroadcasting(s, kNoSuchId)), ErrorKind::kNotFound);
}

TEST(InactiveGiftType, IsAnExistingInactiveTypeOfTheFixtures) {
  State s = fixtures();
  const size_t types = s.gift_types.size();
  const ChosenGiftType chosen = inactiveGiftType(s, kNow);
  EXPECT_FALSE(chosen.created);
  EXPECT_EQ(s.gift_types.size(), types);
  auto t = std::find_if(s.gift_types.begin(), s.gift_types.end(),
                        [&](const GiftType& g) { return g.id == chosen.id; });
  ASSERT_NE(t, s.gift_types.end());
  EXPECT_FALSE(t->active);
}

TEST(InactiveGiftType, IsCreatedWhenNoneExists) {
  State s = fixtures();
  s.gift_types.erase(std::remove_if(s.gift_types.begin(), s.gift_types.end(),
                                    [](const GiftType& g) { return !g.active; }),
                     s.gift_types.end());
  const size_t types = s.gift_types.size();
  const ChosenGiftType chosen = inactiveGiftType(s, kNow);
  EXPECT_TRUE(chosen.created);
  ASSERT_EQ(s.gift_types.size(), types + 1);
  EXPECT_EQ(s.gift_types.back().id, chosen.id);
  EXPECT_FALSE(s.gift_types.back().active);
  EXPECT_FALSE(inactiveGiftType(s, kNow).created) << "the created type is found the second time";
}

TEST(StartScheduledStreamNow, StartsItWithItsPlannedStartMovedToNow) {
  State s = fixtures();
  ASSERT_GT(*s.liveStream(kScheduled)->planned_start_date, kNow);
  auto started = startScheduledStreamNow(s, kScheduled, kNow);
  ASSERT_TRUE(started.ok());
  EXPECT_EQ((*started)->status, StreamStatus::kActive);
  EXPECT_EQ((*started)->started_at, kNow);
  EXPECT_EQ((*started)->planned_start_date, kNow);
}

TEST(StartScheduledStreamNow, ActiveStreamIs409NamingStreamIdAndUnknownIs404) {
  State s = fixtures();
  auto active = startScheduledStreamNow(s, kActive, kNow);
  ASSERT_EQ(kindOf(active), ErrorKind::kConflict);
  EXPECT_EQ(active.error().details.at(0).rfind("streamId: the stream is active", 0), 0u);
  EXPECT_EQ(kindOf(startScheduledStreamNow(s, kNoSuchId, kNow)), ErrorKind::kNotFound);
}

TEST(ExpireReplayRental, MovesTheRentalBackWholeSoItMayBeRentedAgain) {
  State s = fixtures();
  auto rental = std::find_if(s.rentals.begin(), s.rentals.end(), [](const ReplayRental& r) {
    return r.user_id == kEmily && r.stream_id == kJohnsEnded;
  });
  ASSERT_NE(rental, s.rentals.end());
  ASSERT_GT(rental->expires_at, kNow);
  const Millis length = rental->expires_at - rental->rented_at;
  auto expired = expireReplayRental(s, kJohnsEnded, kEmily, kNow);
  ASSERT_TRUE(expired.ok());
  EXPECT_TRUE(expired->changed);
  EXPECT_EQ(expired->expires_at, kNow - 1000);
  EXPECT_EQ(rental->expires_at, kNow - 1000);
  EXPECT_EQ(rental->expires_at - rental->rented_at, length);
  s.user(kEmily)->credits = 1000;
  EXPECT_TRUE(rentReplay(s, kJohnsEnded, kEmily, kNow).ok());
}

TEST(ExpireReplayRental, ExpiredAlreadyChangesNothingAndNoRentalIs409) {
  State s = fixtures();
  ASSERT_TRUE(expireReplayRental(s, kJohnsEnded, kEmily, kNow).ok());
  auto again = expireReplayRental(s, kJohnsEnded, kEmily, kNow + 5000);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
  EXPECT_EQ(again->expires_at, kNow - 1000);
  auto none = expireReplayRental(s, kJohnsEnded, kSukru, kNow);
  EXPECT_EQ(kindOf(none), ErrorKind::kConflict);
  EXPECT_EQ(kindOf(expireReplayRental(s, kNoSuchId, kEmily, kNow)), ErrorKind::kNotFound);
  EXPECT_EQ(kindOf(expireReplayRental(s, kJohnsEnded, kNoSuchId, kNow)), ErrorKind::kNotFound);
}

// ---- the states ---------------------------------------------------------------------------------

TEST(ProviderStates, UserWatchesStreamJoinsAndTheTeardownLeaves) {
  State s = fixtures();
  const json params = {{"userId", kSukru}, {"streamId", kActive}};
  auto joined = setup(s, "user watches stream", params);
  ASSERT_TRUE(joined.ok());
  EXPECT_TRUE(joined->changed);
  EXPECT_EQ(roleOf(*s.liveStream(kActive), kSukru), "audience");
  auto again = setup(s, "user watches stream", params);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
  auto left = teardown(s, "user watches stream", params);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->changed);
  EXPECT_EQ(roleOf(*s.liveStream(kActive), kSukru), "");
  auto nothing = teardown(s, "user watches stream", params);
  ASSERT_TRUE(nothing.ok());
  EXPECT_FALSE(nothing->changed);
}

TEST(ProviderStates, UserWatchesAStreamThatIsNotActiveIs409AndAsItsHostIs409) {
  State s = fixtures();
  EXPECT_EQ(kindOf(setup(s, "user watches stream", {{"userId", kSukru}, {"streamId", kScheduled}})),
            ErrorKind::kConflict);
  EXPECT_EQ(kindOf(setup(s, "user watches stream", {{"userId", kCagla}, {"streamId", kActive}})),
            ErrorKind::kConflict);
  EXPECT_EQ(kindOf(setup(s, "user watches stream", {{"userId", kSukru}, {"streamId", kDeleted}})),
            ErrorKind::kNotFound);
}

TEST(ProviderStates, TeardownsUndoOnAStreamDeletedSinceTheSetup) {
  State s = fixtures();
  const json params = {{"userId", kSukru}, {"streamId", kActive}};
  ASSERT_TRUE(setup(s, "user watches stream", params).ok());
  ASSERT_TRUE(setup(s, "user is banned from stream chat", params).ok());
  s.streams.at(kActive).deleted_at = kNow;
  auto left = teardown(s, "user watches stream", params);
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->changed);
  auto lifted = teardown(s, "user is banned from stream chat", params);
  ASSERT_TRUE(lifted.ok());
  EXPECT_TRUE(lifted->changed);
  EXPECT_EQ(s.streams.at(kActive).chat_bans.count(kSukru), 0u);
}

TEST(ProviderStates, StreamHasEndedWithARecordingIsRentableAtThePrice) {
  State s = fixtures();
  auto ended = setup(s, "stream has ended",
                     {{"streamId", kActive}, {"recording", true}, {"replayCreditPrice", 25}});
  ASSERT_TRUE(ended.ok());
  const Stream& st = *s.liveStream(kActive);
  EXPECT_EQ(st.status, StreamStatus::kEnded);
  EXPECT_TRUE(st.recording);
  EXPECT_EQ(st.replay_credit_price, 25);
  EXPECT_EQ(kindOf(setup(s, "stream has ended", {{"streamId", kActive}, {"recording", false}})),
            ErrorKind::kConflict);
}

TEST(ProviderStates, StreamHasEndedWithANullPriceHasNoPrice) {
  State s = fixtures();
  ASSERT_TRUE(setup(s, "stream has ended",
                    {{"streamId", kActive}, {"recording", true}, {"replayCreditPrice", nullptr}})
                  .ok());
  EXPECT_FALSE(s.liveStream(kActive)->replay_credit_price.has_value());
}

TEST(ProviderStates, UserHasCreditsSetsTheBalance) {
  State s = fixtures();
  ASSERT_TRUE(setup(s, "user has credits", {{"userId", kJohn}, {"credits", 10}}).ok());
  EXPECT_EQ(s.user(kJohn)->credits, 10);
  EXPECT_EQ(kindOf(setup(s, "user has credits", {{"userId", kNoSuchId}, {"credits", 1}})),
            ErrorKind::kNotFound);
}

TEST(ProviderStates, UserMayNotBroadcastAndTheTeardownGivesTheRightBack) {
  State s = fixtures();
  auto revoked = setup(s, "user may not broadcast", {{"userId", kJohn}});
  ASSERT_TRUE(revoked.ok());
  EXPECT_TRUE(revoked->changed);
  EXPECT_EQ(revoked->could_broadcast_before, true);
  EXPECT_FALSE(s.user(kJohn)->can_broadcast);
  ASSERT_TRUE(teardown(s, "user may not broadcast", {{"userId", kJohn}}).ok());
  EXPECT_TRUE(s.user(kJohn)->can_broadcast);
}

TEST(ProviderStates, GiftsOfAnActiveTypeOrOfAnInactiveOne) {
  State s = fixtures();
  const size_t gifts = s.gifts.size();
  std::string active, inactive;
  for (const auto& t : s.gift_types)
    (t.active ? active : inactive) = t.id;
  ASSERT_FALSE(active.empty());
  ASSERT_FALSE(inactive.empty());
  auto sent =
      setup(s, "gifts were sent to stream",
            {{"streamId", kActive}, {"senderId", kJohn}, {"giftTypeId", active}, {"count", 2}});
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->gift_type_id, active);
  auto retired =
      setup(s, "gifts were sent to stream",
            {{"streamId", kActive}, {"senderId", kJohn}, {"inactiveType", true}, {"count", 3}});
  ASSERT_TRUE(retired.ok());
  ASSERT_TRUE(retired->gift_type_id.has_value());
  EXPECT_EQ(s.gifts.size(), gifts + 5);
  EXPECT_EQ(std::count_if(s.gifts.begin(), s.gifts.end(),
                          [&](const Gift& g) {
                            return g.stream_id == kActive &&
                                   g.gift_type_id == *retired->gift_type_id;
                          }) >= 3,
            true);
  auto of_inactive =
      setup(s, "gifts were sent to stream",
            {{"streamId", kActive}, {"senderId", kJohn}, {"giftTypeId", inactive}, {"count", 1}});
  EXPECT_EQ(kindOf(of_inactive), ErrorKind::kConflict);
}

TEST(ProviderStates, GiftsNeedExactlyOneOfGiftTypeIdAndInactiveType) {
  State s = fixtures();
  const std::string type = s.gift_types.front().id;
  auto both = setup(s, "gifts were sent to stream",
                    {{"streamId", kActive},
                     {"senderId", kJohn},
                     {"giftTypeId", type},
                     {"inactiveType", true},
                     {"count", 1}});
  ASSERT_EQ(kindOf(both), ErrorKind::kInvalidArgument);
  EXPECT_EQ(both.error().details.at(0).rfind("inactiveType: ", 0), 0u);
  auto neither = setup(s, "gifts were sent to stream",
                       {{"streamId", kActive}, {"senderId", kJohn}, {"count", 1}});
  ASSERT_EQ(kindOf(neither), ErrorKind::kInvalidArgument);
  EXPECT_EQ(neither.error().details.at(0).rfind("giftTypeId: ", 0), 0u);
  auto unknown =
      setup(s, "gifts were sent to stream",
            {{"streamId", kActive}, {"senderId", kJohn}, {"giftTypeId", kNoSuchId}, {"count", 1}});
  EXPECT_EQ(kindOf(unknown), ErrorKind::kNotFound);
}

TEST(ProviderStates, UserFollowsUserBothWays) {
  State s = fixtures();
  ASSERT_TRUE(setup(s, "user follows user",
                    {{"followerId", kJohn}, {"followeeId", kCagla}, {"following", false}})
                  .ok());
  EXPECT_FALSE(s.follows_user(kJohn, kCagla));
  ASSERT_TRUE(setup(s, "user follows user",
                    {{"followerId", kJohn}, {"followeeId", kCagla}, {"following", true}})
                  .ok());
  EXPECT_TRUE(s.follows_user(kJohn, kCagla));
}

TEST(ProviderStates, ScheduledStreamHasStartedIsActiveAndNotTwice) {
  State s = fixtures();
  auto started = setup(s, "scheduled stream has started", {{"streamId", kScheduled}});
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started->started_at, kNow);
  EXPECT_EQ(s.liveStream(kScheduled)->status, StreamStatus::kActive);
  EXPECT_EQ(kindOf(setup(s, "scheduled stream has started", {{"streamId", kScheduled}})),
            ErrorKind::kConflict);
}

TEST(ProviderStates, TeardownOfAStateWhoseTeardownIsNothingChangesNothing) {
  State s = fixtures();
  auto done = teardown(s, "user has credits", {{"userId", kJohn}, {"credits", 0}});
  ASSERT_TRUE(done.ok());
  EXPECT_FALSE(done->changed);
  EXPECT_NE(s.user(kJohn)->credits, 0);
}

TEST(ProviderStates, UnknownNameIs400NamingState) {
  State s = fixtures();
  auto r = setup(s, "no such state", json::object());
  ASSERT_EQ(kindOf(r), ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().details.at(0).rfind("state: ", 0), 0u);
}

TEST(ProviderStates, ViewNamesTheStateTheActionAndTheExtras) {
  ProviderStateOutcome outcome;
  outcome.changed = true;
  outcome.gift_type_id = "65e5927c5f3a9c1e7b1a2bfc";
  const json view =
      providerStateView("gifts were sent to stream", ProviderStateAction::kSetup, outcome);
  EXPECT_EQ(view["state"], "gifts were sent to stream");
  EXPECT_EQ(view["action"], "setup");
  EXPECT_EQ(view["changed"], true);
  EXPECT_EQ(view["giftTypeId"], "65e5927c5f3a9c1e7b1a2bfc");
  EXPECT_EQ(view["giftTypeCreated"], false);
  EXPECT_FALSE(view.contains("startedAt"));
}

}  // namespace
}  // namespace lsm
