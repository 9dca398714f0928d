#pragma once
// Serialises a JSON value to exactly the text nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) writes (sorted keys, no spaces, UTF-8 kept,
// invalid UTF-8 replaced), in a fraction of its time: strings that need no escaping are copied
// whole instead of decoded byte by byte. Every response body goes through it.

#include <nlohmann/json.hpp>
#include <string>

#include "core/http.h"

namespace lsm {

void appendJson(const nlohmann::json& value, std::string* out);
std::string toJson(const nlohmann::json& value);

// A response of `status` with the JSON text `text`, or `body` serialised by toJson.
HttpResponse jsonText(int status, std::string text);
HttpResponse jsonResponse(int status, const nlohmann::json& body);

}  // namespace lsm
