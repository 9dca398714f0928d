// The mock checks its own responses against the spec it serves: a response that does not match
// becomes a 500 naming the violation. Every 2xx and 4xx body the other tests receive is also
// checked against the spec by expectSpecResponse.
#include "test_support.h"

namespace lsm_test {
namespace {

const std::string kViewers = std::string("/api/v1/live-stream/") + ids::kBigStream + "/viewers";

// schemas/openapi.yaml with ViewerPage requiring a field the mock never sends.
std::string specRequiringViewerCursor() {
  std::string text = readFile(repoPath("schemas/openapi.yaml"));
  const std::string from = "required: [list, pagination, participantAudienceTotal]";
  const size_t at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) return "";
  text.replace(at, from.size(),
               "required: [list, pagination, participantAudienceTotal, viewerCursor]");
  return text;
}

class ResponseValidation : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string spec_text = specRequiringViewerCursor();
    ASSERT_FALSE(spec_text.empty())
        << "schemas/openapi.yaml no longer has exactly one ViewerPage 'required' line to modify";
    spec_path_ = dir_.path() + "/openapi.yaml";
    writeFile(spec_path_, spec_text);
  }
  std::unique_ptr<MockProcess> start(std::vector<std::string> extra = {}) {
    extra.insert(extra.begin(), {"--spec", spec_path_});
    return MockProcess::start(extra);
  }

  TempDir dir_;
  std::string spec_path_;
};

TEST_F(ResponseValidation, ResponseMissingARequiredFieldBecomes500NamingIt) {
  auto mock = start();
  ASSERT_TRUE(mock->ok()) << mock->error();
  HttpClient http(mock->baseUrl());
  auto r = http.get(kViewers, {bearer(ids::kJohnDoe)});
  ASSERT_EQ(r.status, 500) << r.describe();
  ASSERT_TRUE(r.isJson()) << r.describe();
  EXPECT_TRUE(isErrorEnvelope(r.body_json));
  EXPECT_EQ(r.body_json["statusCode"], 500);
  const auto errors = r.errors();
  ASSERT_GE(errors.size(), 3u) << r.describe();
  EXPECT_NE(errors[1].find("response validation"), std::string::npos) << errors[1];
  EXPECT_NE(errors[1].find("listLiveStreamViewers"), std::string::npos) << errors[1];
  EXPECT_TRUE(anyErrorContains(r, "viewerCursor")) << r.describe();
  EXPECT_NE(mock->stderrText().find("response validation failed"), std::string::npos)
      << "the violation is not logged:\n"
      << mock->stderrText();
}

TEST_F(ResponseValidation, OtherOperationsOfTheModifiedSpecStillAnswer) {
  auto mock = start();
  ASSERT_TRUE(mock->ok()) << mock->error();
  HttpClient http(mock->baseUrl());
  auto health = http.get("/__mock/health");
  EXPECT_EQ(health.status, 200) << health.describe();
  // Errors of the viewers operation do not carry a ViewerPage: still valid.
  auto forbidden = http.get(kViewers, {bearer(ids::kNotInBigStream)});
  EXPECT_EQ(forbidden.status, 403) << forbidden.describe();
}

TEST_F(ResponseValidation, NoValidateResponsesLetsTheResponseThrough) {
  auto mock = start({"--no-validate-responses"});
  ASSERT_TRUE(mock->ok()) << mock->error();
  HttpClient http(mock->baseUrl());
  auto r = http.get(kViewers, {bearer(ids::kJohnDoe)});
  EXPECT_EQ(r.status, 200) << r.describe();
  // ... and that response indeed lacks what the modified spec requires.
  ASSERT_TRUE(r.isJson());
  EXPECT_FALSE(r.data().contains("viewerCursor"));
}

class HealthResponse : public SharedMockTest {};

TEST_F(HealthResponse, PassesResponseValidation) {
  auto r = http().get("/__mock/health");
  ASSERT_EQ(r.status, 200) << r.describe();
  expectSpecResponse("mockHealth", r);
  EXPECT_GE(r.data()["uptimeSeconds"], 0);
}

TEST_F(HealthResponse, ExpectMatchesSpecCatchesAWrongBody) {
  // The checker itself must be able to fail: a health body without uptimeSeconds.
  auto r = http().get("/__mock/health");
  ASSERT_EQ(r.status, 200) << r.describe();
  json broken = r.body_json;
  broken["data"].erase("uptimeSeconds");
  EXPECT_FALSE(matchesSpec("mockHealth", 200, broken));
  EXPECT_FALSE(matchesSpec("mockHealth", 201, r.body_json)) << "201 is not documented";
  EXPECT_FALSE(matchesSpec("mockHealth", 200, json{{"isSuccess", true}}));
  EXPECT_TRUE(matchesSpec("mockHealth", 200, r.body_json));
}

}  // namespace
}  // namespace lsm_test
