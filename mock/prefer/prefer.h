#pragma once
// Forcing a response, as Stoplight Prism does: `Prefer: code=409` answers with that documented
// status and its documented example, `Prefer: example=NAME` with that named example, and
// `Prefer: delay=300` answers after that many milliseconds.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "spec/spec.h"

namespace lsm {

struct Preference {
  std::optional<int> code;
  std::optional<std::string> example;
  int delay_ms = 0;

  bool forcesResponse() const { return code || example; }
};

// Parses a Prefer header ("code=409, delay=300"; ';' or ',' separated; unknown preferences are
// ignored, as RFC 7240 asks). A malformed code or delay is a 400 naming `Prefer`.
Result<Preference> parsePrefer(std::string_view header);

struct ForcedResponse {
  int status = 0;
  nlohmann::json body;
};

// The documented response a preference asks for. Errors (400): a code the operation does not
// document (the message lists the ones it does), an example name it does not have.
Result<ForcedResponse> forcedResponse(const Operation& op, const Preference& preference);

}  // namespace lsm
