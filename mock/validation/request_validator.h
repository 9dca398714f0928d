#pragma once
// Request validation against the operation in the spec: path and query parameters (coerced from
// text by their schema type, defaults applied) and the body (JSON, or multipart/form-data whose
// fields are coerced by the form schema). Every violation becomes one "field: problem" message.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "codec/multipart.h"
#include "core/http.h"
#include "core/result.h"
#include "spec/spec.h"

namespace lsm {

struct ValidatedRequest {
  std::map<std::string, std::string> path;
  nlohmann::json query = nlohmann::json::object();  // declared parameters only, typed
  nlohmann::json body;                              // null when none was sent
  std::map<std::string, MultipartPart> files;       // file parts of a multipart body, by name
};

// `document` is the spec's document, for the $refs inside parameter and body schemas.
Result<ValidatedRequest> validateRequest(const nlohmann::json& document, const Operation& op,
                                         const HttpRequest& request,
                                         const std::map<std::string, std::string>& path_params,
                                         const MultipartLimits& limits);

// Turns the text of a parameter or form field into the JSON value its schema asks for; text that
// does not parse stays a string, so the schema check names the field and the expected type.
nlohmann::json coerceText(const std::string& text, const nlohmann::json& schema,
                          const nlohmann::json& document);

}  // namespace lsm
