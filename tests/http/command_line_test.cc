// The command line's conventions: --help grouped and naming each flag's LSM_* variable, variables
// bound to their flags (the flag wins), range-checked numbers, exit code 2 for any bad usage,
// --version, --mint-token only for a known user.
#include <stdlib.h>

#include <regex>
#include <sstream>

#include "test_support.h"

namespace lsm_test {
namespace {

constexpr int kBadUsage = 2;

// Sets an environment variable for one test (the mock child inherits it), then removes it.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value) : name_(std::move(name)) {
    setenv(name_.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() { unsetenv(name_.c_str()); }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
};

ExitResult run(const std::vector<std::string>& args) {
  return runMockToExit(args, std::chrono::seconds(5));
}

TEST(CommandLine, HelpGroupsTheFlags) {
  auto r = run({"--help"});
  ASSERT_TRUE(r.exited);
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<size_t> at;
  for (const char* group :
       {"Serving:", "Data:", "Auth:", "Limits:", "Control API:", "Testing only:"}) {
    at.push_back(r.out.find(std::string("\n") + group));
    EXPECT_NE(at.back(), std::string::npos) << group << " missing from --help:\n" << r.out;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end())) << r.out;
  // A flag sits in its group: --break-contract under "Testing only", --port under "Serving".
  EXPECT_GT(r.out.find("--break-contract"), r.out.find("\nTesting only:")) << r.out;
  EXPECT_LT(r.out.find("--port"), r.out.find("\nData:")) << r.out;
}

// Every flag but --help, --version and --mint-token shows its variable, named after the flag
// (--some-name: LSM_SOME_NAME; Agora's two keep Agora's names).
TEST(CommandLine, HelpShowsEachFlagsEnvironmentVariable) {
  auto r = run({"--help"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::regex flag_line(R"(^\s+(?:-h,)?--([a-z-]+)(.*)$)");
  std::istringstream lines(r.out);
  int flags = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, flag_line)) continue;
    const std::string name = m[1];
    if (name == "help" || name == "version" || name == "mint-token") continue;
    ++flags;
    std::string env = "LSM_";
    for (char ch : name)
      env += ch == '-' ? '_' : static_cast<char>(std::toupper(ch));
    if (name.rfind("agora-", 0) == 0) env = env.substr(4);
    EXPECT_NE(line.find("(Env:" + env + ")"), std::string::npos) << line;
  }
  EXPECT_GE(flags, 25) << r.out;
}

TEST(CommandLine, VersionPrintsTheVersionAndExitsZero) {
  auto r = run({"--version"});
  ASSERT_TRUE(r.exited);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^livestream-mock \d+\.\d+\.\d+\n$)")))
      << r.out;
}

TEST(CommandLine, OutOfRangeNumbersExitWith2NamingTheFlag) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--port", "70000"},
                                             {"--port", "-1"},
                                             {"--port", "eighty"},
                                             {"--threads", "0"},
                                             {"--token-ttl", "0"},
                                             {"--response-cache", "-1"},
                                             {"--max-body-bytes", "10"},
                                             {"--max-upload-bytes", "0"},
                                             {"--state-save-interval", "0"},
                                             {"--request-timeout", "99999"}}) {
    auto r = run(args);
    ASSERT_TRUE(r.exited) << args[0] << " " << args[1] << " started the mock";
    EXPECT_EQ(r.code, kBadUsage) << args[0] << " " << args[1] << ": " << r.err;
    EXPECT_NE(r.err.find(args[0]), std::string::npos) << r.err;
    EXPECT_EQ(r.out.find("listening"), std::string::npos) << r.out;
  }
}

TEST(CommandLine, EveryKindOfBadUsageExitsWith2) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--no-such-flag"},
                                             {"stray-argument"},
                                             {"--port"},
                                             {"--color", "sometimes"},
                                             {"--latency", "5-2"},
                                             {"--break-contract", "no-such-break"},
                                             {"--jwt-secret", ""}}) {
    auto r = run(args);
    ASSERT_TRUE(r.exited) << args[0] << " started the mock";
    EXPECT_EQ(r.code, kBadUsage) << args[0] << ": " << r.err;
    EXPECT_FALSE(r.err.empty()) << args[0] << " failed without a word";
  }
}

TEST(CommandLine, MintTokenRefusesAUserTheFixturesLack) {
  auto r = run({"--jwt-secret", kJwtSecret, "--mint-token", ids::kNoSuchId});
  ASSERT_TRUE(r.exited);
  EXPECT_EQ(r.code, kBadUsage) << r.out;
  EXPECT_TRUE(r.out.empty()) << "a token was printed: " << r.out;
  EXPECT_NE(r.err.find(ids::kNoSuchId), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--mint-token"), std::string::npos) << r.err;
}

TEST(CommandLine, AnEnvironmentVariableSetsItsFlag) {
  ScopedEnv env("LSM_NO_CONTROL_API", "1");
  auto mock = MockProcess::start();
  ASSERT_TRUE(mock->ok()) << mock->error();
  EXPECT_EQ(HttpClient(mock->baseUrl()).get("/__mock/users").status, 404);
}

TEST(CommandLine, AFlagWinsOverItsEnvironmentVariable) {
  ScopedEnv env("LSM_PORT", "99999");  // out of range: read, it would stop the start
  auto mock = MockProcess::start();    // --port 0
  ASSERT_TRUE(mock->ok()) << mock->error();
  EXPECT_EQ(HttpClient(mock->baseUrl()).get("/__mock/health").status, 200);
}

TEST(CommandLine, AnOutOfRangeEnvironmentVariableExitsWith2) {
  ScopedEnv env("LSM_THREADS", "0");
  auto r = run({"--port", "0", "--no-print-tokens"});
  ASSERT_TRUE(r.exited) << "started with LSM_THREADS=0";
  EXPECT_EQ(r.code, kBadUsage) << r.err;
  EXPECT_NE(r.err.find("--threads"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace lsm_test
