// listContacts and getConsentHistory: paged lists, newest first; consents are the caller's own.
// Read-only, so they run against any target.
#include <set>

#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

class Records : public ContractTest {
 protected:
  json page(const std::string& op, Role who, int page, int limit) {
    return dataOf(expectCall(
        Req(op).as(who).query("page", std::to_string(page)).query("limit", std::to_string(limit)),
        200));
  }
  // Pages of `limit` hold every record once, newest first, and agree with the totals.
  void checkPaging(const std::string& op, Role who) {
    json first = page(op, who, 1, 2);
    const int64_t total = first["pagination"].value("totalItems", int64_t{-1});
    const int64_t pages = first["pagination"].value("totalPages", int64_t{-1});
    ASSERT_GE(total, 0);
    EXPECT_EQ(pages, (total + 1) / 2);
    EXPECT_EQ(first["pagination"]["itemsPerPage"], 2);
    EXPECT_EQ(first["pagination"]["hasPrevPage"], false);
    std::set<std::string> ids;
    std::string previous_created;
    for (int p = 1; p <= pages && p <= 50; ++p) {
      json d = p == 1 ? first : page(op, who, p, 2);
      EXPECT_EQ(d["pagination"]["currentPage"], p);
      EXPECT_EQ(d["pagination"]["hasNextPage"], p < pages);
      EXPECT_EQ(d["list"].size(), static_cast<size_t>(p < pages ? 2 : total - 2 * (pages - 1)));
      for (const auto& item : d["list"]) {
        EXPECT_TRUE(ids.insert(item.value("_id", "")).second) << "listed twice: " << item;
        const std::string created = item.value("createdAt", "");
        if (!previous_created.empty()) {
          EXPECT_LE(created, previous_created) << "not newest first";
        }
        previous_created = created;
      }
    }
    if (pages <= 50) {
      EXPECT_EQ(static_cast<int64_t>(ids.size()), total);
    }
  }
  void checkPastTheEnd(const std::string& op, Role who) {
    json first = page(op, who, 1, 20);
    const int64_t pages = first["pagination"].value("totalPages", int64_t{0});
    json past = page(op, who, static_cast<int>(pages) + 1, 20);
    EXPECT_EQ(past["list"], json::array());
    EXPECT_EQ(past["pagination"]["currentPage"], pages + 1);
    EXPECT_EQ(past["pagination"]["totalItems"], first["pagination"]["totalItems"]);
    EXPECT_EQ(past["pagination"]["hasNextPage"], false);
  }
};

TEST_F(Records, ContactsArePagedNewestFirst) {
  checkPaging("listContacts", Role::kHost);
}

TEST_F(Records, ContactsPagePastTheEndIsEmpty) {
  checkPastTheEnd("listContacts", Role::kHost);
}

TEST_F(Records, ContactsAreTheSameForEveryCaller) {
  json host = page("listContacts", Role::kHost, 1, 100);
  json other = page("listContacts", Role::kOther, 1, 100);
  EXPECT_EQ(host["pagination"]["totalItems"], other["pagination"]["totalItems"]);
  EXPECT_EQ(host["list"], other["list"]);
}

TEST_F(Records, ContactsDefaultTo20PerPage) {
  json d = dataOf(expectCall(Req("listContacts").as(Role::kHost), 200));
  EXPECT_EQ(d["pagination"]["currentPage"], 1);
  EXPECT_EQ(d["pagination"]["itemsPerPage"], 20);
  EXPECT_LE(d["list"].size(), 20u);
}

TEST_F(Records, ConsentHistoryIsPagedNewestFirst) {
  checkPaging("getConsentHistory", Role::kHost);
}

TEST_F(Records, ConsentHistoryPagePastTheEndIsEmpty) {
  checkPastTheEnd("getConsentHistory", Role::kHost);
}

TEST_F(Records, ConsentHistoryHoldsOnlyTheCallersRecords) {
  for (Role who : {Role::kHost, Role::kGuest}) {
    json d = page("getConsentHistory", who, 1, 100);
    for (const auto& c : d["list"])
      EXPECT_EQ(c["userId"], userId(who)) << roleName(who) << " sees " << c;
  }
  if (isMock()) {
    // The fixtures give HOST consent records, so the filter above had something to filter.
    EXPECT_FALSE(page("getConsentHistory", Role::kHost, 1, 100)["list"].empty());
  }
}

}  // namespace
}  // namespace contract
