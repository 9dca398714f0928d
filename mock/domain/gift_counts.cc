#include "domain/gift_counts.h"

#include <map>

namespace lsm {

Result<GiftCounts> countGifts(const State& s, const std::string& stream_id) {
  if (!s.liveStream(stream_id)) return Error::notFound("stream " + stream_id + " does not exist");
  std::map<std::string, int64_t> by_type;
  GiftCounts out;
  for (const auto& g : s.gifts) {
    if (g.stream_id != stream_id) continue;
    ++out.total;
    ++by_type[g.gift_type_id];
  }
  for (const auto& t : s.gift_types) {
    if (!t.active) continue;
    auto it = by_type.find(t.id);
    out.items.push_back({&t, it == by_type.end() ? 0 : it->second});
  }
  return out;
}

nlohmann::json giftCountsView(const std::string& stream_id, const GiftCounts& counts) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : counts.items) {
    items.push_back({{"giftTypeId", item.type->id},
                     {"name", item.type->name},
                     {"iconUrl", item.type->icon_url},
                     {"count", item.count}});
  }
  return {{"streamId", stream_id}, {"totalCount", counts.total}, {"items", std::move(items)}};
}

}  // namespace lsm
