// toYaml writes what yamlToJson reads back as the same value; escapeHtml.
#include "docs/spec_documents.h"

#include <gtest/gtest.h>

#include "spec/spec.h"
#include "spec/yaml_json.h"

namespace lsm {
namespace {

using nlohmann::json;

json roundTrip(const json& v) {
  auto back = yamlToJson(toYaml(v));
  EXPECT_TRUE(back.ok()) << toYaml(v);
  return back.ok() ? *back : json();
}

TEST(ToYaml, StringsThatLookLikeOtherTypesStayStrings) {
  json v = {{"200", "yes"},     {"a", "true"},      {"b", "null"},      {"c", "1.5"},
            {"d", "0x1F"},      {"e", ""},          {"f", "~"},         {"g", ".inf"},
            {"h", "a: b"},      {"i", "# not"},     {"j", "- item"},    {"k", "Off"},
            {"$ref", "#/x/y"},  {"l", " lead"},     {"m", "trail "},    {"n", "{x}"},
            {"o", "Yeni ürün"}, {"p", "tab\there"}, {"q", "quote\"s'"}, {"r", "back\\slash"}};
  EXPECT_EQ(roundTrip(v), v) << toYaml(v);
}

TEST(ToYaml, MultiLineStringsKeepEveryNewline) {
  for (std::string s : {"one\ntwo", "one\ntwo\n", "one\n\ntwo\n\n\n", "a\n  indented\nb\n",
                        "trailing space \nx", "\nstarts with newline", "x\n"}) {
    json v = {{"k", s}, {"list", {s, s}}};
    EXPECT_EQ(roundTrip(v), v) << toYaml(v);
  }
}

TEST(ToYaml, NestingEmptyContainersAndNumbers) {
  json v = {{"a", json::object()},
            {"b", json::array()},
            {"c", {1, -2, 3.25, true, nullptr, json::array({json::array({1, 2}), json::object()})}},
            {"d", {{{"x", 1}, {"y", {{"z", {"deep"}}}}}}}};
  EXPECT_EQ(roundTrip(v), v) << toYaml(v);
}

TEST(ToYaml, TheWholeSpecReadsBack) {
  auto spec = Spec::embedded();
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(roundTrip((*spec)->document()), (*spec)->document());
}

TEST(SpecDocuments, ServersNameThePublicUrlAndTheRestIsTheDocument) {
  json doc = {{"openapi", "3.1.0"},
              {"servers", {{{"url", "http://127.0.0.1:8080"}}}},
              {"info", {{"title", "T"}, {"version", "1"}}},
              {"paths", json::object()}};
  SpecDocuments documents(doc);
  const auto rendered = documents.get("https://mock.example.test");
  const RenderedSpec& r = *rendered;
  json served = json::parse(r.json);
  const json expected_servers = {
      {{"url", "https://mock.example.test"},
       {"description", "this livestream-mock (the address it serves on)"}}};
  EXPECT_EQ(served["servers"], expected_servers);
  served.erase("servers");
  doc.erase("servers");
  EXPECT_EQ(served, doc);
  EXPECT_EQ(r.yaml.rfind("openapi: \"3.1.0\"\ninfo:\n", 0), 0u) << r.yaml;
  EXPECT_EQ(documents.get("https://mock.example.test").get(), &r);  // rendered once per URL
}

TEST(SpecDocuments, AnotherPublicUrlIsRenderedAfreshAndTheOldDocumentStaysValid) {
  const json doc = {{"openapi", "3.1.0"},
                    {"info", {{"title", "T"}, {"version", "1"}}},
                    {"paths", json::object()}};
  SpecDocuments documents(doc);
  const auto first = documents.get("");  // a request served before the port was known
  const auto second = documents.get("http://127.0.0.1:9999");
  EXPECT_EQ(json::parse(first->json)["servers"][0]["url"], "");
  EXPECT_EQ(json::parse(second->json)["servers"][0]["url"], "http://127.0.0.1:9999");
  EXPECT_NE(second->html.find("http://127.0.0.1:9999"), std::string::npos);
  EXPECT_EQ(documents.get("http://127.0.0.1:9999"), second);
}

TEST(EscapeHtml, EscapesMarkupAndQuotes) {
  EXPECT_EQ(escapeHtml("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

}  // namespace
}  // namespace lsm
