#pragma once
// The provider-state change route of the stand-in (Pact's convention), POST
// {"state", "params", "action": "setup" | "teardown"}: every state of schemas/provider-states.json,
// made with the upstream mock's control routes and, for what they cannot do, by exporting the
// mock's state document, editing it and importing it again.

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "core/time.h"
#include "http_wire.h"
#include "upstream.h"
#include "validation/schema.h"

namespace standin {

class ProviderStates {
 public:
  // Reads the catalogue; nullptr (and `error` set) when it cannot be read or compiled.
  static std::unique_ptr<ProviderStates> load(const std::string& catalogue_path,
                                              const Upstream& upstream, std::mutex& state_lock,
                                              std::string& error);
  Response handle(const Request& req);

  ProviderStates(const Upstream& upstream, std::mutex& state_lock, nlohmann::json catalogue)
      : upstream_(upstream), state_lock_(state_lock), catalogue_(std::move(catalogue)) {}

 private:
  using json = nlohmann::json;
  // Each returns "" when done, otherwise why not (answered as a 400).
  std::string apply(const std::string& state, const json& p, bool setup);
  std::string controlCall(const std::string& method, const std::string& path,
                          const json& body = nullptr, int also_fine = 0);
  // GET /__mock/state, `edit(doc, now)`, PUT /__mock/state; `edit` returns "" or why not.
  std::string editState(const std::function<std::string(json& doc, lsm::Millis now)>& edit);
  std::string mayNotBroadcast(const std::string& user_id, bool setup);
  std::string follows(const json& p);
  std::string gifts(const json& p);
  std::string rentalExpired(const json& p);
  std::string scheduledStarted(const std::string& stream_id);

  const Upstream& upstream_;
  std::mutex& state_lock_;
  json catalogue_;
  std::unique_ptr<lsm::SchemaCompiler> compiler_;
  std::map<std::string, lsm::Schema> params_schemas_;
  std::map<std::string, bool> could_broadcast_;  // what "user may not broadcast" took away
};

}  // namespace standin
