#include "faults/contract_breaks.h"

#include <sstream>

namespace lsm {

namespace {

const std::set<std::string>& known() {
  static const std::set<std::string> kBreaks = {"wrong-type", "missing-field", "status-200",
                                                "decided-status", "undocumented-status"};
  return kBreaks;
}

}  // namespace

Result<std::set<std::string>> parseContractBreaks(const std::string& list) {
  if (list == "all") return known();
  std::set<std::string> out;
  std::stringstream ss(list);
  for (std::string name; std::getline(ss, name, ',');) {
    if (name.empty()) continue;
    if (!known().count(name)) {
      std::string names;
      for (const auto& k : known())
        names += " " + k;
      return Error::invalid("--break-contract: unknown break '" + name + "'; known: all" + names);
    }
    out.insert(name);
  }
  return out;
}

void breakContract(const std::set<std::string>& breaks, const std::string& operation_id,
                   int* status, nlohmann::json* body) {
  if (breaks.empty()) return;
  auto on = [&](const char* name) { return breaks.count(name) > 0; };
  auto setStatus = [&](int s) {
    *status = s;
    if (body->is_object() && body->contains("statusCode")) (*body)["statusCode"] = s;
  };
  nlohmann::json* data = body->is_object() && body->contains("data") ? &(*body)["data"] : nullptr;
  if (operation_id == "listLiveStreamViewers") {
    if (*status == 200 && data && data->is_object()) {
      if (on("wrong-type")) {
        auto& total = (*data)["pagination"]["totalItems"];
        total = std::to_string(total.get<long long>());
      }
      if (on("missing-field")) data->erase("participantAudienceTotal");
    }
    if (*status == 404 && on("undocumented-status")) setStatus(410);
  }
  if (operation_id == "createLiveStream" && *status == 201 && on("status-200")) setStatus(200);
  if (operation_id == "cancelLiveStream" && *status == 201 && on("decided-status")) setStatus(200);
}

}  // namespace lsm
