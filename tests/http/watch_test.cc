// --watch and --watch-keep-state: an edit of a fixture file is served without a restart; a bad
// edit is logged and the old state kept; by default a reload replaces the state, with
// --watch-keep-state records created at run time stay. And the request log's colours (--color).
#include <stdlib.h>

#include <filesystem>
#include <thread>

#include "test_support.h"

namespace lsm_test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr char kTitle[] = "Watch test message";

class Watch : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(repoPath("fixtures"), dir_.path() + "/fixtures", fs::copy_options::recursive);
  }
  std::string fixtures() const { return dir_.path() + "/fixtures"; }
  std::string usersFile() const { return fixtures() + "/users.json"; }

  void start(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--fixtures", fixtures()};
    args.insert(args.end(), extra.begin(), extra.end());
    mock_ = MockProcess::start(args);
    ASSERT_TRUE(mock_->ok()) << mock_->error();
    http_ = std::make_unique<HttpClient>(mock_->baseUrl());
  }

  // johndoe as GET /__mock/users shows him.
  json johnDoe() {
    auto r = http_->get("/__mock/users");
    EXPECT_EQ(r.status, 200) << r.describe();
    if (r.status != 200) return json();
    for (const auto& u : r.data()) {
      if (u["_id"] == ids::kJohnDoe) return u;
    }
    return json();
  }

  // Rewrites users.json with johndoe's name (and credits) changed.
  void editJohnDoe(const std::string& name, int credits) {
    json users = readJsonFile(usersFile());
    for (auto& u : users) {
      if (u["_id"] == ids::kJohnDoe) {
        u["name"] = name;
        u["credits"] = credits;
      }
    }
    writeFile(usersFile(), users.dump(2));
  }

  // Waits up to 15 s (sanitizer builds on a busy machine are slow) for johndoe's name to become
  // `name`.
  bool waitForName(const std::string& name) {
    const auto deadline = Clock::now() + std::chrono::seconds(15);
    while (Clock::now() < deadline) {
      if (johnDoe().value("name", "") == name) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  bool waitForLog(const std::string& text) {
    const auto deadline = Clock::now() + std::chrono::seconds(15);
    while (Clock::now() < deadline) {
      if (mock_->stderrText().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  std::string postMessage() {
    auto r = http_->request(
        "POST", std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages",
        {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
        json{{"content", kTitle}}.dump());
    EXPECT_EQ(r.status, 201) << r.describe();
    return r.status == 201 ? r.data()["_id"].get<std::string>() : "";
  }

  bool historyHas(const std::string& message_id) {
    auto r = http_->get(
        std::string("/api/v1/live-stream/") + ids::kBigStream + "/chat/messages?limit=100",
        {bearer(ids::kJohnDoe)});
    EXPECT_EQ(r.status, 200) << r.describe();
    if (r.status != 200) return false;
    for (const auto& m : r.data()["list"]) {
      if (m["_id"] == message_id) return true;
    }
    return false;
  }

  int64_t creditsOf(const std::string& user_id) {
    auto r = http_->get("/__mock/users");
    for (const auto& u : r.data()) {
      if (u["_id"] == user_id) return u["credits"].get<int64_t>();
    }
    return -1;
  }

  TempDir dir_;
  std::unique_ptr<MockProcess> mock_;
  std::unique_ptr<HttpClient> http_;
};

TEST_F(Watch, AnEditedFixtureIsServedWithoutARestart) {
  start({"--watch"});
  ASSERT_EQ(johnDoe().value("name", ""), "John");
  editJohnDoe("Johnny", 777);
  ASSERT_TRUE(waitForName("Johnny")) << mock_->stderrText();
  EXPECT_EQ(johnDoe()["credits"], 777);
  EXPECT_TRUE(waitForLog("--watch: reloaded")) << mock_->stderrText();
}

TEST_F(Watch, ABrokenEditIsLoggedAndTheOldStateKept) {
  start({"--watch"});
  writeFile(usersFile(), "[{\"_id\": ");  // a half-written file
  ASSERT_TRUE(waitForLog("NOT reloaded")) << mock_->stderrText();
  EXPECT_NE(mock_->stderrText().find("users.json"), std::string::npos) << mock_->stderrText();
  EXPECT_EQ(johnDoe().value("name", ""), "John");

  // A schema violation too: credits must be an integer.
  json users = readJsonFile(repoPath("fixtures/users.json"));
  users[0]["credits"] = "many";
  writeFile(usersFile(), users.dump());
  ASSERT_TRUE(waitForLog("credits: must be an integer")) << mock_->stderrText();
  EXPECT_EQ(johnDoe().value("name", ""), "John");

  // Fixed: served again.
  editJohnDoe("Fixed", 500);
  EXPECT_TRUE(waitForName("Fixed")) << mock_->stderrText();
  ExitResult exit = mock_->stop(SIGTERM);
  EXPECT_TRUE(exit.exited);
  EXPECT_EQ(exit.code, 0) << exit.err;
}

TEST_F(Watch, ByDefaultAReloadReplacesTheRunningState) {
  start({"--watch"});
  const std::string message = postMessage();
  ASSERT_TRUE(historyHas(message));
  editJohnDoe("Replaced", 500);
  ASSERT_TRUE(waitForName("Replaced")) << mock_->stderrText();
  EXPECT_FALSE(historyHas(message));
}

TEST_F(Watch, KeepStateMergesTheEditAndKeepsWhatWasCreated) {
  start({"--watch-keep-state"});
  const std::string message = postMessage();
  // A run-time change of a record the edit does not touch.
  auto set =
      http_->request("PUT", std::string("/__mock/users/") + ids::kBigStreamCreator + "/credits",
                     {{"Content-Type", "application/json"}}, R"({"credits": 4242})");
  ASSERT_EQ(set.status, 200) << set.describe();

  editJohnDoe("Merged", 900);
  ASSERT_TRUE(waitForName("Merged")) << mock_->stderrText();
  EXPECT_EQ(johnDoe()["credits"], 900);                // the edit wins on its record
  EXPECT_TRUE(historyHas(message));                    // created at run time: kept
  EXPECT_EQ(creditsOf(ids::kBigStreamCreator), 4242);  // changed at run time: kept
  EXPECT_TRUE(waitForLog("--watch: merged")) << mock_->stderrText();

  // A broken edit in this mode keeps the state too.
  writeFile(usersFile(), "not json");
  ASSERT_TRUE(waitForLog("NOT reloaded")) << mock_->stderrText();
  EXPECT_TRUE(historyHas(message));
  EXPECT_EQ(johnDoe().value("name", ""), "Merged");
}

TEST_F(Watch, WithoutWatchAnEditIsNotServed) {
  start();
  editJohnDoe("Ignored", 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  EXPECT_EQ(johnDoe().value("name", ""), "John");
}

// ---- the request log --------------------------------------------------------------------------

TEST(RequestLog, ColourOnlyWhenAskedOrOnATerminal) {
  {
    auto m = MockProcess::start();  // stderr is a file: no colour
    ASSERT_TRUE(m->ok()) << m->error();
    HttpClient(m->baseUrl()).get("/__mock/health");
    ExitResult r = m->stop(SIGTERM);
    EXPECT_NE(r.err.find("GET /__mock/health 200"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\033'), std::string::npos) << r.err;
  }
  {
    // --color=always colours even with NO_COLOR set (the flag is the more specific wish).
    setenv("NO_COLOR", "1", 1);
    auto m = MockProcess::start({"--color", "always"});
    unsetenv("NO_COLOR");
    ASSERT_TRUE(m->ok()) << m->error();
    HttpClient http(m->baseUrl());
    http.get("/__mock/health");
    http.get("/nope");
    ExitResult r = m->stop(SIGTERM);
    EXPECT_NE(r.err.find("\033[1mGET\033[0m /__mock/health \033[32m200\033[0m"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("/nope \033[33m404\033[0m"), std::string::npos) << r.err;
  }
  {
    ExitResult bad = runMockToExit({"--color", "sometimes"});
    EXPECT_NE(bad.code, 0);
    EXPECT_NE((bad.out + bad.err).find("sometimes"), std::string::npos) << bad.out << bad.err;
  }
}

}  // namespace
}  // namespace lsm_test
