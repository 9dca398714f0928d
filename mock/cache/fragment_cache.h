#pragma once
// Remembered parts of answers (core/json_fragment.h). A chat history page changes with every
// message posted, so the response cache (cache/response_cache.h) cannot keep it; but the
// messages on it do not change: each is built, validated against its schema and serialised once,
// and every page that shows it copies the text. On the bench's mixed workload, building,
// validating and writing the messages of history pages had been over a quarter of the mock's CPU.
//
// An entry is found by a key naming everything its value is made from that `version` does not
// cover (for a chat message: the message itself; the version covers its sender's snapshot), and
// by the schema it was checked against. Bounded; starts over when full.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "validation/schema.h"

namespace lsm {

class FragmentCache {
 public:
  explicit FragmentCache(size_t capacity) : capacity_(capacity) {}
  bool enabled() const { return capacity_ > 0; }

  // The fragment remembered for `key` at `version` and `schema`, or else make()'s value: checked
  // against `schema` when it is valid, serialised, remembered, and returned as a fragment. A
  // value that breaks its schema is returned as it is and not remembered, so the answer's own
  // validation reports it at its place. Disabled, make()'s value as it is.
  template <typename Make>
  nlohmann::json get(const std::string& key, uint64_t version, const Schema& schema, Make&& make) {
    if (!enabled()) return make();
    if (auto hit = find(key, version, schema.node())) return *std::move(hit);
    return remember(key, version, schema, make());
  }

  size_t size() const;

 private:
  struct Entry {
    uint64_t version = 0;
    const void* checked_against = nullptr;
    std::string text;
  };
  std::optional<nlohmann::json> find(const std::string& key, uint64_t version,
                                     const void* checked_against) const;
  nlohmann::json remember(const std::string& key, uint64_t version, const Schema& schema,
                          nlohmann::json value);

  size_t capacity_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace lsm
