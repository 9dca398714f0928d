#pragma once
// --break-contract: the mock deliberately disagrees with the documentation, after its own
// response check, so the contract suite can be shown to catch it. Never on by default.
//   wrong-type           viewers: pagination.totalItems becomes a string        (documented)
//   missing-field        viewers: participantAudienceTotal is left out           (documented)
//   status-200           create answers 200 instead of the documented 201        (documented)
//   decided-status       cancel answers 200 instead of the decided 201           (x-inferred)
//   undocumented-status  viewers of an unknown stream answer 410                 (documented)

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "core/result.h"

namespace lsm {

// Parses "wrong-type,status-200" or "all"; an unknown name is an error that lists the known ones.
Result<std::set<std::string>> parseContractBreaks(const std::string& list);

// Applies the breaks that concern `operation_id` to the response about to be sent.
void breakContract(const std::set<std::string>& breaks, const std::string& operation_id,
                   int* status, nlohmann::json* body);

}  // namespace lsm
