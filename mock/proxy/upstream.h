#pragma once
// --proxy: a request forwarded to the real server, as it came (method, path, query, headers,
// body bytes), and its answer. The only libcurl code of the mock. Hop-by-hop headers, Host and
// Content-Length are the transport's own and are not passed on either way; Accept-Encoding is not
// passed on, so the answer arrives unencoded and can be checked; the real server's CORS headers
// are dropped (the mock answers CORS itself, as for every route).

#include <string>
#include <variant>

#include "core/http.h"

namespace lsm {

struct UpstreamOptions {
  std::string base_url;  // "https://dev.example.com" (a path prefix is kept)
  long connect_timeout_ms = 5000;
  long total_timeout_ms = 30000;
  bool insecure = false;  // --proxy-insecure: do not verify the server's TLS certificate
};

struct UpstreamAnswer {
  int status = 0;
  Headers headers;  // without hop-by-hop, Content-Length and CORS headers
  std::string body;
};

struct UpstreamFailure {
  bool timed_out = false;  // no (complete) answer in time: 504; otherwise unreachable: 502
  std::string message;     // "connect to dev.example.com:443: Connection refused"
};

class Upstream {
 public:
  explicit Upstream(UpstreamOptions options);
  const UpstreamOptions& options() const { return options_; }

  // Thread-safe: each server thread keeps its own connection(s) to the real server.
  std::variant<UpstreamAnswer, UpstreamFailure> forward(const HttpRequest& request) const;

  // base_url + the request's path and query, percent-encoded again.
  std::string urlOf(const HttpRequest& request) const;

 private:
  UpstreamOptions options_;
};

}  // namespace lsm
