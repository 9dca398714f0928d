// YAML -> JSON with YAML 1.2 core-schema scalar resolution (mock/spec/yaml_json).
#include "spec/yaml_json.h"

#include <gtest/gtest.h>

#include <string>

namespace lsm {
namespace {

using nlohmann::json;

json load(const std::string& yaml) {
  auto r = yamlToJson(yaml);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().details.at(0));
  return r.ok() ? r.value() : json();
}

std::string errorOf(const std::string& yaml) {
  auto r = yamlToJson(yaml);
  EXPECT_FALSE(r.ok()) << "expected an error for:\n" << yaml;
  if (r.ok()) return "";
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  return r.error().details.empty() ? "" : r.error().details.front();
}

TEST(YamlJson, QuotedNoStaysAString) {
  EXPECT_EQ(load("a: 'no'\nb: \"no\"\n"), json({{"a", "no"}, {"b", "no"}}));
}

TEST(YamlJson, PlainNoStaysTheStringNoNotFalse) {
  // YAML 1.1 read yes/no/on/off as booleans; the 1.2 core schema does not.
  const json v = load("a: no\nb: yes\nc: on\nd: off\ne: y\nf: n\n");
  for (const char* key : {"a", "b", "c", "d", "e", "f"}) {
    EXPECT_TRUE(v[key].is_string()) << key << " = " << v[key].dump();
  }
  EXPECT_EQ(v["a"], "no");
  EXPECT_EQ(v["b"], "yes");
  EXPECT_EQ(v["c"], "on");
}

TEST(YamlJson, TrueAndFalseInEveryCoreSpellingAreBooleans) {
  const json v = load("a: true\nb: True\nc: TRUE\nd: false\ne: False\nf: FALSE\n");
  EXPECT_EQ(v["a"], true);
  EXPECT_EQ(v["b"], true);
  EXPECT_EQ(v["c"], true);
  EXPECT_EQ(v["d"], false);
  EXPECT_EQ(v["e"], false);
  EXPECT_EQ(v["f"], false);
  EXPECT_TRUE(v["a"].is_boolean());
}

TEST(YamlJson, QuotedTrueStaysAString) {
  const json v = load("a: 'true'\nb: \"false\"\n");
  EXPECT_EQ(v["a"], "true");
  EXPECT_EQ(v["b"], "false");
}

TEST(YamlJson, PlainIntegersBecomeJsonIntegers) {
  const json v = load("a: 42\nb: -7\nc: +12\nd: 0\ne: 0x1F\n");
  EXPECT_TRUE(v["a"].is_number_integer());
  EXPECT_EQ(v["a"], 42);
  EXPECT_EQ(v["b"], -7);
  EXPECT_EQ(v["c"], 12);
  EXPECT_EQ(v["d"], 0);
  EXPECT_EQ(v["e"], 31);
}

TEST(YamlJson, PlainLeadingZeroIntegerIsDecimal) {
  // Core schema: [-+]?[0-9]+ is a base-10 integer, so 0123 is 123 (no YAML 1.1 octal).
  EXPECT_EQ(load("a: 0123\n")["a"], 123);
}

// YAML 1.2.2 section 10.3.2 (core schema) resolves 0o[0-7]+ as a base-8 integer.
TEST(YamlJson, PlainOctalIsACoreSchemaInteger) {
  EXPECT_EQ(load("a: 0o17\n")["a"], 15);
}

TEST(YamlJson, QuotedLeadingZeroNumberStaysAString) {
  const json v = load("a: '0123'\nb: \"0123\"\nc: '200'\n");
  EXPECT_EQ(v["a"], "0123");
  EXPECT_EQ(v["b"], "0123");
  EXPECT_EQ(v["c"], "200");
}

TEST(YamlJson, PlainFloatsBecomeJsonNumbers) {
  const json v = load("a: 9.99\nb: -0.5\nc: .5\nd: 1e3\ne: 2.5E-1\n");
  EXPECT_TRUE(v["a"].is_number_float());
  EXPECT_DOUBLE_EQ(v["a"].get<double>(), 9.99);
  EXPECT_DOUBLE_EQ(v["b"].get<double>(), -0.5);
  EXPECT_DOUBLE_EQ(v["c"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(v["d"].get<double>(), 1000.0);
  EXPECT_DOUBLE_EQ(v["e"].get<double>(), 0.25);
}

TEST(YamlJson, TildeNullAndEmptyValuesAreNull) {
  const json v = load("a: ~\nb: null\nc: Null\nd: NULL\ne:\n");
  for (const char* key : {"a", "b", "c", "d", "e"}) {
    ASSERT_TRUE(v.contains(key)) << key;
    EXPECT_TRUE(v[key].is_null()) << key << " = " << v[key].dump();
  }
}

TEST(YamlJson, QuotedNullStaysAString) {
  EXPECT_EQ(load("a: 'null'\nb: '~'\n"), json({{"a", "null"}, {"b", "~"}}));
}

TEST(YamlJson, OtherPlainScalarsStayStrings) {
  const json v = load("a: hello world\nb: 1.2.3\nc: 2026-01-15T10:30:00.000Z\nd: 12abc\n");
  EXPECT_EQ(v["a"], "hello world");
  EXPECT_EQ(v["b"], "1.2.3");
  EXPECT_EQ(v["c"], "2026-01-15T10:30:00.000Z");
  EXPECT_EQ(v["d"], "12abc");
}

TEST(YamlJson, StrTagKeepsAPlainScalarAString) {
  EXPECT_EQ(load("a: !!str 123\n")["a"], "123");
}

TEST(YamlJson, NumericMappingKeysStayStrings) {
  // Response codes are map keys: JSON keys are strings whatever the scalar looks like.
  const json v = load("responses:\n  200: ok\n  '404': missing\n");
  EXPECT_EQ(v["responses"]["200"], "ok");
  EXPECT_EQ(v["responses"]["404"], "missing");
}

TEST(YamlJson, NestedMapsAndSequencesConvert) {
  const json v = load(
      "paths:\n"
      "  /a:\n"
      "    get:\n"
      "      tags: [x, y]\n"
      "      list:\n"
      "        - name: one\n"
      "          n: 1\n"
      "        - [2, 3]\n"
      "        - {k: v}\n");
  const json expected = {
      {"paths",
       {{"/a",
         {{"get",
           {{"tags", {"x", "y"}},
            {"list", json::array({{{"name", "one"}, {"n", 1}}, {2, 3}, {{"k", "v"}}})}}}}}}}};
  EXPECT_EQ(v, expected);
}

TEST(YamlJson, JsonTextIsAcceptedAsYaml) {
  EXPECT_EQ(load(R"({"a": [1, 2.5, "x", null, true]})"),
            json({{"a", {1, 2.5, "x", nullptr, true}}}));
}

TEST(YamlJson, EmptyDocumentIsNull) {
  EXPECT_TRUE(load("").is_null());
}

TEST(YamlJson, AnchorsAndAliasesAreExpanded) {
  EXPECT_EQ(load("a: &x {k: 1}\nb: *x\n"), json({{"a", {{"k", 1}}}, {"b", {{"k", 1}}}}));
}

TEST(YamlJson, MergeKeysAreRejectedWithTheirLine) {
  const std::string message = errorOf(
      "base: &b\n"
      "  x: 1\n"
      "derived:\n"
      "  <<: *b\n"
      "  y: 2\n");
  EXPECT_NE(message.find("merge keys (<<) are not supported"), std::string::npos) << message;
  EXPECT_NE(message.find("line 4"), std::string::npos) << message;
}

TEST(YamlJson, SyntaxErrorNamesLineAndColumn) {
  const std::string message = errorOf(
      "a: 1\n"
      "b: 2\n"
      "c: [1, 2\n");
  EXPECT_EQ(message.rfind("yaml: line ", 0), 0u) << message;
  EXPECT_NE(message.find(", column "), std::string::npos) << message;
}

TEST(YamlJson, SyntaxErrorPointsAtTheOffendingLine) {
  const std::string message = errorOf(
      "a: 1\n"
      "b: 2\n"
      "c: d: e\n");
  EXPECT_EQ(message.rfind("yaml: line 3, column ", 0), 0u) << message;
}

TEST(YamlJson, NonScalarMappingKeyIsRejected) {
  const std::string message = errorOf("? [a, b]\n: c\n");
  EXPECT_NE(message.find("mapping keys must be scalars"), std::string::npos) << message;
}

}  // namespace
}  // namespace lsm
