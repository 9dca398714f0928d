#include "cache/response_cache.h"

namespace lsm {

std::optional<ResponseCache::Entry> ResponseCache::find(const std::string& key,
                                                        uint64_t version) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version) return std::nullopt;
  return it->second;
}

void ResponseCache::put(const std::string& key, Entry entry) {
  std::unique_lock lock(mu_);
  // Bounded: entries of older versions are useless, and a client walking many pages cannot grow
  // it past capacity_; start over when full.
  if (entries_.size() >= capacity_ && !entries_.count(key)) entries_.clear();
  entries_[key] = std::move(entry);
}

namespace {

// Length-prefixed, so no path or query value can make two requests share a key.
void appendPart(std::string* key, const std::string& part) {
  *key += std::to_string(part.size());
  *key += ':';
  *key += part;
}

}  // namespace

std::string ResponseCache::keyOf(const std::string& operation_id, const std::string& caller,
                                 const HttpRequest& request) {
  std::string key;
  appendPart(&key, operation_id);
  appendPart(&key, caller);
  appendPart(&key, request.path);
  for (const auto& [name, value] : request.query) {
    appendPart(&key, name);
    appendPart(&key, value);
  }
  return key;
}

std::string successEnvelopeText(int status, const std::string& data_json, Millis now) {
  std::string out;
  out.reserve(data_json.size() + 96);
  out += "{\"data\":";
  out += data_json;
  out += ",\"errors\":[],\"isSuccess\":true,\"statusCode\":";
  out += std::to_string(status);
  out += ",\"timestamp\":\"";
  out += formatIsoMillis(now);
  out += "\"}";
  return out;
}

}  // namespace lsm
