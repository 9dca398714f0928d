#include "upstream.h"

#include <httplib.h>

namespace standin {
namespace {

bool hopByHop(const std::string& name) {
  for (const char* h : {"Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect",
                        "Keep-Alive", "Accept-Encoding", "TE", "Upgrade", "Proxy-Connection"}) {
    if (sameName(name, h)) return true;
  }
  return false;
}

std::unique_ptr<httplib::Client> client(const std::string& base) {
  auto c = std::make_unique<httplib::Client>(base);
  c->set_url_encode(false);
  c->set_decompress(false);
  c->set_keep_alive(false);
  c->set_connection_timeout(5);
  c->set_read_timeout(30);
  return c;
}

JsonReply toReply(const httplib::Result& r) {
  JsonReply out;
  if (!r) return out;
  out.status = r->status;
  out.body = nlohmann::json::parse(r->body, nullptr, false);
  return out;
}

}  // namespace

std::string JsonReply::errors() const {
  if (status == 0) return "upstream unreachable";
  std::string out = "upstream answered " + std::to_string(status);
  if (body.is_object() && body.contains("errors") && body["errors"].is_array()) {
    for (const auto& e : body["errors"])
      out += "; " + e.get<std::string>();
  }
  return out;
}

Response Upstream::forward(const Request& req, const std::string& target,
                           const Headers& headers) const {
  httplib::Request out;
  out.method = req.method;
  out.path = target;
  for (const auto& [k, v] : headers) {
    if (!hopByHop(k)) out.headers.emplace(k, v);
  }
  out.body = req.body;
  httplib::Response in;
  httplib::Error error = httplib::Error::Success;
  if (!client(base_)->send(out, in, error)) {
    return jsonResponse(502, R"({"statusCode":502,"message":"Bad Gateway","error":"Bad Gateway"})");
  }
  Response res;
  res.status = in.status;
  for (const auto& [k, v] : in.headers) {
    if (!hopByHop(k)) res.headers.emplace_back(k, v);
  }
  res.body = std::move(in.body);
  return res;
}

JsonReply Upstream::call(const std::string& method, const std::string& path, Headers headers,
                         const nlohmann::json& body) const {
  httplib::Request out;
  out.method = method;
  out.path = path;
  for (const auto& [k, v] : headers)
    out.headers.emplace(k, v);
  if (!body.is_null()) {
    out.body = body.dump();
    out.headers.emplace("Content-Type", "application/json");
  }
  httplib::Response in;
  httplib::Error error = httplib::Error::Success;
  JsonReply reply;
  if (!client(base_)->send(out, in, error)) return reply;
  reply.status = in.status;
  reply.body = nlohmann::json::parse(in.body, nullptr, false);
  return reply;
}

JsonReply Upstream::control(const std::string& method, const std::string& path,
                            const nlohmann::json& body) const {
  Headers h;
  if (!control_token_.empty()) h.emplace_back("X-Mock-Control-Token", control_token_);
  return call(method, path, h, body);
}

JsonReply Upstream::product(const std::string& method, const std::string& path,
                            const std::string& token, const nlohmann::json& body) const {
  return call(method, path, {{"Authorization", "Bearer " + token}}, body);
}

std::string Upstream::createStream(const std::string& token, const std::string& title) const {
  const httplib::MultipartFormDataItems form = {{"title", title, "", ""},
                                                {"liveStreamType", "solo", "", ""},
                                                {"interest", "music", "", ""},
                                                {"durationGoal", "30", "", ""}};
  const JsonReply r = toReply(client(base_)->Post("/api/v1/live-stream/create",
                                                  {{"Authorization", "Bearer " + token}}, form));
  if (!r.ok() || !r.body.contains("data") || !r.body["data"].is_object()) return "";
  return r.body["data"].value("id", "");
}

}  // namespace standin
