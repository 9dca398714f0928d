#pragma once
// The contract suite's provider-state catalogue (schemas/provider-states.json, compiled into the
// binary), after Pact's provider states: each state has a name, a description of what its setup
// and teardown do, and a JSON schema of its params. A provider-state change request is
// {"state": NAME, "params": {...}, "action": "setup" | "teardown"}. The params schemas are compiled
// once, when the catalogue is loaded; check() names what is wrong with a request.

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "validation/schema.h"

namespace lsm {

class ProviderStateCatalogue {
 public:
  // Loads and compiles a catalogue document ({"states": [{name, description, params}, ...]}).
  // Errors name the state and the broken construct.
  static Result<std::unique_ptr<const ProviderStateCatalogue>> fromJson(nlohmann::json document);
  // The catalogue compiled into the binary (embeddedProviderStatesJson()).
  static Result<std::unique_ptr<const ProviderStateCatalogue>> embedded();

  // The file's `states` array, as written.
  const nlohmann::json& states() const { return document_["states"]; }
  // Every state's name, in the file's order.
  std::vector<std::string> names() const;
  bool has(const std::string& name) const { return params_.count(name) > 0; }

  // Checks a change request: a 400 naming `state` (not a string, or no such state), `action`
  // (missing, or neither setup nor teardown) or `params.NAME` (params that break the state's
  // schema; absent params count as {}). One message per violation.
  Status check(const nlohmann::json& request) const;

  ProviderStateCatalogue(const ProviderStateCatalogue&) = delete;
  ProviderStateCatalogue& operator=(const ProviderStateCatalogue&) = delete;

 private:
  ProviderStateCatalogue() = default;

  nlohmann::json document_;
  std::unique_ptr<SchemaCompiler> compiler_;  // owns the nodes of params_' schemas
  std::map<std::string, Schema> params_;      // by state name
};

}  // namespace lsm
