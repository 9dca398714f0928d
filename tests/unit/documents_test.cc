#include "spec/documents.h"

#include <gtest/gtest.h>

namespace lsm {
namespace {

using nlohmann::json;

json product() {
  return {
      {"openapi", "3.1.0"},
      {"tags", {{{"name", "chat"}}}},
      {"paths", {{"/api/v1/a", {{"get", {{"operationId", "a"}}}}}}},
      {"components",
       {{"schemas",
         {{"Id", {{"type", "string"}}},
          {"Box",
           {{"type", "object"}, {"properties", {{"id", {{"$ref", "#/components/schemas/Id"}}}}}}},
          {"Unused", {{"type", "integer"}}}}}}}};
}

json control() {
  return {{"openapi", "3.1.0"},
          {"info", {{"title", "control"}}},
          {"tags", {{{"name", "mock-control"}}}},
          {"paths",
           {{"/__mock/x",
             {{"get",
               {{"operationId", "x"},
                {"responses",
                 {{"200",
                   {{"content",
                     {{"application/json",
                       {{"schema",
                         {{"allOf",
                           {{{"$ref", "openapi.yaml#/components/schemas/Box"}},
                            {{"$ref", "#/components/schemas/MockOnly"}}}}}}}}}}}}}}}}}}}},
          {"components", {{"schemas", {{"MockOnly", {{"type", "object"}}}}}}}};
}

TEST(MergeControlDocument, AddsThePathsComponentsAndTagsAndMakesProductRefsLocal) {
  auto merged = mergeControlDocument(product(), control());
  ASSERT_TRUE(merged) << merged.error().details.at(0);
  EXPECT_TRUE((*merged)["paths"].contains("/api/v1/a"));
  EXPECT_TRUE((*merged)["paths"].contains("/__mock/x"));
  EXPECT_TRUE((*merged)["components"]["schemas"].contains("MockOnly"));
  EXPECT_EQ((*merged)["tags"].size(), 2u);
  const json& all_of = (*merged)["paths"]["/__mock/x"]["get"]["responses"]["200"]["content"]
                                ["application/json"]["schema"]["allOf"];
  EXPECT_EQ(all_of[0]["$ref"], "#/components/schemas/Box");
  EXPECT_EQ(all_of[1]["$ref"], "#/components/schemas/MockOnly");
}

TEST(MergeControlDocument, APathOrComponentBothDefineIsAnErrorNamingIt) {
  json c = control();
  c["paths"]["/api/v1/a"] = {{"get", {{"operationId", "other"}}}};
  auto merged = mergeControlDocument(product(), c);
  ASSERT_FALSE(merged);
  EXPECT_NE(merged.error().details.at(0).find("path /api/v1/a"), std::string::npos);

  json d = control();
  d["components"]["schemas"]["Id"] = {{"type", "integer"}};
  auto again = mergeControlDocument(product(), d);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().details.at(0).find("components/schemas Id"), std::string::npos);
}

TEST(MergeControlDocument, AReferenceIntoTheWrongDocumentIsAnErrorNamingIt) {
  json c = control();
  c["paths"]["/__mock/x"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
      {"$ref", "openapi.yaml#/components/schemas/MockOnly"}};  // MockOnly is the control's own
  auto merged = mergeControlDocument(product(), c);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error().details.at(0),
            "mock-control.yaml: $ref openapi.yaml#/components/schemas/MockOnly does not resolve in "
            "openapi.yaml");
  c["paths"]["/__mock/x"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = {
      {"$ref", "#/components/schemas/Box"}};  // Box is the product's
  EXPECT_FALSE(mergeControlDocument(product(), c));
}

TEST(StandaloneControlDocument, CarriesTheComponentsItReachesAndNoOthers) {
  auto merged = mergeControlDocument(product(), control());
  ASSERT_TRUE(merged);
  const json doc = standaloneControlDocument(*merged, control());
  EXPECT_EQ(doc["info"]["title"], "control");
  EXPECT_FALSE(doc["paths"].contains("/api/v1/a"));
  const json& schemas = doc["components"]["schemas"];
  EXPECT_TRUE(schemas.contains("Box"));
  EXPECT_TRUE(schemas.contains("Id"));  // through Box
  EXPECT_TRUE(schemas.contains("MockOnly"));
  EXPECT_FALSE(schemas.contains("Unused"));
  EXPECT_EQ(doc.dump().find("\"openapi.yaml#"), std::string::npos);
}

}  // namespace
}  // namespace lsm
