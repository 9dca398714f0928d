#include "alterations.h"

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

namespace standin {
namespace {

using nlohmann::json;

bool isCancel(const Request& req) {
  static const std::regex cancel("^/api/v1/live-stream/[^/]+/cancel$");
  return req.method == "POST" && std::regex_match(req.path(), cancel);
}

bool dropApplies(const DropField& d, const Request& req) {
  return (d.method.empty() || d.method == req.method) &&
         req.path().find(d.path_part) != std::string::npos;
}

void addMongoFields(json& value) {
  if (value.is_array()) {
    for (auto& item : value)
      addMongoFields(item);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, item] : value.items())
    addMongoFields(item);
  if (value.contains("_id") || value.contains("id")) {
    if (!value.contains("__v")) value["__v"] = 0;
    if (!value.contains("deletedAt")) value["deletedAt"] = nullptr;
  }
}

void eraseDotted(json& item, const std::string& field) {
  const size_t dot = field.find('.');
  if (!item.is_object()) return;
  if (dot == std::string::npos) {
    item.erase(field);
    return;
  }
  auto child = item.find(field.substr(0, dot));
  if (child != item.end()) eraseDotted(*child, field.substr(dot + 1));
}

void dropField(json& data, const std::string& field) {
  json* items = &data;
  if (data.is_object() && data.contains("list") && data["list"].is_array()) items = &data["list"];
  if (items->is_array()) {
    for (auto& item : *items)
      eraseDotted(item, field);
  } else {
    eraseDotted(*items, field);
  }
}

bool hasQueryKey(const std::string& query, const std::string& key) {
  std::stringstream in(query);
  std::string pair;
  while (std::getline(in, pair, '&')) {
    if (pair.substr(0, pair.find('=')) == key) return true;
  }
  return false;
}

}  // namespace

std::optional<DropField> parseDropField(const std::string& spec) {
  const size_t colon = spec.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) return std::nullopt;
  DropField d;
  d.field = spec.substr(colon + 1);
  d.path_part = spec.substr(0, colon);
  const size_t space = d.path_part.find(' ');
  if (space != std::string::npos) {
    d.method = d.path_part.substr(0, space);
    d.path_part = d.path_part.substr(space + 1);
  }
  if (d.path_part.empty()) return std::nullopt;
  return d;
}

std::string upstreamTarget(const Alterations& a, const Request& req) {
  if (!a.decided_differences || req.method != "GET" || req.path() != "/api/v1/contacts" ||
      hasQueryKey(req.query(), "limit")) {
    return req.target;
  }
  return req.query().empty() ? req.target + "?limit=10" : req.target + "&limit=10";
}

void alterResponse(const Alterations& a, const Request& req, Response& res) {
  if (headerValue(res.headers, "Content-Type").find("json") == std::string::npos) return;
  const bool cancel_200 = a.decided_differences && res.status == 201 && isCancel(req);
  const bool bare_400 = a.decided_differences && res.status == 400;
  const bool extra = a.extra_fields && res.status < 300;
  bool drop = false;
  for (const auto& d : a.drops)
    drop = drop || dropApplies(d, req);
  if (!cancel_200 && !bare_400 && !extra && !drop) return;

  json body = json::parse(res.body, nullptr, false);
  if (!body.is_object()) return;
  if (cancel_200) {
    res.status = 200;
    body["statusCode"] = 200;
  }
  if (bare_400 && body.contains("errors") && body["errors"].is_array() && !body["errors"].empty() &&
      body["errors"][0] == "Validation failed") {
    body["errors"] = json::array({"Validation failed"});
  }
  if (body.contains("data")) {
    for (const auto& d : a.drops) {
      if (dropApplies(d, req)) dropField(body["data"], d.field);
    }
    if (extra) addMongoFields(body["data"]);
  }
  res.body = body.dump();
}

}  // namespace standin
