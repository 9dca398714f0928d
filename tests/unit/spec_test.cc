// The embedded OpenAPI document, loaded and compiled (mock/spec/spec).
#include "spec/spec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "spec/yaml_json.h"

namespace lsm {
namespace {

using nlohmann::json;

const Spec& spec() {
  static const std::shared_ptr<const Spec> loaded = [] {
    auto s = Spec::embedded();
    if (!s) {
      ADD_FAILURE() << "embedded spec: " << s.error().details.at(0);
      return std::shared_ptr<const Spec>();
    }
    return s.value();
  }();
  if (!loaded) throw std::runtime_error("embedded spec did not load");
  return *loaded;
}

const Operation& op(const std::string& id) {
  const Operation* o = spec().find(id);
  if (!o) throw std::runtime_error("no operation " + id);
  return *o;
}

struct Expected {
  const char* id;
  const char* method;
  const char* path;
  std::vector<int> statuses;
};

// The 13 product operations of the API reference pages, with the statuses the spec documents for
// each.
const std::vector<Expected>& productOperations() {
  static const std::vector<Expected> kOps = {
      {"createLiveStream", "POST", "/api/v1/live-stream/create", {201, 400, 401, 403, 404, 409}},
      {"cancelLiveStream",
       "POST",
       "/api/v1/live-stream/{id}/cancel",
       {201, 400, 401, 403, 404, 409}},
      {"deleteLiveStream", "DELETE", "/api/v1/live-stream/{id}", {200, 400, 401, 403, 404, 409}},
      {"setLiveStreamReminder",
       "POST",
       "/api/v1/live-stream/{id}/reminder",
       {201, 400, 401, 404, 409}},
      {"listLiveStreamViewers",
       "GET",
       "/api/v1/live-stream/{streamId}/viewers",
       {200, 400, 401, 403, 404}},
      {"createReplayRental",
       "POST",
       "/api/v1/live-stream/{id}/replay-rentals",
       {201, 400, 401, 404, 409}},
      {"getLiveStreamGiftCounts",
       "GET",
       "/api/v1/live-stream/{id}/gift-counts",
       {200, 400, 401, 404}},
      {"postChatMessage",
       "POST",
       "/api/v1/live-stream/{streamId}/chat/messages",
       {201, 400, 401, 403, 404, 409}},
      {"listChatMessages",
       "GET",
       "/api/v1/live-stream/{streamId}/chat/messages",
       {200, 400, 401, 404}},
      {"sendSuperlike",
       "POST",
       "/api/v1/live-stream/{streamId}/chat/superlike",
       {201, 400, 401, 403, 404, 409}},
      {"getBroadcasterToken",
       "POST",
       "/api/v1/live-stream/{id}/broadcaster-token",
       {201, 400, 401, 403, 404}},
      {"listContacts", "GET", "/api/v1/contacts", {200, 400, 401}},
      {"getConsentHistory", "GET", "/api/v1/consents/history", {200, 400, 401}},
  };
  return kOps;
}

TEST(Spec, EmbeddedDocumentLoads) {
  auto s = Spec::embedded();
  ASSERT_TRUE(s.ok()) << s.error().details.at(0);
  EXPECT_FALSE((*s)->operations().empty());
  EXPECT_EQ((*s)->document().value("openapi", ""), "3.1.0");
}

TEST(Spec, EmbeddedTextIsTheYamlOfTheProductDocument) {
  auto doc = yamlToJson(embeddedSpecYaml());
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.value(), spec().productDocument());
}

TEST(Spec, TheProductDocumentHasNoMockRouteAndTheMergedOneHasBoth) {
  size_t product_paths = 0;
  for (const auto& [path, item] : spec().productDocument()["paths"].items()) {
    EXPECT_EQ(path.rfind("/api/v1/", 0), 0u) << path;
    ++product_paths;
  }
  EXPECT_GT(product_paths, 0u);
  for (const auto& op : spec().operations()) {
    const bool in_product = spec().productDocument()["paths"].contains(op.path);
    const bool in_control = spec().controlDocument()["paths"].contains(op.path);
    EXPECT_NE(in_product, in_control) << op.id << ": in exactly one of the two documents";
    EXPECT_EQ(op.mock_control, in_control) << op.id;
  }
  // Nothing of the mock in the product document: no mock-only component or tag either.
  const std::string text = spec().productDocument().dump();
  EXPECT_EQ(text.find("x-mock-control"), std::string::npos);
  EXPECT_EQ(text.find("mock-control"), std::string::npos);
  EXPECT_EQ(text.find("\"Mock"), std::string::npos);
}

TEST(Spec, TheControlDocumentStandsAloneWithEveryComponentItRefersTo) {
  const json& control = spec().controlDocument();
  ASSERT_TRUE(control.is_object());
  EXPECT_EQ(control.dump().find("\"openapi.yaml#"), std::string::npos);  // no such $ref
  auto standalone = Spec::fromJson(control);  // every $ref resolves inside it
  ASSERT_TRUE(standalone.ok()) << standalone.error().details.at(0);
  for (const auto& op : (*standalone)->operations())
    EXPECT_TRUE(op.mock_control) << op.id;
}

TEST(Spec, EmbeddedFixtureSchemaIsJson) {
  const json schema = json::parse(embeddedFixtureSchemaJson());
  EXPECT_TRUE(schema.contains("definitions"));
}

TEST(Spec, AllThirteenProductOperationsExistWithMethodAndPath) {
  for (const auto& e : productOperations()) {
    const Operation* o = spec().find(e.id);
    ASSERT_NE(o, nullptr) << e.id;
    EXPECT_EQ(o->method, e.method) << e.id;
    EXPECT_EQ(o->path, e.path) << e.id;
  }
}

TEST(Spec, ProductOperationsDocumentExactlyTheirStatuses) {
  for (const auto& e : productOperations()) {
    EXPECT_EQ(op(e.id).statuses(), e.statuses) << e.id;
    for (int status : e.statuses) {
      ASSERT_NE(op(e.id).response(status), nullptr) << e.id << " " << status;
      EXPECT_EQ(op(e.id).response(status)->status, status);
    }
    EXPECT_EQ(op(e.id).response(500), nullptr) << e.id;
  }
}

TEST(Spec, MockControlOperationsDocumentTheirStatuses) {
  EXPECT_EQ(op("mockHealth").statuses(), (std::vector<int>{200}));
  EXPECT_EQ(op("mockListUsers").statuses(), (std::vector<int>{200}));
  EXPECT_EQ(op("mockMintToken").statuses(), (std::vector<int>{201, 400, 404}));
  EXPECT_EQ(op("mockGetUpload").statuses(), (std::vector<int>{200, 400, 404}));
}

TEST(Spec, OperationIdsAreUnique) {
  std::set<std::string> ids;
  for (const auto& o : spec().operations()) {
    EXPECT_TRUE(ids.insert(o.id).second) << "duplicate operationId " << o.id;
  }
}

TEST(Spec, ProductPostsSucceedWith201AndGetsAndDeletesWith200) {
  for (const auto& o : spec().operations()) {
    if (o.mock_control) continue;  // the mock's own routes follow their own rules
    std::vector<int> success;
    for (int s : o.statuses()) {
      if (s >= 200 && s < 300) success.push_back(s);
    }
    const int expected = o.method == "POST" ? 201 : 200;
    EXPECT_EQ(success, std::vector<int>{expected}) << o.id;
  }
}

TEST(Spec, RequiresAuthIsFalseExactlyForMockControlOperations) {
  int mock_control = 0;
  for (const auto& o : spec().operations()) {
    const bool tagged = std::find(o.tags.begin(), o.tags.end(), "mock-control") != o.tags.end();
    EXPECT_EQ(o.mock_control, tagged) << o.id;
    EXPECT_EQ(o.requires_auth, !o.mock_control) << o.id;
    if (o.mock_control) ++mock_control;
  }
  EXPECT_GE(mock_control, 4);
  for (const auto& e : productOperations())
    EXPECT_TRUE(op(e.id).requires_auth) << e.id;
}

TEST(Spec, MutatingIsSetForEveryMethodButGet) {
  for (const auto& o : spec().operations()) {
    EXPECT_EQ(o.mutating, o.method != "GET") << o.id;
  }
}

const ParameterSpec* param(const Operation& o, const std::string& name) {
  for (const auto& p : o.parameters) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

TEST(Spec, ParametersAreResolvedWithTheirDefaults) {
  const Operation& viewers = op("listLiveStreamViewers");
  ASSERT_EQ(viewers.parameters.size(), 4u);
  const ParameterSpec* id = param(viewers, "streamId");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->in, "path");
  EXPECT_TRUE(id->required);
  ASSERT_NE(id->schema_json, nullptr);
  EXPECT_EQ(id->schema_json->value("pattern", ""), "^[0-9a-fA-F]{24}$");  // ObjectId, followed
  EXPECT_TRUE(id->schema.valid());

  const ParameterSpec* page = param(viewers, "page");
  ASSERT_NE(page, nullptr);
  EXPECT_EQ(page->in, "query");
  EXPECT_FALSE(page->required);
  EXPECT_EQ((*page->schema_json)["default"], 1);

  const ParameterSpec* limit = param(viewers, "limit");
  ASSERT_NE(limit, nullptr);
  EXPECT_EQ((*limit->schema_json)["default"], 20);
  EXPECT_EQ((*limit->schema_json)["maximum"], 100);

  const ParameterSpec* search = param(viewers, "search");
  ASSERT_NE(search, nullptr);
  EXPECT_FALSE(search->schema_json->contains("default"));

  // The chat history has its own limit, default 50, and the decided `before` parameter.
  const Operation& chat = op("listChatMessages");
  ASSERT_NE(param(chat, "limit"), nullptr);
  EXPECT_EQ((*param(chat, "limit")->schema_json)["default"], 50);
  ASSERT_NE(param(chat, "before"), nullptr);
  EXPECT_TRUE(param(chat, "before")->inferred);
  EXPECT_FALSE(param(chat, "before")->required);
}

TEST(Spec, EveryPathParameterIsRequiredAndNamedInThePath) {
  for (const auto& o : spec().operations()) {
    for (const auto& p : o.parameters) {
      if (p.in != "path") continue;
      EXPECT_TRUE(p.required) << o.id << " " << p.name;
      EXPECT_NE(o.path.find("{" + p.name + "}"), std::string::npos) << o.id << " " << p.name;
    }
  }
}

TEST(Spec, RequestBodiesAreCompiled) {
  const Operation& create = op("createLiveStream");
  ASSERT_TRUE(create.body.has_value());
  EXPECT_TRUE(create.body->required);
  ASSERT_EQ(create.body->content.count("multipart/form-data"), 1u);
  EXPECT_TRUE(create.body->content.at("multipart/form-data").schema.valid());

  const Operation& post = op("postChatMessage");
  ASSERT_TRUE(post.body.has_value());
  ASSERT_EQ(post.body->content.count("application/json"), 1u);
  const Schema& input = post.body->content.at("application/json").schema;
  EXPECT_TRUE(input.validate({{"content", "hi"}}, nullptr));
  EXPECT_FALSE(input.validate({{"content", ""}}, nullptr));
  EXPECT_FALSE(input.validate({{"content", "hi"}, {"colour", "red"}}, nullptr));

  EXPECT_FALSE(op("listLiveStreamViewers").body.has_value());
}

TEST(Spec, InferredFlagsAreRead) {
  EXPECT_TRUE(op("getLiveStreamGiftCounts").inferred);
  EXPECT_FALSE(op("createLiveStream").inferred);
  EXPECT_TRUE(op("postChatMessage").response(201)->inferred);
  EXPECT_FALSE(op("createLiveStream").response(201)->inferred);
  EXPECT_TRUE(op("deleteLiveStream").response(404)->inferred);  // via NotFoundInferred
  EXPECT_FALSE(op("createLiveStream").response(404)->inferred);
}

TEST(Spec, ErrorResponsesAreErrorEnvelopes) {
  const Schema& s = op("createLiveStream").response(404)->content.at("application/json").schema;
  EXPECT_TRUE(s.validate({{"isSuccess", false},
                          {"statusCode", 404},
                          {"data", nullptr},
                          {"errors", {"Resource not found"}},
                          {"timestamp", "2026-01-15T10:30:00.000Z"}},
                         nullptr));
  EXPECT_FALSE(s.validate({{"isSuccess", true},
                           {"statusCode", 404},
                           {"data", nullptr},
                           {"errors", {"Resource not found"}},
                           {"timestamp", "2026-01-15T10:30:00.000Z"}},
                          nullptr));
}

// Every example the spec shows, for every request body and response, validates against the
// schema it sits next to: the spec's examples and its schemas agree.
TEST(Spec, EveryDocumentedExampleValidatesAgainstItsOwnSchema) {
  int checked = 0;
  auto checkMedia = [&](const std::string& where, const MediaSpec& media) {
    for (const auto& [name, value] : media.examples.items()) {
      std::vector<Violation> violations;
      const bool ok = media.schema.validate(value, &violations);
      std::string problems;
      for (const auto& v : violations)
        problems += "\n  " + v.toString("example");
      EXPECT_TRUE(ok) << where << " example '" << name << "':" << problems;
      ++checked;
    }
  };
  for (const auto& o : spec().operations()) {
    if (o.body) {
      for (const auto& [type, media] : o.body->content) {
        checkMedia(o.id + " request " + type, media);
      }
    }
    for (const auto& [status, response] : o.responses) {
      for (const auto& [type, media] : response.content) {
        checkMedia(o.id + " " + std::to_string(status) + " " + type, media);
      }
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(Spec, EveryProductJsonResponseHasAnExample) {
  for (const auto& o : spec().operations()) {
    if (o.mock_control) continue;
    for (const auto& [status, response] : o.responses) {
      auto it = response.content.find("application/json");
      if (it == response.content.end()) continue;
      EXPECT_FALSE(it->second.examples.empty()) << o.id << " " << status;
    }
  }
}

TEST(Spec, DocumentWithoutPathsIsRejected) {
  auto s = Spec::fromJson({{"openapi", "3.1.0"}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at(0), "spec: no paths");
}

TEST(Spec, OperationWithoutOperationIdIsRejectedWithItsPlace) {
  auto s = Spec::fromJson({{"paths", {{"/a", {{"get", {{"responses", json::object()}}}}}}}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at(0), "#/paths/~1a/get: operationId missing");
}

TEST(Spec, UnsupportedSchemaKeywordFailsTheLoad) {
  const json doc = {
      {"paths",
       {{"/a",
         {{"get",
           {{"operationId", "a"},
            {"responses",
             {{"200",
               {{"description", "x"},
                {"content",
                 {{"application/json", {{"schema", {{"not", json::object()}}}}}}}}}}}}}}}}}};
  auto s = Spec::fromJson(doc);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().details.at(0).find("keyword 'not' is not supported"), std::string::npos)
      << s.error().details.at(0);
  EXPECT_NE(s.error().details.at(0).find("#/paths/~1a/get/responses/200"), std::string::npos);
}

TEST(Spec, YamlSyntaxErrorFailsTheLoad) {
  auto s = Spec::fromYaml("paths: [\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().details.at(0).rfind("yaml: line ", 0), 0u);
}

TEST(Spec, OperationLevelSecurityOverridesTheGlobalOne) {
  const json doc = {
      {"security", {{{"bearerAuth", json::array()}}}},
      {"paths",
       {{"/open",
         {{"get",
           {{"operationId", "open"},
            {"security", json::array()},
            {"responses", {{"200", {{"description", "ok"}}}}}}}}},
        {"/closed",
         {{"get",
           {{"operationId", "closed"}, {"responses", {{"200", {{"description", "ok"}}}}}}}}}}}};
  auto s = Spec::fromJson(doc);
  ASSERT_TRUE(s.ok()) << s.error().details.at(0);
  EXPECT_FALSE((*s)->find("open")->requires_auth);
  EXPECT_TRUE((*s)->find("closed")->requires_auth);
}

TEST(Spec, FollowRefsFollowsChainsAndStopsAtMissingTargets) {
  const json doc = {{"a", {{"$ref", "#/b"}}}, {"b", {{"$ref", "#/c"}}}, {"c", {{"v", 1}}}};
  EXPECT_EQ(followRefs(doc, doc["a"]), doc["c"]);
  const json dangling = {{"$ref", "#/nope"}};
  EXPECT_EQ(&followRefs(doc, dangling), &dangling);
}

}  // namespace
}  // namespace lsm
