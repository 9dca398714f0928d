#include "proxy/differences.h"

#include <cctype>
#include <set>

#include "core/http.h"
#include "core/json_parse.h"

namespace lsm {

using nlohmann::json;

namespace {

// "data.list[3].sender" -> ["data", "list", "3", "sender"].
std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> out;
  std::string part;
  for (char c : path) {
    if (c == '.' || c == '[' || c == ']') {
      if (!part.empty()) out.push_back(std::move(part));
      part.clear();
    } else {
      part += c;
    }
  }
  if (!part.empty()) out.push_back(std::move(part));
  return out;
}

Difference make(bool documented, std::vector<std::string> location, std::string code,
                std::string message, std::string fact) {
  return Difference{documented, std::move(location), std::move(code), std::move(message),
                    std::move(fact)};
}

}  // namespace

std::vector<Difference> responseDifferences(const Spec& spec, const Operation& op, int status,
                                            const std::string& content_type,
                                            const std::string& body) {
  return responseDifferences(spec, op, status, content_type, parseJson(body));
}

std::vector<Difference> responseDifferences(const Spec& spec, const Operation& op, int status,
                                            const std::string& content_type,
                                            const Result<nlohmann::json>& parsed) {
  std::vector<Difference> out;
  const std::string code = std::to_string(status);
  const ResponseSpec* documented = op.response(status);
  if (!documented && spec.isServerStatus(status)) documented = spec.serverResponse();
  if (!documented) {
    // A success answered with another success status, where every documented success status is
    // decided (the pages give none: "POST succeeds with 201" is ours), is drift.
    bool decided_success = false;
    if (status >= 200 && status < 300) {
      decided_success = true;
      bool any = false;
      for (const int s : op.statuses()) {
        if (s < 200 || s >= 300) continue;
        any = true;
        if (!op.inferred && !op.response(s)->inferred) decided_success = false;
      }
      decided_success = decided_success && any;
    }
    out.push_back(make(!decided_success, {"response", "statusCode"}, "status",
                       "status " + code + " is not documented for " + op.id,
                       "answers only the statuses it documents (" + code + ")"));
    return out;
  }
  if (documented->content.empty()) return out;
  const std::string media = mediaTypeOf(content_type);
  auto it = documented->content.find(media);
  if (it == documented->content.end()) {
    out.push_back(
        make(true, {"response", "headers", "content-type"}, "content-type",
             "Content-Type '" + content_type + "' is not documented for " + op.id + " " + code,
             code + " Content-Type " + (media.empty() ? "(none)" : media)));
    return out;
  }
  if (media != "application/json") return out;
  if (!parsed) {
    out.push_back(make(true, {"response", "body"}, "json",
                       "the body is not JSON: " + parsed.error().details.at(0),
                       code + " a JSON body"));
    return out;
  }
  const bool response_decided = op.inferred || documented->inferred;
  std::vector<Violation> violations;
  it->second.schema.validate(*parsed, &violations);
  std::set<std::string> facts;  // one difference per fact: the first item that shows it
  for (const auto& v : violations) {
    std::vector<std::string> location = {"response", "body"};
    for (auto& p : splitPath(v.path))
      location.push_back(std::move(p));
    const std::string where = v.path.empty() ? "body" : v.path;
    std::string fact = code + " " + factPath(where) + ": " +
                       (v.extra_field ? "no fields beyond the documented ones" : v.message);
    if (!facts.insert(fact).second) continue;
    if (v.extra_field) {
      out.push_back(make(false, std::move(location), "additionalProperties",
                         where + ": " + v.message, std::move(fact)));
    } else {
      out.push_back(make(!(v.inferred || response_decided), std::move(location), "schema",
                         where + ": " + v.message, std::move(fact)));
    }
  }
  return out;
}

std::string slViolations(const std::vector<Difference>& differences) {
  // Bounded, so no client refuses the answer for its headers (Node's limit is 16 KiB in all):
  // the rest is in GET /__mock/drift.
  constexpr size_t kMaxBytes = 8 * 1024;
  json out = json::array();
  size_t bytes = 2;
  for (size_t i = 0; i < differences.size(); ++i) {
    const auto& d = differences[i];
    json item = {{"location", d.location},
                 {"severity", d.documented ? "Error" : "Warning"},
                 {"code", d.code},
                 {"message", d.message}};
    const size_t size = item.dump(-1, ' ', false, json::error_handler_t::replace).size() + 1;
    if (bytes + size > kMaxBytes - 200) {
      out.push_back({{"location", json::array({"response"})},
                     {"severity", "Warning"},
                     {"code", "truncated"},
                     {"message", std::to_string(differences.size() - i) +
                                     " more differences; see GET /__mock/drift"}});
      break;
    }
    bytes += size;
    out.push_back(std::move(item));
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace lsm
