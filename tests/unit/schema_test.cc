// The compiled JSON Schema validator (mock/validation/schema), keyword by keyword.
#include "validation/schema.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace lsm {
namespace {

using nlohmann::json;

class SchemaTest : public ::testing::Test {
 protected:
  // Compiles `schema`; its $refs resolve against `doc`.
  Schema compile(const json& schema) {
    compilers_.push_back(std::make_unique<SchemaCompiler>(doc));
    auto r = compilers_.back()->compile(schema, "#/test");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().details.at(0));
    return r.ok() ? r.value() : Schema();
  }

  std::string compileError(const json& schema) {
    compilers_.push_back(std::make_unique<SchemaCompiler>(doc));
    auto r = compilers_.back()->compile(schema, "#/test");
    EXPECT_FALSE(r.ok()) << "expected a compile error for " << schema.dump();
    if (r.ok()) return "";
    EXPECT_EQ(r.error().kind, ErrorKind::kInternal);
    return r.error().details.at(0);
  }

  // The violations of `value`; checks on the way that both validate() forms agree.
  std::vector<Violation> violations(const Schema& s, const json& value) {
    std::vector<Violation> out;
    const bool ok = s.validate(value, &out);
    EXPECT_EQ(ok, out.empty()) << value.dump();
    EXPECT_EQ(ok, s.validate(value, nullptr))
        << "validate(v, nullptr) disagrees on " << value.dump();
    return out;
  }

  bool valid(const Schema& s, const json& value) { return violations(s, value).empty(); }

  // "path: message" of the only violation.
  std::string only(const Schema& s, const json& value) {
    auto v = violations(s, value);
    EXPECT_EQ(v.size(), 1u) << value.dump();
    if (v.empty()) return "<valid>";
    return v[0].toString("$");
  }

  json doc = json::object();

 private:
  std::vector<std::unique_ptr<SchemaCompiler>> compilers_;
};

// ---- type ----------------------------------------------------------------------------------

TEST_F(SchemaTest, TypeStringRejectsOtherTypes) {
  Schema s = compile({{"type", "string"}});
  EXPECT_TRUE(valid(s, "x"));
  EXPECT_EQ(only(s, 5), "$: must be a string");
  EXPECT_EQ(only(s, nullptr), "$: must be a string");
  EXPECT_EQ(only(s, json::array()), "$: must be a string");
}

TEST_F(SchemaTest, TypeArrayWithNullAcceptsBothAndNamesBoth) {
  Schema s = compile({{"type", {"string", "null"}}});
  EXPECT_TRUE(valid(s, "x"));
  EXPECT_TRUE(valid(s, nullptr));
  EXPECT_EQ(only(s, 5), "$: must be a string or null");
}

TEST_F(SchemaTest, IntegerAcceptsWholeFloatButNotFraction) {
  Schema s = compile({{"type", "integer"}});
  EXPECT_TRUE(valid(s, 3));
  EXPECT_TRUE(valid(s, 3.0));
  EXPECT_TRUE(valid(s, -4));
  EXPECT_EQ(only(s, 3.5), "$: must be an integer");
  EXPECT_EQ(only(s, "3"), "$: must be an integer");
}

TEST_F(SchemaTest, NumberAcceptsIntegersAndFloats) {
  Schema s = compile({{"type", "number"}});
  EXPECT_TRUE(valid(s, 3));
  EXPECT_TRUE(valid(s, 3.5));
  EXPECT_EQ(only(s, "3.5"), "$: must be a number");
}

TEST_F(SchemaTest, BooleanObjectAndArrayTypes) {
  EXPECT_EQ(only(compile({{"type", "boolean"}}), "true"), "$: must be a boolean");
  EXPECT_EQ(only(compile({{"type", "object"}}), json::array()), "$: must be an object");
  EXPECT_EQ(only(compile({{"type", "array"}}), json::object()), "$: must be an array");
  EXPECT_EQ(only(compile({{"type", "null"}}), 0), "$: must be null");
}

TEST_F(SchemaTest, NoTypeAcceptsAnything) {
  Schema s = compile(json::object());
  for (const json& v : {json(1), json("x"), json(nullptr), json::array(), json::object()}) {
    EXPECT_TRUE(valid(s, v)) << v.dump();
  }
}

TEST_F(SchemaTest, FalseSchemaRejectsEverything) {
  Schema s = compile(false);
  EXPECT_EQ(only(s, 1), "$: is not allowed");
  EXPECT_TRUE(valid(compile(true), 1));
}

// ---- objects -------------------------------------------------------------------------------

TEST_F(SchemaTest, PropertiesAreValidatedAtTheirPath) {
  Schema s = compile({{"type", "object"}, {"properties", {{"title", {{"type", "string"}}}}}});
  EXPECT_TRUE(valid(s, {{"title", "x"}}));
  EXPECT_EQ(only(s, {{"title", 1}}), "title: must be a string");
}

TEST_F(SchemaTest, MissingRequiredIsReportedAtTheChildPath) {
  Schema s = compile({{"type", "object"},
                      {"required", {"title", "price"}},
                      {"properties", {{"title", {{"type", "string"}}}}}});
  auto v = violations(s, json::object());
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].path, "title");
  EXPECT_EQ(v[0].message, "is required");
  EXPECT_EQ(v[1].path, "price");
  EXPECT_EQ(v[1].message, "is required");
}

TEST_F(SchemaTest, AdditionalPropertiesFalseRejectsUnknownFields) {
  Schema s = compile({{"type", "object"},
                      {"additionalProperties", false},
                      {"properties", {{"title", {{"type", "string"}}}}}});
  EXPECT_TRUE(valid(s, {{"title", "x"}}));
  EXPECT_EQ(only(s, {{"title", "x"}, {"colour", "red"}}), "colour: is not an allowed field");
}

TEST_F(SchemaTest, AdditionalPropertiesSchemaValidatesTheRest) {
  Schema s = compile({{"type", "object"}, {"additionalProperties", {{"type", "integer"}}}});
  EXPECT_TRUE(valid(s, {{"a", 1}, {"b", 2}}));
  EXPECT_EQ(only(s, {{"a", 1}, {"b", "two"}}), "b: must be an integer");
}

TEST_F(SchemaTest, AdditionalPropertiesAllowedByDefault) {
  Schema s = compile({{"type", "object"}, {"properties", {{"a", {{"type", "integer"}}}}}});
  EXPECT_TRUE(valid(s, {{"a", 1}, {"anything", "else"}}));
}

TEST_F(SchemaTest, NestedViolationPathsUseDots) {
  doc = {{"definitions",
          {{"User",
            {{"type", "object"},
             {"required", {"_id"}},
             {"properties", {{"_id", {{"type", "string"}, {"pattern", "^[0-9a-f]{24}$"}}}}}}}}}};
  Schema s = compile({{"type", "object"},
                      {"properties",
                       {{"data",
                         {{"type", "object"},
                          {"properties", {{"creator", {{"$ref", "#/definitions/User"}}}}}}}}}});
  EXPECT_EQ(only(s, {{"data", {{"creator", json::object()}}}}), "data.creator._id: is required");
  EXPECT_EQ(only(s, {{"data", {{"creator", {{"_id", "nope"}}}}}}),
            "data.creator._id: must match the pattern ^[0-9a-f]{24}$");
}

// ---- arrays --------------------------------------------------------------------------------

TEST_F(SchemaTest, ItemsAreValidatedWithIndexPaths) {
  Schema s = compile({{"type", "array"}, {"items", {{"type", "string"}}}});
  EXPECT_TRUE(valid(s, {"a", "b"}));
  EXPECT_EQ(only(s, {"a", 2}), "[1]: must be a string");
}

TEST_F(SchemaTest, ItemsInsideAPropertyGetPropertyIndexPath) {
  Schema s = compile(
      {{"type", "object"},
       {"properties",
        {{"guests", {{"type", "array"}, {"items", {{"type", "string"}, {"minLength", 2}}}}}}}});
  auto v = violations(s, {{"guests", {"ok", "x", "fine", 4}}});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].toString("body"), "guests[1]: must be at least 2 characters long");
  EXPECT_EQ(v[1].toString("body"), "guests[3]: must be a string");
}

TEST_F(SchemaTest, MinItemsAndMaxItems) {
  Schema s = compile({{"type", "array"}, {"minItems", 1}, {"maxItems", 2}});
  EXPECT_EQ(only(s, json::array()), "$: must have at least 1 items");
  EXPECT_TRUE(valid(s, {1, 2}));
  EXPECT_EQ(only(s, {1, 2, 3}), "$: must have at most 2 items");
}

// ---- enum, const ---------------------------------------------------------------------------

TEST_F(SchemaTest, EnumListsTheAllowedValues) {
  Schema s = compile({{"type", "string"}, {"enum", {"solo", "multi"}}});
  EXPECT_TRUE(valid(s, "solo"));
  EXPECT_EQ(only(s, "duo"), "$: must be one of: solo, multi");
}

TEST_F(SchemaTest, EnumComparesNonStringValuesToo) {
  Schema s = compile({{"enum", {1, "x", nullptr}}});
  EXPECT_TRUE(valid(s, 1));
  EXPECT_TRUE(valid(s, nullptr));
  EXPECT_EQ(only(s, 2), "$: must be one of: 1, x, null");
}

TEST_F(SchemaTest, ConstRequiresExactlyThatValue) {
  Schema s = compile({{"type", "boolean"}, {"const", true}});
  EXPECT_TRUE(valid(s, true));
  EXPECT_EQ(only(s, false), "$: must be true");
  EXPECT_EQ(only(compile({{"const", "ok"}}), "nope"), "$: must be ok");
}

// ---- numbers -------------------------------------------------------------------------------

TEST_F(SchemaTest, MinimumAndMaximumAreInclusive) {
  Schema s = compile({{"type", "integer"}, {"minimum", 1}, {"maximum", 100}});
  EXPECT_TRUE(valid(s, 1));
  EXPECT_TRUE(valid(s, 100));
  EXPECT_EQ(only(s, 0), "$: must be at least 1");
  EXPECT_EQ(only(s, 101), "$: must be at most 100");
}

TEST_F(SchemaTest, FractionalBoundsAreNamedExactly) {
  Schema s = compile({{"type", "number"}, {"minimum", 0.5}});
  EXPECT_EQ(only(s, 0.25), "$: must be at least 0.5");
}

TEST_F(SchemaTest, ExclusiveBoundsExcludeTheLimit) {
  Schema s = compile({{"type", "number"}, {"exclusiveMinimum", 0}, {"exclusiveMaximum", 10}});
  EXPECT_TRUE(valid(s, 0.1));
  EXPECT_EQ(only(s, 0), "$: must be greater than 0");
  EXPECT_EQ(only(s, 10), "$: must be less than 10");
}

// ---- strings -------------------------------------------------------------------------------

TEST_F(SchemaTest, MinLengthCountsUtf8CodePoints) {
  EXPECT_TRUE(valid(compile({{"type", "string"}, {"minLength", 4}}), "çğış"));
  EXPECT_EQ(only(compile({{"type", "string"}, {"minLength", 5}}), "çğış"),
            "$: must be at least 5 characters long");
}

TEST_F(SchemaTest, MinLengthOneSaysMustNotBeEmpty) {
  EXPECT_EQ(only(compile({{"type", "string"}, {"minLength", 1}}), ""), "$: must not be empty");
}

TEST_F(SchemaTest, MaxLengthCountsUtf8CodePoints) {
  EXPECT_TRUE(valid(compile({{"type", "string"}, {"maxLength", 4}}), "çğış"));
  EXPECT_EQ(only(compile({{"type", "string"}, {"maxLength", 3}}), "çğış"),
            "$: must be at most 3 characters long");
}

TEST_F(SchemaTest, InvalidUtf8FailsALengthCheck) {
  Schema s = compile({{"type", "string"}, {"maxLength", 10}});
  EXPECT_EQ(only(s, std::string("ab\xff")), "$: must be valid UTF-8");
  EXPECT_EQ(only(s, std::string("\xc3")), "$: must be valid UTF-8");
}

TEST_F(SchemaTest, Utf8LengthRejectsOverlongSurrogatesAndTruncation) {
  EXPECT_EQ(utf8Length("çğış"), 4u);
  EXPECT_EQ(utf8Length(""), 0u);
  EXPECT_EQ(utf8Length("a\xF0\x9F\x98\x80"), 2u);  // U+1F600 is one code point
  EXPECT_FALSE(utf8Length("\xC0\xAF"));            // overlong '/'
  EXPECT_FALSE(utf8Length("\xED\xA0\x80"));        // surrogate U+D800
  EXPECT_FALSE(utf8Length("\xF4\x90\x80\x80"));    // past U+10FFFF
  EXPECT_FALSE(utf8Length("\xE2\x82"));            // truncated
  EXPECT_FALSE(utf8Length("\x80"));                // lone continuation byte
}

TEST_F(SchemaTest, PatternIsSearchedAndNamedInTheMessage) {
  Schema s = compile({{"type", "string"}, {"pattern", "^[0-9a-fA-F]{24}$"}});
  EXPECT_TRUE(valid(s, "64d15f9e2e6c8f4d5a123456"));
  EXPECT_EQ(only(s, "sample"), "$: must match the pattern ^[0-9a-fA-F]{24}$");
  // Unanchored patterns match anywhere (ECMAScript search semantics).
  EXPECT_TRUE(valid(compile({{"type", "string"}, {"pattern", "b"}}), "abc"));
}

TEST_F(SchemaTest, DateTimeAcceptsRfc3339) {
  Schema s = compile({{"type", "string"}, {"format", "date-time"}});
  for (const char* ok :
       {"2026-01-15T10:30:00.000Z", "2026-01-15T10:30:00Z", "2026-01-15T13:30:00.5+03:00",
        "2026-01-15T05:30:00.123456-05:00", "2024-02-29T00:00:00Z", "2026-01-15t10:30:00z"}) {
    EXPECT_TRUE(valid(s, ok)) << ok;
  }
}

TEST_F(SchemaTest, DateTimeRejectsImpossibleOrIncompleteValues) {
  Schema s = compile({{"type", "string"}, {"format", "date-time"}});
  for (const char* bad :
       {"2026-02-30T10:00:00Z", "2025-02-29T10:00:00Z", "2026-13-01T00:00:00Z",
        "2026-04-31T00:00:00Z", "2026-01-15T24:00:00Z", "2026-01-15T10:60:00Z", "2026-01-15",
        "2026-01-15 10:30:00Z", "2026-01-15T10:30:00", "2026-01-15T10:30:00+0300",
        "2026-01-15T10:30:00.Z", "2026-01-15T10:30:00ZZ", "yesterday"}) {
    EXPECT_EQ(only(s, bad), "$: must be an ISO-8601 date-time such as 2026-01-15T10:30:00.000Z")
        << bad;
  }
}

TEST_F(SchemaTest, FormatOnlyAppliesToStrings) {
  EXPECT_TRUE(valid(compile({{"format", "date-time"}}), 5));
}

// ---- composition ---------------------------------------------------------------------------

TEST_F(SchemaTest, AllOfRequiresEveryBranch) {
  Schema s = compile(
      {{"allOf",
        {{{"type", "object"}, {"required", {"a"}}}, {{"type", "object"}, {"required", {"b"}}}}}});
  EXPECT_TRUE(valid(s, {{"a", 1}, {"b", 2}}));
  auto v = violations(s, json::object());
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].toString("$"), "a: is required");
  EXPECT_EQ(v[1].toString("$"), "b: is required");
}

TEST_F(SchemaTest, OneOfNeedsExactlyOneBranch) {
  Schema s = compile({{"oneOf", {{{"type", "integer"}}, {{"type", "number"}}}}});
  EXPECT_TRUE(valid(s, 1.5));
  EXPECT_EQ(only(s, 2), "$: matches more than one of the allowed shapes");
  EXPECT_EQ(only(s, "x"), "$: must be a number");
}

TEST_F(SchemaTest, AnyOfNeedsAtLeastOneBranch) {
  Schema s = compile({{"anyOf", {{{"type", "integer"}}, {{"type", "number"}}}}});
  EXPECT_TRUE(valid(s, 2));
  EXPECT_TRUE(valid(s, 1.5));
  EXPECT_EQ(only(s, "x"), "$: must be a number");
}

TEST_F(SchemaTest, NullableRefAcceptsNullAndTheRefAndExplainsWithTheMatchingBranch) {
  doc = {{"definitions",
          {{"Media",
            {{"type", "object"},
             {"additionalProperties", false},
             {"required", {"_id", "url"}},
             {"properties", {{"_id", {{"type", "string"}}}, {"url", {{"type", "string"}}}}}}}}}};
  Schema s = compile(
      {{"type", "object"},
       {"properties",
        {{"profilePhoto", {{"oneOf", {{{"$ref", "#/definitions/Media"}}, {{"type", "null"}}}}}}}}});
  EXPECT_TRUE(valid(s, {{"profilePhoto", nullptr}}));
  EXPECT_TRUE(valid(s, {{"profilePhoto", {{"_id", "a"}, {"url", "b"}}}}));
  // An object is explained by the Media branch, naming the missing field.
  EXPECT_EQ(only(s, {{"profilePhoto", {{"_id", "a"}}}}), "profilePhoto.url: is required");
  // A value of neither type names both.
  EXPECT_EQ(only(s, {{"profilePhoto", "https://x"}}), "profilePhoto: must be an object or null");
}

// ---- $ref ----------------------------------------------------------------------------------

TEST_F(SchemaTest, RecursiveRefCompilesAndValidatesDeeply) {
  doc = {{"definitions",
          {{"Node",
            {{"type", "object"},
             {"additionalProperties", false},
             {"properties",
              {{"name", {{"type", "string"}}},
               {"children", {{"type", "array"}, {"items", {{"$ref", "#/definitions/Node"}}}}},
               {"next", {{"$ref", "#/definitions/Node"}}}}}}}}}};
  Schema s = compile({{"$ref", "#/definitions/Node"}});
  EXPECT_TRUE(valid(s, {{"name", "a"}, {"next", {{"next", {{"name", "c"}}}}}}));
  EXPECT_EQ(only(s, {{"next", {{"children", {{{"name", "x"}}, {{"name", 1}}}}}}}),
            "next.children[1].name: must be a string");
  EXPECT_EQ(only(s, {{"next", {{"next", {{"colour", 1}}}}}}),
            "next.next.colour: is not an allowed field");
}

TEST_F(SchemaTest, RefSiblingsApplyAlongsideTheRef) {
  // OpenAPI 3.1 / JSON Schema 2020-12: $ref is one keyword among its siblings, all apply.
  doc = {{"definitions", {{"S", {{"type", "string"}}}}}};
  Schema s = compile({{"$ref", "#/definitions/S"}, {"minLength", 5}, {"description", "a name"}});
  EXPECT_TRUE(valid(s, "abcdef"));
  EXPECT_EQ(only(s, "ab"), "$: must be at least 5 characters long");
  EXPECT_EQ(only(s, 1), "$: must be a string");
}

TEST_F(SchemaTest, XInferredBesideARefMarksItsViolationsDecided) {
  doc = {{"definitions",
          {{"Page",
            {{"type", "object"},
             {"required", {"list"}},
             {"properties", {{"list", {{"type", "array"}}}}}}}}}};
  Schema decided = compile({{"$ref", "#/definitions/Page"}, {"x-inferred", true}});
  auto v = violations(decided, json::object());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].toString("$"), "list: is required");
  EXPECT_TRUE(v[0].inferred);
  v = violations(decided, {{"list", 1}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_TRUE(v[0].inferred);
  // The same $ref without it stays documented.
  Schema documented = compile({{"$ref", "#/definitions/Page"}});
  v = violations(documented, json::object());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_FALSE(v[0].inferred);
}

TEST_F(SchemaTest, RefCycleWithoutDescentEndsWithAViolationNotAStackOverflow) {
  doc = {{"definitions",
          {{"A", {{"$ref", "#/definitions/B"}}}, {"B", {{"$ref", "#/definitions/A"}}}}}};
  Schema s = compile({{"$ref", "#/definitions/A"}});
  auto v = violations(s, 1);
  ASSERT_FALSE(v.empty());
  EXPECT_NE(v[0].message.find("nested deeper than"), std::string::npos) << v[0].message;
}

TEST_F(SchemaTest, UnresolvableRefIsACompileError) {
  const std::string e = compileError({{"$ref", "#/definitions/Missing"}});
  EXPECT_NE(e.find("$ref #/definitions/Missing does not resolve"), std::string::npos) << e;
}

TEST_F(SchemaTest, ResolvePointerFindsLocalTargetsOnly) {
  const json d = {{"a", {{"b/c", {{"~d", 1}}}}}};
  ASSERT_NE(resolvePointer(d, "#/a/b~1c/~0d"), nullptr);
  EXPECT_EQ(*resolvePointer(d, "#/a/b~1c/~0d"), 1);
  EXPECT_EQ(resolvePointer(d, "#"), &d);
  EXPECT_EQ(resolvePointer(d, "#/a/x"), nullptr);
  EXPECT_EQ(resolvePointer(d, "other.json#/a"), nullptr);
  EXPECT_EQ(resolvePointer(d, "#a"), nullptr);
}

// ---- compile errors ------------------------------------------------------------------------

TEST_F(SchemaTest, UnsupportedKeywordNotIsACompileErrorNamingThePlace) {
  const std::string e =
      compileError({{"type", "object"}, {"properties", {{"a", {{"not", {{"type", "string"}}}}}}}});
  EXPECT_EQ(e, "#/test/properties/a: keyword 'not' is not supported");
}

TEST_F(SchemaTest, OtherUnsupportedKeywordsAreCompileErrors) {
  for (const char* keyword :
       {"if", "then", "else", "patternProperties", "dependencies", "dependentSchemas",
        "propertyNames", "contains", "uniqueItems", "multipleOf", "prefixItems",
        "unevaluatedProperties", "unevaluatedItems", "nullable", "$dynamicRef"}) {
    const std::string e = compileError({{keyword, true}});
    EXPECT_NE(e.find(std::string("keyword '") + keyword + "'"), std::string::npos) << e;
  }
}

TEST_F(SchemaTest, MisspelledKeywordIsACompileErrorNamingItAndThePlace) {
  const std::string e = compileError(
      {{"type", "object"}, {"properties", {{"title", {{"type", "string"}, {"maxLenght", 5}}}}}});
  EXPECT_EQ(e, "#/test/properties/title: keyword 'maxLenght' is not supported");
}

TEST_F(SchemaTest, UnknownKeywordInAReferencedSchemaNamesTheRefTarget) {
  doc = {{"definitions", {{"S", {{"type", "string"}, {"minProperty", 1}}}}}};
  const std::string e = compileError({{"$ref", "#/definitions/S"}});
  EXPECT_EQ(e, "#/definitions/S: keyword 'minProperty' is not supported");
}

TEST_F(SchemaTest, AnnotationsAreAccepted) {
  Schema s = compile({{"type", "string"},
                      {"title", "T"},
                      {"description", "D"},
                      {"examples", {"a"}},
                      {"example", "a"},
                      {"default", "a"},
                      {"deprecated", false},
                      {"readOnly", true},
                      {"writeOnly", false},
                      {"$comment", "c"},
                      {"x-inferred-note", "n"},
                      {"x-anything", {{"k", 1}}},
                      {"contentMediaType", "image/png"}});
  EXPECT_TRUE(valid(s, "a"));
  EXPECT_EQ(only(s, 1), "$: must be a string");
}

// ---- keywords added with the allow-list ------------------------------------------------------

TEST_F(SchemaTest, MinPropertiesAndMaxProperties) {
  Schema s = compile({{"type", "object"}, {"minProperties", 1}, {"maxProperties", 2}});
  EXPECT_TRUE(valid(s, {{"a", 1}}));
  EXPECT_TRUE(valid(s, {{"a", 1}, {"b", 2}}));
  EXPECT_EQ(only(s, json::object()), "$: must have at least 1 field");
  EXPECT_EQ(only(s, {{"a", 1}, {"b", 2}, {"c", 3}}), "$: must have at most 2 fields");
  EXPECT_EQ(only(s, json::array()), "$: must be an object");  // the type is checked first
  EXPECT_NE(compileError({{"minProperties", -1}}).find("non-negative integer"), std::string::npos);
}

TEST_F(SchemaTest, DependentRequiredNeedsTheFieldsItNames) {
  Schema s = compile({{"type", "object"}, {"dependentRequired", {{"price", {"currency"}}}}});
  EXPECT_TRUE(valid(s, json::object()));
  EXPECT_TRUE(valid(s, {{"price", 1}, {"currency", "TRY"}}));
  EXPECT_EQ(only(s, {{"price", 1}}), "currency: is required when price is given");
  EXPECT_NE(compileError({{"dependentRequired", {{"a", "b"}}}}).find("dependentRequired"),
            std::string::npos);
}

TEST_F(SchemaTest, AnyOfAndOneOfOnOneNodeBothApply) {
  Schema s = compile({{"anyOf", {{{"type", "number"}}}},
                      {"oneOf", {{{"type", "integer"}}, {{"type", "string"}}}}});
  EXPECT_TRUE(valid(s, 2));
  // anyOf holds (a number), oneOf does not (neither an integer nor a string).
  EXPECT_FALSE(valid(s, 1.5));
  // oneOf holds (a string), anyOf does not.
  EXPECT_FALSE(valid(s, "x"));
}

// ---- formats -------------------------------------------------------------------------------

TEST_F(SchemaTest, UnknownFormatIsACompileError) {
  const std::string e = compileError({{"type", "string"}, {"format", "colour"}});
  EXPECT_EQ(e, "#/test: format 'colour' is not supported");
  EXPECT_NE(compileError({{"format", 5}}).find("format must be a string"), std::string::npos);
}

TEST_F(SchemaTest, DateFormat) {
  Schema s = compile({{"type", "string"}, {"format", "date"}});
  EXPECT_TRUE(valid(s, "2026-02-28"));
  EXPECT_TRUE(valid(s, "2024-02-29"));
  EXPECT_EQ(only(s, "2026-02-29"), "$: must be a date such as 2026-01-15");
  EXPECT_FALSE(valid(s, "2026-1-15"));
  EXPECT_FALSE(valid(s, "2026-01-15T00:00:00Z"));
}

TEST_F(SchemaTest, EmailUriAndUuidFormats) {
  Schema email = compile({{"format", "email"}});
  EXPECT_TRUE(valid(email, "john.doe@example.com"));
  EXPECT_EQ(only(email, "john.doe"), "$: must be an email address");
  EXPECT_FALSE(valid(email, "a@b"));
  EXPECT_FALSE(valid(email, "a b@example.com"));
  Schema uri = compile({{"format", "uri"}});
  EXPECT_TRUE(valid(uri, "https://cdn.example.com/a.png"));
  EXPECT_TRUE(valid(uri, "mailto:x@example.com"));
  EXPECT_EQ(only(uri, "/relative/path"), "$: must be an absolute URI");
  EXPECT_FALSE(valid(uri, "http://exa mple.com"));
  Schema uuid = compile({{"format", "uuid"}});
  EXPECT_TRUE(valid(uuid, "123e4567-e89b-12d3-a456-426614174000"));
  EXPECT_EQ(only(uuid, "123e4567e89b12d3a456426614174000"), "$: must be a UUID");
}

TEST_F(SchemaTest, Int32AndInt64FormatsBoundIntegers) {
  Schema i32 = compile({{"type", "integer"}, {"format", "int32"}});
  EXPECT_TRUE(valid(i32, 2147483647));
  EXPECT_TRUE(valid(i32, -2147483648LL));
  EXPECT_EQ(only(i32, 2147483648LL), "$: must fit in 32 bits (int32)");
  Schema i64 = compile({{"type", "integer"}, {"format", "int64"}});
  EXPECT_TRUE(valid(i64, 9223372036854775807LL));
  EXPECT_EQ(only(i64, 18446744073709551615ULL), "$: must fit in 64 bits (int64)");
}

TEST_F(SchemaTest, AnnotationFormatsAreAccepted) {
  for (const char* f : {"float", "double", "binary", "password"}) {
    Schema s = compile({{"format", f}});
    EXPECT_TRUE(valid(s, "x")) << f;
    EXPECT_TRUE(valid(s, 1.5)) << f;
  }
}

TEST_F(SchemaTest, UnknownTypeAndBadPatternAreCompileErrors) {
  EXPECT_NE(compileError({{"type", "text"}}).find("unknown type"), std::string::npos);
  EXPECT_NE(compileError({{"type", {"string", "text"}}}).find("unknown type"), std::string::npos);
  EXPECT_NE(compileError({{"pattern", "("}}).find("bad pattern"), std::string::npos);
  EXPECT_NE(compileError({{"minLength", -1}}).find("non-negative integer"), std::string::npos);
  EXPECT_NE(compileError({{"enum", json::array()}}).find("enum must be an array"),
            std::string::npos);
  EXPECT_NE(compileError(5).find("a schema must be an object"), std::string::npos);
}

// ---- both forms agree ----------------------------------------------------------------------

TEST_F(SchemaTest, ValidateWithoutViolationsAgreesWithTheViolationsVersion) {
  doc = {
      {"definitions",
       {{"Id", {{"type", "string"}, {"pattern", "^[0-9a-f]{24}$"}}},
        {"Item",
         {{"type", "object"},
          {"additionalProperties", false},
          {"required", {"id"}},
          {"properties",
           {{"id", {{"$ref", "#/definitions/Id"}}},
            {"n", {{"type", "integer"}, {"minimum", 0}, {"maximum", 9}}},
            {"tag", {{"enum", {"a", "b"}}}},
            {"when", {{"type", "string"}, {"format", "date-time"}}},
            {"photo", {{"oneOf", {{{"type", "string"}, {"minLength", 1}}, {{"type", "null"}}}}}},
            {"list", {{"type", "array"}, {"maxItems", 2}, {"items", {{"type", "string"}}}}}}}}}}}};
  Schema s = compile({{"allOf",
                       {{{"$ref", "#/definitions/Item"}},
                        {{"type", "object"}, {"properties", {{"n", {{"const", 3}}}}}}}}});
  const std::string id = "64d15f9e2e6c8f4d5a123456";
  const std::vector<json> values = {
      {{"id", id}, {"n", 3}},
      {{"id", id}, {"n", 4}},
      {{"id", id}, {"n", 3.0}},
      {{"id", id}, {"n", 3.5}},
      {{"id", "x"}},
      json::object(),
      {{"id", id}, {"tag", "c"}},
      {{"id", id}, {"when", "2026-02-30T00:00:00Z"}},
      {{"id", id}, {"when", "2026-02-28T00:00:00Z"}},
      {{"id", id}, {"photo", nullptr}},
      {{"id", id}, {"photo", ""}},
      {{"id", id}, {"photo", 1}},
      {{"id", id}, {"list", {"a", 1, "c"}}},
      {{"id", id}, {"extra", true}},
      json::array(),
      nullptr,
  };
  for (const json& v : values) {
    std::vector<Violation> out;
    EXPECT_EQ(s.validate(v, nullptr), s.validate(v, &out)) << v.dump();
    EXPECT_EQ(s.validate(v, nullptr), out.empty()) << v.dump();
  }
}

TEST_F(SchemaTest, DefaultSchemaAcceptsEverything) {
  Schema none;
  EXPECT_FALSE(none.valid());
  EXPECT_TRUE(none.validate(json::array(), nullptr));
}

TEST(Violation, ToStringUsesTheRootNameForAnEmptyPath) {
  EXPECT_EQ((Violation{"", "must be a string"}).toString("body"), "body: must be a string");
  EXPECT_EQ((Violation{"guests[1]", "is bad"}).toString("body"), "guests[1]: is bad");
}

}  // namespace
}  // namespace lsm
