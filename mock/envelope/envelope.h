#pragma once
// The API's response envelope {isSuccess, statusCode, data, errors, timestamp}, and the one place
// that maps an error kind to its status and documented headline message.

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "core/time.h"

namespace lsm {

int statusFor(ErrorKind kind);
// The documented first message for a status ("Validation failed", "Resource not found", ...).
std::string headlineFor(int status);

nlohmann::json successEnvelope(int status, nlohmann::json data, Millis now);
// errors = [headline, ...details].
nlohmann::json errorEnvelope(const Error& error, Millis now);
nlohmann::json errorEnvelope(int status, const std::vector<std::string>& details, Millis now);

}  // namespace lsm
