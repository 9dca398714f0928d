#pragma once
// Every JSON text the mock parses (request bodies, JSON form fields and query values, state
// imports, the state file, fixtures, --spec) goes through here: its nesting is measured before
// nlohmann builds anything, so no recursive walk of a parsed value (nlohmann's dump and
// comparisons, the schema validator, the JSON writer, the state import) can run off the stack.
// nlohmann's parser itself does not recurse; everything after it does.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace lsm {

// The deepest nesting of arrays and objects accepted in any JSON the mock reads. The spec's own
// document nests about 20 deep, a request body 3; a client that sends more is not a client of
// this API. The one limit for every input.
inline constexpr size_t kMaxJsonDepth = 64;

// What recursive walks over values the mock builds itself allow (the response envelope wraps
// client data, a schema's allOf/$ref chains add levels): far above any real value, far below the
// stack. Past it a walk refuses instead of recursing.
inline constexpr size_t kMaxWalkDepth = 4 * kMaxJsonDepth;

// "nested deeper than 64 levels"
std::string depthMessage(size_t limit = kMaxJsonDepth);

// The deepest nesting of arrays and objects in `text` (brackets inside strings do not count),
// counting no further than `stop_after + 1`. Exact for valid JSON; for invalid text never less
// than what nlohmann's parser builds before it finds the error.
size_t jsonNestingDepth(std::string_view text, size_t stop_after = kMaxJsonDepth);

// Parses `text`. Errors (kInvalidArgument, one detail without a field name, so callers prefix
// theirs): "nested deeper than 64 levels", "is not valid JSON (at byte N)", "has a number out of
// range". `callback` as nlohmann's parser_callback_t (may be null).
Result<nlohmann::json> parseJson(std::string_view text,
                                 const nlohmann::json::parser_callback_t& callback = nullptr);

}  // namespace lsm
