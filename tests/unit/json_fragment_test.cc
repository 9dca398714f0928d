// Remembered parts of answers (core/json_fragment, cache/fragment_cache): written as their text,
// accepted by the validator only where the schema they were checked against applies, and never
// remembered when they break it.
#include "core/json_fragment.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "cache/fragment_cache.h"
#include "core/json_writer.h"
#include "validation/schema.h"

namespace lsm {
namespace {

using nlohmann::json;

class FragmentTest : public ::testing::Test {
 protected:
  FragmentTest() {
    doc = json::parse(R"({"components":{"schemas":{
      "Message":{"type":"object","additionalProperties":false,"required":["text"],
                 "properties":{"text":{"type":"string","minLength":1}}},
      "Page":{"type":"object","required":["list"],
              "properties":{"list":{"type":"array","items":{"$ref":"#/components/schemas/Message"}}}},
      "Envelope":{"type":"object","properties":{"data":{}}}}}})");
    compiler = std::make_unique<SchemaCompiler>(doc);
    page = compile(R"({"allOf":[{"$ref":"#/components/schemas/Envelope"},
      {"properties":{"data":{"$ref":"#/components/schemas/Page"}}}]})");
    strict = compile(R"({"type":"object","properties":{"text":{"maxLength":2}}})");
  }
  Schema compile(const char* text) {
    auto r = compiler->compile(json::parse(text), "#/test");
    EXPECT_TRUE(r.ok());
    return r.ok() ? r.value() : Schema();
  }
  json doc;
  std::unique_ptr<SchemaCompiler> compiler;
  Schema page, strict;
};

TEST_F(FragmentTest, AtFindsTheItemSchemaThroughAllOfAndRefs) {
  const Schema item = page.at({"data", "list", "[]"});
  ASSERT_TRUE(item.valid());
  EXPECT_TRUE(item.validate(json{{"text", "hi"}}, nullptr));
  EXPECT_FALSE(item.validate(json{{"text", ""}}, nullptr));
  EXPECT_FALSE(page.at({"data", "nothing"}).valid());
}

TEST_F(FragmentTest, IsWrittenAsItsText) {
  const json body = {{"list", json::array({jsonFragment(R"({"text":"hi"})", nullptr)})}};
  EXPECT_EQ(toJson(body), R"({"list":[{"text":"hi"}]})");
}

TEST_F(FragmentTest, PassesWhereItsSchemaAppliesUnread) {
  const Schema item = page.at({"data", "list", "[]"});
  // Text that would fail: accepted only because it was checked against this very node.
  const json body = {
      {"data", {{"list", json::array({jsonFragment(R"({"text":""})", item.node())})}}}};
  EXPECT_TRUE(page.validate(body, nullptr));
}

TEST_F(FragmentTest, ElsewhereItsTextIsValidated) {
  std::vector<Violation> out;
  EXPECT_FALSE(strict.validate(jsonFragment(R"({"text":"long"})", page.node()), &out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].path, "text");
  EXPECT_TRUE(strict.validate(jsonFragment(R"({"text":"ok"})", nullptr), nullptr));
}

TEST_F(FragmentTest, CacheRemembersAValidValueAndMakesItOnce) {
  FragmentCache cache(8);
  const Schema item = page.at({"data", "list", "[]"});
  int made = 0;
  auto make = [&] {
    ++made;
    return json{{"text", "hi"}};
  };
  const json first = cache.get("m1", 1, item, make);
  const json second = cache.get("m1", 1, item, make);
  EXPECT_EQ(made, 1);
  EXPECT_TRUE(isJsonFragment(second));
  EXPECT_EQ(toJson(first), R"({"text":"hi"})");
  cache.get("m1", 2, item, make);  // the version moved: made again
  EXPECT_EQ(made, 2);
}

TEST_F(FragmentTest, CacheKeepsNoValueThatBreaksItsSchema) {
  FragmentCache cache(8);
  const Schema item = page.at({"data", "list", "[]"});
  const json bad = cache.get("m1", 1, item, [] { return json{{"text", ""}}; });
  EXPECT_FALSE(isJsonFragment(bad));
  EXPECT_EQ(cache.size(), 0u);
  // The answer's own check then reports it at its place.
  std::vector<Violation> out;
  EXPECT_FALSE(page.validate(json{{"data", {{"list", json::array({bad})}}}}, &out));
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(out[0].path, "data.list[0].text");
}

}  // namespace
}  // namespace lsm
