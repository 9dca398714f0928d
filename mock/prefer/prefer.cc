#include "prefer/prefer.h"

#include <cctype>

#include "core/text.h"

namespace lsm {

namespace {

std::optional<int> parseNonNegative(const std::string& s, int max) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v > max) return std::nullopt;
  return v;
}

std::string documentedCodes(const Operation& op) {
  std::string out;
  for (int status : op.statuses())
    out += (out.empty() ? "" : ", ") + std::to_string(status);
  return out;
}

}  // namespace

Result<Preference> parsePrefer(std::string_view header) {
  Preference p;
  size_t pos = 0;
  while (pos <= header.size()) {
    size_t end = header.find_first_of(",;", pos);
    if (end == std::string_view::npos) end = header.size();
    std::string item = trimWhitespace(header.substr(pos, end - pos));
    pos = end + 1;
    if (item.empty()) continue;
    size_t eq = item.find('=');
    std::string name = trimWhitespace(item.substr(0, eq));
    std::string value = eq == std::string::npos ? "" : trimWhitespace(item.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (name == "code") {
      auto code = parseNonNegative(value, 599);
      if (!code || *code < 100) return Error::invalid("Prefer: code must be an HTTP status");
      p.code = code;
    } else if (name == "example") {
      if (value.empty()) return Error::invalid("Prefer: example needs a name");
      p.example = value;
    } else if (name == "delay") {
      auto delay = parseNonNegative(value, 60000);
      if (!delay) return Error::invalid("Prefer: delay must be 0 to 60000 milliseconds");
      p.delay_ms = *delay;
    }
  }
  return p;
}

Result<ForcedResponse> forcedResponse(const Operation& op, const Preference& preference) {
  auto examplesOf = [](const ResponseSpec& r) -> const nlohmann::json* {
    auto media = r.content.find("application/json");
    return media == r.content.end() ? nullptr : &media->second.examples;
  };
  if (preference.code) {
    const ResponseSpec* r = op.response(*preference.code);
    if (!r) {
      return Error::invalid("Prefer: code " + std::to_string(*preference.code) +
                            " is not documented for " + op.id +
                            "; documented: " + documentedCodes(op));
    }
    const nlohmann::json* examples = examplesOf(*r);
    if (!examples || examples->empty()) {
      return Error::invalid("Prefer: the " + std::to_string(*preference.code) + " response of " +
                            op.id + " has no JSON example");
    }
    if (preference.example) {
      if (!examples->contains(*preference.example)) {
        return Error::invalid("Prefer: no example '" + *preference.example + "' for " + op.id +
                              " " + std::to_string(*preference.code));
      }
      return ForcedResponse{*preference.code, (*examples)[*preference.example]};
    }
    return ForcedResponse{*preference.code, examples->begin().value()};
  }
  // example=NAME alone: the first documented response that has it.
  std::string names;
  for (const auto& [status, r] : op.responses) {
    const nlohmann::json* examples = examplesOf(r);
    if (!examples) continue;
    if (examples->contains(*preference.example)) {
      return ForcedResponse{status, (*examples)[*preference.example]};
    }
    for (const auto& [name, _] : examples->items())
      names += (names.empty() ? "" : ", ") + name;
  }
  return Error::invalid("Prefer: no example '" + *preference.example + "' for " + op.id +
                        "; its examples: " + names);
}

}  // namespace lsm
