#pragma once
// The two OpenAPI documents: the product API (schemas/openapi.yaml, what /openapi.json serves
// and client generators read) and the mock's own routes (schemas/mock-control.yaml, which refers
// to the product document's components as `openapi.yaml#/components/...`). The mock routes and
// validates with both merged into one document; each is served on its own.

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"

namespace lsm {

// The product document with the control document's paths, tags and components added, and the
// control document's references to `openapi.yaml#...` made local. A path, tag or component both
// documents define is an error naming it (neither may silently replace the other's).
Result<nlohmann::json> mergeControlDocument(nlohmann::json product, const nlohmann::json& control);

// The control document on its own, self-contained: its info, tags and paths, with every
// component of `merged` (mergeControlDocument's result) it reaches.
nlohmann::json standaloneControlDocument(const nlohmann::json& merged,
                                         const nlohmann::json& control);

}  // namespace lsm
