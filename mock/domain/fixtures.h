#pragma once
// Loads a fixtures directory into a State. Every file is checked against its definition in
// schemas/fixtures.schema.json and every reference against the records it names; the first
// problem stops the load with the file and the JSON path ("fixtures/users.json at $[3].username:
// must be a string"). Timestamps are shifted by (now - meta.referenceTime), so "started 45 minutes
// ago" stays true whenever the mock starts.

#include <nlohmann/json.hpp>
#include <string>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

Result<State> loadFixtures(const std::string& directory, Millis now);

// The whole state as one JSON document: each fixture file's content under its name, plus what
// only a running mock has (superlikes, uploads as base64, the id counter). GET /__mock/state and
// --state-file write it; timestamps are absolute.
inline constexpr const char* kStateFormat = "livestream-mock-state/1";
nlohmann::json exportState(const State& s, Millis now);
// Reads what exportState wrote, checked like fixtures (errors say "state at $.users[3].credits:
// ...").
Result<State> importState(const nlohmann::json& doc);

}  // namespace lsm
