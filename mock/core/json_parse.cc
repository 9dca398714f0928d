#include "core/json_parse.h"

namespace lsm {

using nlohmann::json;

std::string depthMessage(size_t limit) {
  return "nested deeper than " + std::to_string(limit) + " levels";
}

size_t jsonNestingDepth(std::string_view text, size_t stop_after) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, whatever it is, ends no string
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stop_after) return deepest;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

Result<json> parseJson(std::string_view text, const json::parser_callback_t& callback) {
  if (jsonNestingDepth(text) > kMaxJsonDepth) return Error::invalid(depthMessage());
  try {
    return json::parse(text.begin(), text.end(), callback);
  } catch (const json::parse_error& e) {
    return Error::invalid("is not valid JSON (at byte " + std::to_string(e.byte) + ")");
  } catch (const json::out_of_range&) {
    // 1e400: valid JSON text, but no double holds it.
    return Error::invalid("has a number out of range");
  }
}

}  // namespace lsm
