#include "domain/gift_counts.h"
#include "handlers/handler.h"

namespace lsm {

using nlohmann::json;

Result<Reply> getLiveStreamGiftCounts(Call& c) {
  const std::string& id = c.in.path.at("id");
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    auto counts = countGifts(s, id);
    if (!counts) return counts.error();
    json items = json::array();
    for (const auto& item : counts->items) {
      items.push_back({{"giftTypeId", item.type->id},
                       {"name", item.type->name},
                       {"iconUrl", item.type->icon_url},
                       {"count", item.count}});
    }
    return Reply{200,
                 {{"streamId", id}, {"totalCount", counts->total}, {"items", std::move(items)}},
                 std::nullopt};
  });
}

}  // namespace lsm
