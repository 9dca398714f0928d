// listContacts and getConsentHistory: paged lists, newest first; consents are the caller's own.
// Read-only, so they run against any target. Contacts are everyone's: other users may add one
// while a test walks the pages, so a walk that sees the total change is walked again.
#include <algorithm>
#include <optional>
#include <set>

#include "support/suite.h"

namespace contract {
namespace {

using nlohmann::json;

constexpr char kContacts[] = "listContacts";
constexpr char kConsents[] = "getConsentHistory";
constexpr int kWalks = 3;       // walks of a list that others change before giving up
constexpr int kMaxPages = 50;   // pages one walk reads at most
constexpr int kWalkLimit = 2;   // records a page in a walk
constexpr int kPastLimit = 10;  // records a page when looking past the end

size_t sizeOf(const json& list) {
  return list.is_array() ? list.size() : 0;
}

class Records : public ContractTest {
 protected:
  json page(const std::string& op, Role who, int page, int limit) {
    return dataOf(expectCall(
        Req(op).as(who).query("page", std::to_string(page)).query("limit", std::to_string(limit)),
        200));
  }
  // Every page of `limit`, read while the total stayed the same. A list others may change
  // (`shared`) is walked again when its total changed between pages (at most kWalks times; then
  // the test halts as not verified); the caller's own list must keep its total. Empty when there
  // is nothing to judge.
  std::optional<std::vector<json>> walk(const std::string& op, Role who, int limit, bool shared) {
    for (int attempt = 0; attempt < kWalks; ++attempt) {
      std::vector<json> pages{page(op, who, 1, limit)};
      const json total = at(pages[0], "pagination.totalItems");
      const json total_pages = at(pages[0], "pagination.totalPages");
      if (halted() || !total.is_number_integer() || !total_pages.is_number_integer()) {
        return std::nullopt;  // the schema check of the answer says what is wrong
      }
      const int last = std::min<int64_t>(total_pages.get<int64_t>(), kMaxPages);
      bool stable = true;
      for (int p = 2; p <= last && stable; ++p) {
        pages.push_back(page(op, who, p, limit));
        if (halted()) return std::nullopt;
        stable = at(pages.back(), "pagination.totalItems") == total;
      }
      if (stable) return pages;
      if (!shared) {
        decided(op, "totalItems is the same on every page")
            .eq(at(pages.back(), "pagination.totalItems"), total);
        return std::nullopt;
      }
    }
    halt("the records changed during each of " + std::to_string(kWalks) +
         " walks (other users are active): the paging is not judged");
    return std::nullopt;
  }
  // Pages of kWalkLimit hold every record once, newest first, and agree with the totals.
  void checkPaging(const std::string& op, Role who, bool shared) {
    const auto pages = walk(op, who, kWalkLimit, shared);
    if (!pages) return;
    const int64_t total = at((*pages)[0], "pagination.totalItems").get<int64_t>();
    const int64_t total_pages = (total + kWalkLimit - 1) / kWalkLimit;
    decided(op, "totalPages is totalItems over the limit, rounded up")
        .eq(at((*pages)[0], "pagination.totalPages"), total_pages);
    decided(op, "itemsPerPage is the limit asked for")
        .eq(at((*pages)[0], "pagination.itemsPerPage"), kWalkLimit);
    std::set<std::string> ids;
    bool each_once = true, newest_first = true;
    std::string previous_created, out_of_order;
    for (size_t i = 0; i < pages->size(); ++i) {
      const json& d = (*pages)[i];
      const int64_t p = static_cast<int64_t>(i) + 1;
      const int64_t left = std::max<int64_t>(0, total - kWalkLimit * (p - 1));
      decided(op, "currentPage is the page asked for").eq(at(d, "pagination.currentPage"), p);
      decided(op, "hasNextPage is true before the last page")
          .eq(at(d, "pagination.hasNextPage"), p < total_pages);
      decided(op, "hasPrevPage is true after the first page")
          .eq(at(d, "pagination.hasPrevPage"), p > 1);
      const json list = at(d, "list");
      decided(op, "a page holds limit records, the last one the rest")
          .eq(sizeOf(list), std::min<int64_t>(kWalkLimit, left));
      if (!list.is_array()) continue;
      for (const auto& item : list) {
        if (!item.is_object()) continue;  // the schema check names it
        each_once = ids.insert(item.value("_id", "")).second && each_once;
        const std::string created = item.value("createdAt", "");
        if (!previous_created.empty() && created > previous_created) {
          newest_first = false;
          out_of_order = created + " after " + previous_created;
        }
        previous_created = created;
      }
    }
    decided(op, "the pages list each record once").holds(each_once, "a record on two pages");
    decided(op, "records are listed newest first").holds(newest_first, out_of_order);
    if (total_pages <= kMaxPages) {
      decided(op, "the pages together hold every record").eq(ids.size(), total);
    }
  }
  // The page after the last is empty. Page 1 is read before and after it: when the total moved
  // in between (others added a record), it is tried again.
  void checkPastTheEnd(const std::string& op, Role who) {
    for (int attempt = 0; attempt < kWalks; ++attempt) {
      const json first = page(op, who, 1, kPastLimit);
      const json total_pages = at(first, "pagination.totalPages");
      if (halted() || !total_pages.is_number_integer()) return;
      const int64_t past_page = total_pages.get<int64_t>() + 1;
      const json past = page(op, who, static_cast<int>(past_page), kPastLimit);
      const json again = page(op, who, 1, kPastLimit);
      if (halted()) return;
      const json total = at(first, "pagination.totalItems");
      if (at(again, "pagination.totalItems") != total) continue;
      decided(op, "a page past the end is empty").eq(at(past, "list"), json::array());
      decided(op, "currentPage is the page asked for")
          .eq(at(past, "pagination.currentPage"), past_page);
      decided(op, "totalItems is the same on every page")
          .eq(at(past, "pagination.totalItems"), total);
      decided(op, "hasNextPage is false past the end")
          .eq(at(past, "pagination.hasNextPage"), false);
      return;
    }
    halt("the records changed during each of " + std::to_string(kWalks) +
         " tries (other users are active): the page past the end is not judged");
  }
};

TEST_F(Records, ContactsArePagedNewestFirst) {
  checkPaging(kContacts, Role::kHost, true);
}

TEST_F(Records, ContactsPagePastTheEndIsEmpty) {
  checkPastTheEnd(kContacts, Role::kHost);
}

TEST_F(Records, ContactsAreTheSameForEveryCaller) {
  // HOST's page is read before and after OTHER's; only a pair that saw no change is judged.
  for (int attempt = 0; attempt < kWalks; ++attempt) {
    const json host = page(kContacts, Role::kHost, 1, 100);
    const json other = page(kContacts, Role::kOther, 1, 100);
    const json again = page(kContacts, Role::kHost, 1, 100);
    if (halted()) return;
    if (at(again, "pagination.totalItems") != at(host, "pagination.totalItems") ||
        at(again, "list") != at(host, "list")) {
      continue;
    }
    decided(kContacts, "every caller sees the same contacts")
        .eq(at(other, "pagination.totalItems"), at(host, "pagination.totalItems"));
    decided(kContacts, "every caller sees the same contacts")
        .eq(at(other, "list"), at(host, "list"));
    return;
  }
  halt("the contacts changed during each of " + std::to_string(kWalks) +
       " tries (other users are active): not judged");
}

TEST_F(Records, ContactsDefaultToTheSpecsPageSize) {
  json default_page, default_limit;
  const Fact page_default = parameterDefault(kContacts, "page", &default_page);
  const Fact limit_default = parameterDefault(kContacts, "limit", &default_limit);
  const json d = dataOf(expectCall(Req(kContacts).as(Role::kHost), 200));
  page_default.eq(at(d, "pagination.currentPage"), default_page);
  limit_default.eq(at(d, "pagination.itemsPerPage"), default_limit);
  decided(kContacts, "a page holds at most limit records").le(sizeOf(at(d, "list")), default_limit);
}

TEST_F(Records, ConsentHistoryIsPagedNewestFirst) {
  checkPaging(kConsents, Role::kHost, false);
}

TEST_F(Records, ConsentHistoryPagePastTheEndIsEmpty) {
  checkPastTheEnd(kConsents, Role::kHost);
}

TEST_F(Records, ConsentHistoryHoldsOnlyTheCallersRecords) {
  for (Role who : {Role::kHost, Role::kGuest}) {
    const json list = at(page(kConsents, who, 1, 100), "list");
    if (!list.is_array()) continue;  // the schema check names it
    for (const auto& c : list) {
      decided(kConsents, "only the caller's own records are listed")
          .eq(at(c, "userId"), userId(who));
    }
  }
}

}  // namespace
}  // namespace contract
