#include "domain/gift_counts.h"
#include "handlers/handler.h"

namespace lsm {

using nlohmann::json;

Result<Reply> getLiveStreamGiftCounts(Call& c) {
  const std::string& id = c.in.path.at("id");
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    auto counts = countGifts(s, id);
    if (!counts) return counts.error();
    return Reply{200, giftCountsView(id, *counts), std::nullopt};
  });
}

}  // namespace lsm
