#pragma once
// Loads a fixtures directory into a State. Every file is checked against its definition in
// schemas/fixtures.schema.json and every reference against the records it names; the first
// problem stops the load with the file and the JSON path ("fixtures/users.json at $[3].username:
// must be a string"). Timestamps are shifted by (now - meta.referenceTime), so "started 45 minutes
// ago" stays true whenever the mock starts.

#include <string>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

Result<State> loadFixtures(const std::string& directory, Millis now);

}  // namespace lsm
