#pragma once
// Provider states (the convention Pact established): a test names each set-up it needs as a state
// with parameters ("user has credits" {userId, credits}); the target provides it. The catalogue is
// schemas/provider-states.json. A provider is told
//   {"state": NAME, "params": {...}, "action": "setup" | "teardown"}
// through a URL (POSTed; the mock's is /__mock/provider-states) or a command (on its standard
// input), and answers 2xx (exit code 0). Without a provider the tests that need a state report
// what they could not verify and which state they need.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace contract {

class HttpClient;

struct StateSpec {
  std::string name, description;
  nlohmann::json params;  // JSON schema of the params
};

// The catalogue, from the embedded schemas/provider-states.json.
const std::vector<StateSpec>& stateCatalogue();
const StateSpec* findState(const std::string& name);
// Problems of `params` against the state's schema ("params.userId: is required"); empty if none.
std::vector<std::string> checkStateParams(const StateSpec& state, const nlohmann::json& params);

class StateProvider {
 public:
  virtual ~StateProvider() = default;
  // Sends one state change request; the error says what the provider answered.
  virtual lsm::Result<nlohmann::json> change(const nlohmann::json& request) = 0;
  virtual std::string describe() const = 0;
};

std::unique_ptr<StateProvider> urlStateProvider(HttpClient* client, std::string url);
std::unique_ptr<StateProvider> commandStateProvider(std::string command, long timeout_ms);

// Which states each test needs and which documented cells it is there to verify, declared next
// to the test (STATES_FOR); given() refuses a state its test did not declare.
struct StateNeeds {
  std::vector<std::string> states;
  std::vector<std::pair<std::string, int>> cells;
};
bool declareStates(const std::string& test, StateNeeds needs);
const std::map<std::string, StateNeeds>& declaredStates();
// The catalogue with, for each state, the tests that need it and the cells they verify.
nlohmann::json listStates();

}  // namespace contract

// Declares, before TEST_F(Suite, Name), the states the test needs and the documented cells that
// need them: STATES_FOR(Chat, BannedUserIs403, ({"user is banned from stream chat"}),
//                       ({{"postChatMessage", 403}}));
#define STATES_FOR(suite, name, states, cells)                                                     \
  [[maybe_unused]] static const bool suite##_##name##_states_declared = ::contract::declareStates( \
      #suite "." #name, ::contract::StateNeeds{std::vector<std::string> states,                    \
                                               std::vector<std::pair<std::string, int>> cells})
