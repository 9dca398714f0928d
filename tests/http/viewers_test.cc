// GET /api/v1/live-stream/{streamId}/viewers: read-only, so the suite shares one mock.
#include <set>

#include "test_support.h"

namespace lsm_test {
namespace {

class Viewers : public SharedMockTest {
 protected:
  Response viewers(const std::string& stream_id, const std::string& query = "",
                   const std::string& caller = ids::kJohnDoe) {
    return http().get("/api/v1/live-stream/" + stream_id + "/viewers" + query, {bearer(caller)});
  }
  Response bigStream(const std::string& query = "", const std::string& caller = ids::kJohnDoe) {
    auto r = viewers(ids::kBigStream, query, caller);
    if (r.status == 200) expectSpecResponse("listLiveStreamViewers", r);
    return r;
  }
  void expectRejects(const std::string& query, const std::string& field) {
    auto r = viewers(ids::kBigStream, query);
    ASSERT_EQ(r.status, 400) << query << ": " << r.describe();
    expectSpecResponse("listLiveStreamViewers", r);
    EXPECT_EQ(r.errors().at(0), "Validation failed");
    EXPECT_TRUE(namesField(r, field))
        << query << ": no message names " << field << ": " << r.describe();
  }
  void expectStatus(const std::string& stream_id, int status, const std::string& caller) {
    auto r = viewers(stream_id, "", caller);
    ASSERT_EQ(r.status, status) << stream_id << ": " << r.describe();
    expectSpecResponse("listLiveStreamViewers", r);
  }

  // The audience of the big stream, from fixtures/streams.json.
  static std::vector<std::string> fixtureAudience() {
    for (const auto& s : fixture("streams.json")) {
      if (s["id"] != ids::kBigStream) continue;
      std::vector<std::string> out;
      for (const auto& a : s["audience"])
        out.push_back(a["userId"]);
      return out;
    }
    return {};
  }
  static std::vector<std::string> usernames(const Response& r) {
    std::vector<std::string> out;
    for (const auto& v : r.data()["list"])
      out.push_back(v["username"]);
    return out;
  }
};

TEST_F(Viewers, FirstPageHasDefaultLimitOf20) {
  ASSERT_EQ(fixtureAudience().size(), 28u) << "fixtures changed";
  auto r = bigStream();
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.data()["list"].size(), 20u);
  const json& p = r.data()["pagination"];
  EXPECT_EQ(p["currentPage"], 1);
  EXPECT_EQ(p["totalPages"], 2);
  EXPECT_EQ(p["totalItems"], 28);
  EXPECT_EQ(p["itemsPerPage"], 20);
  EXPECT_EQ(p["hasNextPage"], true);
  EXPECT_EQ(p["hasPrevPage"], false);
  EXPECT_EQ(r.data()["participantAudienceTotal"], 28);
}

TEST_F(Viewers, ThirdPageOfTenHoldsTheLastEight) {
  auto r = bigStream("?limit=10&page=3");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.data()["list"].size(), 8u);
  const json& p = r.data()["pagination"];
  EXPECT_EQ(p["currentPage"], 3);
  EXPECT_EQ(p["totalPages"], 3);
  EXPECT_EQ(p["totalItems"], 28);
  EXPECT_EQ(p["itemsPerPage"], 10);
  EXPECT_EQ(p["hasNextPage"], false);
  EXPECT_EQ(p["hasPrevPage"], true);
}

TEST_F(Viewers, PagesTogetherListTheWholeAudienceOnce) {
  std::multiset<std::string> seen;
  for (int page = 1; page <= 3; ++page) {
    auto r = bigStream("?limit=10&page=" + std::to_string(page));
    ASSERT_EQ(r.status, 200) << r.describe();
    for (const auto& v : r.data()["list"])
      seen.insert(v["_id"].get<std::string>());
  }
  const auto audience = fixtureAudience();
  EXPECT_EQ(seen, std::multiset<std::string>(audience.begin(), audience.end()));
}

TEST_F(Viewers, PageAfterTheLastIsEmpty) {
  auto r = bigStream("?limit=10&page=4");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_TRUE(r.data()["list"].empty());
  EXPECT_EQ(r.data()["pagination"]["totalItems"], 28);
  EXPECT_EQ(r.data()["pagination"]["hasNextPage"], false);
}

TEST_F(Viewers, LimitOf100ListsEveryone) {
  auto r = bigStream("?limit=100");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.data()["list"].size(), 28u);
  EXPECT_EQ(r.data()["pagination"]["totalPages"], 1);
}

TEST_F(Viewers, SearchTurkishNameTypedInAsciiLowerCase) {
  // Kaan Yıldız: dotless ı typed as i.
  auto r = bigStream("?search=yildiz");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(usernames(r), std::vector<std::string>{"kaanyildiz"});
  EXPECT_EQ(r.data()["pagination"]["totalItems"], 1);
  EXPECT_EQ(r.data()["participantAudienceTotal"], 28);
}

TEST_F(Viewers, SearchIsCaseInsensitive) {
  auto r = bigStream("?search=EMILY");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(usernames(r), std::vector<std::string>{"emilycarter"});
  EXPECT_EQ(r.data()["participantAudienceTotal"], 28);
}

TEST_F(Viewers, SearchMatchesTurkishUpperCaseSurname) {
  // "ŞEN" (percent-encoded UTF-8) finds Nazlı Şen, whose username has no "ş".
  auto r = bigStream("?search=%C5%9EEN");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(usernames(r), std::vector<std::string>{"nazlisen"});
}

TEST_F(Viewers, SearchMatchesSurnameOnly) {
  // "O'Connor" is in the surname; the username is liamoconnor, without the apostrophe.
  auto r = bigStream("?search=o%27connor");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(usernames(r), std::vector<std::string>{"liamoconnor"});
}

TEST_F(Viewers, SearchPagesOverTheMatchesOnly) {
  // "an" is in many names; the pagination counts only those.
  auto all = bigStream("?search=an&limit=100");
  ASSERT_EQ(all.status, 200) << all.describe();
  const size_t matches = all.data()["list"].size();
  ASSERT_GT(matches, 2u);
  ASSERT_LT(matches, 28u);
  EXPECT_EQ(all.data()["pagination"]["totalItems"], matches);
  auto page = bigStream("?search=an&limit=2&page=2");
  ASSERT_EQ(page.status, 200) << page.describe();
  EXPECT_EQ(page.data()["list"].size(), 2u);
  EXPECT_EQ(page.data()["pagination"]["totalPages"], (matches + 1) / 2);
  EXPECT_EQ(page.data()["participantAudienceTotal"], 28);
}

TEST_F(Viewers, SearchWithoutMatchesIsEmpty) {
  auto r = bigStream("?search=nobody-is-called-this");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_TRUE(r.data()["list"].empty());
  EXPECT_EQ(r.data()["pagination"]["totalItems"], 0);
  EXPECT_EQ(r.data()["pagination"]["hasNextPage"], false);
  EXPECT_EQ(r.data()["participantAudienceTotal"], 28);
}

// isFollowing of every viewer, for `caller`, equals fixtures/follows.json.
void expectFollowsMatchFixtures(const Response& r, const std::string& caller) {
  std::set<std::string> followed;
  for (const auto& f : fixture("follows.json")) {
    if (f["followerId"] == caller) followed.insert(f["followeeId"].get<std::string>());
  }
  int following = 0;
  ASSERT_EQ(r.data()["list"].size(), 28u);
  for (const auto& v : r.data()["list"]) {
    const std::string id = v["_id"];
    EXPECT_EQ(v["isFollowing"], followed.count(id) == 1) << caller << " -> " << v["username"];
    following += v["isFollowing"].get<bool>() ? 1 : 0;
  }
  EXPECT_GT(following, 0) << "fixtures changed: " << caller << " follows nobody in the audience";
  EXPECT_LT(following, 28);
}

TEST_F(Viewers, IsFollowingMatchesTheFollowsOfTheCaller) {
  auto r = bigStream("?limit=100", "6aa717eb5f3a9c1e7b1a2b1c");  // oliviabennett
  ASSERT_EQ(r.status, 200) << r.describe();
  expectFollowsMatchFixtures(r, "6aa717eb5f3a9c1e7b1a2b1c");
}

TEST_F(Viewers, IsFollowingIsRelativeToTheCaller) {
  auto r = bigStream("?limit=100", ids::kBigStreamCreator);
  ASSERT_EQ(r.status, 200) << r.describe();
  expectFollowsMatchFixtures(r, ids::kBigStreamCreator);
  auto other = bigStream("?limit=100", "658343b25f3a9c1e7b1a2b23");  // mertaydin
  ASSERT_EQ(other.status, 200) << other.describe();
  expectFollowsMatchFixtures(other, "658343b25f3a9c1e7b1a2b23");
}

TEST_F(Viewers, ViewerFieldsComeFromTheUser) {
  auto r = bigStream("?search=johndoe");
  ASSERT_EQ(r.status, 200) << r.describe();
  ASSERT_EQ(r.data()["list"].size(), 1u);
  const json& v = r.data()["list"][0];
  const json john = fixture("users.json")[0];
  ASSERT_EQ(john["_id"], ids::kJohnDoe);
  EXPECT_EQ(v["_id"], ids::kJohnDoe);
  EXPECT_EQ(v["name"], john["name"]);
  EXPECT_EQ(v["surname"], john["surname"]);
  EXPECT_EQ(v["followersCount"], john["followersCount"]);
  EXPECT_EQ(v["followingCount"], john["followingCount"]);
  EXPECT_EQ(v["expertise"], john["expertise"]);
  EXPECT_EQ(v["profilePhoto"], john["profilePhoto"]);
}

TEST_F(Viewers, UndeclaredQueryParametersAreIgnored) {
  auto r = bigStream("?colour=blue&limit=5");
  ASSERT_EQ(r.status, 200) << r.describe();
  EXPECT_EQ(r.data()["list"].size(), 5u);
}

TEST_F(Viewers, LimitZeroIsRejected) {
  expectRejects("?limit=0", "limit");
}

TEST_F(Viewers, Limit101IsRejected) {
  expectRejects("?limit=101", "limit");
}

TEST_F(Viewers, LimitThatIsNoNumberIsRejected) {
  expectRejects("?limit=abc", "limit");
}

TEST_F(Viewers, PageZeroIsRejected) {
  expectRejects("?page=0", "page");
}

TEST_F(Viewers, PageThatIsNoIntegerIsRejected) {
  expectRejects("?page=1.5", "page");
}

TEST_F(Viewers, SearchLongerThan100IsRejected) {
  expectRejects("?search=" + std::string(101, 'a'), "search");
}

TEST_F(Viewers, StreamIdThatIsNoObjectIdIsRejected) {
  auto r = viewers("not-an-object-id");
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("listLiveStreamViewers", r);
  EXPECT_TRUE(namesField(r, "streamId")) << r.describe();
}

TEST_F(Viewers, UnknownStreamIs404) {
  expectStatus(ids::kNoSuchId, 404, ids::kJohnDoe);
}

TEST_F(Viewers, EndedStreamIs404EvenForItsCreator) {
  expectStatus(ids::kEndedStream, 404, ids::kJohnDoe);
}

TEST_F(Viewers, CancelledStreamIs404) {
  expectStatus(ids::kCancelledStream, 404, ids::kJohnDoe);
}

TEST_F(Viewers, ScheduledStreamIs404) {
  expectStatus(ids::kScheduledStream, 404, ids::kJohnDoe);
}

TEST_F(Viewers, SoftDeletedStreamIs404) {
  expectStatus(ids::kDeletedStream, 404, ids::kJohnDoe);
}

TEST_F(Viewers, UserOutsideTheStreamIs403) {
  auto r = viewers(ids::kBigStream, "", ids::kNotInBigStream);
  ASSERT_EQ(r.status, 403) << r.describe();
  expectSpecResponse("listLiveStreamViewers", r);
  EXPECT_EQ(r.errors().at(0), "Insufficient permissions");
}

TEST_F(Viewers, CreatorIs200) {
  auto r = bigStream("", ids::kBigStreamCreator);
  EXPECT_EQ(r.status, 200) << r.describe();
}

TEST_F(Viewers, WithoutTokenIs401) {
  auto r = http().get(std::string("/api/v1/live-stream/") + ids::kBigStream + "/viewers");
  ASSERT_EQ(r.status, 401) << r.describe();
  expectSpecResponse("listLiveStreamViewers", r);
}

// A page far beyond the end, with a mock of its own (the shared one must survive).
class ViewersFarPage : public FreshMockTest {};

TEST_F(ViewersFarPage, HugePageIsAnEmptyPage) {
  auto r = http().get(std::string("/api/v1/live-stream/") + ids::kBigStream +
                          "/viewers?limit=100&page=9223372036854775807",
                      {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 200) << r.describe();
  expectSpecResponse("listLiveStreamViewers", r);
  EXPECT_TRUE(r.data()["list"].empty());
  EXPECT_EQ(http().get("/__mock/health").status, 200) << "the mock died";
}

TEST_F(ViewersFarPage, LargePageIsAnEmptyPage) {
  auto r = http().get(
      std::string("/api/v1/live-stream/") + ids::kBigStream + "/viewers?limit=100&page=1000000",
      {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 200) << r.describe();
  expectSpecResponse("listLiveStreamViewers", r);
  EXPECT_TRUE(r.data()["list"].empty());
  EXPECT_EQ(r.data()["pagination"]["currentPage"], 1000000);
}

}  // namespace
}  // namespace lsm_test
