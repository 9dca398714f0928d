// contract-tests: the same GoogleTest suite against the local mock (CI) or a real server.
// Exit codes: 0 all good, 1 contract failures, 2 configuration or connection error.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>

#include "support/local_mock.h"
#include "support/suite.h"

namespace {

using contract::Role;

int configError(const std::string& why) {
  std::cerr << "contract-tests: " << why << "\n";
  return 2;
}

// Skipped tests and their reasons, for the report.
// (GoogleTest holds its lock while it reports a result, so the name is kept from the start.)
class SkipListener : public ::testing::EmptyTestEventListener {
  void OnTestStart(const ::testing::TestInfo& info) override {
    current_ = std::string(info.test_suite_name()) + "." + info.name();
  }
  void OnTestPartResult(const ::testing::TestPartResult& r) override {
    if (r.type() == ::testing::TestPartResult::kSkip) {
      contract::Report::get().skipped(current_, r.message());
    }
  }
  std::string current_;
};

// On the mock the roles are fixture users who may broadcast, taken in order.
lsm::Status mockRoles(contract::Suite& s) {
  contract::HttpCall call;
  call.path = "/__mock/users";
  auto r = s.client->send(call);
  if (r.status != 200 || !r.json)
    return lsm::Error::invalid("GET /__mock/users failed: " + r.error);
  std::vector<Role> roles = contract::allRoles();
  size_t next = 0;
  for (const auto& u : (*r.json)["data"]) {
    if (next == roles.size()) break;
    if (!u.value("canBroadcast", false)) continue;
    s.target.tokens[roles[next++]] = u.value("token", "");
  }
  if (next < roles.size())
    return lsm::Error::invalid("the mock has fewer than 4 users who may broadcast");
  return lsm::okStatus();
}

}  // namespace

int main(int argc, char** argv) {
  auto target = contract::loadTarget(argc, argv);
  if (!target) {
    if (target.error().details.at(0) == "help") {
      std::cout << contract::usage();
      return 0;
    }
    return configError(target.error().details.at(0));
  }
  contract::Suite& suite = contract::Suite::get();
  suite.target = std::move(target).value();
  auto spec = lsm::Spec::embedded();
  if (!spec) return configError("the spec does not load: " + spec.error().details.at(0));
  suite.spec = *spec;

  std::unique_ptr<contract::LocalMock> local;
  if (suite.target.base_url.empty()) {
    std::string binary = suite.target.mock_binary.empty() ? contract::defaultMockBinary(argv[0])
                                                          : suite.target.mock_binary;
    std::vector<std::string> args = {"--fixtures", LSM_SOURCE_DIR "/fixtures"};
    if (!suite.target.control_token.empty()) {
      // The local mock then guards its control API as a shared one would.
      args.insert(args.end(), {"--control-token", suite.target.control_token});
    }
    auto started = contract::LocalMock::start(binary, args);
    if (!started) return configError(started.error().details.at(0));
    local = std::move(started).value();
    suite.target.base_url = local->baseUrl();
    suite.description = "the local mock at " + suite.target.base_url;
  } else {
    suite.description = suite.target.base_url + (suite.target.production ? " (production)" : "");
  }
  suite.client = std::make_unique<contract::HttpClient>(
      suite.target.base_url, suite.target.production, suite.target.allow_production_writes,
      suite.target.timeout_ms);
  suite.client->setControlToken(suite.target.control_token);

  // Is it the mock (its control API answers)? Then set-ups through /__mock/ are possible.
  contract::HttpCall health;
  health.path = "/__mock/health";
  auto h = suite.client->send(health);
  if (!h.sent) return configError("cannot reach " + suite.target.base_url + ": " + h.error);
  suite.target.is_mock = h.status == 200 && h.json && h.json->value("isSuccess", false);
  // Tokens: given, or on a mock taken from its fixture users; a real server needs all four.
  bool missing = false;
  for (Role r : contract::allRoles())
    missing = missing || suite.target.tokens[r].empty();
  if (missing && suite.target.is_mock) {
    if (auto st = mockRoles(suite); !st) return configError(st.error().details.at(0));
  } else if (missing) {
    for (Role r : contract::allRoles()) {
      if (suite.target.tokens[r].empty()) {
        return configError(std::string("missing token for role ") + contract::roleName(r) +
                           " (CONTRACT_TOKEN_" + contract::roleName(r) + ")");
      }
    }
  }
  for (Role r : contract::allRoles()) {
    std::string sub = contract::jwtSubject(suite.target.tokens[r]);
    if (sub.empty()) {
      return configError(std::string("the ") + contract::roleName(r) +
                         " token is not a JWT with a subject (sub)");
    }
    suite.user_ids[r] = sub;
  }

  std::vector<std::string> args_s = {argv[0]};
  args_s.insert(args_s.end(), suite.target.gtest_args.begin(), suite.target.gtest_args.end());
  std::vector<char*> args;
  for (auto& a : args_s)
    args.push_back(a.data());
  int gargc = static_cast<int>(args.size());
  args.push_back(nullptr);  // argv[argc]: InitGoogleTest moves it down when it removes a flag
  if (!suite.target.junit_path.empty()) {
    GTEST_FLAG_SET(output, "xml:" + suite.target.junit_path);
  }
  ::testing::InitGoogleTest(&gargc, args.data());
  ::testing::UnitTest::GetInstance()->listeners().Append(new SkipListener);
  std::cout << "contract-tests: against " << suite.description << "\n";
  const int failed = RUN_ALL_TESTS();

  const auto& report = contract::Report::get();
  const auto [covered, total] = report.coverage(*suite.spec);
  std::cout << "contract-tests: " << covered << "/" << total
            << " documented (operation, status) cells produced and matching; "
            << report.generatedNegativeCases() << " generated negative cases; "
            << report.driftCount() << " drift; " << report.cleanupProblems()
            << " cleanup problems; " << suite.client->refusals().size()
            << " requests held back by the production guard\n";
  if (!suite.target.report_path.empty()) {
    std::ofstream out(suite.target.report_path);
    out << report.markdown(*suite.spec, suite.description, suite.client->refusals());
    std::cout << "contract-tests: report written to " << suite.target.report_path << "\n";
  }
  if (suite.target.require_coverage && covered < total) {
    std::cout << "contract-tests: --require-coverage: " << total - covered
              << " documented cells were not produced (see the report)\n";
    return 1;
  }
  return failed ? 1 : 0;
}
