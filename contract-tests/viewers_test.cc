// listLiveStreamViewers: the audience of an active stream, seen by its creator and participants,
// paged and searchable, with the unfiltered audience total and the caller's follows. The audience
// is made of the suite's own users (GUEST, AUDIENCE, OTHER) through the "user watches stream"
// provider state.
#include <algorithm>
#include <cctype>
#include <set>

#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kOp[] = "listLiveStreamViewers";

std::vector<std::string> idsOf(const json& list) {
  std::vector<std::string> ids;
  if (list.is_array()) {
    for (const auto& v : list)
      ids.push_back(v.is_object() ? v.value("_id", "") : "");
  }
  return ids;
}

std::set<std::string> idSet(const json& list) {
  const auto ids = idsOf(list);
  return {ids.begin(), ids.end()};
}

std::string lower(std::string s) {
  for (auto& c : s)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether `term` occurs (case-insensitively) in the viewer's name, surname or username.
bool matches(const json& viewer, const std::string& term) {
  if (!viewer.is_object()) return false;
  const std::string t = lower(term);
  for (const char* field : {"name", "surname", "username"}) {
    const json v = at(viewer, field);
    if (v.is_string() && lower(v.get<std::string>()).find(t) != std::string::npos) return true;
  }
  return false;
}

class Viewers : public ContractTest {
 protected:
  Req viewers(const std::string& id, Role who) {
    Req req(kOp);
    req.path("streamId", id).as(who);
    return req;
  }
  // GUEST, AUDIENCE and OTHER watch HOST's stream `id`.
  bool threeWatch(const std::string& id) {
    for (Role r : {Role::kGuest, Role::kAudience, Role::kOther}) {
      if (!watch(id, r)) return false;
    }
    return true;
  }
  std::set<std::string> threeViewers() const {
    return {userId(Role::kGuest), userId(Role::kAudience), userId(Role::kOther)};
  }
};

STATES_FOR(Viewers, CreatorSeesTheAudience, ({"user watches stream"}), ({{kOp, 200}}));
TEST_F(Viewers, CreatorSeesTheAudience) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(watch(id, Role::kAudience));
  const json d = dataOf(expectCall(viewers(id, Role::kHost), 200));
  documented(kOp, "the list holds the stream's audience")
      .eq(idsOf(at(d, "list")), std::vector<std::string>{userId(Role::kAudience)});
  documented(kOp, "participantAudienceTotal counts the whole audience")
      .eq(at(d, "participantAudienceTotal"), 1);
  documented(kOp, "totalItems counts the listed audience").eq(at(d, "pagination.totalItems"), 1);
}

STATES_FOR(Viewers, AudienceMemberSeesTheAudienceToo, ({"user watches stream"}), ({{kOp, 200}}));
TEST_F(Viewers, AudienceMemberSeesTheAudienceToo) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(viewers(id, Role::kAudience), 403, Basis::kDecided);  // not yet a participant
  REQUIRE_SETUP(watch(id, Role::kAudience));
  const json d = dataOf(expectCall(viewers(id, Role::kAudience), 200));
  documented(kOp, "the list holds the stream's audience")
      .eq(idsOf(at(d, "list")), std::vector<std::string>{userId(Role::kAudience)});
}

TEST_F(Viewers, StreamWithoutAudienceHasAnEmptyList) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  const json d = dataOf(expectCall(viewers(id, Role::kHost), 200));
  documented(kOp, "the list holds the stream's audience").eq(at(d, "list"), json::array());
  documented(kOp, "participantAudienceTotal counts the whole audience")
      .eq(at(d, "participantAudienceTotal"), 0);
  documented(kOp, "totalItems counts the listed audience").eq(at(d, "pagination.totalItems"), 0);
  documented(kOp, "hasNextPage is false on the last page")
      .eq(at(d, "pagination.hasNextPage"), false);
}

TEST_F(Viewers, InvitedGuestMaySeeTheViewers) {
  REQUIRE_WRITES();
  const std::string id = createStream(
      Role::kHost,
      {{"liveStreamType", "multi"}, {"guests", json::array({userId(Role::kGuest)}).dump()}});
  REQUIRE_SETUP(!id.empty());
  expectCall(viewers(id, Role::kGuest), 200);
}

TEST_F(Viewers, UserWithNoPartInTheStreamIs403) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(viewers(id, Role::kOther), 403, Basis::kDecided);
  expectCall(viewers(id, Role::kHost), 200);  // the stream itself is listable
}

TEST_F(Viewers, ScheduledStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createScheduledStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(viewers(id, Role::kHost), 404, Basis::kDecided);
}

TEST_F(Viewers, CancelledStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(viewers(id, Role::kHost), 200);
  expectCall(Req("cancelLiveStream").path("id", id).as(Role::kHost), 201);
  expectCall(viewers(id, Role::kHost), 404, Basis::kDecided);
}

STATES_FOR(Viewers, EndedStreamIs404, ({"stream has ended"}), ({{kOp, 404}}));
TEST_F(Viewers, EndedStreamIs404) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  expectCall(viewers(id, Role::kHost), 200);
  REQUIRE_SETUP(endStream(id, false, std::nullopt));
  expectCall(viewers(id, Role::kHost), 404, Basis::kDecided);
}

STATES_FOR(Viewers, PagesSplitTheAudienceAndTheTotalCountsEveryone, ({"user watches stream"}),
           ({{kOp, 200}}));
TEST_F(Viewers, PagesSplitTheAudienceAndTheTotalCountsEveryone) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(threeWatch(id));

  // Three viewers, two a page: pages of 2 and 1.
  std::set<std::string> seen;
  bool each_once = true;
  for (int page = 1; page <= 2; ++page) {
    const json d = dataOf(expectCall(
        viewers(id, Role::kHost).query("page", std::to_string(page)).query("limit", "2"), 200));
    const auto ids = idsOf(at(d, "list"));
    documented(kOp, "a page holds limit viewers, the last one the rest")
        .eq(ids.size(), page < 2 ? 2u : 1u);
    for (const auto& v : ids)
      each_once = seen.insert(v).second && each_once;
    documented(kOp, "currentPage is the page asked for").eq(at(d, "pagination.currentPage"), page);
    documented(kOp, "totalItems counts the listed audience").eq(at(d, "pagination.totalItems"), 3);
    documented(kOp, "totalPages is totalItems over the limit, rounded up")
        .eq(at(d, "pagination.totalPages"), 2);
    documented(kOp, "itemsPerPage is the limit asked for").eq(at(d, "pagination.itemsPerPage"), 2);
    documented(kOp, "hasNextPage is true before the last page")
        .eq(at(d, "pagination.hasNextPage"), page < 2);
    documented(kOp, "hasPrevPage is true after the first page")
        .eq(at(d, "pagination.hasPrevPage"), page > 1);
    documented(kOp, "participantAudienceTotal counts the whole audience")
        .eq(at(d, "participantAudienceTotal"), 3);
  }
  documented(kOp, "the pages list each viewer once").holds(each_once, "a viewer on two pages");
  documented(kOp, "the pages together hold the whole audience").eq(seen, threeViewers());
  const json past =
      dataOf(expectCall(viewers(id, Role::kHost).query("page", "3").query("limit", "2"), 200));
  decided(kOp, "a page past the end is empty").eq(at(past, "list"), json::array());
  documented(kOp, "participantAudienceTotal counts the whole audience")
      .eq(at(past, "participantAudienceTotal"), 3);
}

STATES_FOR(Viewers, SearchFiltersTheListButNotTheAudienceTotal, ({"user watches stream"}),
           ({{kOp, 200}}));
TEST_F(Viewers, SearchFiltersTheListButNotTheAudienceTotal) {
  REQUIRE_WRITES();
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(threeWatch(id));
  // The searched username is read from the list the server returned.
  const json all = at(dataOf(expectCall(viewers(id, Role::kHost), 200)), "list");
  if (!documented(kOp, "the list holds the stream's audience").eq(idSet(all), threeViewers()))
    return;
  const json target = all[1];
  const std::string username = target.value("username", "");
  if (!documented(kOp, "each viewer has a username").holds(!username.empty(), target.dump()))
    return;
  std::set<std::string> expected;  // who the term matches, of the whole audience
  for (const auto& v : all) {
    if (matches(v, username)) expected.insert(v.value("_id", ""));
  }

  const json d = dataOf(expectCall(viewers(id, Role::kHost).query("search", username), 200));
  const auto found = idSet(at(d, "list"));
  documented(kOp, "search by username finds that viewer")
      .holds(found.count(target.value("_id", "")) == 1, "not found: " + username);
  decided(kOp, "search keeps the viewers whose name, surname or username contain it")
      .eq(found, expected);
  documented(kOp, "totalItems counts the listed audience")
      .eq(at(d, "pagination.totalItems"), found.size());
  documented(kOp, "participantAudienceTotal is not filtered by search")
      .eq(at(d, "participantAudienceTotal"), 3);

  const json none =
      dataOf(expectCall(viewers(id, Role::kHost).query("search", "no-such-viewer-xyz"), 200));
  documented(kOp, "search keeps only the viewers it matches").eq(at(none, "list"), json::array());
  documented(kOp, "participantAudienceTotal is not filtered by search")
      .eq(at(none, "participantAudienceTotal"), 3);
}

STATES_FOR(Viewers, IsFollowingTellsWhetherTheCallerFollowsTheViewer,
           ({"user follows user", "user watches stream"}), ({{kOp, 200}}));
TEST_F(Viewers, IsFollowingTellsWhetherTheCallerFollowsTheViewer) {
  REQUIRE_WRITES();
  const std::string followed = userId(Role::kGuest), stranger = userId(Role::kAudience);
  REQUIRE_SETUP(
      given("user follows user",
            {{"followerId", userId(Role::kHost)}, {"followeeId", followed}, {"following", true}}));
  REQUIRE_SETUP(
      given("user follows user",
            {{"followerId", userId(Role::kHost)}, {"followeeId", stranger}, {"following", false}}));
  const std::string id = createStream(Role::kHost);
  REQUIRE_SETUP(!id.empty());
  REQUIRE_SETUP(watch(id, Role::kGuest));
  REQUIRE_SETUP(watch(id, Role::kAudience));
  const json d = dataOf(expectCall(viewers(id, Role::kHost), 200));
  const json list = at(d, "list");
  if (!documented(kOp, "the list holds the stream's audience")
           .eq(idSet(list), std::set<std::string>{followed, stranger})) {
    return;
  }
  for (const auto& v : list) {
    documented(kOp, "isFollowing tells whether the caller follows the viewer")
        .eq(at(v, "isFollowing"), v.value("_id", "") == followed);
  }
}

}  // namespace
}  // namespace contract
