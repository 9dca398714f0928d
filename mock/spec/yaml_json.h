#pragma once
// YAML -> JSON, with YAML 1.2 core-schema scalar resolution. yaml-cpp 0.7 hands every scalar back
// as a string (and its as<bool>() takes yes/no/on), so quoted scalars stay strings and plain ones
// are resolved here: null, true/false, integers, floats; everything else is a string.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace lsm {

// Parses a YAML document; a syntax error names the line and column.
Result<nlohmann::json> yamlToJson(std::string_view yaml_text);

}  // namespace lsm
