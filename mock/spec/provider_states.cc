#include "spec/provider_states.h"

#include "spec/spec.h"

namespace lsm {

using nlohmann::json;

Result<std::unique_ptr<const ProviderStateCatalogue>> ProviderStateCatalogue::fromJson(
    json document) {
  if (!document.is_object() || !document.contains("states") || !document["states"].is_array()) {
    return Error::internal("provider states: no `states` array");
  }
  std::unique_ptr<ProviderStateCatalogue> catalogue(new ProviderStateCatalogue());
  catalogue->document_ = std::move(document);
  catalogue->compiler_ = std::make_unique<SchemaCompiler>(catalogue->document_);
  const json& states = catalogue->document_["states"];
  for (size_t i = 0; i < states.size(); ++i) {
    const json& state = states[i];
    const std::string where = "#/states/" + std::to_string(i);
    if (!state.is_object() || !state.contains("name") || !state["name"].is_string() ||
        state["name"].get<std::string>().empty()) {
      return Error::internal("provider states: " + where + " has no name");
    }
    const std::string name = state["name"];
    if (catalogue->params_.count(name)) {
      return Error::internal("provider states: '" + name + "' is named twice");
    }
    if (!state.contains("params") || !state["params"].is_object()) {
      return Error::internal("provider states: '" + name + "' has no params schema");
    }
    auto schema = catalogue->compiler_->compile(state["params"], where + "/params");
    if (!schema) {
      return Error::internal("provider states: '" + name + "': " + schema.error().details.at(0));
    }
    catalogue->params_[name] = *schema;
  }
  return std::unique_ptr<const ProviderStateCatalogue>(std::move(catalogue));
}

Result<std::unique_ptr<const ProviderStateCatalogue>> ProviderStateCatalogue::embedded() {
  json document = json::parse(embeddedProviderStatesJson(), nullptr, false);
  if (document.is_discarded()) return Error::internal("provider states: not JSON");
  return fromJson(std::move(document));
}

std::vector<std::string> ProviderStateCatalogue::names() const {
  std::vector<std::string> out;
  for (const auto& state : states())
    out.push_back(state["name"]);
  return out;
}

namespace {

std::string quotedNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names)
    out += (out.empty() ? "'" : ", '") + name + "'";
  return out;
}

}  // namespace

Status ProviderStateCatalogue::check(const json& request) const {
  if (!request.is_object()) return Error::invalid("body: must be an object");
  std::vector<std::string> messages;
  auto state = request.find("state");
  if (state == request.end()) {
    messages.push_back("state: is required");
  } else if (!state->is_string() || !has(state->get<std::string>())) {
    messages.push_back("state: no provider state " + state->dump() +
                       "; the catalogue (GET /__mock/provider-states) has " + quotedNames(names()));
  }
  auto action = request.find("action");
  if (action == request.end()) {
    messages.push_back("action: is required");
  } else if (*action != "setup" && *action != "teardown") {
    messages.push_back("action: must be one of \"setup\", \"teardown\"");
  }
  auto params = request.find("params");
  if (params != request.end() && !params->is_object()) {
    messages.push_back("params: must be an object");
  } else if (state != request.end() && state->is_string() && has(state->get<std::string>())) {
    const json& value = params == request.end() ? json::object() : *params;
    std::vector<Violation> violations;
    if (!params_.at(state->get<std::string>()).validate(value, &violations)) {
      for (const auto& v : violations)
        messages.push_back((v.path.empty() ? "params" : "params." + v.path) + ": " + v.message);
    }
  }
  if (!messages.empty()) return Error::invalid(std::move(messages));
  return okStatus();
}

}  // namespace lsm
