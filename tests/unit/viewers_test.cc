// The audience of an active stream, searched and paged, on the bundled fixtures
// (mock/domain/viewers).
#include "domain/viewers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/fixtures.h"
#include "domain/mock_actions.h"

namespace lsm {
namespace {

constexpr Millis kNow = 1795176000000;  // 2026-11-20T12:00:00.000Z, the fixtures' reference time

constexpr char kAcoustic[] = "64d15f9e2e6c8f4d5a123000";  // active, 28 viewers, by Çağla
constexpr char kCagla[] = "672ad1115f3a9c1e7b1a2b02";
constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";     // in kAcoustic's audience
constexpr char kMichael[] = "69f87dea5f3a9c1e7b1a2b0e";  // not in kAcoustic at all
constexpr char kGizem[] = "68d8cad25f3a9c1e7b1a2b42";    // Gizem Özkan
constexpr char kBaris[] = "670c78b25f3a9c1e7b1a2b47";    // Barış Çınar
constexpr char kKaan[] = "69cda5db5f3a9c1e7b1a2b26";     // Kaan Yıldız
constexpr char kKitchen[] = "6af93c505f3a9c1e7b1a2b4d";  // active, with guests and broadcasters
constexpr char kKitchenGuest[] = "652b1b975f3a9c1e7b1a2b14";
constexpr char kKitchenBroadcaster[] = "69c311dc5f3a9c1e7b1a2b10";
constexpr char kGuitar[] = "6af048205f3a9c1e7b1a2b57";  // ended, by Çağla
constexpr char kYoga[] = "6aff1d005f3a9c1e7b1a2b54";    // scheduled
constexpr char kDeleted[] = "6af18b905f3a9c1e7b1a2b59";
constexpr char kNoStream[] = "0123456789abcdef01234567";

class Viewers : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = loadFixtures("fixtures", kNow);
    ASSERT_TRUE(loaded.ok()) << loaded.error().details.at(0);
    s = std::move(loaded).value();
  }

  std::vector<std::string> audienceIds(const std::string& stream) const {
    std::vector<std::string> out;
    for (const auto& a : s.streams.at(stream).audience)
      out.push_back(a.user_id);
    return out;
  }

  std::vector<std::string> ids(const ViewerPage& p) const {
    std::vector<std::string> out;
    for (const AudienceMember* m : p.members)
      out.push_back(m->user_id);
    return out;
  }

  ViewerPage list(const std::string& stream, const std::string& caller, int64_t page, int64_t limit,
                  const std::string& search = "") const {
    auto r = listViewers(s, stream, caller, page, limit, search);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().details.at(0));
    return r.ok() ? r.value() : ViewerPage{};
  }

  ErrorKind refusal(const std::string& stream, const std::string& caller) const {
    auto r = listViewers(s, stream, caller, 1, 20, "");
    EXPECT_FALSE(r.ok()) << stream << " for " << caller;
    return r.ok() ? ErrorKind::kInternal : r.error().kind;
  }

  State s;
};

std::vector<std::string> slice(const std::vector<std::string>& v, size_t from, size_t to) {
  return std::vector<std::string>(v.begin() + from, v.begin() + to);
}

// ---- paging --------------------------------------------------------------------------------

TEST_F(Viewers, FirstPageListsTheAudienceInJoiningOrder) {
  const auto all = audienceIds(kAcoustic);
  ASSERT_EQ(all.size(), 28u);
  ViewerPage p = list(kAcoustic, kCagla, 1, 20);
  EXPECT_EQ(ids(p), slice(all, 0, 20));
  EXPECT_EQ(p.total, 28);
  EXPECT_EQ(p.audience_total, 28);
}

TEST_F(Viewers, LaterPagesContinueAndPastTheEndIsEmpty) {
  const auto all = audienceIds(kAcoustic);
  EXPECT_EQ(ids(list(kAcoustic, kCagla, 2, 20)), slice(all, 20, 28));
  EXPECT_EQ(ids(list(kAcoustic, kCagla, 3, 10)), slice(all, 20, 28));
  ViewerPage past = list(kAcoustic, kCagla, 4, 10);
  EXPECT_TRUE(past.members.empty());
  EXPECT_EQ(past.total, 28);
}

TEST_F(Viewers, PagesCoverTheAudienceExactlyOnce) {
  std::vector<std::string> seen;
  for (int64_t p = 1; p <= 10; ++p) {
    auto page = ids(list(kAcoustic, kCagla, p, 3));
    seen.insert(seen.end(), page.begin(), page.end());
  }
  EXPECT_EQ(seen, audienceIds(kAcoustic));
}

// ---- search --------------------------------------------------------------------------------

TEST_F(Viewers, SearchFoldsTurkishCaseInTheSurname) {
  // "ÖZKAN" finds Gizem Özkan through her surname (her username, gizemozkan, has no "ö").
  ViewerPage p = list(kAcoustic, kCagla, 1, 20, "ÖZKAN");
  EXPECT_EQ(ids(p), std::vector<std::string>{kGizem});
  EXPECT_EQ(p.total, 1);
  EXPECT_EQ(p.audience_total, 28);  // unfiltered
}

TEST_F(Viewers, SearchWithAsciiCapitalIFindsDotlessI) {
  // "ÇINAR": Ç folds to ç and ASCII I to i, and Çınar's ı folds to i.
  EXPECT_EQ(ids(list(kAcoustic, kCagla, 1, 20, "ÇINAR")), std::vector<std::string>{kBaris});
  EXPECT_EQ(ids(list(kAcoustic, kCagla, 1, 20, "yıldız")), std::vector<std::string>{kKaan});
}

TEST_F(Viewers, SearchMatchesNameSurnameOrUsername) {
  EXPECT_EQ(ids(list(kAcoustic, kCagla, 1, 20, "gizem")), std::vector<std::string>{kGizem});
  EXPECT_EQ(ids(list(kAcoustic, kCagla, 1, 20, "johndoe")), std::vector<std::string>{kJohn});
  EXPECT_EQ(ids(list(kAcoustic, kCagla, 1, 20, "DOE")), std::vector<std::string>{kJohn});
}

TEST_F(Viewers, SearchNeverMatchesAcrossNameAndSurname) {
  // John Doe: "johndoe" is his username; "n do" spans name and surname and matches nothing.
  EXPECT_TRUE(ids(list(kAcoustic, kCagla, 1, 20, "n do")).empty());
  EXPECT_TRUE(ids(list(kAcoustic, kCagla, 1, 20, "doejohn")).empty());
}

TEST_F(Viewers, SearchGivesTheSameAnswerWithOrWithoutThePreparedSearchText) {
  State unprepared = s;
  for (auto& [id, u] : unprepared.users) {
    EXPECT_EQ(u.search_text, searchTextOf(u)) << id;  // prepared at load
    u.search_text.clear();
  }
  for (auto& [id, st] : unprepared.streams) {
    for (auto& a : st.audience) {
      EXPECT_EQ(a.search_text, searchTextOf(*s.user(a.user_id))) << id;  // copied at load
      a.search_text.clear();
    }
  }
  for (const char* q : {"a", "ÖZKAN", "ÇINAR", "yıldız", "DOE", "zzzz", "n d"}) {
    auto prepared = listViewers(s, kAcoustic, kCagla, 1, 100, q);
    auto folded = listViewers(unprepared, kAcoustic, kCagla, 1, 100, q);
    ASSERT_TRUE(prepared.ok() && folded.ok()) << q;
    std::vector<std::string> a, b;
    for (const AudienceMember* m : prepared->members)
      a.push_back(m->user_id);
    for (const AudienceMember* m : folded->members)
      b.push_back(m->user_id);
    EXPECT_EQ(a, b) << q;
  }
}

TEST_F(Viewers, AMemberWhoJoinedAtRunTimeIsFoundBySearch) {
  ASSERT_TRUE(ids(list(kAcoustic, kCagla, 1, 100, "brooks")).empty());
  ASSERT_TRUE(joinAudience(s, kAcoustic, kMichael, kNow).ok());
  EXPECT_EQ(ids(list(kAcoustic, kCagla, 1, 100, "BROOKS")), std::vector<std::string>{kMichael});
}

TEST_F(Viewers, SearchWithoutMatchesIsAnEmptyPage) {
  ViewerPage p = list(kAcoustic, kCagla, 1, 20, "zzzz");
  EXPECT_TRUE(p.members.empty());
  EXPECT_EQ(p.total, 0);
  EXPECT_EQ(p.audience_total, 28);
}

TEST_F(Viewers, SearchResultsArePagedTooInJoiningOrder) {
  const auto all = ids(list(kAcoustic, kCagla, 1, 100, "a"));
  ASSERT_GT(all.size(), 4u);
  ViewerPage second = list(kAcoustic, kCagla, 2, 2, "a");
  EXPECT_EQ(ids(second), slice(all, 2, 4));
  EXPECT_EQ(second.total, static_cast<int64_t>(all.size()));
}

TEST(ContainsFolded, FoldsAsciiCase) {
  EXPECT_TRUE(containsFolded("Emily Carter", "carter"));
  EXPECT_TRUE(containsFolded("emily", "EMI"));
  EXPECT_FALSE(containsFolded("Emily", "emma"));
  EXPECT_TRUE(containsFolded("anything", ""));
}

TEST(ContainsFolded, FoldsTurkishCapitalsToTheirSmallLetters) {
  EXPECT_TRUE(containsFolded("Çağla", "çAĞLA"));
  EXPECT_TRUE(containsFolded("çağla", "ÇAĞLA"));
  EXPECT_TRUE(containsFolded("Şükrü Öztürk", "ŞÜKRÜ ÖZTÜRK"));
  EXPECT_TRUE(containsFolded("Gülşen", "GÜLŞEN"));
}

TEST(ContainsFolded, DottedAndDotlessIAllMatchI) {
  EXPECT_TRUE(containsFolded("İlkay", "ilkay"));
  EXPECT_TRUE(containsFolded("İlkay", "ILKAY"));
  EXPECT_TRUE(containsFolded("ilkay", "İLKAY"));
  EXPECT_TRUE(containsFolded("Yıldız", "yildiz"));
  EXPECT_TRUE(containsFolded("Yıldız", "YILDIZ"));
  EXPECT_TRUE(containsFolded("Yildiz", "yıldız"));
  EXPECT_TRUE(containsFolded("Işık", "ışık"));
}

TEST(ContainsFolded, DoesNotStripDiacritics) {
  // It folds case, not accents: "cagla" does not find "Çağla" (ç, ğ are other letters), and
  // the viewers search only finds Çağla by that text through her username, caglayilmaz.
  EXPECT_FALSE(containsFolded("Çağla", "cagla"));
  EXPECT_FALSE(containsFolded("Öztürk", "ozturk"));
  EXPECT_TRUE(containsFolded("caglayilmaz", "cagla"));
}

// ---- who may see -----------------------------------------------------------------------------

TEST_F(Viewers, CreatorGuestBroadcasterAndAudienceMaySeeTheViewers) {
  EXPECT_TRUE(listViewers(s, kAcoustic, kCagla, 1, 20, "").ok());
  EXPECT_TRUE(listViewers(s, kAcoustic, kJohn, 1, 20, "").ok());
  EXPECT_TRUE(listViewers(s, kKitchen, kKitchenGuest, 1, 20, "").ok());
  EXPECT_TRUE(listViewers(s, kKitchen, kKitchenBroadcaster, 1, 20, "").ok());
}

TEST_F(Viewers, OutsiderIsForbidden) {
  EXPECT_EQ(refusal(kAcoustic, kMichael), ErrorKind::kPermissionDenied);
  EXPECT_EQ(refusal(kAcoustic, ""), ErrorKind::kPermissionDenied);
}

TEST_F(Viewers, StreamThatIsNotActiveIsNotFoundEvenForItsCreator) {
  EXPECT_EQ(refusal(kGuitar, kCagla), ErrorKind::kNotFound);
  EXPECT_EQ(refusal(kYoga, s.streams.at(kYoga).creator_id), ErrorKind::kNotFound);
}

TEST_F(Viewers, UnknownOrDeletedStreamIsNotFound) {
  EXPECT_EQ(refusal(kNoStream, kCagla), ErrorKind::kNotFound);
  EXPECT_EQ(refusal(kDeleted, s.streams.at(kDeleted).creator_id), ErrorKind::kNotFound);
}

TEST_F(Viewers, NotFoundIsCheckedBeforePermission) {
  EXPECT_EQ(refusal(kGuitar, kMichael), ErrorKind::kNotFound);
}

// The spec allows any page >= 1 (no maximum) and limit up to 100, so (page - 1) * limit can
// overflow int64; an absurd page must be an empty page (this crashed before domain/paging.h).
TEST_F(Viewers, HugePageIsAnEmptyPageNotAnOverflow) {
  ViewerPage p = list(kAcoustic, kCagla, 100000000000000000LL, 100);
  EXPECT_TRUE(p.members.empty());
  EXPECT_EQ(p.total, 28);
}

}  // namespace
}  // namespace lsm
