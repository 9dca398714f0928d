#include "domain/records.h"

#include <gtest/gtest.h>

#include "domain/fixtures.h"

namespace lsm {
namespace {

constexpr char kJohn[] = "64d15f9e2e6c8f4d5a123456";

const Millis kNow = *parseIsoDateTime("2026-11-20T12:00:00.000Z");

State fixtures() {
  auto s = loadFixtures("fixtures", kNow);
  if (!s) ADD_FAILURE() << "fixtures do not load";
  return std::move(s).value();
}

void expectNewestFirst(const RecordPage& page) {
  for (size_t i = 1; i < page.list.size(); ++i) {
    EXPECT_GE((*page.list[i - 1])["createdAt"].get<std::string>(),
              (*page.list[i])["createdAt"].get<std::string>());
  }
}

TEST(ListContacts, ListsEveryRecordNewestFirst) {
  State s = fixtures();
  auto r = listContacts(s, 1, 100);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, static_cast<int64_t>(s.contacts.size()));
  EXPECT_EQ(r->list.size(), s.contacts.size());
  expectNewestFirst(*r);
}

TEST(ListContacts, PagesFollowEachOther) {
  State s = fixtures();
  ASSERT_GE(s.contacts.size(), 3u);
  auto all = listContacts(s, 1, 100);
  auto first = listContacts(s, 1, 2);
  auto second = listContacts(s, 2, 2);
  ASSERT_TRUE(all.ok() && first.ok() && second.ok());
  ASSERT_EQ(first->list.size(), 2u);
  EXPECT_EQ(first->list[0], all->list[0]);
  EXPECT_EQ(first->list[1], all->list[1]);
  EXPECT_EQ(second->list[0], all->list[2]);
  EXPECT_EQ(second->total, all->total);
}

TEST(ListContacts, APageBeyondTheLastIsEmpty) {
  State s = fixtures();
  auto r = listContacts(s, 1000, 20);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->list.empty());
  EXPECT_EQ(r->total, static_cast<int64_t>(s.contacts.size()));
}

TEST(ListConsents, ListsOnlyTheCallersOwnNewestFirst) {
  State s = fixtures();
  size_t johns = 0;
  for (const auto& c : s.consents)
    johns += c["userId"] == kJohn;
  ASSERT_GT(johns, 0u);
  ASSERT_GT(s.consents.size(), johns);  // others have consents too
  auto r = listConsents(s, kJohn, 1, 100);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, static_cast<int64_t>(johns));
  ASSERT_EQ(r->list.size(), johns);
  for (const auto* c : r->list)
    EXPECT_EQ((*c)["userId"], kJohn);
  expectNewestFirst(*r);
}

TEST(ListConsents, AUserWithoutConsentsGetsAnEmptyList) {
  State s = fixtures();
  auto r = listConsents(s, "000000000000000000000000", 1, 20);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->total, 0);
  EXPECT_TRUE(r->list.empty());
}

}  // namespace
}  // namespace lsm
