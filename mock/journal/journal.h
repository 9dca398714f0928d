#pragma once
// The request journal behind GET /__mock/requests: the newest requests with their responses,
// bounded, so an app's traffic can be inspected without a proxy.

#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/http.h"
#include "core/time.h"

namespace lsm {

class RequestJournal {
 public:
  explicit RequestJournal(size_t capacity = 500) : capacity_(capacity) {}
  void record(const HttpRequest& request, const HttpResponse& response, Millis at,
              double duration_ms);
  // Newest first, at most `limit` entries, each a MockJournalEntry of the spec.
  nlohmann::json newest(size_t limit) const;

 private:
  size_t capacity_;
  mutable std::mutex mu_;
  std::deque<nlohmann::json> entries_;  // guarded by mu_; newest at the front
};

}  // namespace lsm
