#pragma once
// The suite's only way to the server (libcurl: HTTPS, timeouts, the usual proxy variables).
// It enforces production safety itself: against a production target a mutating request is never
// sent unless writes were explicitly allowed, so no test can get around it.

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/http.h"

namespace contract {

struct FilePart {
  std::string name, filename, content_type, bytes;
};

struct HttpCall {
  std::string method = "GET";
  std::string path;  // with the query string
  lsm::Headers headers;
  std::string body;                                                      // raw body (JSON text)
  std::optional<std::vector<std::pair<std::string, std::string>>> form;  // multipart fields
  std::vector<FilePart> files;                                           // multipart files
};

struct HttpResult {
  bool sent = false;
  bool refused = false;  // not sent: production guard
  std::string error;     // transport error (connection refused, timeout, TLS...)
  int status = 0;
  lsm::Headers headers;
  std::string body;
  std::optional<nlohmann::json> json;  // when the body parses as JSON

  std::optional<std::string> header(const std::string& name) const;
};

class HttpClient {
 public:
  HttpClient(std::string base_url, bool production, bool allow_production_writes, long timeout_ms);
  HttpResult send(const HttpCall& call);
  // Mutating requests this client refused to send (for the report).
  std::vector<std::string> refusals() const;
  bool isMutating(const std::string& method) const;
  // Sent as X-Mock-Control-Token on every /__mock/ request (a mock run with --control-token).
  void setControlToken(std::string token) { control_token_ = std::move(token); }

 private:
  std::string base_url_;
  bool production_, allow_writes_;
  long timeout_ms_;
  std::string control_token_;
  mutable std::mutex mu_;
  std::vector<std::string> refusals_;  // guarded by mu_
};

}  // namespace contract
