// Process-level behaviour: fixtures checked at start, flags, signals.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>

#include "auth/jwt.h"
#include "test_support.h"

namespace lsm_test {
namespace {

namespace fs = std::filesystem;

class Startup : public ::testing::Test {
 protected:
  // A copy of fixtures/ in a temp dir, for breaking.
  std::string copyFixtures() {
    const std::string target = dir_.path() + "/fixtures";
    fs::copy(repoPath("fixtures"), target, fs::copy_options::recursive);
    return target;
  }
  // Runs the mock on `fixtures_dir`; it must exit (not start listening) within 5 s.
  ExitResult runOn(const std::string& fixtures_dir) {
    return runMockToExit({"--port", "0", "--host", "127.0.0.1", "--fixtures", fixtures_dir,
                          "--no-print-tokens", "--jwt-secret", kJwtSecret},
                         std::chrono::seconds(5));
  }

  TempDir dir_;
};

TEST_F(Startup, WrongTypeInUsersJsonNamesFileAndPath) {
  const std::string fixtures = copyFixtures();
  json users = readJsonFile(fixtures + "/users.json");
  ASSERT_GE(users.size(), 4u);
  users[3]["credits"] = "lots";
  writeFile(fixtures + "/users.json", users.dump(2));
  auto r = runOn(fixtures);
  ASSERT_TRUE(r.exited) << "the mock started on broken fixtures:\n" << r.out;
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("users.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("$[3].credits"), std::string::npos) << r.err;
}

TEST_F(Startup, InvalidJsonNamesTheFile) {
  const std::string fixtures = copyFixtures();
  writeFile(fixtures + "/follows.json", "[{\"followerId\": ");
  auto r = runOn(fixtures);
  ASSERT_TRUE(r.exited) << "the mock started on broken fixtures:\n" << r.out;
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("follows.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("is not valid JSON (at byte "), std::string::npos) << r.err;
}

TEST_F(Startup, DanglingUserReferenceNamesFileAndPath) {
  const std::string fixtures = copyFixtures();
  json follows = readJsonFile(fixtures + "/follows.json");
  ASSERT_FALSE(follows.empty());
  follows[0]["followerId"] = ids::kNoSuchId;
  writeFile(fixtures + "/follows.json", follows.dump(2));
  auto r = runOn(fixtures);
  ASSERT_TRUE(r.exited) << "the mock started on broken fixtures:\n" << r.out;
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("follows.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("$[0].followerId"), std::string::npos) << r.err;
}

TEST_F(Startup, MissingFixturesDirectoryFails) {
  const std::string missing = dir_.path() + "/no-such-dir";
  auto r = runOn(missing);
  ASSERT_TRUE(r.exited) << r.out;
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
}

TEST_F(Startup, CopiedFixturesStart) {
  // The control for the tests above: the unmodified copy is fine.
  const std::string fixtures = copyFixtures();
  auto mock = MockProcess::start({"--fixtures", fixtures});
  ASSERT_TRUE(mock->ok()) << mock->error();
  EXPECT_EQ(HttpClient(mock->baseUrl()).get("/__mock/health").status, 200);
}

TEST_F(Startup, UnreadableSpecFails) {
  const std::string missing = dir_.path() + "/openapi.yaml";
  auto r = runMockToExit({"--port", "0", "--spec", missing, "--no-print-tokens"},
                         std::chrono::seconds(5));
  ASSERT_TRUE(r.exited) << r.out;
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
}

TEST_F(Startup, HelpExitsZeroAndListsPort) {
  auto r = runMockToExit({"--help"}, std::chrono::seconds(5));
  ASSERT_TRUE(r.exited);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE((r.out + r.err).find("--port"), std::string::npos) << r.out;
}

TEST_F(Startup, UnknownFlagFails) {
  auto r = runMockToExit({"--no-such-flag"}, std::chrono::seconds(5));
  ASSERT_TRUE(r.exited);
  EXPECT_NE(r.code, 0);
  EXPECT_NE((r.out + r.err).find("--no-such-flag"), std::string::npos) << r.out << r.err;
}

TEST_F(Startup, MintTokenPrintsATokenAndExits) {
  auto r = runMockToExit({"--jwt-secret", kJwtSecret, "--mint-token", ids::kJohnDoe},
                         std::chrono::seconds(5));
  ASSERT_TRUE(r.exited);
  EXPECT_EQ(r.code, 0) << r.err;
  std::string token = r.out;
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
    token.pop_back();
  auto claims = lsm::JwtCodec(kJwtSecret).verify(token, nowSeconds());
  ASSERT_TRUE(claims.ok()) << "'" << token << "' does not verify";
  EXPECT_EQ(claims->user_id, ids::kJohnDoe);
}

TEST_F(Startup, PortInUseFails) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(fd, 1), 0);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const std::string port = std::to_string(ntohs(addr.sin_port));
  auto r = runMockToExit({"--port", port, "--host", "127.0.0.1", "--no-print-tokens"},
                         std::chrono::seconds(5));
  close(fd);
  ASSERT_TRUE(r.exited) << "the mock listened on a port in use:\n" << r.out;
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("cannot listen"), std::string::npos) << r.err;
}

TEST_F(Startup, SigtermExitsZero) {
  auto mock = MockProcess::start();
  ASSERT_TRUE(mock->ok()) << mock->error();
  EXPECT_EQ(HttpClient(mock->baseUrl()).get("/__mock/health").status, 200);
  auto r = mock->stop(SIGTERM);
  ASSERT_TRUE(r.exited) << "no exit within 5 s of SIGTERM";
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("received SIGTERM"), std::string::npos) << r.out;
}

// A launcher that reads the "listening on" line and closes the pipe must not kill the mock with
// SIGPIPE on its next line of stdout (the contract suite's local mock died so, now and then, on
// the "API console" line printed right after).
TEST_F(Startup, ClosedStdoutNeitherKillsNorStopsTheMock) {
  auto mock = MockProcess::start();
  ASSERT_TRUE(mock->ok()) << mock->error();
  mock->closeStdout();
  EXPECT_EQ(HttpClient(mock->baseUrl()).get("/__mock/health").status, 200);
  auto r = mock->stop(SIGTERM);  // the mock writes "received SIGTERM" to the closed pipe
  ASSERT_TRUE(r.exited) << "no exit within 5 s of SIGTERM";
  EXPECT_EQ(r.code, 0) << "128 + 13 is SIGPIPE\n" << r.err;
}

TEST_F(Startup, SigintExitsZero) {
  auto mock = MockProcess::start();
  ASSERT_TRUE(mock->ok()) << mock->error();
  auto r = mock->stop(SIGINT);
  ASSERT_TRUE(r.exited) << "no exit within 5 s of SIGINT";
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(Startup, SigtermWithAnOpenKeepAliveConnectionExitsZero) {
  auto mock = MockProcess::start();
  ASSERT_TRUE(mock->ok()) << mock->error();
  HttpClient http(mock->baseUrl());  // keeps its connection open past the signal
  ASSERT_EQ(http.get("/__mock/health").status, 200);
  ASSERT_EQ(http.get("/__mock/users").status, 200);
  auto r = mock->stop(SIGTERM);
  ASSERT_TRUE(r.exited) << "no exit within 5 s of SIGTERM";
  EXPECT_EQ(r.code, 0) << r.err;
}

}  // namespace
}  // namespace lsm_test
