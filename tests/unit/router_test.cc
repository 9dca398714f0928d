// Method + path -> operation (mock/routing/router).
#include "routing/router.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lsm {
namespace {

const Spec& spec() {
  static const std::shared_ptr<const Spec> s = Spec::embedded().value();
  return *s;
}

const Router& router() {
  static const Router r(spec().operations());
  return r;
}

constexpr char kId[] = "64d15f9e2e6c8f4d5a123456";

std::string opId(const RouteMatch& m) {
  return m.operation ? m.operation->id : "<none>";
}

Operation makeOp(const std::string& id, const std::string& method, const std::string& path) {
  Operation o;
  o.id = id;
  o.method = method;
  o.path = path;
  return o;
}

TEST(SplitPath, DropsEmptySegments) {
  EXPECT_EQ(splitPath("/a/b/"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_EQ(splitPath("//a///b"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_TRUE(splitPath("").empty());
  EXPECT_TRUE(splitPath("/").empty());
}

TEST(Router, FindsTheOperationForMethodAndPath) {
  auto m = router().match("GET", std::string("/api/v1/live-stream/") + kId + "/viewers");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(opId(m), "listLiveStreamViewers");
  EXPECT_EQ(m.path_params.at("streamId"), kId);
  EXPECT_EQ(m.allowed_methods, std::vector<std::string>{"GET"});
}

TEST(Router, FindsLiteralPaths) {
  EXPECT_EQ(opId(router().match("GET", "/api/v1/contacts")), "listContacts");
  EXPECT_EQ(opId(router().match("GET", "/api/v1/consents/history")), "getConsentHistory");
  EXPECT_EQ(opId(router().match("GET", "/__mock/health")), "mockHealth");
  EXPECT_TRUE(router().match("GET", "/api/v1/contacts").path_params.empty());
}

TEST(Router, SamePathDifferentMethodsPickTheirOwnOperation) {
  const std::string path = std::string("/api/v1/live-stream/") + kId + "/chat/messages";
  auto get = router().match("GET", path);
  auto post = router().match("POST", path);
  EXPECT_EQ(opId(get), "listChatMessages");
  EXPECT_EQ(opId(post), "postChatMessage");
  EXPECT_EQ(get.allowed_methods, (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, PathParametersArePercentDecoded) {
  auto m = router().match("GET", "/uploads/my%20file%2Epng");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.path_params.at("fileName"), "my file.png");
  // '+' is a space only in query strings, not in paths.
  EXPECT_EQ(router().match("GET", "/uploads/a+b").path_params.at("fileName"), "a+b");
}

TEST(Router, MalformedPercentEscapeKeepsTheRawSegment) {
  auto m = router().match("GET", "/uploads/100%zz");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.path_params.at("fileName"), "100%zz");
}

TEST(Router, UnknownPathIsNoPath) {
  auto m = router().match("GET", "/api/v1/nothing-here");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kNoPath);
  EXPECT_EQ(m.operation, nullptr);
  EXPECT_TRUE(m.allowed_methods.empty());
}

TEST(Router, ExtraOrMissingSegmentsAreNoPath) {
  EXPECT_EQ(router().match("GET", std::string("/api/v1/live-stream/") + kId + "/viewers/x").kind,
            RouteMatch::Kind::kNoPath);
  EXPECT_EQ(router().match("GET", "/api/v1/live-stream").kind, RouteMatch::Kind::kNoPath);
}

TEST(Router, LiteralSegmentsAreCaseSensitive) {
  EXPECT_EQ(router().match("GET", "/API/v1/contacts").kind, RouteMatch::Kind::kNoPath);
}

TEST(Router, KnownPathWithOtherMethodIsNoMethodWithAllowedMethodsSorted) {
  auto m = router().match("PUT", std::string("/api/v1/live-stream/") + kId + "/chat/messages");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kNoMethod);
  EXPECT_EQ(m.operation, nullptr);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"GET", "POST"}));
}

TEST(Router, AllowedMethodsAreSortedWhateverTheSpecOrder) {
  std::vector<Operation> ops = {makeOp("p", "POST", "/x"), makeOp("d", "DELETE", "/x"),
                                makeOp("g", "GET", "/x")};
  Router r(ops);
  auto m = r.match("PATCH", "/x");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kNoMethod);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"DELETE", "GET", "POST"}));
}

TEST(Router, MethodIsMatchedExactly) {
  auto m = router().match("get", "/api/v1/contacts");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kNoMethod);
  EXPECT_EQ(m.allowed_methods, std::vector<std::string>{"GET"});
}

TEST(Router, CreatePostGoesToCreateNotToTheIdRoute) {
  auto m = router().match("POST", "/api/v1/live-stream/create");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(opId(m), "createLiveStream");
  EXPECT_TRUE(m.path_params.empty());
}

TEST(Router, DeleteOnAnIdGoesToDeleteLiveStream) {
  auto m = router().match("DELETE", std::string("/api/v1/live-stream/") + kId);
  EXPECT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(opId(m), "deleteLiveStream");
  EXPECT_EQ(m.path_params.at("id"), kId);
}

TEST(Router, PostOnAnIdIsNoMethodAllowingDelete) {
  auto m = router().match("POST", std::string("/api/v1/live-stream/") + kId);
  EXPECT_EQ(m.kind, RouteMatch::Kind::kNoMethod);
  EXPECT_EQ(m.allowed_methods, std::vector<std::string>{"DELETE"});
}

TEST(Router, LiteralSegmentWinsOverParameter) {
  std::vector<Operation> ops = {makeOp("byId", "GET", "/items/{id}"),
                                makeOp("special", "GET", "/items/special")};
  Router r(ops);
  EXPECT_EQ(opId(r.match("GET", "/items/special")), "special");
  auto other = r.match("GET", "/items/42");
  EXPECT_EQ(opId(other), "byId");
  EXPECT_EQ(other.path_params.at("id"), "42");
}

// OpenAPI 3.1 (Path Templating Matching): "concrete (non-templated) paths would be matched before
// their templated counterparts". /api/v1/live-stream/create is a concrete path with POST only,
// so DELETE or GET on it is a 405 that allows POST alone.
TEST(Router, ConcretePathWinsOverTemplateWhateverTheMethod) {
  auto del = router().match("DELETE", "/api/v1/live-stream/create");
  EXPECT_EQ(del.kind, RouteMatch::Kind::kNoMethod) << opId(del);
  EXPECT_EQ(del.allowed_methods, std::vector<std::string>{"POST"});
  auto get = router().match("GET", "/api/v1/live-stream/create");
  EXPECT_EQ(get.kind, RouteMatch::Kind::kNoMethod);
  EXPECT_EQ(get.allowed_methods, std::vector<std::string>{"POST"});
}

TEST(Router, TrailingSlashMatchesTheSamePath) {
  auto m = router().match("GET", std::string("/api/v1/live-stream/") + kId + "/viewers/");
  EXPECT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(opId(m), "listLiveStreamViewers");
  EXPECT_EQ(m.path_params.at("streamId"), kId);
  EXPECT_EQ(opId(router().match("GET", "/api/v1/contacts/")), "listContacts");
}

TEST(Router, EmptyPathAndRootAreNoPath) {
  EXPECT_EQ(router().match("GET", "").kind, RouteMatch::Kind::kNoPath);
  EXPECT_EQ(router().match("GET", "/").kind, RouteMatch::Kind::kNoPath);
}

TEST(Router, EveryOperationOfTheSpecIsReachable) {
  for (const auto& o : spec().operations()) {
    std::string path = o.path;
    for (size_t open; (open = path.find('{')) != std::string::npos;) {
      path.replace(open, path.find('}', open) - open + 1, kId);
    }
    auto m = router().match(o.method, path);
    EXPECT_EQ(m.kind, RouteMatch::Kind::kFound) << o.id << " " << path;
    EXPECT_EQ(opId(m), o.id) << path;
  }
}

}  // namespace
}  // namespace lsm
