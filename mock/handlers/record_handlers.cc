#include "domain/records.h"
#include "domain/views.h"
#include "handlers/handler.h"

namespace lsm {

using nlohmann::json;

namespace {

Reply pageReply(const RecordPage& records, int64_t page, int64_t limit) {
  json list = json::array();
  for (const json* r : records.list)
    list.push_back(*r);
  return Reply{
      200,
      {{"list", std::move(list)}, {"pagination", paginationView(page, limit, records.total)}},
      std::nullopt};
}

}  // namespace

Result<Reply> listContacts(Call& c) {
  const int64_t page = intOr(c.in.query, "page", 1);
  const int64_t limit = intOr(c.in.query, "limit", 20);
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    auto records = lsm::listContacts(s, page, limit);
    if (!records) return records.error();
    return pageReply(*records, page, limit);
  });
}

Result<Reply> getConsentHistory(Call& c) {
  const int64_t page = intOr(c.in.query, "page", 1);
  const int64_t limit = intOr(c.in.query, "limit", 20);
  return c.services.store.read([&](const State& s) -> Result<Reply> {
    auto records = listConsents(s, c.caller_id, page, limit);
    if (!records) return records.error();
    return pageReply(*records, page, limit);
  });
}

}  // namespace lsm
