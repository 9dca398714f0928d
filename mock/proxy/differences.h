#pragma once
// How a real server's answer differs from the spec, fact by fact, classified as the contract
// suite classifies its findings: a documented fact broken (an error) or a decided (x-inferred)
// fact answered differently (drift). An undocumented status, a non-JSON answer where JSON is
// documented, and a body that breaks a documented rule are documented differences; a field the
// spec does not name (additionalProperties: false is our decision: the pages never say "no other
// fields") and a broken rule under x-inferred are decided ones.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "spec/spec.h"

namespace lsm {

struct Difference {
  bool documented = true;  // false: a decided fact
  // Prism's sl-violations location: ["response", "body", "data", "title"].
  std::vector<std::string> location;
  std::string code;     // "status", "content-type", "json", "schema", "additionalProperties"
  std::string message;  // "data.title: must be string"
  // What the difference is about, the same for every answer that differs the same way
  // ("200 data.list[].sender._id: must match ..."): the key the drift log groups by.
  std::string fact;
};

std::vector<Difference> responseDifferences(const Spec& spec, const Operation& op, int status,
                                            const std::string& content_type,
                                            const std::string& body);
// The same with the body already parsed (parseJson's result; read only when the answer's media
// type is JSON).
std::vector<Difference> responseDifferences(const Spec& spec, const Operation& op, int status,
                                            const std::string& content_type,
                                            const Result<nlohmann::json>& parsed);

// The sl-violations header's value: [{location, severity (Error | Warning), code, message}].
std::string slViolations(const std::vector<Difference>& differences);

}  // namespace lsm
