#pragma once
// The backing livestream-mock, reached with cpp-httplib's client: product requests forwarded as
// they came, and the mock's control routes (with its control token) for the state provider and
// the background users.

#include <nlohmann/json.hpp>
#include <string>

#include "http_wire.h"

namespace standin {

struct JsonReply {
  int status = 0;  // 0: the upstream could not be reached
  nlohmann::json body;
  bool ok() const { return status >= 200 && status < 300; }
  std::string errors() const;  // the envelope's errors, joined, for messages
};

class Upstream {
 public:
  Upstream(std::string base_url, std::string control_token)
      : base_(std::move(base_url)), control_token_(std::move(control_token)) {}

  // Sends `req` with `target` and `headers` instead of its own; hop-by-hop headers are dropped.
  Response forward(const Request& req, const std::string& target, const Headers& headers) const;
  // A /__mock/ route with a JSON body (or none).
  JsonReply control(const std::string& method, const std::string& path,
                    const nlohmann::json& body = nullptr) const;
  // A product route as a user with `token`.
  JsonReply product(const std::string& method, const std::string& path, const std::string& token,
                    const nlohmann::json& body = nullptr) const;
  // createLiveStream (multipart) as a user; the new stream's id, "" when refused.
  std::string createStream(const std::string& token, const std::string& title) const;

 private:
  JsonReply call(const std::string& method, const std::string& path, Headers headers,
                 const nlohmann::json& body) const;

  std::string base_;
  std::string control_token_;
};

}  // namespace standin
