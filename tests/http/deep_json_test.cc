// JSON nested far deeper than any document the API needs (20,000 levels in 40 KB, far under every
// size limit) is refused with a 400 naming where it came from, for every JSON the mock parses from
// a client; files read at start (state file, fixtures, --spec) stop the start naming the file.
// Before the depth limit such a body ended the process with SIGSEGV (a recursive walk of the
// parsed value ran off the stack).
#include <signal.h>

#include <chrono>

#include "core/json_parse.h"
#include "test_support.h"

namespace lsm_test {
namespace {

std::string nestedArrays(size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// {"a":{"a":...{"a":1}...}}
std::string nestedObjects(size_t depth) {
  std::string out;
  for (size_t i = 0; i < depth; ++i)
    out += "{\"a\":";
  out += "1";
  out += std::string(depth, '}');
  return out;
}

const std::string kDepthMessage =
    "nested deeper than " + std::to_string(lsm::kMaxJsonDepth) + " levels";

class DeepJson : public FreshMockTest {
 protected:
  const std::string chat_ =
      std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages";

  // The mock answered and is still serving.
  void expectAlive() {
    auto health = http().get("/__mock/health");
    EXPECT_EQ(health.status, 200) << "the mock no longer answers: " << health.describe() << "\n"
                                  << mock().stderrText();
  }
};

TEST_F(DeepJson, DeeplyNestedChatBodyIs400NamingTheBody) {
  const std::string body = nestedArrays(20000);
  ASSERT_EQ(body.size(), 40000u);
  const auto started = std::chrono::steady_clock::now();
  auto r = http().request("POST", chat_,
                          {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}}, body);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  ASSERT_EQ(r.status, 400) << r.describe() << "\n" << mock().stderrText();
  expectSpecResponse("postChatMessage", r);
  EXPECT_TRUE(anyErrorContains(r, "body: " + kDepthMessage)) << r.describe();
  EXPECT_LT(ms, 1000) << "the deep body took " << ms << " ms";
  std::cerr << "[ deep body answered in " << ms << " ms ]\n";
  expectAlive();
}

TEST_F(DeepJson, DeeplyNestedObjectsInAChatBodyAre400) {
  auto r =
      http().request("POST", chat_, {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                     nestedObjects(20000));
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_TRUE(anyErrorContains(r, kDepthMessage)) << r.describe();
  expectAlive();
}

TEST_F(DeepJson, NestingAtTheLimitIsJudgedByTheSchemaInstead) {
  // As deep as allowed: parsed, then refused by the schema (an object with content is expected).
  auto r =
      http().request("POST", chat_, {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                     nestedArrays(lsm::kMaxJsonDepth));
  ASSERT_EQ(r.status, 400) << r.describe();
  EXPECT_FALSE(anyErrorContains(r, kDepthMessage)) << r.describe();
  EXPECT_TRUE(anyErrorContains(r, "must be an object")) << r.describe();
}

TEST_F(DeepJson, DeeplyNestedStateImportIs400AndChangesNothing) {
  auto before = http().get("/__mock/state");
  ASSERT_EQ(before.status, 200) << before.describe();
  const std::string body = "{\"version\":1,\"users\":" + nestedArrays(20000) + "}";
  auto r = http().request("PUT", "/__mock/state", {{"Content-Type", "application/json"}}, body);
  ASSERT_EQ(r.status, 400) << r.describe() << "\n" << mock().stderrText();
  expectSpecResponse("mockPutState", r);
  EXPECT_TRUE(anyErrorContains(r, "body: " + kDepthMessage)) << r.describe();
  auto after = http().get("/__mock/state");
  ASSERT_EQ(after.status, 200) << after.describe();
  // The state is the fixtures' still (the export's own time fields aside).
  for (const char* part : {"users", "streams", "chat-messages"}) {
    EXPECT_TRUE(after.data()[part] == before.data()[part]) << part << " changed";
  }
}

TEST_F(DeepJson, DeeplyNestedGuestsFormFieldIs400NamingGuests) {
  auto r = http().multipart("/api/v1/live-stream/create", {bearer(ids::kJohnDoe)},
                            {{"title", "deep guests"}, {"guests", nestedArrays(20000)}});
  ASSERT_EQ(r.status, 400) << r.describe();
  expectSpecResponse("createLiveStream", r);
  EXPECT_TRUE(anyErrorContains(r, "guests: " + kDepthMessage)) << r.describe();
  expectAlive();
}

// ---- files read at start -----------------------------------------------------------------------

TEST(DeepJsonFiles, DeeplyNestedStateFileStopsTheStartNamingTheFile) {
  TempDir dir;
  const std::string path = dir.path() + "/state.json";
  writeFile(path, "{\"format\":\"x\",\"users\":" + nestedArrays(20000) + "}");
  auto r = runMockToExit({"--port", "0", "--fixtures", repoPath("fixtures"), "--state-file", path,
                          "--no-print-tokens"});
  ASSERT_TRUE(r.exited) << r.err;
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(kDepthMessage), std::string::npos) << r.err;
}

TEST(DeepJsonFiles, DeeplyNestedFixtureFileStopsTheStartNamingTheFile) {
  TempDir dir;
  ASSERT_EQ(std::system(("cp -R " + repoPath("fixtures") + "/. " + dir.path()).c_str()), 0);
  writeFile(dir.path() + "/gift-types.json", nestedArrays(20000));
  auto r = runMockToExit({"--port", "0", "--fixtures", dir.path(), "--no-print-tokens"});
  ASSERT_TRUE(r.exited) << r.err;
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("gift-types.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(kDepthMessage), std::string::npos) << r.err;
}

TEST(DeepJsonFiles, DeeplyNestedSpecStopsTheStartNamingTheFile) {
  TempDir dir;
  for (const char* name : {"openapi.json", "openapi.yaml"}) {
    const std::string path = dir.path() + "/" + name;
    // JSON is YAML too: a flow sequence 20,000 deep under an extension key.
    writeFile(path, "{\"openapi\":\"3.1.0\",\"x-deep\":" + nestedArrays(20000) + "}");
    auto r = runMockToExit({"--port", "0", "--spec", path, "--no-print-tokens"});
    ASSERT_TRUE(r.exited) << r.err;
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("nested deeper than"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace lsm_test
