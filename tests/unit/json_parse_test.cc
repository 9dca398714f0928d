// The one depth limit for every JSON the mock reads, and the bounds of the recursive walks that
// run over parsed values (JSON writer, schema validator).
#include "core/json_parse.h"

#include <gtest/gtest.h>

#include "core/json_writer.h"
#include "validation/schema.h"

namespace lsm {
namespace {

using nlohmann::json;

std::string nested(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// A value `depth` arrays deep, built without parsing (parseJson would refuse it).
json nestedValue(size_t depth) {
  json v = json::array();
  for (size_t i = 1; i < depth; ++i)
    v = json::array({std::move(v)});
  return v;
}

TEST(JsonParse, DepthCountsArraysAndObjectsButNotBracketsInStrings) {
  EXPECT_EQ(jsonNestingDepth("1"), 0u);
  EXPECT_EQ(jsonNestingDepth("[]"), 1u);
  EXPECT_EQ(jsonNestingDepth(R"({"a":[{"b":[]}]})"), 4u);
  EXPECT_EQ(jsonNestingDepth(R"(["[[[[", "\"[[[", {}])"), 2u);
  EXPECT_EQ(jsonNestingDepth("[][][]"), 1u);
}

TEST(JsonParse, DepthStopsCountingPastTheLimit) {
  EXPECT_EQ(jsonNestingDepth(nested(20000), 64), 65u);
}

TEST(JsonParse, AtTheLimitParses) {
  auto v = parseJson(nested(kMaxJsonDepth));
  ASSERT_TRUE(v) << v.error().details.at(0);
  EXPECT_TRUE(v->is_array());
}

TEST(JsonParse, OneLevelPastTheLimitIsRefusedNamingTheLimit) {
  auto v = parseJson(nested(kMaxJsonDepth + 1));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_EQ(v.error().details.at(0), "nested deeper than 64 levels");
}

TEST(JsonParse, TwentyThousandLevelsAreRefusedWithoutBuildingThem) {
  auto v = parseJson(nested(20000));
  ASSERT_FALSE(v);
  EXPECT_EQ(v.error().details.at(0), depthMessage());
  // Unbalanced, invalid text is measured too: nothing deep is built before the parser fails.
  EXPECT_FALSE(parseJson(std::string(20000, '{')));
  EXPECT_EQ(parseJson(std::string(20000, '[')).error().details.at(0), depthMessage());
}

TEST(JsonParse, InvalidJsonAndHugeNumbersKeepTheirMessages) {
  auto bad = parseJson("[1,");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().details.at(0).rfind("is not valid JSON (at byte ", 0), 0u);
  auto huge = parseJson("[1e400]");
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().details.at(0), "has a number out of range");
}

TEST(JsonWriter, ValueDeeperThanTheWalkLimitThrowsInsteadOfOverflowingTheStack) {
  EXPECT_EQ(toJson(nestedValue(kMaxWalkDepth)), nested(kMaxWalkDepth));
  EXPECT_THROW(toJson(nestedValue(50000)), std::length_error);
}

TEST(SchemaDepth, ValueDeeperThanTheWalkLimitIsAViolationNotACrash) {
  const json doc = {{"definitions",
                     {{"Tree", {{"type", "array"}, {"items", {{"$ref", "#/definitions/Tree"}}}}}}}};
  SchemaCompiler compiler(doc);
  auto schema = compiler.compile(doc["definitions"]["Tree"], "#/definitions/Tree");
  ASSERT_TRUE(schema) << schema.error().details.at(0);
  EXPECT_TRUE(schema->validate(nestedValue(10), nullptr));
  std::vector<Violation> out;
  EXPECT_FALSE(schema->validate(nestedValue(50000), &out));
  ASSERT_FALSE(out.empty());
  EXPECT_NE(out[0].message.find("nested deeper than"), std::string::npos) << out[0].message;
}

}  // namespace
}  // namespace lsm
