#pragma once
// A part of a JSON answer that is already serialised, and already validated against one node of
// the spec's schema: a chat message of a history page, made once and reused on every page that
// shows it (cache/fragment_cache.h). It travels inside an ordinary nlohmann::json as a binary
// value, which no JSON text ever parses into:
//   - the JSON writer (core/json_writer.h) copies its text into the answer;
//   - the schema validator (validation/schema.h) accepts it where the schema it was checked
//     against applies, and anywhere else parses its text and validates that, so a fragment never
//     passes a check it did not pass when it was made.

#include <nlohmann/json.hpp>
#include <string_view>

namespace lsm {

// `text` must be one JSON value as core/json_writer writes it. `checked_against` names the schema
// node it conforms to (validation/schema.h: Schema::node()), or is null when it was not checked.
nlohmann::json jsonFragment(std::string_view text, const void* checked_against);

bool isJsonFragment(const nlohmann::json& value);
// Both only for a value isJsonFragment accepts.
std::string_view fragmentText(const nlohmann::json& value);
const void* fragmentCheckedAgainst(const nlohmann::json& value);

}  // namespace lsm
