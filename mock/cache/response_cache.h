#pragma once
// Remembered answers to reads. A GET of an operation whose answer depends only on the state, the
// caller and the request (handlers/table.cc: cachedReadAspects) is answered from here while the
// version of the state it is made from has not moved since the answer was made: a frontend polling
// the same page costs no JSON building, validation or serialisation. The remembered `data` was
// validated against the spec when it was made; only the envelope's timestamp is new on each
// answer. A write moves the versions of the aspects it declares (domain/aspects.h; a reset, a
// state upload and a fixture reload move all of them), so a chat message keeps the viewer lists
// remembered and nothing stale is served.

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "core/http.h"
#include "core/time.h"

namespace lsm {

class ResponseCache {
 public:
  struct Entry {
    uint64_t version = 0;  // the store's version the answer was made at
    int status = 200;
    std::string data_json;  // the envelope's "data", serialised
  };

  explicit ResponseCache(size_t capacity) : capacity_(capacity) {}
  bool enabled() const { return capacity_ > 0; }

  // The entry for `key` if it was made at `version`.
  std::optional<Entry> find(const std::string& key, uint64_t version) const;
  void put(const std::string& key, Entry entry);

  // The key of a request: operation, caller, path and query (in the order sent).
  static std::string keyOf(const std::string& operation_id, const std::string& caller,
                           const HttpRequest& request);

 private:
  size_t capacity_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

// {"data":DATA,"errors":[],"isSuccess":true,"statusCode":STATUS,"timestamp":"..."}: byte for byte
// what serialising envelope/successEnvelope(status, data, now) writes.
std::string successEnvelopeText(int status, const std::string& data_json, Millis now);

}  // namespace lsm
