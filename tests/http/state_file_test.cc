// --state-file: the state survives a restart (saved on SIGTERM and every
// --state-save-interval seconds, atomically); a corrupt or foreign file stops the start and is
// left untouched; a failed save is logged and the mock keeps running.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "test_support.h"

namespace lsm_test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string chatPath(const std::string& stream_id) {
  return "/api/v1/live-stream/" + stream_id + "/chat/messages";
}

// The file parsed, or a discarded value when it is missing or not JSON.
json parsedFile(const std::string& path) {
  return json::parse(readFile(path), nullptr, false);
}

// Credits of a user in a state document, -1 when absent.
int64_t creditsIn(const json& doc, const std::string& user_id) {
  if (!doc.is_object() || !doc.contains("users")) return -1;
  for (const auto& u : doc["users"]) {
    if (u["_id"] == user_id) return u["credits"].get<int64_t>();
  }
  return -1;
}

bool hasChatMessage(const json& doc, const std::string& message_id) {
  if (!doc.is_object() || !doc.contains("chat-messages")) return false;
  for (const auto& m : doc["chat-messages"]) {
    if (m["_id"] == message_id) return true;
  }
  return false;
}

std::vector<std::string> filesIn(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

class StateFile : public ::testing::Test {
 protected:
  std::string statePath() const { return dir_.path() + "/state.json"; }

  std::unique_ptr<MockProcess> start(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"--state-file", statePath()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto m = MockProcess::start(args);
    EXPECT_TRUE(m->ok()) << m->error();
    return m;
  }
  // Runs the mock on the state file; it must exit before listening.
  ExitResult runToExit() {
    return runMockToExit(
        {"--port", "0", "--host", "127.0.0.1", "--fixtures", "fixtures", "--no-print-tokens",
         "--jwt-secret", kJwtSecret, "--state-file", statePath()},
        std::chrono::seconds(5));
  }

  Response postChat(HttpClient& http, const std::string& content) {
    auto r = http.request("POST", chatPath(ids::kBigStream),
                          {bearer(ids::kJohnDoe), {"Content-Type", "application/json"}},
                          json{{"content", content}}.dump());
    EXPECT_EQ(r.status, 201) << r.describe();
    expectSpecResponse("postChatMessage", r);
    return r;
  }
  Response setCredits(HttpClient& http, int64_t credits) {
    auto r =
        http.request("PUT", "/__mock/users/" + std::string(ids::kJohnDoe) + "/credits",
                     {{"Content-Type", "application/json"}}, json{{"credits", credits}}.dump());
    EXPECT_EQ(r.status, 200) << r.describe();
    expectSpecResponse("mockSetCredits", r);
    return r;
  }
  // Whether the chat history of kBigStream holds `message_id`.
  bool historyHolds(HttpClient& http, const std::string& message_id) {
    auto r = http.get(chatPath(ids::kBigStream) + "?limit=100", {bearer(ids::kJohnDoe)});
    EXPECT_EQ(r.status, 200) << r.describe();
    expectSpecResponse("listChatMessages", r);
    if (r.status != 200) return false;
    for (const auto& m : r.data()["list"]) {
      if (m["_id"] == message_id) return true;
    }
    return false;
  }
  // Polls the state file until `pred` holds for it (as JSON), up to `timeout`. Every version
  // of the file read meanwhile must be complete JSON.
  template <typename Pred>
  bool waitForFile(Pred pred, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      const std::string text = readFile(statePath());
      if (!text.empty()) {
        const json doc = json::parse(text, nullptr, false);
        EXPECT_FALSE(doc.is_discarded()) << "a partial state file was visible";
        if (!doc.is_discarded() && pred(doc)) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  // Polls the mock's stderr for `text`.
  static bool waitForStderr(const MockProcess& m, const std::string& text,
                            std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
      if (m.stderrText().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  // A saved state file made by a mock that started from the fixtures and stopped.
  void makeSavedFile() {
    auto m = start();
    ASSERT_TRUE(m->ok());
    auto stopped = m->stop(SIGTERM);
    ASSERT_EQ(stopped.code, 0) << stopped.err;
    ASSERT_TRUE(fs::exists(statePath()));
  }

  TempDir dir_;
};

TEST_F(StateFile, AnIdleMockDoesNotRewriteTheFile) {
  auto m = start({"--state-save-interval", "1"});
  ASSERT_TRUE(m->ok());
  // The first save, then one more interval for what the first tick changed (fixture streams whose
  // planned start is past begin at once).
  ASSERT_TRUE(waitForFile([](const json&) { return true; }, std::chrono::seconds(3)));
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  struct stat before {};
  ASSERT_EQ(::stat(statePath().c_str(), &before), 0);
  // Nothing happens for more than three intervals (and three ticks).
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  struct stat after {};
  ASSERT_EQ(::stat(statePath().c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino) << "the file was replaced";
  EXPECT_EQ(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
  EXPECT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
  // A change is still saved within an interval.
  HttpClient http(m->baseUrl());
  setCredits(http, 4321);
  EXPECT_TRUE(waitForFile([](const json& doc) { return creditsIn(doc, ids::kJohnDoe) == 4321; },
                          std::chrono::seconds(3)));
}

TEST_F(StateFile, ChangesSavedOnSigtermAreThereAfterARestart) {
  std::string message_id;
  {
    auto m = start();
    ASSERT_TRUE(m->ok());
    HttpClient http(m->baseUrl());
    auto posted = postChat(http, "kalıcı mesaj");
    ASSERT_EQ(posted.status, 201);
    message_id = posted.data()["_id"];
    setCredits(http, 4321);
    auto stopped = m->stop(SIGTERM);
    ASSERT_TRUE(stopped.exited);
    EXPECT_EQ(stopped.code, 0) << stopped.err;
    EXPECT_EQ(stopped.out.find("State loaded from"), std::string::npos)
        << "nothing to load the first time:\n"
        << stopped.out;
  }
  ASSERT_TRUE(fs::exists(statePath()));
  const json doc = parsedFile(statePath());
  ASSERT_FALSE(doc.is_discarded()) << "the state file is not JSON";
  EXPECT_EQ(doc["format"], "livestream-mock-state/1");
  EXPECT_TRUE(hasChatMessage(doc, message_id));
  EXPECT_EQ(creditsIn(doc, ids::kJohnDoe), 4321);

  auto again = start();
  ASSERT_TRUE(again->ok());
  HttpClient http(again->baseUrl());
  EXPECT_TRUE(historyHolds(http, message_id)) << "the saved message is gone after the restart";
  auto users = http.get("/__mock/users");
  expectSpecResponse("mockListUsers", users);
  int64_t credits = -1;
  for (const auto& u : users.data()) {
    if (u["_id"] == ids::kJohnDoe) credits = u["credits"];
  }
  EXPECT_EQ(credits, 4321);
  auto stopped = again->stop(SIGTERM);
  EXPECT_EQ(stopped.code, 0) << stopped.err;
  EXPECT_NE(stopped.out.find("State loaded from " + statePath()), std::string::npos) << stopped.out;
}

TEST_F(StateFile, StreamCreatedBeforeSigtermIsThereAfterARestart) {
  std::string stream_id;
  {
    auto m = start();
    ASSERT_TRUE(m->ok());
    HttpClient http(m->baseUrl());
    // No file yet: the fixtures.
    auto fixtures = http.get(chatPath(ids::kBigStream) + "?limit=1", {bearer(ids::kJohnDoe)});
    ASSERT_EQ(fixtures.status, 200) << fixtures.describe();
    EXPECT_EQ(fixtures.data()["pagination"]["totalItems"], 102);
    auto created = http.multipart("/api/v1/live-stream/create", {bearer(ids::kJohnDoe)},
                                  {{"title", "Yeniden başlatmaya dayanıklı"}, {"price", "9.99"}});
    ASSERT_EQ(created.status, 201) << created.describe();
    expectSpecResponse("createLiveStream", created);
    stream_id = created.data()["id"];
    auto stopped = m->stop(SIGTERM);
    EXPECT_EQ(stopped.code, 0) << stopped.err;
  }
  const json doc = parsedFile(statePath());
  ASSERT_FALSE(doc.is_discarded()) << "the state file is not JSON";
  EXPECT_EQ(doc["format"], "livestream-mock-state/1");

  auto again = start();
  ASSERT_TRUE(again->ok()) << "the mock does not start on its own state file";
  HttpClient http(again->baseUrl());
  auto history = http.get(chatPath(stream_id), {bearer(ids::kJohnDoe)});
  EXPECT_EQ(history.status, 200) << "the created stream is gone: " << history.describe();
  expectSpecResponse("listChatMessages", history);
  auto stopped = again->stop(SIGTERM);
  EXPECT_NE(stopped.out.find("State loaded from"), std::string::npos) << stopped.out;
}

TEST_F(StateFile, PeriodicSaveHoldsAChangeWithoutAShutdown) {
  auto m = start({"--state-save-interval", "1"});
  ASSERT_TRUE(m->ok());
  HttpClient http(m->baseUrl());
  setCredits(http, 2468);
  EXPECT_TRUE(waitForFile([](const json& d) { return creditsIn(d, ids::kJohnDoe) == 2468; },
                          std::chrono::milliseconds(3000)))
      << "the change was not saved within 3 s";
  EXPECT_EQ(http.get("/__mock/health").status, 200);
}

TEST_F(StateFile, KillNineAfterASaveRestartsFromTheLastSavedState) {
  std::string message_id;
  {
    auto m = start({"--state-save-interval", "1"});
    ASSERT_TRUE(m->ok());
    HttpClient http(m->baseUrl());
    auto posted = postChat(http, "kill -9 öncesi");
    ASSERT_EQ(posted.status, 201);
    message_id = posted.data()["_id"];
    ASSERT_TRUE(waitForFile([&](const json& d) { return hasChatMessage(d, message_id); },
                            std::chrono::milliseconds(3000)))
        << "the message was not saved within 3 s";
    auto killed = m->stop(SIGKILL);
    EXPECT_EQ(killed.code, 128 + SIGKILL);
  }
  const json doc = parsedFile(statePath());
  ASSERT_FALSE(doc.is_discarded()) << "the state file is not complete JSON after kill -9";
  EXPECT_TRUE(hasChatMessage(doc, message_id));
  // What a crash in the middle of a save leaves behind.
  writeFile(statePath() + ".tmp.999999", R"({"format": "livestream-mock-state/1", "users": [)");

  auto again = start();
  ASSERT_TRUE(again->ok());
  HttpClient http(again->baseUrl());
  EXPECT_TRUE(historyHolds(http, message_id)) << "the last saved state was not loaded";
  auto stopped = again->stop(SIGTERM);
  EXPECT_EQ(stopped.code, 0) << stopped.err;
  EXPECT_NE(stopped.out.find("State loaded from"), std::string::npos) << stopped.out;
  EXPECT_TRUE(hasChatMessage(parsedFile(statePath()), message_id));
}

TEST_F(StateFile, TruncatedFileStopsTheStartWithExit1AndIsLeftUntouched) {
  makeSavedFile();
  const std::string whole = readFile(statePath());
  ASSERT_GT(whole.size(), 100u);
  const std::string truncated = whole.substr(0, whole.size() / 2);
  writeFile(statePath(), truncated);

  auto r = runToExit();
  ASSERT_TRUE(r.exited) << "the mock started on a truncated state file:\n" << r.out;
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(statePath()), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("listening"), std::string::npos) << r.out;
  EXPECT_TRUE(readFile(statePath()) == truncated) << "the corrupt state file was changed";
  EXPECT_EQ(filesIn(dir_.path()), std::vector<std::string>{"state.json"});
}

TEST_F(StateFile, FileOfAnotherFormatStopsTheStartWithExit1AndIsLeftUntouched) {
  makeSavedFile();
  json doc = readJsonFile(statePath());
  doc["format"] = "livestream-mock-state/2";
  const std::string text = doc.dump(2);
  writeFile(statePath(), text);

  auto r = runToExit();
  ASSERT_TRUE(r.exited) << "the mock started on a state file of another format:\n" << r.out;
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(statePath()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("format"), std::string::npos) << r.err;
  EXPECT_TRUE(readFile(statePath()) == text) << "the foreign state file was changed";
}

TEST_F(StateFile, UnwritableStateDirLogsTheSaveErrorAndKeepsRunning) {
  if (geteuid() == 0) {
    GTEST_SKIP() << "running as root: root writes into a 0555 directory anyway";
  }
  ASSERT_EQ(chmod(dir_.path().c_str(), 0555), 0);
  struct Restore {
    std::string dir;
    ~Restore() { chmod(dir.c_str(), 0755); }
  } restore{dir_.path()};

  auto m = start({"--state-save-interval", "1"});
  ASSERT_TRUE(m->ok());
  HttpClient http(m->baseUrl());
  setCredits(http, 1357);
  EXPECT_TRUE(waitForStderr(*m, "state not saved", std::chrono::milliseconds(3000)))
      << m->stderrText();
  EXPECT_NE(m->stderrText().find(statePath()), std::string::npos) << m->stderrText();
  auto health = http.get("/__mock/health");
  EXPECT_EQ(health.status, 200) << health.describe();
  auto product = http.get(chatPath(ids::kBigStream) + "?limit=1", {bearer(ids::kJohnDoe)});
  EXPECT_EQ(product.status, 200) << product.describe();
  EXPECT_FALSE(fs::exists(statePath()));
}

// The same failure without relying on permissions (so it runs as root too): the state file's
// directory does not exist.
TEST_F(StateFile, MissingStateDirLogsTheSaveErrorAndKeepsRunning) {
  const std::string path = dir_.path() + "/no-such-dir/state.json";
  auto m = MockProcess::start({"--state-file", path, "--state-save-interval", "1"});
  ASSERT_TRUE(m->ok()) << m->error();
  HttpClient http(m->baseUrl());
  setCredits(http, 1357);
  EXPECT_TRUE(waitForStderr(*m, "state not saved", std::chrono::milliseconds(3000)))
      << m->stderrText();
  EXPECT_NE(m->stderrText().find(path), std::string::npos) << m->stderrText();
  auto health = http.get("/__mock/health");
  EXPECT_EQ(health.status, 200) << health.describe();
  expectSpecResponse("mockHealth", health);
  auto product = http.get(chatPath(ids::kBigStream) + "?limit=1", {bearer(ids::kJohnDoe)});
  EXPECT_EQ(product.status, 200) << product.describe();
  expectSpecResponse("listChatMessages", product);
}

}  // namespace
}  // namespace lsm_test
