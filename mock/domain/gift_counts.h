#pragma once
// How many gifts a stream received, in total and per active gift type.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/model.h"

namespace lsm {

struct GiftTypeCount {
  const GiftType* type = nullptr;
  int64_t count = 0;
};

struct GiftCounts {
  int64_t total = 0;                 // every gift sent to the stream, of any gift type
  std::vector<GiftTypeCount> items;  // every active gift type, in catalogue order, zeros included
};

// Errors: 404 no such (or a deleted) stream.
Result<GiftCounts> countGifts(const State& s, const std::string& stream_id);

// {streamId, totalCount, items: [{giftTypeId, name, iconUrl, count}]}, as the API shows it.
nlohmann::json giftCountsView(const std::string& stream_id, const GiftCounts& counts);

}  // namespace lsm
