#pragma once
// The request journal behind GET /__mock/requests: the newest requests with their responses,
// bounded, so an app's traffic can be inspected without a proxy.

#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "core/http.h"
#include "core/time.h"

namespace lsm {

class RequestJournal {
 public:
  explicit RequestJournal(size_t capacity = 500) : capacity_(capacity) {}
  // Called on every request: keeps plain strings (bodies cut to their first 2 KiB); the JSON is
  // built only when someone asks for it.
  void record(const HttpRequest& request, const HttpResponse& response, Millis at,
              double duration_ms);
  // Newest first, at most `limit` entries, each a MockJournalEntry of the spec.
  nlohmann::json newest(size_t limit) const;

 private:
  struct Entry {
    Millis at = 0;
    std::string method, path, query;
    int status = 0;
    double duration_ms = 0;
    std::string request_body, response_body;
    bool real_server = false;  // answered by the real server behind --proxy
  };

  size_t capacity_;
  mutable std::mutex mu_;
  std::deque<Entry> entries_;  // guarded by mu_; newest at the front
};

}  // namespace lsm
