#pragma once
// The suite's only way to the server (libcurl: HTTPS, timeouts, the usual proxy variables).
// - Production safety: against a production target a mutating request is never sent unless
//   writes were explicitly allowed, so no test can get around it.
// - Throttling: requests are paced (--max-rps), a 429 (or a 503 with Retry-After) is retried after
//   the time the server asks for, a bounded number of times, and slows the pace down; a request
//   still throttled after that is marked `throttled`, which the suite reports as "not verified",
//   never as a contract failure.
// - Interruption: after stop() only cleanup calls are sent; waitIdle() waits for calls in flight.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
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
  std::string path;  // with the query string; an absolute http(s) URL is sent as it is
  lsm::Headers headers;
  std::string body;                                                      // raw body (JSON text)
  std::optional<std::vector<std::pair<std::string, std::string>>> form;  // multipart fields
  std::vector<FilePart> files;                                           // multipart files
  bool cleanup = false;  // removes what the run made: sent even after stop()

  std::string line() const;  // "POST /api/v1/live-stream/create"
};

struct HttpResult {
  bool sent = false;
  bool refused = false;      // not sent: production guard
  bool interrupted = false;  // not sent: the run is stopping
  bool throttled = false;    // still 429 (or 503 + Retry-After) after every retry
  std::string error;         // transport error (connection refused, timeout, TLS...)
  int status = 0;
  int attempts = 0;
  lsm::Headers headers;
  std::string body;
  std::optional<nlohmann::json> json;  // when the body parses as JSON

  std::optional<std::string> header(const std::string& name) const;
};

struct ClientOptions {
  std::string base_url;
  bool production = false;
  bool allow_production_writes = false;
  long timeout_ms = 10000;
  double max_rps = 0;   // 0: no pacing until the server throttles
  int max_retries = 6;  // per request
};

struct ClientStats {
  size_t requests = 0;   // sent over the wire, retries included
  size_t throttled = 0;  // 429 / 503 answers that were retried or gave up
  size_t gave_up = 0;    // requests still throttled after every retry
  double waited_seconds = 0;
};

class HttpClient {
 public:
  explicit HttpClient(ClientOptions options);
  HttpResult send(const HttpCall& call);
  // Called after every answered call, before send() returns (the ledger records streams here,
  // so a stream is on it before the run can be interrupted).
  void setResponseHook(std::function<void(const HttpCall&, const HttpResult&)> hook) {
    hook_ = std::move(hook);
  }
  // Mutating requests this client refused to send (for the report).
  std::vector<std::string> refusals() const;
  bool isMutating(const std::string& method) const;
  // Sent as X-Mock-Control-Token on every /__mock/ request (a mock run with --control-token).
  void setControlToken(std::string token) { control_token_ = std::move(token); }
  const std::string& baseUrl() const { return options_.base_url; }
  ClientStats stats() const;

  void stop();  // from now on only cleanup calls are sent
  bool stopping() const;
  // Waits until no non-cleanup call is in flight; false on timeout.
  bool waitIdle(std::chrono::milliseconds timeout);

 private:
  HttpResult perform(const HttpCall& call);
  void pace();                                                  // waits for the next slot
  void slowDown();                                              // after a 429
  std::optional<double> retryAfter(const HttpResult& r) const;  // seconds

  ClientOptions options_;
  std::string control_token_;
  std::function<void(const HttpCall&, const HttpResult&)> hook_;
  mutable std::mutex mu_;
  std::condition_variable idle_;
  std::vector<std::string> refusals_;                         // guarded by mu_
  bool stopping_ = false;                                     // guarded by mu_
  int in_flight_ = 0;                                         // guarded by mu_ (non-cleanup calls)
  std::chrono::steady_clock::time_point next_slot_{};         // guarded by mu_
  double interval_ms_ = 0;                                    // guarded by mu_
  std::deque<std::chrono::steady_clock::time_point> recent_;  // guarded by mu_: last second
  ClientStats stats_;                                         // guarded by mu_
};

}  // namespace contract
