#include "support/states.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <iostream>
#include <mutex>
#include <set>

#include "spec/spec.h"
#include "support/http_client.h"

namespace contract {

using nlohmann::json;

const std::vector<StateSpec>& stateCatalogue() {
  static const std::vector<StateSpec> kStates = [] {
    std::vector<StateSpec> out;
    json doc = json::parse(lsm::embeddedProviderStatesJson(), nullptr, false);
    if (doc.is_discarded() || !doc.contains("states")) {
      std::cerr << "contract-tests: the embedded provider-state catalogue does not parse\n";
      std::abort();
    }
    for (const auto& s : doc["states"]) {
      out.push_back(
          {s.value("name", ""), s.value("description", ""), s.value("params", json::object())});
    }
    return out;
  }();
  return kStates;
}

const StateSpec* findState(const std::string& name) {
  for (const auto& s : stateCatalogue()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::vector<std::string> checkStateParams(const StateSpec& state, const json& params) {
  // The catalogue's schemas are small and self-contained: compiled once each, with the mock's
  // own validator (through a spec, which owns the compiled nodes).
  static const auto spec = lsm::Spec::embedded();
  static std::map<std::string, lsm::Schema> compiled;
  static std::mutex mu;
  std::lock_guard lock(mu);
  auto it = compiled.find(state.name);
  if (it == compiled.end()) {
    auto schema = (*spec)->compile(state.params, "provider state '" + state.name + "'");
    if (!schema)
      return {"the catalogue's schema does not compile: " + schema.error().details.at(0)};
    it = compiled.emplace(state.name, *schema).first;
  }
  std::vector<lsm::Violation> violations;
  it->second.validate(params, &violations);
  std::vector<std::string> out;
  for (const auto& v : violations)
    out.push_back(v.toString("params").insert(0, v.path.empty() ? "" : "params."));
  return out;
}

namespace {

class UrlProvider : public StateProvider {
 public:
  UrlProvider(HttpClient* client, std::string url) : client_(client), url_(std::move(url)) {}
  lsm::Result<json> change(const json& request) override {
    HttpCall call;
    call.method = "POST";
    call.path = url_;
    call.body = request.dump();
    call.headers.emplace("Content-Type", "application/json");
    call.cleanup = request.value("action", "") == "teardown";
    HttpResult r = client_->send(call);
    if (!r.sent) return lsm::Error::invalid(url_ + ": " + r.error);
    if (r.status < 200 || r.status > 299) {
      return lsm::Error::invalid("the state URL answered " + std::to_string(r.status) + " " +
                                 r.body.substr(0, 300));
    }
    return r.json.value_or(json::object());
  }
  std::string describe() const override { return "CONTRACT_STATE_URL " + url_; }

 private:
  HttpClient* client_;
  std::string url_;
};

class CommandProvider : public StateProvider {
 public:
  CommandProvider(std::string command, long timeout_ms)
      : command_(std::move(command)), timeout_ms_(timeout_ms) {}
  lsm::Result<json> change(const json& request) override {
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return lsm::Error::invalid("pipe: " + errnoText());
    pid_t pid = fork();
    if (pid < 0) return lsm::Error::invalid("fork: " + errnoText());
    if (pid == 0) {
      sigset_t none;
      sigemptyset(&none);
      sigprocmask(SIG_SETMASK, &none, nullptr);  // the suite blocks SIGINT/SIGTERM for its own
      dup2(in[0], 0);
      dup2(out[1], 1);
      close(in[0]);
      close(in[1]);
      close(out[0]);
      close(out[1]);
      execl("/bin/sh", "sh", "-c", command_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    const std::string text = request.dump() + "\n";
    // A state request is small: one write fits the pipe.
    [[maybe_unused]] ssize_t w = write(in[1], text.data(), text.size());
    close(in[1]);
    std::string output;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms_);
    bool timed_out = false;
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) {
        timed_out = true;
        break;
      }
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char buf[4096];
      ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) break;
      output.append(buf, static_cast<size_t>(n));
    }
    close(out[0]);
    if (timed_out) kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (timed_out) {
      return lsm::Error::invalid("CONTRACT_STATE_COMMAND did not finish within " +
                                 std::to_string(timeout_ms_) + " ms");
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return lsm::Error::invalid("CONTRACT_STATE_COMMAND exited with " +
                                 std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                                 " " + output.substr(0, 300));
    }
    json parsed = json::parse(output, nullptr, false);
    return parsed.is_discarded() ? json::object() : parsed;
  }
  std::string describe() const override { return "CONTRACT_STATE_COMMAND " + command_; }

 private:
  static std::string errnoText() { return std::strerror(errno); }
  std::string command_;
  long timeout_ms_;
};

std::map<std::string, StateNeeds>& registry() {
  static std::map<std::string, StateNeeds> r;
  return r;
}

}  // namespace

std::unique_ptr<StateProvider> urlStateProvider(HttpClient* client, std::string url) {
  return std::make_unique<UrlProvider>(client, std::move(url));
}

std::unique_ptr<StateProvider> commandStateProvider(std::string command, long timeout_ms) {
  return std::make_unique<CommandProvider>(std::move(command), timeout_ms);
}

bool declareStates(const std::string& test, StateNeeds needs) {
  for (const auto& s : needs.states) {
    if (!findState(s)) {
      std::cerr << "contract-tests: " << test << " declares the unknown state '" << s << "'\n";
      std::abort();
    }
  }
  registry()[test] = std::move(needs);
  return true;
}

const std::map<std::string, StateNeeds>& declaredStates() {
  return registry();
}

json listStates() {
  json out = {{"request", {{"state", "NAME"}, {"params", json::object()}, {"action", "setup"}}},
              {"states", json::array()}};
  for (const auto& s : stateCatalogue()) {
    json tests = json::array();
    std::set<std::string> cells;
    for (const auto& [test, needs] : declaredStates()) {
      if (std::find(needs.states.begin(), needs.states.end(), s.name) == needs.states.end()) {
        continue;
      }
      tests.push_back(test);
      for (const auto& [op, status] : needs.cells)
        cells.insert(op + " " + std::to_string(status));
    }
    out["states"].push_back({{"name", s.name},
                             {"description", s.description},
                             {"params", s.params},
                             {"tests", tests},
                             {"cells", cells}});
  }
  return out;
}

}  // namespace contract
