#include "domain/records.h"

#include <algorithm>

#include "domain/paging.h"

namespace lsm {

using nlohmann::json;

namespace {

std::string textOf(const json& record, const char* key) {
  auto it = record.find(key);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Newest first by createdAt (the stored ISO-8601 UTC texts sort as their times), then by _id.
RecordPage pageOf(std::vector<const json*> records, int64_t page, int64_t limit) {
  std::stable_sort(records.begin(), records.end(), [](const json* a, const json* b) {
    const std::string ta = textOf(*a, "createdAt"), tb = textOf(*b, "createdAt");
    if (ta != tb) return ta > tb;
    return textOf(*a, "_id") > textOf(*b, "_id");
  });
  RecordPage out;
  out.total = static_cast<int64_t>(records.size());
  const PageWindow w = pageWindow(page, limit, records.size());
  for (size_t i = w.begin; i < w.end; ++i)
    out.list.push_back(records[i]);
  return out;
}

}  // namespace

Result<RecordPage> listContacts(const State& s, int64_t page_number, int64_t limit) {
  std::vector<const json*> all;
  for (const auto& c : s.contacts)
    all.push_back(&c);
  return pageOf(std::move(all), page_number, limit);
}

Result<RecordPage> listConsents(const State& s, const std::string& user_id, int64_t page_number,
                                int64_t limit) {
  std::vector<const json*> own;
  for (const auto& c : s.consents) {
    if (textOf(c, "userId") == user_id) own.push_back(&c);
  }
  return pageOf(std::move(own), page_number, limit);
}

}  // namespace lsm
