// How --proxy judges a real server's answers (proxy/differences.h) and groups them (drift_log.h).
#include "proxy/differences.h"

#include <gtest/gtest.h>

#include "proxy/drift_log.h"
#include "test_spec.h"

namespace lsm {
namespace {

using nlohmann::json;

const Spec& spec() {
  return embeddedSpecForTests();
}

json contactsPage(json item) {
  return {{"isSuccess", true},
          {"statusCode", 200},
          {"errors", json::array()},
          {"timestamp", "2026-01-15T10:30:00.000Z"},
          {"data",
           {{"list", json::array({item})},
            {"pagination",
             {{"currentPage", 1},
              {"totalPages", 1},
              {"totalItems", 1},
              {"itemsPerPage", 20},
              {"hasNextPage", false},
              {"hasPrevPage", false}}}}}};
}

json contact() {
  return {{"_id", "64d15f9e2e6c8f4d5a123456"},
          {"name", "Ayşe"},
          {"email", "a@example.com"},
          {"phone", nullptr},
          {"subject", "Merhaba"},
          {"message", "..."},
          {"status", "new"},
          {"createdAt", "2026-01-15T10:30:00.000Z"},
          {"updatedAt", "2026-01-15T10:30:00.000Z"}};
}

const Operation& op(const char* id) {
  return *spec().find(id);
}

TEST(ResponseDifferences, AnAnswerAsDocumentedHasNone) {
  EXPECT_TRUE(responseDifferences(spec(), op("listContacts"), 200, "application/json",
                                  contactsPage(contact()).dump())
                  .empty());
}

TEST(ResponseDifferences, AnExtraFieldIsDriftOnceHoweverManyItemsCarryIt) {
  json c = contact();
  c["__v"] = 0;
  json page = contactsPage(c);
  page["data"]["list"].push_back(c);
  auto found = responseDifferences(spec(), op("listContacts"), 200,
                                   "application/json; charset=utf-8", page.dump());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].documented);
  EXPECT_EQ(found[0].code, "additionalProperties");
  EXPECT_EQ(found[0].location,
            (std::vector<std::string>{"response", "body", "data", "list", "0", "__v"}));
  EXPECT_EQ(found[0].fact, "200 data.list[].__v: no fields beyond the documented ones");
}

TEST(ResponseDifferences, AnUndocumentedStatusAndANonJsonBodyBreakDocumentedFacts) {
  auto status = responseDifferences(spec(), op("listContacts"), 418, "application/json", "{}");
  ASSERT_EQ(status.size(), 1u);
  EXPECT_TRUE(status[0].documented);
  EXPECT_EQ(status[0].code, "status");
  auto html = responseDifferences(spec(), op("listContacts"), 200, "text/html", "<h1>hi</h1>");
  ASSERT_EQ(html.size(), 1u);
  EXPECT_TRUE(html[0].documented);
  EXPECT_EQ(html[0].code, "content-type");
  auto broken = responseDifferences(spec(), op("listContacts"), 200, "application/json", "{");
  ASSERT_EQ(broken.size(), 1u);
  EXPECT_EQ(broken[0].code, "json");
}

TEST(ResponseDifferences, ASuccessOnAnotherStatusWhereOursIsDecidedIsDrift) {
  // "Every POST succeeds with 201" is decided; a real server's 200 differs from a decision.
  auto found = responseDifferences(spec(), op("cancelLiveStream"), 200, "application/json", "{}");
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].code, "status");
  EXPECT_FALSE(found[0].documented) << found[0].message;
}

TEST(SlViolations, PrismsShapeAndBoundedInSize) {
  std::vector<Difference> many;
  for (int i = 0; i < 500; ++i) {
    many.push_back({i % 2 == 0,
                    {"response", "body", "data", "f" + std::to_string(i)},
                    "schema",
                    "data.f" + std::to_string(i) + ": must be string",
                    "f"});
  }
  const std::string header = slViolations(many);
  EXPECT_LE(header.size(), 8u * 1024);
  const json parsed = json::parse(header);
  ASSERT_GT(parsed.size(), 10u);
  EXPECT_EQ(parsed[0]["severity"], "Error");
  EXPECT_EQ(parsed[1]["severity"], "Warning");
  EXPECT_EQ(parsed[0]["location"], json({"response", "body", "data", "f0"}));
  EXPECT_EQ(parsed.back()["code"], "truncated");
}

TEST(DriftLog, GroupsByOperationAndFactWithCountsBrokenFirst) {
  DriftLog log;
  Difference drift{false, {"response"}, "additionalProperties", "data.__v: not allowed", "d"};
  Difference broken{true, {"response"}, "schema", "data.title: is required", "b"};
  log.add("listContacts", "GET", "/api/v1/contacts", 200, {drift}, 1000);
  log.add("listContacts", "GET", "/api/v1/contacts", 200, {drift}, 2000);
  log.add("createLiveStream", "POST", "/api/v1/live-stream/create", 201, {broken}, 3000);
  log.add("listContacts", "GET", "/api/v1/contacts", 200, {}, 4000);
  const json j = log.toJson();
  EXPECT_EQ(j["answersChecked"], 4);
  EXPECT_EQ(j["answersWithDifferences"], 3);
  EXPECT_EQ(j["documentedBroken"], 1);
  EXPECT_EQ(j["decidedDiffer"], 1);
  ASSERT_EQ(j["facts"].size(), 2u);
  EXPECT_EQ(j["facts"][0]["kind"], "broken");
  EXPECT_EQ(j["facts"][1]["count"], 2);
  EXPECT_EQ(j["facts"][1]["example"]["path"], "/api/v1/contacts");
}

}  // namespace
}  // namespace lsm
