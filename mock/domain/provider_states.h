#pragma once
// The contract suite's provider states (schemas/provider-states.json), set up and torn down on the
// mock's state: each state is reached through the same domain actions the control API and the
// clock use. The catalogue (spec/provider_states.h) has checked the request's params against the
// state's schema before these run.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

enum class ProviderStateAction { kSetup, kTeardown };
std::optional<ProviderStateAction> providerStateActionFromString(std::string_view s);
const char* toString(ProviderStateAction a);

// What a change did, for the answer.
struct ProviderStateOutcome {
  bool changed = false;  // false: the state held already, or a teardown had nothing to undo
  std::optional<std::string> gift_type_id;     // gifts: the type sent
  bool gift_type_created = false;              // gifts: a retired type had to be made
  std::optional<bool> could_broadcast_before;  // "user may not broadcast": the remembered value
  std::optional<Millis> expires_at;            // "replay rental has expired": the expiry now
  std::optional<Millis> started_at;            // "scheduled stream has started"
};

// The names of the states applyProviderState implements, in the catalogue's order.
std::vector<std::string> implementedProviderStates();

// Sets up or tears down the state `name` at `now`, as the catalogue describes it. Errors: 400 a
// combination of params the schema cannot express (naming the param) or a name not implemented;
// 404 an id that names no user, stream or gift type (naming the param); 409 a state the current
// data cannot reach (naming why). A teardown that undoes nothing succeeds without a change.
Result<ProviderStateOutcome> applyProviderState(State& s, const std::string& name,
                                                ProviderStateAction action,
                                                const nlohmann::json& params, Millis now);

// {"state", "action"} and what the outcome says.
nlohmann::json providerStateView(const std::string& name, ProviderStateAction action,
                                 const ProviderStateOutcome& outcome);

}  // namespace lsm
