// contract-tests: the same GoogleTest suite against the local mock (CI) or a real server.
// Exit codes: 0 the documented contract holds, 1 documented facts broken (with --strict also
// decided ones), 2 configuration error or an unusable target, 130/143 interrupted.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <thread>

#include "core/time.h"
#include "support/cleanup.h"
#include "support/local_mock.h"
#include "support/preflight.h"
#include "support/suite.h"

namespace {

using contract::Role;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

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
  // Users with a live (active or scheduled) stream of their own are left out: the suite needs
  // HOST without one, and a GUEST who can create one.
  contract::HttpCall state;
  state.path = "/__mock/state";
  auto st = s.client->send(state);
  std::set<std::string> busy;
  const auto streams = st.json ? contract::at(*st.json, "data.streams") : nlohmann::json();
  if (streams.is_array()) {
    for (const auto& stream : streams) {
      const std::string status = stream.value("status", "");
      if ((status == "active" || status == "scheduled") &&
          stream.value("deletedAt", json()).is_null()) {
        busy.insert(stream.value("creatorId", ""));
      }
    }
  }
  std::vector<Role> roles = contract::allRoles();
  size_t next = 0;
  for (const auto& u : contract::at(*r.json, "data")) {
    if (next == roles.size()) break;
    if (!u.value("canBroadcast", false) || busy.count(u.value("_id", ""))) continue;
    s.target.tokens[roles[next++]] = u.value("token", "");
  }
  if (next < roles.size())
    return lsm::Error::invalid(
        "the mock has fewer than 4 users who may broadcast and are not live");
  return lsm::okStatus();
}

// Every stream the suite creates goes on the ledger as soon as the server answers the create.
void recordCreatedStreams(const contract::HttpCall& call, const contract::HttpResult& r) {
  contract::Suite& s = contract::Suite::get();
  static const std::string create_path = s.op("createLiveStream").path;
  if (call.method != "POST" || call.path != create_path || r.status < 200 || r.status > 299) return;
  const auto id = contract::at(contract::dataOf(r), "id");
  if (!id.is_string()) return;
  auto auth = call.headers.find("Authorization");
  contract::LedgerEntry e;
  e.base_url = s.client->baseUrl();
  e.stream_id = id.get<std::string>();
  e.role = "?";
  if (auth != call.headers.end()) {
    if (auto role = s.roleOfAuthorization(auth->second)) {
      e.role = contract::roleName(*role);
      if (s.user_ids.count(*role)) e.creator_user_id = s.user_ids.at(*role);
    }
  }
  e.test = s.current_test.empty() ? "(no test)" : s.current_test;
  e.created_at = lsm::formatIsoMillis(lsm::systemNowMillis());
  s.ledger->add(std::move(e));
}

std::string statsLine(Clock::time_point started) {
  const auto st = contract::Suite::get().client->stats();
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::ostringstream os;
  os << "Requests: " << st.requests << " in " << static_cast<int>(seconds * 10) / 10.0
     << " s; throttled answers (429/503) retried: " << st.throttled << ", given up: " << st.gave_up
     << ", waited " << static_cast<int>(st.waited_seconds * 10) / 10.0 << " s";
  return os.str();
}

int failedTests() {
  return ::testing::UnitTest::GetInstance()
             ? ::testing::UnitTest::GetInstance()->failed_test_count()
             : 0;
}

void writeReport(Clock::time_point started) {
  contract::Suite& s = contract::Suite::get();
  if (s.target.report_path.empty()) return;
  std::ofstream out(s.target.report_path);
  out << contract::Report::get().markdown(*s.spec, s.description, failedTests(),
                                          s.client->refusals(), statsLine(started));
  std::cout << "contract-tests: report written to " << s.target.report_path << "\n";
}

// SIGINT / SIGTERM: stop sending, wait for what is in flight, remove what the run created, say
// what is left, exit. A second signal during the cleanup ends the process at once (the ledger
// keeps what was not removed for the next run).
void watchSignals(sigset_t set, Clock::time_point started) {
  std::thread([set, started] {
    int sig = 0;
    if (sigwait(&set, &sig) != 0) return;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    contract::Suite& s = contract::Suite::get();
    std::cout << "\ncontract-tests: interrupted (" << (sig == SIGINT ? "SIGINT" : "SIGTERM")
              << "): removing what the run created (again to abandon)\n"
              << std::flush;
    s.client->stop();
    s.client->waitIdle(std::chrono::milliseconds(s.target.timeout_ms + 2000));
    contract::sweepAll(true);
    contract::Report::get().setInterrupted(std::string("by ") +
                                           (sig == SIGINT ? "SIGINT" : "SIGTERM") +
                                           "; the tests after it did not run");
    std::cout << contract::Report::get().verdict(*s.spec, s.description, 0) << std::flush;
    writeReport(started);
    _exit(128 + sig);
  }).detach();
}

}  // namespace

int main(int argc, char** argv) {
  const auto started = Clock::now();
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
  if (suite.target.list_states) {
    std::cout << contract::listStates().dump(2) << "\n";
    return 0;
  }

  std::unique_ptr<contract::LocalMock> local;
  if (suite.target.base_url.empty()) {
    std::string binary = suite.target.mock_binary.empty() ? contract::defaultMockBinary(argv[0])
                                                          : suite.target.mock_binary;
    std::vector<std::string> args = {"--fixtures", LSM_SOURCE_DIR "/fixtures"};
    if (!suite.target.control_token.empty()) {
      // The local mock then guards its control API as a shared one would.
      args.insert(args.end(), {"--control-token", suite.target.control_token});
    }
    auto started_mock = contract::LocalMock::start(binary, args);
    if (!started_mock) return configError(started_mock.error().details.at(0));
    local = std::move(started_mock).value();
    suite.target.base_url = local->baseUrl();
    suite.description = "the local mock at " + suite.target.base_url;
  } else {
    suite.description = suite.target.base_url + (suite.target.production ? " (production)" : "");
  }
  // From here on SIGINT and SIGTERM go to one thread that cleans up (the child processes the
  // suite starts later unblock them again).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  contract::ClientOptions options;
  options.base_url = suite.target.base_url;
  options.production = suite.target.production;
  options.allow_production_writes = suite.target.allow_production_writes;
  options.timeout_ms = suite.target.timeout_ms;
  options.max_rps = suite.target.max_rps;
  options.max_retries = suite.target.max_retries;
  suite.client = std::make_unique<contract::HttpClient>(options);
  suite.client->setControlToken(suite.target.control_token);

  // Is it the mock (its control API answers)? Then its tokens and states are at hand.
  contract::HttpCall health;
  health.path = "/__mock/health";
  auto h = suite.client->send(health);
  if (!h.sent) return configError("cannot reach " + suite.target.base_url + ": " + h.error);
  suite.target.is_mock =
      h.status == 200 && h.json && h.json->is_object() && h.json->value("isSuccess", false);
  bool missing = false;
  for (Role r : contract::allRoles())
    missing = missing || suite.target.tokens[r].empty();
  if (missing && suite.target.is_mock) {
    if (auto st = mockRoles(suite); !st) return configError(st.error().details.at(0));
  } else if (missing) {
    for (Role r : contract::allRoles()) {
      if (suite.target.tokens[r].empty()) {
        return configError(std::string("missing token for role ") + contract::roleName(r) +
                           " (CONTRACT_TOKEN_" + contract::roleName(r) + ", see --help)");
      }
    }
  }

  // Provider states: the target's URL or command, or on a mock its own.
  if (!suite.target.state_url.empty()) {
    suite.states = contract::urlStateProvider(suite.client.get(), suite.target.state_url);
  } else if (!suite.target.state_command.empty()) {
    suite.states =
        contract::commandStateProvider(suite.target.state_command, suite.target.timeout_ms);
  } else if (suite.target.is_mock) {
    suite.states = contract::urlStateProvider(suite.client.get(),
                                              suite.target.base_url + "/__mock/provider-states");
  }

  // The ledger: in memory for the local mock (it dies with the run), else a file.
  if (local) {
    suite.ledger = std::make_unique<contract::Ledger>();
  } else {
    suite.ledger = std::make_unique<contract::Ledger>(
        suite.target.ledger_path.empty() ? ".contract-ledger.json" : suite.target.ledger_path);
    if (auto st = suite.ledger->load(); !st) return configError(st.error().details.at(0));
  }
  suite.client->setResponseHook(recordCreatedStreams);
  if (!suite.target.writesAllowed()) {
    contract::Report::get().setDefaultUnverifiedReason(
        "the tests that reach it change data, and the target is production (the production "
        "guard held them back)");
  }
  watchSignals(signals, started);

  if (auto st = contract::checkRoles(suite); !st) return configError(st.error().details.at(0));
  // What earlier runs left on this server goes first.
  if (!suite.ledger->entries(suite.target.base_url).empty() && suite.target.writesAllowed()) {
    const size_t earlier = suite.ledger->entries(suite.target.base_url).size();
    const size_t removed = contract::sweepAll(true);
    std::cout << "contract-tests: removed " << removed << " of " << earlier
              << " streams an earlier run left (ledger " << suite.ledger->path() << ")\n";
  }
  if (auto st = contract::checkHost(suite); !st) {
    contract::sweepAll(false);
    return configError(st.error().details.at(0));
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
  std::cout << "contract-tests: against " << suite.description << "; provider states: "
            << (suite.states ? suite.states->describe() : std::string("none")) << "\n";
  const int failed = RUN_ALL_TESTS();
  if (suite.client->stopping()) {
    // Interrupted: the signal's thread cleans up, reports and ends the process with 128 + signal;
    // the tests after the signal ran halted, so there is nothing more to do here.
    for (int i = 0; i < 6000; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    _exit(130);
  }
  suite.current_test = "(end of run)";
  contract::sweepAll(true);

  const auto& report = contract::Report::get();
  const auto [covered, total] = report.coverage(*suite.spec);
  std::cout << "\ncontract-tests: " << covered << "/" << total
            << " documented (operation, status) cells verified; " << report.generatedNegativeCases()
            << " generated negative cases; " << suite.client->refusals().size()
            << " requests held back by the production guard\n"
            << statsLine(started) << "\n\n"
            << report.verdict(*suite.spec, suite.description, failedTests());
  writeReport(started);
  if (suite.target.require_coverage && covered < total) {
    std::cout << "contract-tests: --require-coverage: " << total - covered
              << " documented cells were not verified (see above)\n";
    return 1;
  }
  return failed ? 1 : 0;
}
