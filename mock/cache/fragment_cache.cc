#include "cache/fragment_cache.h"

#include <mutex>

#include "core/json_fragment.h"
#include "core/json_writer.h"

namespace lsm {

using nlohmann::json;

std::optional<json> FragmentCache::find(const std::string& key, uint64_t version,
                                        const void* checked_against) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.version != version ||
      it->second.checked_against != checked_against) {
    return std::nullopt;
  }
  return jsonFragment(it->second.text, checked_against);
}

json FragmentCache::remember(const std::string& key, uint64_t version, const Schema& schema,
                             json value) {
  if (schema.valid() && !schema.validate(value, nullptr)) return value;
  Entry entry{version, schema.node(), toJson(value)};
  json fragment = jsonFragment(entry.text, entry.checked_against);
  std::unique_lock lock(mu_);
  if (entries_.size() >= capacity_ && !entries_.count(key)) entries_.clear();
  entries_[key] = std::move(entry);
  return fragment;
}

size_t FragmentCache::size() const {
  std::shared_lock lock(mu_);
  return entries_.size();
}

}  // namespace lsm
